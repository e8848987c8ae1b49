from django.contrib import admin

from threats.models import ChiefOfficerPost, Department, NationalThreat, SprEdition


@admin.register(SprEdition)
class SprEditionAdmin(admin.ModelAdmin):
    list_display = ["title", "year", "published_on"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "cross_cutting"]
    filter_horizontal = ["leads"]


@admin.register(ChiefOfficerPost)
class ChiefOfficerPostAdmin(admin.ModelAdmin):
    list_display = ["title", "holder"]


@admin.register(NationalThreat)
class NationalThreatAdmin(admin.ModelAdmin):
    list_display = ["name", "owning_department", "chief_officer_lead", "added_in", "retired_in"]
    list_filter = ["added_in", "owning_department"]
    prepopulated_fields = {"slug": ["name"]}

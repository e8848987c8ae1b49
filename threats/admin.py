from django.contrib import admin

from threats.models import ChiefOfficerPost, Department, NationalThreat, SprEdition, ThreatName


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


class ThreatNameInline(admin.TabularInline):
    """How each edition words the threat. A new edition that renames it adds a row here;
    the rows of earlier editions keep every past quarter and paper as it was."""

    model = ThreatName
    extra = 1
    verbose_name = "name under an SPR edition"
    verbose_name_plural = "names under each SPR edition"


@admin.register(NationalThreat)
class NationalThreatAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "owning_department",
        "chief_officer_lead",
        "added_in",
        "retired_in",
        "succeeds",
    ]
    list_filter = ["added_in", "owning_department"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ThreatNameInline]

    def save_related(self, request, form, formsets, change):
        """A new threat is worded by the edition that adds it unless a row says otherwise."""
        super().save_related(request, form, formsets, change)
        threat = form.instance
        if not threat.names.filter(edition=threat.added_in).exists():
            ThreatName.objects.create(threat=threat, edition=threat.added_in, name=threat.name)

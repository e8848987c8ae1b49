from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from threats.crest import crest_type_of
from threats.force_profile import CREST_MAX_BYTES, ForceProfile
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


class ForceProfileForm(forms.ModelForm):
    crest_upload = forms.FileField(
        label="Crest",
        required=False,
        help_text="Optional: a PNG, JPEG or SVG image of up to 512 KB, printed on the paper.",
    )
    remove_crest = forms.BooleanField(label="Remove the crest", required=False)

    class Meta:
        model = ForceProfile
        fields = [
            "force_name",
            "short_name",
            "body_kind",
            "body_name",
            "body_short_name",
            "office_name",
            "office_role_label",
            "board_name",
            "default_marking",
            "report_of",
            "contact_officer",
            "paper_status",
        ]

    def clean_crest_upload(self):
        upload = self.cleaned_data.get("crest_upload")
        if upload is None:
            return None
        if upload.size > CREST_MAX_BYTES:
            raise ValidationError(f"The crest must be smaller than {CREST_MAX_BYTES // 1024} KB")
        content = upload.read()
        return content, crest_type_of(content)

    def save(self, commit=True):
        profile = super().save(commit=False)
        if self.cleaned_data.get("remove_crest"):
            profile.crest, profile.crest_type = b"", ""
        if self.cleaned_data.get("crest_upload"):
            profile.crest, profile.crest_type = self.cleaned_data["crest_upload"]
        if commit:
            profile.save()
        return profile


@admin.register(ForceProfile)
class ForceProfileAdmin(admin.ModelAdmin):
    """One profile: it can be added once and changed, never deleted."""

    form = ForceProfileForm
    list_display = ["force_name", "short_name", "body_kind", "board_name", "has_crest"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not ForceProfile.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

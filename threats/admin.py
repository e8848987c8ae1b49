from django.contrib import admin

from threats.force_profile import CONTACT_FIELDS, ForceProfile
from threats.models import (
    ChiefOfficerPost,
    Department,
    DepartmentStandIn,
    NationalThreat,
    SprEdition,
    ThreatName,
)


@admin.register(SprEdition)
class SprEditionAdmin(admin.ModelAdmin):
    list_display = ["title", "year", "published_on"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "cross_cutting"]
    filter_horizontal = ["leads"]
    readonly_fields = ["stand_ins"]

    @admin.display(description="Business lead stand-ins")
    def stand_ins(self, obj):
        """Who stands in as its business lead, and when: named and ended on the SPR lead's
        stand-ins page (audited), so only read here."""
        if obj is None or obj.pk is None:
            return "None"
        named = DepartmentStandIn.objects.filter(department=obj).select_related("person")
        rows = [f"{s} ({s.state().lower()})" for s in named.order_by("-starts_on")[:10]]
        return "; ".join(rows) or "None (the SPR lead names them on the portal)"


@admin.register(ChiefOfficerPost)
class ChiefOfficerPostAdmin(admin.ModelAdmin):
    list_display = ["title", "holder"]


NAME_HELP = (
    "The threat's own name, for the admin's lists. Every page and paper shows a quarter's "
    "threats as its SPR edition words them: to rename the threat, change or add its row under "
    "“Names under each SPR edition” below (a new edition's wording is a new row)."
)


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
    readonly_fields = ["wording"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["help_texts"] = {**kwargs.get("help_texts", {}), "name": NAME_HELP}
        return super().get_form(request, obj, change, **kwargs)

    @admin.display(description="Name shown in each quarter")
    def wording(self, obj):
        """Where each quarter's name comes from, so that a rename is made where it shows."""
        if obj is None or obj.pk is None:
            return "A new threat is worded by the edition that adds it, with the Name above."
        rows = [f"{n.edition.title}: “{n.name}”" for n in obj.names.select_related("edition")]
        if not rows:
            return f"“{obj.name}” (no edition words it differently)."
        return (
            "Quarters show the wording of the latest edition up to theirs, from "
            "“Names under each SPR edition” below (change it there, not in Name): "
            + "; ".join(rows)
            + "."
        )

    def save_related(self, request, form, formsets, change):
        """A new threat is worded by the edition that adds it unless a row says otherwise."""
        super().save_related(request, form, formsets, change)
        threat = form.instance
        if not threat.names.filter(edition=threat.added_in).exists():
            ThreatName.objects.create(threat=threat, edition=threat.added_in, name=threat.name)


@admin.register(ForceProfile)
class ForceProfileAdmin(admin.ModelAdmin):
    """One profile: it can be added once and changed, never deleted."""

    list_display = ["force_name", "short_name", "body_kind", "board_name", "has_crest"]
    readonly_fields = ["crest_set"]
    fieldsets = [
        (None, {"fields": ["force_name", "short_name", "chief_officer_title"]}),
        (
            "The policing body",
            {
                "fields": [
                    "body_kind",
                    "body_name",
                    "body_short_name",
                    "office_name",
                    "office_role_label",
                    "board_name",
                ]
            },
        ),
        (
            "Board papers",
            {
                "fields": [
                    "default_marking",
                    "published_papers_open",
                    "report_of",
                    "contact_officer",
                    "paper_status",
                    "crest_set",
                ]
            },
        ),
        (
            "Contacts on the help, accessibility and privacy pages",
            {"fields": CONTACT_FIELDS},
        ),
    ]

    @admin.display(description="Crest")
    def crest_set(self, obj):
        # Uploaded on the portal's "Crest on the board paper" page, which checks its bytes
        # and shows a GOV.UK error summary.
        kind = obj.crest_type if obj and obj.has_crest else "none"
        return f"{kind} (change it on the portal's page /reports/crest/)"

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not ForceProfile.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

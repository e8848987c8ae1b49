from django.conf import settings
from django.db import models
from django.db.models import Q

from assessments.choices import EDITABLE_STATUSES, CapabilityFramework, Grade, Status
from assessments.items import GRADED_ITEMS, LONG_TEXT_MAX_LENGTH, NARRATIVE_MAX_LENGTH
from assessments.models import quarter as quarters
from spr_portal.access import Can, may, roles_in_effect
from spr_portal.wording import person_name
from threats.models import Department, NationalThreat, led_department_ids
from threats.naming import name_expression, name_in


class AssessmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The one access rule for reading assessments (PRODUCT.md, 'Who uses it'), from the
        scopes of spr_portal.access.

        SPR lead: everything. Business lead: the threats their departments own, and the
        assessments their departments are recorded as contributing to (whatever their status:
        they write into the draft and read what was signed). Chief officer lead: the threats
        whose portfolio they hold. Body's office: signed off. Anyone else, administrators
        included, sees no assessment content.
        """
        if may(user, Can.SEE_EVERY_ASSESSMENT):
            return self
        rule = Q(pk__in=[])
        if may(user, Can.SEE_OWN_DEPARTMENTS):
            rule |= Q(threat__owning_department__in=led_department_ids(user))
        if may(user, Can.SEE_CONTRIBUTED):
            rule |= Q(pk__in=contributed_by(user))
        if may(user, Can.SEE_LED_THREATS):
            rule |= Q(threat__chief_officer_lead__holder=user)
        if may(user, Can.SEE_SIGNED_OFF):
            rule |= Q(status=Status.SIGNED_OFF)
        return self.filter(rule).distinct() if len(roles_in_effect(user)) > 1 else self.filter(rule)

    def contributed_to_by(self, user):
        """Of the assessments the user's departments are recorded as contributing to."""
        return self.filter(pk__in=contributed_by(user))

    def owned_by(self, user):
        """Of the threats the user's departments own (what a business lead works on)."""
        return self.filter(threat__owning_department__in=led_department_ids(user))

    def editable(self):
        return self.filter(status__in=EDITABLE_STATUSES)

    def for_quarter(self, quarter):
        return self.filter(quarter=quarter)

    def signed_off(self):
        return self.filter(status=Status.SIGNED_OFF)

    def before(self, quarter):
        """Of quarters earlier than `quarter`, the latest first."""
        return self.filter(quarters.before(quarter, "quarter__")).newest_first()

    def newest_first(self):
        return self.order_by("-quarter__financial_year", "-quarter__number")

    def with_threat_name(self):
        """Each row's threat as its quarter's edition words it, in the same query."""
        return self.annotate(worded_threat_name=name_expression())

    def grades_only(self):
        """Without the narratives and the other long text: for pages that show grades and
        statuses (the board, movement), where ten years of narratives would be read and
        thrown away. Reading a left-out field afterwards costs a query per row."""
        return self.defer(*LONG_TEXT_FIELDS)

    def with_threat(self):
        return self.select_related(
            "quarter__edition", "threat", "threat__owning_department", "threat__chief_officer_lead"
        )

    def with_quarter(self):
        """With its quarter and the quarter's edition (which names the threat) only: for the
        pages that show nothing else of the threat, the section form and the task list (each
        join is a millisecond of their time, compiling and planning)."""
        return self.select_related("quarter__edition")


def contributed_by(user):
    """The ids of the assessments a department the user leads contributes to (a subquery:
    no row twice however many of the contributing departments the user leads)."""
    return Assessment.contributing_departments.through.objects.filter(
        department__leads=user
    ).values("assessment_id")


def _grade(label: str):
    return models.PositiveSmallIntegerField(
        choices=Grade.choices, null=True, blank=True, verbose_name=f"{label} grade"
    )


def _narrative(label: str):
    return models.TextField(
        blank=True, max_length=NARRATIVE_MAX_LENGTH, verbose_name=f"{label} narrative"
    )


class Assessment(models.Model):
    """One business lead's self-assessment of one national threat for one quarter."""

    threat = models.ForeignKey(NationalThreat, on_delete=models.PROTECT, related_name="assessments")
    quarter = models.ForeignKey(
        "assessments.Quarter", on_delete=models.PROTECT, related_name="assessments"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    # Optimistic lock: every save through the services bumps it; a stale form is refused.
    revision = models.PositiveIntegerField(default=1)

    capacity_local_grade = _grade("Capacity – local")
    capacity_local_narrative = _narrative("Capacity – local")
    capacity_regional_grade = _grade("Capacity – regional")
    capacity_regional_narrative = _narrative("Capacity – regional")
    capacity_national_grade = _grade("Capacity – national")
    capacity_national_narrative = _narrative("Capacity – national")
    contribution_local_grade = _grade("Contribution – local")
    contribution_local_narrative = _narrative("Contribution – local")
    contribution_regional_grade = _grade("Contribution – regional")
    contribution_regional_narrative = _narrative("Contribution – regional")
    contribution_national_grade = _grade("Contribution – national")
    contribution_national_narrative = _narrative("Contribution – national")
    capability_grade = _grade("Capability")
    capability_narrative = _narrative("Capability")
    consistency_grade = _grade("Consistency")
    consistency_narrative = _narrative("Consistency")
    connectivity_grade = _grade("Connectivity")
    connectivity_narrative = _narrative("Connectivity")

    evidence_sources = models.JSONField(
        default=list, blank=True, help_text="Codes of EvidenceSource the assessment rests on."
    )
    capability_framework = models.CharField(
        max_length=12, choices=CapabilityFramework.choices, blank=True
    )
    four_ps = models.JSONField(
        default=list, blank=True, help_text="Codes of FourP the threat strategy covers."
    )
    four_ps_narrative = models.TextField(blank=True, max_length=NARRATIVE_MAX_LENGTH)
    risks = models.TextField(blank=True, max_length=LONG_TEXT_MAX_LENGTH)
    summary = models.TextField(
        blank=True,
        max_length=LONG_TEXT_MAX_LENGTH,
        help_text="Becomes this threat's part of the board report.",
    )
    contributing_departments = models.ManyToManyField(
        Department, blank=True, related_name="contributed_assessments"
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The sections "start from last quarter" filled in that the business lead has not yet
    # opened and saved: until then the task list asks them to check each one
    # (assessments/selectors/lead.py). Cleared section by section by assessment_save_draft.
    carried_to_check = models.JSONField(default=list, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # Who first opened the review of the current submission, and when: once set, the
    # business lead can no longer withdraw it (assessments.workflow, "not_under_review").
    review_started_at = models.DateTimeField(null=True, blank=True)
    review_started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Who signed an imported assessment off, as the force's history names them: a person who
    # may never have had an account here (signed_off_by is then empty).
    signed_off_by_name = models.CharField(max_length=150, blank=True)
    history_import = models.ForeignKey(
        "assessments.HistoryImport",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="imported_assessments",
    )
    signed_snapshot = models.ForeignKey(
        "assessments.AssessmentSnapshot",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Exactly what was signed, with its SHA-256 fingerprint.",
    )

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["quarter", "threat"]
        constraints = [
            models.UniqueConstraint(
                fields=["threat", "quarter"], name="one_assessment_per_threat_per_quarter"
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="assessment_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.SIGNED_OFF)
                | (
                    Q(signed_off_at__isnull=False, signed_snapshot__isnull=False)
                    # An imported sign-off may name a signer who has no account.
                    & (Q(signed_off_by__isnull=False) | Q(history_import__isnull=False))
                ),
                name="signed_off_records_who_when_what",
            ),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{item.grade_field}__isnull": True})
                    | Q(**{f"{item.grade_field}__gte": 1, f"{item.grade_field}__lte": 5}),
                    name=f"{item.code}_grade_in_range",
                )
                for item in GRADED_ITEMS
            ),
        ]

    def __str__(self):
        return f"{self.threat_name} – {self.quarter}"

    @property
    def threat_name(self) -> str:
        """The threat as the quarter's SPR edition names it (annotated by
        `with_threat_name()` on lists, else looked up once: a page names its assessment in
        its title, heading, breadcrumbs and snapshot)."""
        if "worded_threat_name" not in self.__dict__:
            self.worded_threat_name = name_in(self.threat_id, self.quarter)
        return self.worded_threat_name

    @property
    def signer_name(self) -> str:
        """Who signed it off: the account's name, else the name an imported history gave."""
        user = self.signed_off_by
        if user is not None:
            return person_name(user)
        return self.signed_off_by_name or ("not recorded" if self.history_import_id else "")

    @property
    def signed_content(self) -> dict | None:
        """Exactly what was signed (its snapshot's content) while the assessment stands signed
        off; None for one that does not (a draft, or one reopened since), whose pages show what
        it says now. The one home of "what was signed is what is shown"."""
        if self.status == Status.SIGNED_OFF and self.signed_snapshot_id:
            return self.signed_snapshot.data
        return None

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    def grade_of(self, item) -> int | None:
        return getattr(self, item.grade_field)

    def narrative_of(self, item) -> str:
        return getattr(self, item.narrative_field)

    def grades(self) -> dict[str, int | None]:
        return {item.code: self.grade_of(item) for item in GRADED_ITEMS}


LONG_TEXT_FIELDS = tuple(
    f.name for f in Assessment._meta.local_fields if isinstance(f, models.TextField)
)

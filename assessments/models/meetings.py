"""The quarterly meeting: its record (date, chair, who came), the decision taken on each agenda
item, and the chief officer leads' endorsements before it.

The agenda is not stored: it is the quarter as it stands (`assessments/selectors/meetings.py`
`meeting_agenda`). What the meeting decided is stored, each decision linked to the workflow
event of the sign-off or return it made through the review services. The actions it raises
are improvement actions (`ImprovementAction.meeting`), so they join the one actions register.
The minutes' files, once approved, are kept by `reports.ApprovedMinutes`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from spr_portal.access import Can, may
from spr_portal.wording import person_name
from threats.models import NationalThreat


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved"


class Decision(models.TextChoices):
    SIGNED_OFF = "signed_off", "Signed off"
    RETURNED = "returned", "Returned"
    DEFERRED = "deferred", "Deferred"


class Attendance(models.TextChoices):
    PRESENT = "present", "Present"
    APOLOGIES = "apologies", "Apologies"


def _threats_of(user):
    """The threats whose meeting business a user who is not the SPR lead reads: those their
    departments own (business lead) and those whose portfolio they hold (chief officer
    lead)."""
    rule = Q(pk__in=[])
    if may(user, Can.SEE_OWN_DEPARTMENTS):
        rule |= Q(pk__in=NationalThreat.objects.owned_by(user).values("pk"))
    if may(user, Can.SEE_LED_THREATS):
        rule |= Q(chief_officer_lead__holder=user)
    return NationalThreat.objects.filter(rule).values("pk")


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The record (date, chair, attendance) is for whoever may read meetings; what each
        item decided is narrowed by `MeetingDecision.objects.visible_to`."""
        return self if may(user, Can.READ_MEETINGS) else self.none()


class Meeting(models.Model):
    """The quarterly meeting of one quarter."""

    quarter = models.OneToOneField(
        "assessments.Quarter", on_delete=models.PROTECT, related_name="meeting"
    )
    held_on = models.DateField("date")
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    minutes_status = models.CharField(
        max_length=10, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    approved_at_meeting = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="approved_minutes_of",
        help_text="The next meeting, at which these minutes were approved.",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    revision = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-quarter__financial_year", "-quarter__number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    minutes_status=MinutesStatus.APPROVED,
                    approved_by__isnull=False,
                    approved_at__isnull=False,
                    approved_at_meeting__isnull=False,
                )
                | Q(
                    minutes_status=MinutesStatus.DRAFT,
                    approved_by__isnull=True,
                    approved_at__isnull=True,
                    approved_at_meeting__isnull=True,
                ),
                name="approved_minutes_say_who_when_where",
            ),
        ]

    def __str__(self):
        return f"Quarterly meeting, {self.quarter.label}"

    @property
    def is_approved(self) -> bool:
        return self.minutes_status == MinutesStatus.APPROVED


class MeetingAttendee(models.Model):
    """Someone present or sending apologies: a person from the portal, or anyone else by name
    and post."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(max_length=120, blank=True)
    post = models.CharField(max_length=120, blank=True)
    attendance = models.CharField(max_length=10, choices=Attendance.choices)

    class Meta:
        ordering = ["attendance", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(name=""), name="attendee_named"
            ),
            models.UniqueConstraint(
                fields=["meeting", "user"], name="attendee_once", condition=Q(user__isnull=False)
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.user_id:
            return person_name(self.user)
        return self.name


class MeetingDecisionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The SPR lead reads every decision; a chief officer lead those of their portfolio, a
        business lead those of their departments' threats."""
        if not may(user, Can.READ_MEETINGS):
            return self.none()
        if may(user, Can.SEE_EVERY_ASSESSMENT):
            return self
        return self.filter(threat__in=_threats_of(user))


class MeetingDecision(models.Model):
    """What the meeting decided on one agenda item (a threat) and why. A sign-off or a return
    is the workflow's own transition, made through the review services; `event` links it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions")
    threat = models.ForeignKey(NationalThreat, on_delete=models.PROTECT, related_name="+")
    assessment = models.ForeignKey(
        "assessments.Assessment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meeting_decisions",
    )
    decision = models.CharField(max_length=12, choices=Decision.choices)
    rationale = models.TextField(max_length=4000)
    event = models.ForeignKey(
        "assessments.WorkflowEvent",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meeting_decisions",
        help_text="The sign-off or return this decision made.",
    )
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    taken_at = models.DateTimeField(auto_now_add=True)

    objects = MeetingDecisionQuerySet.as_manager()

    class Meta:
        ordering = ["threat__display_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "threat"], name="one_decision_per_item"),
            models.CheckConstraint(
                condition=Q(decision=Decision.DEFERRED) | Q(event__isnull=False),
                name="sign_off_or_return_has_its_event",
            ),
        ]

    def __str__(self):
        return f"{self.get_decision_display()}: {self.threat}"


class EndorsementQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Endorsements follow the assessment."""
        from assessments.models.assessment import Assessment

        return self.filter(assessment__in=Assessment.objects.visible_to(user).values("pk"))


class Endorsement(models.Model):
    """A chief officer lead's endorsement of a self-assessment in their portfolio, before the
    meeting, of the revision they read."""

    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.PROTECT, related_name="endorsements"
    )
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    revision = models.PositiveIntegerField(help_text="The assessment's revision endorsed.")
    endorsed_at = models.DateTimeField(auto_now_add=True)

    objects = EndorsementQuerySet.as_manager()

    class Meta:
        ordering = ["-endorsed_at", "-pk"]

    def __str__(self):
        return f"Endorsement of {self.assessment_id} by {self.endorsed_by}"

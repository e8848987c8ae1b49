"""What the workflow leaves behind: events, signed snapshots, review comments, reminders."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from assessments.choices import Status
from spr_portal.wording import person_name


class WorkflowAction(models.TextChoices):
    STARTED = "started", "Started"
    SAVED = "saved", "Saved as draft"
    SUBMITTED = "submitted", "Submitted for review"
    RETURNED = "returned", "Returned for revision"
    SIGNED_OFF = "signed_off", "Signed off"
    REOPENED = "reopened", "Reopened"
    WITHDRAWN = "withdrawn", "Withdrawn by the business lead"


class WorkflowEvent(models.Model):
    """An audit row: who did what to an assessment, when, and why. Never edited or deleted."""

    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.PROTECT, related_name="events"
    )
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=12, choices=WorkflowAction.choices)
    from_status = models.CharField(max_length=12, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=Status.choices)
    comment = models.TextField(blank=True, max_length=4000)
    snapshot = models.ForeignKey(
        "assessments.AssessmentSnapshot",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    at = models.DateTimeField(default=timezone.now)
    # A save: the sections of the form it saved (codes of assessments.items.SECTIONS).
    sections = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        # "Who saved it last" and the latest return read one row through this, however many
        # saves a draft has had (a busy draft has hundreds).
        indexes = [models.Index(fields=["assessment", "-at", "-id"], name="event_newest_first")]

    def __str__(self):
        return f"{self.get_action_display()} by {self.actor} at {self.at:%Y-%m-%d %H:%M}"


class AssessmentSnapshot(models.Model):
    """A frozen, canonical copy of an assessment's content (at submission and at sign-off)."""

    class Reason(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        SIGNED_OFF = "signed_off", "Signed off"

    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.PROTECT, related_name="snapshots"
    )
    number = models.PositiveIntegerField()
    reason = models.CharField(max_length=12, choices=Reason.choices)
    data = models.JSONField()
    fingerprint = models.CharField(max_length=64, help_text="SHA-256 of the canonical JSON.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # A version signed off before the portal and imported with the force's history
    # (onboarding/history): who signed it, in words (`created_by` is who imported it). Kept
    # here so that it outlives a reopening of the assessment.
    signed_by_name = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["assessment", "number"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "number"], name="snapshot_numbers_unique")
        ]

    def __str__(self):
        return f"Version {self.number} ({self.get_reason_display().lower()})"

    @property
    def signer_name(self) -> str:
        """Who made this version: the signer an imported history names, else the account."""
        if self.signed_by_name:
            return self.signed_by_name
        user = self.created_by
        return person_name(user)


class ReviewComment(models.Model):
    """A reviewer's comment on one section (or, with section blank, on the whole assessment)."""

    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.PROTECT, related_name="review_comments"
    )
    section = models.CharField(max_length=40, blank=True)
    body = models.TextField(max_length=4000)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    event = models.ForeignKey(
        WorkflowEvent,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="comments",
        help_text="The return for revision that sent this comment to the business lead.",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.body[:60]


class ReminderLog(models.Model):
    """One reminder e-mail sent, so a daily cron never sends the same kind twice in a day."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", "Deadline approaching"
        OVERDUE = "overdue", "Overdue"
        # To the chief officer lead of an overdue threat, after the deadline.
        ESCALATED = "escalated", "Overdue, to the chief officer lead"
        # The business lead's reminder of a department nobody leads today, to the threat's
        # chief officer lead (else the SPR lead) until someone is named.
        NO_LEAD = "no_lead", "No active business lead"

    quarter = models.ForeignKey("assessments.Quarter", on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["quarter", "recipient", "kind", "sent_on"], name="one_reminder_a_day"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} reminder to {self.recipient} on {self.sent_on}"

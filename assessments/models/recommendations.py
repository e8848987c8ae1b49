"""Inspection recommendations and areas for improvement (HMICFRS, or another body's), the
threats each concerns, who owns it, its progress as a history never overwritten, and, for one
the policing body must answer, the 56-day clock of its published response."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from spr_portal.access import Can, may
from spr_portal.wording import day
from threats.models import NationalThreat

# A policing body publishes its comments on an inspection report within 56 days of the
# report's publication (Police Act 1996, section 55).
RESPONSE_DAYS = 56
# The register and the reminders warn this many days before a response or a due date.
WARN_DAYS = 14


class RecommendationKind(models.TextChoices):
    RECOMMENDATION = "recommendation", "Recommendation"
    AREA_FOR_IMPROVEMENT = "area_for_improvement", "Area for improvement"


class RecommendationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The SPR lead and the policing body's office read every one; a chief officer lead
        those concerning the threats they lead; a business lead those concerning their
        departments' threats; and whoever owns one reads it."""
        if not may(user, Can.READ_RECOMMENDATIONS):
            return self.none()
        if may(user, Can.SEE_EVERY_RECOMMENDATION):
            return self
        concerns = NationalThreat.objects.none()
        if may(user, Can.SEE_LED_THREATS):
            concerns |= NationalThreat.objects.led_by(user)
        if may(user, Can.SEE_OWN_DEPARTMENTS):
            concerns |= NationalThreat.objects.owned_by(user)
        ids = self.filter(Q(owner=user) | Q(threats__in=concerns.values("pk"))).values("pk")
        return self.filter(pk__in=ids)

    def still_open(self):
        return self.filter(closed_on__isnull=True)

    def concerning(self, threat_ids):
        return self.filter(threats__in=threat_ids).distinct()


class Recommendation(models.Model):
    source_body = models.CharField(max_length=80, default="HMICFRS")
    source_report = models.CharField(max_length=300)
    published_on = models.DateField(help_text="The date the report was published.")
    reference = models.CharField(max_length=40, blank=True)
    kind = models.CharField(
        max_length=24, choices=RecommendationKind.choices, default=RecommendationKind.RECOMMENDATION
    )
    text = models.TextField(max_length=4000)
    threats = models.ManyToManyField(NationalThreat, related_name="recommendations", blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommendations_owned",
    )
    due_on = models.DateField(null=True, blank=True)
    policing_body_must_respond = models.BooleanField(default=False)
    response_published_on = models.DateField(null=True, blank=True)
    response_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_on = models.DateField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revision = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "source_report", "reference", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True, closed_by__isnull=True)
                | Q(closed_on__isnull=False, closed_by__isnull=False),
                name="closed_recommendation_says_who_when",
            ),
            models.CheckConstraint(
                condition=Q(response_published_on__isnull=True)
                | Q(policing_body_must_respond=True),
                name="response_only_where_one_is_due",
            ),
        ]

    def __str__(self):
        reference = f": {self.reference}" if self.reference else ""
        return f"{self.source_report}{reference}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    @property
    def response_due_on(self) -> datetime.date | None:
        if not self.policing_body_must_respond:
            return None
        return self.published_on + datetime.timedelta(days=RESPONSE_DAYS)

    def response_state(self, today: datetime.date) -> tuple[str, str] | None:
        """The 56-day clock in words, with a tag colour: None where no response is due."""
        due = self.response_due_on
        if due is None:
            return None
        if self.response_published_on is not None:
            return ("green", f"Response published {day(self.response_published_on)}")
        left = (due - today).days
        if left < 0:
            return ("red", f"Response overdue: was due {day(due)}")
        if left <= WARN_DAYS:
            return ("orange", f"Response due {day(due)} (in {left} day{'s' if left != 1 else ''})")
        return ("blue", f"Response due {day(due)}")

    def due_state(self, today: datetime.date) -> tuple[str, str] | None:
        if self.due_on is None or not self.is_open:
            return None
        left = (self.due_on - today).days
        if left < 0:
            return ("red", f"Overdue: was due {day(self.due_on)}")
        if left <= WARN_DAYS:
            return ("orange", f"Due {day(self.due_on)} (in {left} day{'s' if left != 1 else ''})")
        return ("grey", f"Due {day(self.due_on)}")

    def check_dates(self, today: datetime.date) -> None:
        errors = {}
        if self.published_on and self.published_on > today:
            errors["published_on"] = "The report's date must be today or in the past"
        if self.due_on and self.published_on and self.due_on < self.published_on:
            errors["due_on"] = "The due date must be on or after the report's date"
        if self.response_published_on and self.published_on:
            if self.response_published_on < self.published_on:
                errors["response_published_on"] = (
                    "The response cannot be published before the report it answers"
                )
        if errors:
            raise ValidationError(errors)


class RecommendationUpdate(models.Model):
    """One progress note on a recommendation: kept as written, never changed or removed, so
    the register shows what was said and when."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, related_name="updates"
    )
    text = models.TextField(max_length=2000)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The writer's name as it was then, as on a contribution.
    written_by_name = models.CharField(max_length=150)
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["written_at", "pk"]

    def __str__(self):
        return f"Progress on {self.recommendation_id} by {self.written_by_name}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("A progress update is kept as written: add another instead")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("A progress update is kept as written")


class RecommendationReminderLog(models.Model):
    """One reminder about a recommendation sent, so that a daily run, or two at once, never
    sends the same one twice in a day (as `ReminderLog` for self-assessments)."""

    class Kind(models.TextChoices):
        RESPONSE = "response", "The policing body's response is due"
        DUE = "due", "The recommendation is due"

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "recipient", "kind", "sent_on"],
                name="one_recommendation_reminder_a_day",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} reminder to {self.recipient} on {self.sent_on}"

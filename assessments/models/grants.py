import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import dateformat, timezone

# A late deadline further off than this is a typing mistake (a quarter is three months).
LATEST_LATE_DEADLINE_DAYS = 366


class LateSubmissionGrantQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Who was let in late is part of running the quarter: the SPR lead sees every grant,
        a business lead those of the threats their departments own."""
        from spr_portal.access import Can, may

        if may(user, Can.MANAGE_QUARTERS):
            return self
        if may(user, Can.SEE_OWN_DEPARTMENTS):
            from threats.models import Department

            return self.filter(threat__owning_department__in=Department.objects.led_by(user))
        return self.none()

    def active(self, on: datetime.date | None = None):
        """The grants that still let the lead start or submit on `on` (today unless given):
        up to and including their deadline. A grant from before deadlines were asked for has
        none, and stands as it was granted."""
        on = on or timezone.localdate()
        return self.filter(Q(deadline__isnull=True) | Q(deadline__gte=on))


class LateSubmissionGrant(models.Model):
    """The SPR lead lets one threat's business lead start or submit in a closed quarter, until
    the end of its deadline. Who granted it, when, why and until when are the evidence that the
    quarter's deadline was set aside on purpose. A threat may be granted again (after a grant
    expired, or by reopening its self-assessment): each grant is its own record."""

    quarter = models.ForeignKey(
        "assessments.Quarter", on_delete=models.PROTECT, related_name="late_grants"
    )
    threat = models.ForeignKey(
        "threats.NationalThreat", on_delete=models.PROTECT, related_name="late_grants"
    )
    reason = models.TextField(max_length=2000)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(default=timezone.now)
    # The last day the lead may start or submit. Every grant has one since deadlines were
    # asked for; the grants made before stand as they were granted (no deadline).
    deadline = models.DateField(null=True, blank=True)

    objects = LateSubmissionGrantQuerySet.as_manager()

    class Meta:
        ordering = ["granted_at", "pk"]

    def __str__(self):
        return f"Late submission of {self.threat_name} for {self.quarter}"

    @staticmethod
    def check_deadline(deadline: datetime.date | None, *, today: datetime.date | None = None):
        """A late submission's deadline is a day after today and within a year: the grant
        form, the reopen page and the services all ask this."""
        today = today or timezone.localdate()
        if deadline is None:
            raise ValidationError({"deadline": "Enter the date the late submission ends"})
        if deadline <= today:
            raise ValidationError(
                {"deadline": "The date the late submission ends must be in the future"}
            )
        if (deadline - today).days > LATEST_LATE_DEADLINE_DAYS:
            raise ValidationError(
                {"deadline": "The date the late submission ends must be within a year of today"}
            )

    def is_active(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.deadline is None or self.deadline >= on

    @property
    def ends(self) -> str:
        """What the pages write about its deadline."""
        if self.deadline is None:
            return "No end date (granted before late submissions had one)"
        day = dateformat.format(self.deadline, "j F Y")
        if self.is_active():
            return f"Until the end of {day}"
        return f"Expired: it ended on {day}"

    @property
    def threat_name(self) -> str:
        from threats.naming import name_in

        return name_in(self.threat_id, self.quarter)

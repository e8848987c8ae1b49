from django.conf import settings
from django.db import models
from django.utils import timezone


class LateSubmissionGrantQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Who was let in late is part of running the quarter: the SPR lead sees every grant,
        a business lead those of the threats their departments own."""
        from spr_portal.access import Can, may

        if may(user, Can.MANAGE_QUARTERS):
            return self
        if may(user, Can.SEE_OWN_DEPARTMENTS):
            return self.filter(threat__owning_department__leads=user)
        return self.none()


class LateSubmissionGrant(models.Model):
    """The SPR lead lets one threat's business lead start or submit in a closed quarter.
    Who granted it, when and why are the evidence that the deadline was set aside on purpose."""

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

    objects = LateSubmissionGrantQuerySet.as_manager()

    class Meta:
        ordering = ["granted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["quarter", "threat"], name="one_late_grant_per_threat_per_quarter"
            )
        ]

    def __str__(self):
        return f"Late submission of {self.threat_name} for {self.quarter}"

    @property
    def threat_name(self) -> str:
        from threats.naming import name_in

        return name_in(self.threat_id, self.quarter)

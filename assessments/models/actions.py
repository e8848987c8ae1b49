from django.conf import settings
from django.db import models
from django.db.models import Q

from assessments.choices import ActionStatus
from assessments.models.quarter import up_to
from threats.models import NationalThreat, lineage_ids
from threats.naming import name_in


class ImprovementActionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Actions follow the access rule of the assessment that raised them."""
        from assessments.models.assessment import Assessment

        # The owner named from the portal by a quarterly meeting reads the action they own.
        rule = Q(raised_in__in=Assessment.objects.visible_to(user).values("pk"))
        if getattr(user, "pk", None) is not None:
            rule |= Q(owner_user=user.pk)
        return self.filter(rule)

    def owned_by(self, user):
        """The meeting's actions this user owns: they update them between quarters."""
        if getattr(user, "pk", None) is None:
            return self.none()
        return self.filter(owner_user=user.pk)

    def still_open(self):
        return self.exclude(status=ActionStatus.CLOSED)

    def for_assessment(self, assessment):
        """What the assessment shows: the threat's actions raised up to its quarter that were
        still open then, or closed in it (open actions carry forward until closed)."""
        raised_by_then = up_to(assessment.quarter, "raised_in__quarter__")
        # A successor threat carries its predecessors' open actions.
        lineage = lineage_ids(assessment.threat_id)
        return self.filter(raised_by_then, threat__in=lineage).filter(
            ~Q(status=ActionStatus.CLOSED) | Q(closed_in=assessment)
        )


class ImprovementAction(models.Model):
    """An improvement action of a national threat. It belongs to the threat, not to one
    quarter, so that an open action carries forward until a later assessment closes it."""

    threat = models.ForeignKey(NationalThreat, on_delete=models.PROTECT, related_name="actions")
    raised_in = models.ForeignKey(
        "assessments.Assessment", on_delete=models.PROTECT, related_name="raised_actions"
    )
    closed_in = models.ForeignKey(
        "assessments.Assessment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="closed_actions",
    )
    description = models.TextField(max_length=1000)
    owner = models.CharField(
        max_length=120, help_text="Who is accountable, e.g. 'DCI Public Protection'."
    )
    due_date = models.DateField()
    # The inspection recommendation this action answers, if any (the register lists it there).
    recommendation = models.ForeignKey(
        "assessments.Recommendation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actions",
    )
    # Raised by a quarterly meeting (on the threat's assessment of the meeting's quarter): its
    # owner is a person from the portal, who updates its status and progress between quarters.
    meeting = models.ForeignKey(
        "assessments.Meeting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actions",
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owned_actions",
        verbose_name="owner in the portal",
    )
    progress_note = models.TextField("progress", max_length=2000, blank=True)
    status = models.CharField(
        max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    closed_on = models.DateField(null=True, blank=True)
    # Optimistic lock, as on an assessment: every change through the services raises it, and an
    # edit form opened at an older revision is refused.
    revision = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ImprovementActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=ActionStatus.CLOSED, closed_on__isnull=False)
                | (~Q(status=ActionStatus.CLOSED) & Q(closed_on__isnull=True)),
                name="closed_action_has_closed_date",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ActionStatus.values), name="action_status_valid"
            ),
        ]

    def __str__(self):
        return self.description[:60]

    @property
    def threat_name(self) -> str:
        """The threat as named in the quarter that raised the action."""
        return name_in(self.threat_id, self.raised_in.quarter)

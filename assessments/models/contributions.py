"""What a contributing department (Firearms, the ROCU…) wrote into a section of another
department's self-assessment: one text per department and section, attributed to whoever
last wrote it and when. Written only through assessments/services/contributions.py, while
the self-assessment is a draft or returned; part of what is signed (assessments/snapshots.py).
"""

from django.conf import settings
from django.db import models

from assessments.items import NARRATIVE_MAX_LENGTH, SECTIONS

# Every section of the form but the improvement actions (rows of their own, the owner's).
CONTRIBUTION_SECTIONS = tuple((code, label) for code, label in SECTIONS if code != "actions")


class ContributionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Contributions follow the access rule of their assessment."""
        from assessments.models.assessment import Assessment

        return self.filter(assessment__in=Assessment.objects.visible_to(user).values("pk"))

    def in_form_order(self):
        """Section by section in the form's order, then by department."""
        order = models.Case(
            *(models.When(section=code, then=i) for i, (code, _) in enumerate(SECTIONS)),
            default=len(SECTIONS),
        )
        return self.select_related("department").order_by(order, "department__name", "pk")


class Contribution(models.Model):
    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.PROTECT, related_name="contributions"
    )
    section = models.CharField(max_length=40, choices=CONTRIBUTION_SECTIONS)
    department = models.ForeignKey(
        "threats.Department", on_delete=models.PROTECT, related_name="contributions"
    )
    text = models.TextField(max_length=NARRATIVE_MAX_LENGTH)
    # Who wrote the text as it stands, and when: the attribution every page shows.
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The name as it was when written, so the attribution (and the signed version that
    # holds it) reads the same after the account is renamed.
    written_by_name = models.CharField(max_length=150)
    written_at = models.DateTimeField()
    # Optimistic lock (spr_portal/concurrency.py): two leads of one department never
    # silently overwrite each other's text.
    revision = models.PositiveIntegerField(default=1)

    objects = ContributionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "section", "department"],
                name="one_contribution_per_department_and_section",
            )
        ]

    def __str__(self):
        return f"{self.department} on {self.get_section_display()}"

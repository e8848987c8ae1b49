"""What an SPR edition expects of the force for one of its threats, as the force's own
checklist: each line is worded from the edition's text (or the force's own capability plan)
and says where it comes from (`citation`, required). Nothing is shipped: an administrator
enters the lines on the set-up page (onboarding/views/expectations.py), so the portal never
puts words in the Home Office's mouth.

A business lead answers the lines of the assessment's edition every quarter
(assessments/models/expectations.py); the answer is signed with the wording and citation as
they stood (assessments/snapshots.py), so changing or retiring a line never rewrites what was
signed. A line is retired, never deleted, once any quarter has answered it.
"""

from django.core.exceptions import ValidationError
from django.db import models

WORDING_MAX_LENGTH = 1000
CITATION_MAX_LENGTH = 200


class Level(models.TextChoices):
    """Where the SPR places the capability: the force's own, the region's, or national."""

    LOCAL = "local", "Local"
    REGIONAL = "regional", "Regional"
    NATIONAL = "national", "National"


class ExpectationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Reference data, as the threats are: every signed-in role may read the lines."""
        from spr_portal.access import has_any_role

        return self if has_any_role(user) else self.none()

    def in_force(self):
        return self.filter(retired_at__isnull=True)

    def for_assessment(self, assessment):
        """The lines the assessment's lead answers: its threat's, under its quarter's edition."""
        return self.in_force().filter(
            threat_id=assessment.threat_id, edition_id=assessment.quarter.edition_id
        )

    def in_checklist_order(self):
        order = models.Case(
            *(models.When(level=code, then=i) for i, (code, _) in enumerate(Level.choices)),
            default=len(Level.choices),
        )
        return self.order_by("threat__display_order", "threat__name", order, "position", "pk")


class EditionExpectation(models.Model):
    edition = models.ForeignKey(
        "threats.SprEdition", on_delete=models.PROTECT, related_name="expectations"
    )
    threat = models.ForeignKey(
        "threats.NationalThreat", on_delete=models.PROTECT, related_name="expectations"
    )
    level = models.CharField(max_length=10, choices=Level.choices)
    wording = models.TextField(max_length=WORDING_MAX_LENGTH)
    citation = models.CharField(
        max_length=CITATION_MAX_LENGTH,
        help_text="Where the line comes from: the edition's paragraph or section, or the "
        "force's own plan.",
    )
    position = models.PositiveSmallIntegerField(default=0)
    retired_at = models.DateTimeField(null=True, blank=True)
    revision = models.PositiveIntegerField(default=1)

    objects = ExpectationQuerySet.as_manager()

    class Meta:
        ordering = ["threat__display_order", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(citation=""), name="expectation_cites_its_source"
            ),
            models.CheckConstraint(condition=~models.Q(wording=""), name="expectation_has_wording"),
        ]

    def __str__(self):
        return f"{self.get_level_display()}: {self.wording[:60]}"

    def clean(self):
        """A line belongs to an edition its threat is in force under."""
        if not (self.threat_id and self.edition_id):
            return
        threat, edition = self.threat, self.edition
        if edition.year < threat.added_in.year or (
            threat.retired_in_id and edition.year >= threat.retired_in.year
        ):
            raise ValidationError({"threat": f"{threat.name} is not a threat of {edition}"})


class Period(models.TextChoices):
    """What a figure counts: everything in the quarter, or what stood at its end."""

    IN_QUARTER = "in_quarter", "In the quarter"
    AT_QUARTER_END = "at_quarter_end", "At the quarter's end"


class MeasureQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Reference data, as the lines are."""
        from spr_portal.access import has_any_role

        return self if has_any_role(user) else self.none()

    def in_force(self):
        return self.filter(retired_at__isnull=True)

    def for_assessment(self, assessment):
        return self.in_force().filter(threat_id=assessment.threat_id).order_by("position", "pk")


class ContributionMeasure(models.Model):
    """A figure the force records of its contribution to a threat's national response, every
    quarter: its name, unit and period, and what it is set against (e.g. the mobilisation
    plan's requirement), all the force's own. No figure is shipped: the lead enters each
    quarter's number and, where there is one, the number it is set against."""

    threat = models.ForeignKey(
        "threats.NationalThreat", on_delete=models.PROTECT, related_name="measures"
    )
    name = models.CharField(max_length=120)
    unit = models.CharField(max_length=40)
    period = models.CharField(max_length=20, choices=Period.choices)
    against = models.CharField(
        max_length=120,
        blank=True,
        help_text="What the figure is set against, if anything (e.g. the mobilisation plan's "
        "requirement): the lead enters that number too.",
    )
    position = models.PositiveSmallIntegerField(default=0)
    retired_at = models.DateTimeField(null=True, blank=True)
    revision = models.PositiveIntegerField(default=1)

    objects = MeasureQuerySet.as_manager()

    class Meta:
        ordering = ["threat__display_order", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(name="") & ~models.Q(unit=""), name="measure_named_with_unit"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.unit})"

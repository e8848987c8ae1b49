"""A business lead's quarterly answer to one line of what the SPR edition expects
(threats/expectations.py): in place, partly in place or not in place, with the evidence.
Written only through assessments/services/expectations.py while the self-assessment is a
draft or returned; part of what is signed (assessments/snapshots.py), with the line's
wording and citation as they stood then.
"""

from django.conf import settings
from django.db import models

from assessments.items import NARRATIVE_MAX_LENGTH


class Answer(models.TextChoices):
    IN_PLACE = "in_place", "In place"
    PARTLY = "partly", "Partly in place"
    NOT_IN_PLACE = "not_in_place", "Not in place"


class ExpectationAnswerQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Answers follow the access rule of their assessment."""
        from assessments.models.assessment import Assessment

        return self.filter(assessment__in=Assessment.objects.visible_to(user).values("pk"))


class ExpectationAnswer(models.Model):
    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.CASCADE, related_name="expectation_answers"
    )
    expectation = models.ForeignKey(
        "threats.EditionExpectation", on_delete=models.PROTECT, related_name="answers"
    )
    answer = models.CharField(max_length=20, choices=Answer.choices)
    evidence = models.TextField(max_length=NARRATIVE_MAX_LENGTH)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept as written: the snapshot names who answered even after the account goes.
    written_by_name = models.CharField(max_length=150)
    written_at = models.DateTimeField()
    revision = models.PositiveIntegerField(default=0)

    objects = ExpectationAnswerQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "expectation"], name="one_answer_per_expectation"
            ),
            models.CheckConstraint(
                condition=models.Q(answer__in=[a.value for a in Answer]),
                name="expectation_answer_valid",
            ),
        ]

    def __str__(self):
        return f"{self.get_answer_display()} ({self.expectation_id})"


class ContributionFigureQuerySet(models.QuerySet):
    def visible_to(self, user):
        from assessments.models.assessment import Assessment

        return self.filter(assessment__in=Assessment.objects.visible_to(user).values("pk"))


class ContributionFigure(models.Model):
    """A quarter's figure of a force-defined measure (threats/expectations.py), and the number
    it is set against where the measure has one; entered by the lead, signed with the rest."""

    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.CASCADE, related_name="contribution_figures"
    )
    measure = models.ForeignKey(
        "threats.ContributionMeasure", on_delete=models.PROTECT, related_name="figures"
    )
    value = models.DecimalField(max_digits=12, decimal_places=2)
    against_value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_by_name = models.CharField(max_length=150)
    written_at = models.DateTimeField()
    revision = models.PositiveIntegerField(default=0)

    objects = ContributionFigureQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "measure"], name="one_figure_a_quarter"),
            models.CheckConstraint(
                condition=models.Q(value__gte=0), name="contribution_figure_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.value} ({self.measure_id})"

import datetime

from django.db import models
from django.db.models import Q

from spr_portal.roles import roles_of
from threats.models import SprEdition

# UK police financial-year quarters: Q1 is April–June … Q4 is January–March of the next year.
_QUARTER_START_MONTH = {1: 4, 2: 7, 3: 10, 4: 1}


class QuarterQuerySet(models.QuerySet):
    def open(self):
        return self.filter(is_open=True)

    def visible_to(self, user):
        """Quarters carry no sensitive content: every role may see which exist."""
        return self if roles_of(user) else self.none()

    def chronological(self):
        return self.order_by("financial_year", "number")


class Quarter(models.Model):
    financial_year = models.PositiveSmallIntegerField(
        help_text="The calendar year in which the financial year starts: 2015 for 2015/16."
    )
    number = models.PositiveSmallIntegerField(choices=[(n, f"Q{n}") for n in range(1, 5)])
    edition = models.ForeignKey(
        SprEdition,
        on_delete=models.PROTECT,
        related_name="quarters",
        help_text="The SPR edition whose national threats are assessed this quarter.",
    )
    submission_deadline = models.DateField()
    meeting_date = models.DateField(help_text="The quarterly meeting chaired by the SPR lead.")
    is_open = models.BooleanField(default=False)

    objects = QuarterQuerySet.as_manager()

    class Meta:
        ordering = ["-financial_year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["financial_year", "number"], name="one_quarter_per_period"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=4), name="quarter_number_1_to_4"
            ),
            models.CheckConstraint(
                condition=Q(financial_year__gte=2000, financial_year__lte=2100),
                name="quarter_year_plausible",
            ),
            models.CheckConstraint(
                condition=Q(meeting_date__gte=models.F("submission_deadline")),
                name="meeting_not_before_deadline",
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return f"{self.financial_year}/{(self.financial_year + 1) % 100:02d} Q{self.number}"

    @property
    def start_date(self) -> datetime.date:
        year = self.financial_year + (1 if self.number == 4 else 0)
        return datetime.date(year, _QUARTER_START_MONTH[self.number], 1)

    @property
    def end_date(self) -> datetime.date:
        start = self.start_date
        next_month = start.month + 3
        next_start = datetime.date(start.year + (next_month > 12), (next_month - 1) % 12 + 1, 1)
        return next_start - datetime.timedelta(days=1)

    @property
    def sort_key(self) -> tuple[int, int]:
        return (self.financial_year, self.number)

    def previous(self):
        """The quarter immediately before this one, if it exists in the database."""
        year, number = (
            (self.financial_year, self.number - 1)
            if self.number > 1
            else (self.financial_year - 1, 4)
        )
        return Quarter.objects.filter(financial_year=year, number=number).first()

    @staticmethod
    def for_date(day: datetime.date) -> tuple[int, int]:
        """The (financial_year, number) of the quarter a date falls in."""
        if day.month >= 4:
            return day.year, (day.month - 4) // 3 + 1
        return day.year - 1, 4

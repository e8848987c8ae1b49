import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from spr_portal.access import has_any_role
from threats.models import SprEdition

# UK police financial-year quarters: Q1 is April–June … Q4 is January–March of the next year.
_QUARTER_START_MONTH = {1: 4, 2: 7, 3: 10, 4: 1}
MEETING_BEFORE_DEADLINE = "The quarterly meeting must be on or after the submission deadline"
# A quarter's self-assessments are due during it or in the three months after it ends.
DEADLINE_GRACE = datetime.timedelta(days=92)


def financial_year_label(year: int) -> str:
    """'2015/16' for the financial year that starts in April 2015."""
    return f"{year}/{(year + 1) % 100:02d}"


def before(quarter, prefix: str = "") -> Q:
    """Lookup for the quarters strictly earlier than `quarter`; `prefix` reaches it through a
    relation, e.g. before(q, "quarter__") on assessments."""
    return Q(**{f"{prefix}financial_year__lt": quarter.financial_year}) | Q(
        **{f"{prefix}financial_year": quarter.financial_year, f"{prefix}number__lt": quarter.number}
    )


def up_to(quarter, prefix: str = "") -> Q:
    """Lookup for `quarter` and every earlier one."""
    return before(quarter, prefix) | Q(
        **{f"{prefix}financial_year": quarter.financial_year, f"{prefix}number": quarter.number}
    )


NEWEST_FIRST = ("-financial_year", "-number")


# The same two rules as QuarterQuerySet.current() and before(), over a list of quarters already
# read newest first (the board's picker), for a page that would otherwise read them again.
def current_of(newest_first: list):
    """The open quarter, else the latest; None if there is none."""
    return next((q for q in newest_first if q.is_open), newest_first[0] if newest_first else None)


def latest_before(quarter, newest_first: list):
    """The latest quarter set up before `quarter`, or None: never merely the period before,
    which may never have been set up (e.g. before the first 2023 quarter)."""
    period = (quarter.financial_year, quarter.number)
    return next((q for q in newest_first if (q.financial_year, q.number) < period), None)


class QuarterQuerySet(models.QuerySet):
    def open(self):
        return self.filter(is_open=True)

    def visible_to(self, user):
        """Quarters carry no sensitive content: every role may see which exist."""
        return self if has_any_role(user) else self.none()

    def chronological(self):
        return self.order_by("financial_year", "number")

    def newest_first(self):
        return self.order_by(*NEWEST_FIRST)

    def current(self):
        """The quarter a page shows when none is asked for: the open one, else the latest."""
        return self.open().newest_first().first() or self.newest_first().first()


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
    deputies = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="deputy_quarters",
        help_text="People with the SPR lead role who are also business leads, named by the SPR "
        "lead to sign off this quarter (never a threat their own department owns).",
    )

    # Set when the quarter came from a force's history (onboarding/history): its dates and
    # edition are then as the force held them, and only a reopening corrects them.
    history_import = models.ForeignKey(
        "assessments.HistoryImport",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="imported_quarters",
    )

    objects = QuarterQuerySet.as_manager()

    class Meta:
        ordering = list(NEWEST_FIRST)
        constraints = [
            models.UniqueConstraint(
                fields=["financial_year", "number"], name="one_quarter_per_period"
            ),
            # Business leads work on one open quarter at a time; the database holds it too,
            # whatever writes the row.
            models.UniqueConstraint(
                fields=["is_open"],
                condition=Q(is_open=True),
                name="one_open_quarter",
                violation_error_message="Only one quarter can be open at a time.",
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
        return f"{self.financial_year_label} Q{self.number}"

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
    def financial_year_label(self) -> str:
        return financial_year_label(self.financial_year)

    @staticmethod
    def check_dates(submission_deadline, meeting_date) -> None:
        """The quarterly meeting reviews what was submitted, so it is never before the
        deadline. Forms, services and the model's own validation all ask this."""
        if submission_deadline and meeting_date and meeting_date < submission_deadline:
            raise ValidationError({"meeting_date": MEETING_BEFORE_DEADLINE})

    def check_deadline_in_period(self, submission_deadline) -> None:
        """The deadline falls in the quarter or within three months of its end: a 2024/25
        quarter with a 2020 deadline is a typing mistake."""
        if submission_deadline is None or self.financial_year is None or not self.number:
            return
        latest = self.end_date + DEADLINE_GRACE
        if not self.start_date <= submission_deadline <= latest:
            raise ValidationError(
                {
                    "submission_deadline": f"The submission deadline of {self.label} must be "
                    f"between {self.start_date:%-d %B %Y} and {latest:%-d %B %Y}"
                }
            )

    def check_edition_in_force(self) -> None:
        """A quarter is assessed under the SPR edition in force at its dates: published by the
        quarter's end and not replaced by a later edition before the quarter began."""
        edition = self.edition if self.edition_id else None
        if edition is None or self.financial_year is None or not self.number:
            return
        if edition.published_on and edition.published_on > self.end_date:
            raise ValidationError(
                {
                    "edition": f"{edition.title} was published on "
                    f"{edition.published_on:%-d %B %Y}, after {self.label} ended"
                }
            )
        newer = (
            SprEdition.objects.filter(year__gt=edition.year, published_on__lte=self.start_date)
            .order_by("-year")
            .first()
        )
        if newer is not None:
            raise ValidationError(
                {
                    "edition": f"{self.label} is under {newer.title}, in force from "
                    f"{newer.published_on:%-d %B %Y}"
                }
            )

    def clean(self):
        self.check_dates(self.submission_deadline, self.meeting_date)
        self.check_deadline_in_period(self.submission_deadline)
        self.check_edition_in_force()

    @staticmethod
    def for_date(day: datetime.date) -> tuple[int, int]:
        """The (financial_year, number) of the quarter a date falls in."""
        if day.month >= 4:
            return day.year, (day.month - 4) // 3 + 1
        return day.year - 1, 4

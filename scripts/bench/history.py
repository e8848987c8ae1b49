"""Grow the demo with earlier quarters of signed-off self-assessments."""

import datetime

from assessments.demo import sign_off_quarter
from assessments.models import Quarter
from assessments.models.quarter import period_before
from threats.models import SprEdition


def add_signed_off_quarters(count: int) -> None:
    """Add `count` closed quarters before the demo's first, each fully signed off."""
    first = Quarter.objects.chronological().first()
    year, number = first.financial_year, first.number
    edition = SprEdition.objects.get(year=2012)
    for _ in range(count):
        year, number = period_before(year, number)
        probe = Quarter(financial_year=year, number=number)
        deadline = probe.end_date - datetime.timedelta(days=20)
        quarter, _ = Quarter.objects.get_or_create(
            financial_year=year,
            number=number,
            defaults={
                "edition": edition,
                "submission_deadline": deadline,
                "meeting_date": deadline + datetime.timedelta(days=14),
                "is_open": False,
            },
        )
        sign_off_quarter(quarter)

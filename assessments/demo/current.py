"""The current SPR of the demo: the 2023 edition's seven national threats, assessed in the
quarters up to today's, the quarter containing today's date open.

Public Disorder succeeds Public Order, and the 2023 SPR words the cyber threat "national
cyber event", so the first 2023 quarter's movement and "start from last quarter" reach back
through the lineage to 2015/16. Only the last few closed quarters are made, each with every
threat signed off, so that seeding stays fast: a quarter nobody assessed is not made, or the
board's picker and the trends would show years of empty quarters ("0 of 7 signed off").
"""

import datetime

from assessments.demo import content
from assessments.models import Quarter
from threats.models import SprEdition

EDITION_YEAR = 2023
FIRST = (2023, 1)  # the first quarter under the 2023 SPR
HISTORY_QUARTERS = 3  # closed quarters before today's that get signed-off assessments

# The new threats' demo content, in the shape of assessments/demo/content.py.
VAWG_NARRATIVES = {
    "capacity": "Public Protection has a dedicated VAWG team and a domestic abuse "
    "investigation unit in every local policing area.",
    "contribution": "The force contributes to the national VAWG framework and to the "
    "regional rape and serious sexual offences network.",
    "capability": "Investigators are trained under Operation Soteria; specialist interviewers "
    "are available at all hours.",
    "consistency": "Domestic abuse risk assessment follows national guidance in every area; "
    "a quality assurance sample is reviewed each month.",
    "connectivity": "The force works with the partners of the regional VAWG strategy, "
    "including health, education and the voluntary sector.",
}
CURRENT_SUMMARIES = {
    "terrorism": "WMCTU continues to hold the capacity for the highest level of threat "
    "outside London; the national CT Network provides surge capacity.",
    "serious-organised-crime": "Organised crime groups are mapped and managed through the "
    "regional tasking process, with the Regional Organised Crime Unit.",
    "public-disorder": "Public order resources meet the national mobilisation requirement; "
    "large deployments still reduce local policing while they last.",
    "civil-emergencies": "Plans with the Local Resilience Forum are tested each year; "
    "specialist CBRN capacity remains thin for concurrent emergencies.",
    "cyber": "The Regional Cyber Crime Unit responds to a national cyber event with the "
    "National Crime Agency; local capability grows through the digital media investigators.",
    "child-sexual-abuse": "Specialist capacity for online child abuse investigations has "
    "grown, and demand continues to rise.",
    "vawg": "The force's VAWG plan is in place and overseen by Public Protection; the number "
    "of specialist investigators is the main risk.",
}


def register_content() -> None:
    """Give the 2023 threats demo content under the names assessments/demo reads."""
    content.LATEST_GRADES.setdefault("public-disorder", content.LATEST_GRADES["public-order"])
    content.LATEST_GRADES.setdefault("vawg", (3, 3, 3, 3, 3, 2, 3, 3, 4))
    content.NARRATIVES.setdefault("public-disorder", content.NARRATIVES["public-order"])
    content.NARRATIVES.setdefault("vawg", VAWG_NARRATIVES)
    content.RISKS.setdefault("public-disorder", content.RISKS["public-order"])
    content.RISKS.setdefault(
        "vawg", "Demand for specialist investigators outstrips the officers trained so far."
    )
    content.FOUR_PS.setdefault("public-disorder", content.FOUR_PS["public-order"])
    content.FOUR_PS.setdefault("vawg", ("prevent", "protect", "pursue"))


def current_summary(slug: str, label: str) -> str:
    return f"Position at {label}. {CURRENT_SUMMARIES[slug]}"


def _start(year: int, number: int) -> datetime.date:
    return Quarter(financial_year=year, number=number).start_date


def _dates(year: int, number: int) -> tuple[datetime.date, datetime.date]:
    """Deadline on the 11th of the quarter's last month, the meeting two weeks later."""
    end = Quarter(financial_year=year, number=number).end_date
    deadline = end.replace(day=11)
    return deadline, deadline + datetime.timedelta(days=13)


def current_periods(today: datetime.date) -> list[tuple[int, int]]:
    """The quarter containing `today` and the HISTORY_QUARTERS before it (none before the
    first 2023 quarter), oldest first."""
    periods = [Quarter.for_date(today)]
    while len(periods) <= HISTORY_QUARTERS and periods[0] > FIRST:
        year, number = periods[0]
        periods.insert(0, (year, number - 1) if number > 1 else (year - 1, 4))
    return periods


def seed_current_quarters(today: datetime.date) -> tuple[list[Quarter], Quarter]:
    """The 2023 quarters of `current_periods`; today's is the open one. Returns (the closed
    quarters, which get signed-off assessments, the open quarter)."""
    edition = SprEdition.objects.get(year=EDITION_YEAR)
    periods = current_periods(today)
    quarters = []
    for year, number in periods:
        deadline, meeting = _dates(year, number)
        quarter, _ = Quarter.objects.get_or_create(
            financial_year=year,
            number=number,
            defaults={
                "edition": edition,
                "submission_deadline": deadline,
                "meeting_date": meeting,
            },
        )
        quarters.append(quarter)
    current = quarters[-1]
    if not current.is_open:
        Quarter.objects.open().exclude(pk=current.pk).update(is_open=False)
        Quarter.objects.filter(pk=current.pk).update(is_open=True)
        current.is_open = True
    return quarters[:-1], current


def last_full_year(today: datetime.date) -> int | None:
    """The financial year before today's, when the current SPR covers all of it."""
    year = Quarter.for_date(today)[0] - 1
    return year if (year, 1) >= FIRST else None


def seed_full_year(year: int) -> list[Quarter]:
    """The four quarters of `year` under the current SPR, closed (made if need be): the
    demo's annual assurance statement is drafted from a whole year. Returns them in order."""
    edition = SprEdition.objects.get(year=EDITION_YEAR)
    quarters = []
    for number in range(1, 5):
        deadline, meeting = _dates(year, number)
        quarter, _ = Quarter.objects.get_or_create(
            financial_year=year,
            number=number,
            defaults={"edition": edition, "submission_deadline": deadline, "meeting_date": meeting},
        )
        quarters.append(quarter)
    return quarters

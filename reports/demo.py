"""Board reports of the West Midlands Police demo: the December 2014 report and the published
2 February 2016 report of the reference paper.

Both are drafted, edited and published through the real services; then their timestamps are
moved to the meeting dates. The December 2014 PDF is rendered; the 2 February 2016 PDF is the
paper of record, `demo_papers/2016-02-02.pdf`, stored byte for byte as it was published, so
later changes to the paper's layout never change it. A report that exists is left alone, so
a second run adds and changes nothing (and renders no PDF).
"""

import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.utils import timezone

from assessments.models import Quarter
from reports.demo_paper import FEBRUARY_2016
from reports.models import BoardReport
from reports.paper.pdf import RenderedPdf
from reports.services import report_create, report_publish, report_update
from threats.force_profile import Marking

PAPERS_OF_RECORD = Path(__file__).resolve().parent / "demo_papers"
FEBRUARY_2016_PDF = PAPERS_OF_RECORD / "2016-02-02.pdf"
FEBRUARY_2016_PAGES = 7

# (quarter, meeting date, agenda item, text that replaces the pre-filled text, PDF of record)
REPORTS = [
    ((2014, 3), datetime.date(2014, 12, 16), "9", {}, None),
    ((2015, 3), datetime.date(2016, 2, 2), "7", FEBRUARY_2016, FEBRUARY_2016_PDF),
]


def _of_record(path: Path | None) -> RenderedPdf | None:
    if path is None:
        return None
    return RenderedPdf(content=path.read_bytes(), pages=FEBRUARY_2016_PAGES)


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _seed_one(lead, quarter, meeting_date, agenda_item, text, previous, pdf) -> BoardReport:
    report = report_create(
        actor=lead,
        quarter=quarter,
        meeting_date=meeting_date,
        agenda_item=agenda_item,
        marking=Marking.OFFICIAL,
        previous_report=previous,
    )
    if text:
        report = report_update(report=report, actor=lead, data=text, revision=report.revision)
    if pdf is not None:
        # The paper of record's first page has no author block: its web view must not either.
        BoardReport.objects.filter(pk=report.pk).update(
            report_of="", contact_officer="", paper_status=""
        )
    drafted = _at(meeting_date - datetime.timedelta(days=14), 10)
    published = _at(meeting_date, 9)
    BoardReport.objects.filter(pk=report.pk).update(created_at=drafted, updated_at=drafted)
    report.refresh_from_db()
    report = report_publish(
        report=report, actor=lead, revision=report.revision, at=published, of_record=_of_record(pdf)
    )
    BoardReport.objects.filter(pk=report.pk).update(updated_at=published)
    return report


def seed_reports() -> int:
    """Add the demo's board reports that do not exist yet; returns how many were added."""
    lead = get_user_model().objects.get(username="acc.security")
    made = 0
    previous = None
    for (year, number), meeting_date, agenda_item, text, pdf in REPORTS:
        existing = BoardReport.objects.filter(meeting_date=meeting_date, version=1).first()
        if existing is None:
            quarter = Quarter.objects.get(financial_year=year, number=number)
            existing = _seed_one(lead, quarter, meeting_date, agenda_item, text, previous, pdf)
            made += 1
        previous = existing
    return made

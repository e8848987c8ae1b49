"""A force's history imported (onboarding/history): the example file, every bad input leaving
the database as it was, re-import changing nothing, and what imported records do elsewhere."""

import datetime
import io
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from assessments.choices import Grade, Status
from assessments.items import GRADED_ITEMS
from assessments.models import Assessment, AssessmentSnapshot, HistoryImport, Quarter
from audit.models import AuditAction, AuditEvent
from onboarding.history import layout
from onboarding.history.reading import HistoryRefused
from onboarding.services.history import history_check, history_import
from reports.integrity import verify_integrity
from reports.models import BoardReport, PublishedPdf
from scripts.make_history_example import _pdf, example_bytes
from threats.demo import seed_reference_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def editions(db):
    seed_reference_data()


def _quarter_row(year=2021, number=1, deadline="2021-07-14", meeting="2021-07-28"):
    return [f"{year}/{(year + 1) % 100:02d}", f"Q{number}", deadline, meeting]


def _assessment_row(year=2021, number=1, threat="Terrorism", grade="Good", **extra):
    row = [f"{year}/{(year + 1) % 100:02d}", f"Q{number}", threat]
    for _item in GRADED_ITEMS:
        row += [grade, "We held our own."]
    row += [extra.get("summary", "Steady."), extra.get("by", "Ch Supt Ruth Ashworth")]
    row += [extra.get("on", "2021-07-28")]
    return row


def workbook(quarters=None, assessments=None, papers=None) -> bytes:
    book = Workbook()
    sheets = {
        layout.QUARTERS: quarters if quarters is not None else [_quarter_row()],
        layout.ASSESSMENTS: assessments if assessments is not None else [_assessment_row()],
    }
    if papers is not None:
        sheets[layout.PAPERS] = papers
    for index, (name, rows) in enumerate(sheets.items()):
        sheet = book.active if index == 0 else book.create_sheet()
        sheet.title = name
        sheet.append(list(layout.SHEETS[name]))
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def zipped(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _state():
    return (
        Quarter.objects.count(),
        Assessment.objects.count(),
        AssessmentSnapshot.objects.count(),
        BoardReport.objects.count(),
        PublishedPdf.objects.count(),
        HistoryImport.objects.count(),
        AuditEvent.objects.count(),
    )


def test_the_example_imports_and_integrity_holds(editions, administrator):
    plan = history_import(actor=administrator, data=example_bytes(), filename="example.zip")
    assert (len(plan.quarters), len(plan.papers)) == (20, 3)
    quarters = Quarter.objects.chronological()
    assert [q.label for q in (quarters.first(), quarters.last())] == ["2021/22 Q1", "2025/26 Q4"]
    assert quarters.first().edition.year == 2015 and quarters.last().edition.year == 2023
    assert not quarters.filter(is_open=True).exists()
    signed = Assessment.objects.filter(status=Status.SIGNED_OFF)
    assert signed.count() == 8 * 6 + 12 * 7 == len(plan.assessments)
    one = signed.filter(history_import__isnull=False).first()
    assert one.signed_off_by is None and one.signed_off_by_name
    assert one.submitted_at is None
    record = HistoryImport.objects.get()
    assert (record.quarters, record.assessments, record.papers) == (20, 132, 3)
    paper = BoardReport.objects.get(meeting_date=datetime.date(2024, 11, 14))
    assert paper.history_import == record and not paper.is_draft
    assert bytes(paper.pdf.content).startswith(b"%PDF-")
    result = verify_integrity()
    assert result.holds, result.problems
    assert result.pdfs == 3 and result.signed_off == 132
    row = AuditEvent.objects.get(action=AuditAction.HISTORY_IMPORTED)
    assert "20 quarters" in row.summary and "132" in row.summary


def test_importing_the_same_file_twice_changes_nothing(editions, administrator):
    data = workbook()
    history_import(actor=administrator, data=data, filename="history.xlsx")
    before = _state()
    plan = history_import(actor=administrator, data=data, filename="again.xlsx")
    assert plan.already_imported is not None
    assert "Already imported" in plan.summary
    assert _state() == before


def _refused(administrator, data, filename="history.xlsx") -> list[str]:
    before = _state()
    with pytest.raises(HistoryRefused) as refused:
        history_import(actor=administrator, data=data, filename=filename)
    assert _state() == before
    return refused.value.problems


def test_a_wrong_grade_word_is_refused_with_its_row(editions, administrator):
    problems = _refused(administrator, workbook(assessments=[_assessment_row(grade="Great")]))
    assert any("Assessments sheet, row 2" in p and "“Great” is not a grade" in p for p in problems)


def test_an_unknown_threat_and_a_retired_one_are_refused(editions, administrator):
    rows = [
        _assessment_row(threat="Piracy"),
        _assessment_row(year=2023, threat="Public Order", on="2023-07-28"),
    ]
    quarters = [_quarter_row(), _quarter_row(2023, 1, "2023-07-14", "2023-07-28")]
    problems = _refused(administrator, workbook(quarters=quarters, assessments=rows))
    assert any("row 2" in p and "“Piracy” is not a national threat" in p for p in problems)
    assert any("row 3" in p and "Public Order was retired in" in p for p in problems)


def test_a_threat_is_named_as_its_quarters_edition_names_it(editions, administrator):
    rows = [_assessment_row(threat="National cyber event")]  # the 2023 wording, in 2021
    problems = _refused(administrator, workbook(assessments=rows))
    assert any("National Cyber Security Incident" in p for p in problems)


def test_dates_outside_their_quarter_are_refused(editions, administrator):
    quarters = [_quarter_row(meeting="2021-07-01")]  # before the deadline
    problems = _refused(administrator, workbook(quarters=quarters, assessments=[]))
    assert any(
        "Quarters sheet, row 2" in p and "on or after the submission deadline" in p
        for p in problems
    )
    early = [_assessment_row(on="2021-03-01")]
    problems = _refused(administrator, workbook(assessments=early))
    assert any("is before 2021/22 Q1 began" in p for p in problems)


def test_duplicate_quarters_in_the_file_and_in_the_portal_are_refused(editions, administrator):
    problems = _refused(administrator, workbook(quarters=[_quarter_row(), _quarter_row()]))
    assert any("row 3" in p and "already in row 2" in p for p in problems)
    history_import(actor=administrator, data=workbook(), filename="first.xlsx")
    other = workbook(assessments=[_assessment_row(threat="Civil Emergencies")])
    problems = _refused(administrator, other)
    assert any("2021/22 Q1 is already in the portal" in p for p in problems)


def test_formulas_are_refused_as_text(editions, administrator):
    row = _assessment_row()
    row[3] = '=IF(A1,"Good","Adequate")'
    problems = _refused(administrator, workbook(assessments=[row]))
    assert any("holds a formula" in p for p in problems)


def test_a_file_not_what_its_name_says_and_a_50_mb_file_are_refused(editions, administrator):
    assert "not an Excel workbook" in _refused(administrator, b"hello, world", "h.xlsx")[0]
    assert "not a ZIP file" in _refused(administrator, b"%PDF-1.4 nothing", "h.zip")[0]
    assert "must be a workbook" in _refused(administrator, workbook(), "h.txt")[0]
    big = b"PK\x03\x04" + b"0" * (50 * 1024 * 1024)
    assert "smaller than 50 MB" in _refused(administrator, big, "h.zip")[0]


def test_a_paper_that_is_not_a_pdf_is_refused(editions, administrator):
    papers = [["2021/22", "Q1", "2021-08-05", "paper.pdf", "7", ""]]
    data = zipped({"history.xlsx": workbook(papers=papers), "paper.pdf": b"<html>not</html>"})
    problems = _refused(administrator, data, "history.zip")
    assert any("Papers sheet, row 2" in p and "“paper.pdf” is not a PDF" in p for p in problems)


def test_a_paper_before_the_quarterly_meeting_is_refused(editions, administrator):
    papers = [["2021/22", "Q1", "2021-07-20", "paper.pdf", "7", ""]]
    data = zipped({"history.xlsx": workbook(papers=papers), "paper.pdf": _pdf(["A paper"])})
    problems = _refused(administrator, data, "history.zip")
    assert any("must be on or after 2021/22 Q1's quarterly meeting" in p for p in problems)


def test_csv_sheets_in_a_zip_import(editions, administrator):
    def csv(header, rows):
        lines = [",".join(header)] + [",".join(f'"{c}"' for c in row) for row in rows]
        return "\n".join(lines).encode()

    data = zipped(
        {
            "quarters.csv": csv(layout.QUARTER_COLUMNS, [_quarter_row()]),
            "assessments.csv": csv(layout.ASSESSMENT_COLUMNS, [_assessment_row(grade="Adequate")]),
        }
    )
    history_import(actor=administrator, data=data, filename="history.zip")
    assert Assessment.objects.get().capability_grade == Grade.ADEQUATE


def test_the_dry_run_changes_nothing(editions, administrator):
    before = _state()
    plan = history_check(actor=administrator, data=workbook(), filename="history.xlsx")
    assert plan.summary.startswith("1 quarter, 1 signed-off self-assessment")
    assert _state() == before


def test_the_command_imports_refuses_and_says_already_imported(
    editions, administrator, tmp_path, capsys
):
    good = tmp_path / "history.xlsx"
    good.write_bytes(workbook())
    call_command("import_history", str(good), "--dry-run", "--by", administrator.username)
    assert Quarter.objects.count() == 0
    assert "Would import 1 quarter" in capsys.readouterr().out
    call_command("import_history", str(good), "--by", administrator.username)
    assert Quarter.objects.count() == 1
    call_command("import_history", str(good), "--by", administrator.username)
    assert "Already imported" in capsys.readouterr().out
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(workbook(assessments=[_assessment_row(grade="Great")]))
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_history", str(bad), "--by", administrator.username)
    assert "row 2" in capsys.readouterr().err

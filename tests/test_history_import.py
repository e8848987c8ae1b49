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


def test_a_quarter_missing_from_its_sheet_is_named_in_each_row_a_refused_one_only_once(
    editions, administrator
):
    assessments = [_assessment_row(number=2)]
    papers = [["2021/22", "Q2", "2021-11-05", "paper.pdf", "7", ""]]
    data = zipped({"history.xlsx": workbook(assessments=assessments, papers=papers)})
    problems = _refused(administrator, data, "history.zip")
    missing = [p for p in problems if "2021/22 Q2 is not in the Quarters sheet" in p]
    assert len(missing) == 2
    assert any(p.startswith("Assessments sheet, row 2") for p in missing)
    assert any(p.startswith("Papers sheet, row 2") for p in missing)
    # A quarter the Quarters sheet names but refuses is refused there, not again in its rows.
    refused_quarter = workbook(quarters=[_quarter_row(meeting="2021-07-01")])
    problems = _refused(administrator, refused_quarter)
    assert any(p.startswith("Quarters sheet, row 2") for p in problems)
    assert not any("not in the Quarters sheet" in p for p in problems)


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


# What imported records do elsewhere -------------------------------------------------------------


@pytest.fixture
def imported(editions, administrator):
    """2021/22 Q1 imported (every threat of the 2015 edition graded Good) with one paper."""
    threats = [
        "Terrorism",
        "Serious and Organised Crime",
        "Public Order",
        "Civil Emergencies",
        "National Cyber Security Incident",
        "Child Sexual Abuse",
    ]
    papers = [["2021/22", "Q1", "2021-08-05", "paper.pdf", "7", "SPR update"]]
    members = {
        "history.xlsx": workbook(
            assessments=[_assessment_row(threat=t) for t in threats], papers=papers
        ),
        "paper.pdf": _pdf(["Northshire Police", "A paper"]),
    }
    history_import(actor=administrator, data=zipped(members), filename="northshire.zip")
    return HistoryImport.objects.get()


def _terrorism(quarter):
    return Assessment.objects.get(quarter=quarter, threat__slug="terrorism")


def test_the_board_measures_movement_against_the_imported_quarter(imported, client, spr_lead):
    from assessments.selectors.board import quarter_board

    q1 = Quarter.objects.get()
    q2 = Quarter.objects.create(
        financial_year=2021,
        number=2,
        edition=q1.edition,
        submission_deadline=datetime.date(2021, 10, 14),
        meeting_date=datetime.date(2021, 10, 28),
        is_open=True,
    )
    grades = {item.grade_field: Grade.ADEQUATE for item in GRADED_ITEMS}
    Assessment.objects.create(
        threat=_terrorism(q1).threat, quarter=q2, created_by=spr_lead, **grades
    )
    board = quarter_board(spr_lead, q2)
    row = next(r for r in board.rows if r.threat.slug == "terrorism")
    assert row.compared_with == "2021/22 Q1"
    assert [(c.grade, c.previous) for c in row.cells][0] == (Grade.ADEQUATE, Grade.GOOD)
    # The imported quarter's own board: signed off, none of it late, marked imported.
    board = quarter_board(spr_lead, q1)
    assert board.summary == "6 of 6 signed off"
    assert all(r.signal is None for r in board.rows)
    client.force_login(spr_lead)
    page = client.get(f"/board/{q1.pk}/").content.decode()
    assert "Imported from northshire.zip" in page
    # An imported row was never submitted through the portal: it says so, not "Not submitted".
    assert "Not submitted" not in page and "Imported, signed off" in page
    assert "late" not in board.summary


def test_the_pages_mark_what_was_imported(imported, client, spr_lead, pcc_office):
    assessment = _terrorism(Quarter.objects.get())
    client.force_login(spr_lead)
    detail = client.get(f"/assessments/{assessment.pk}/").content.decode()
    assert "Imported from northshire.zip" in detail
    assert "Ch Supt Ruth Ashworth" in detail and "no account here" in detail
    trends = client.get("/board/trends/").content.decode()
    assert "Imported from northshire.zip" in trends
    threat = client.get("/board/trends/terrorism/").content.decode()
    assert "Imported</strong>" in threat
    paper = BoardReport.objects.get()
    client.force_login(pcc_office)
    listing = client.get("/reports/").content.decode()
    assert "Imported from northshire.zip" in listing
    page = client.get(f"/reports/{paper.pk}/").content.decode()
    assert "Imported from northshire.zip" in page and "Download Word document" not in page
    assert client.get(f"/reports/{paper.pk}/download.docx").status_code == 404
    assert client.get(f"/reports/{paper.pk}/preview/").status_code == 404
    download = client.get(f"/reports/{paper.pk}/download/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content if download.streaming else [download.content]) == (
        bytes(paper.pdf.content)
    )


def test_the_api_marks_imported_records(imported, client, spr_lead):
    from api.models import Scope
    from api.services import token_create

    raw = token_create(name="BI", scopes=list(Scope.values), expires_in_days=30, actor=spr_lead)[1]
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    grades = client.get("/api/v1/grades", **headers).json()["items"]
    assert grades and all(g["imported"]["source_name"] == "northshire.zip" for g in grades)
    assert grades[0]["signed_off_by"] == "Ch Supt Ruth Ashworth"
    quarters = client.get("/api/v1/quarters", **headers).json()
    assert quarters[0]["imported"]["sha256"] == imported.sha256
    reports = client.get("/api/v1/reports", **headers).json()
    assert reports[0]["imported"]["imported_by"] and reports[0]["docx_url"] is None
    assert client.get(f"/api/v1/reports/{reports[0]['id']}/docx", **headers).status_code == 404


def test_an_imported_quarter_cannot_be_edited_but_its_assessment_can_be_reopened(
    imported, spr_lead
):
    from django.core.exceptions import ValidationError

    from assessments.services import assessment_reopen
    from assessments.services.quarters import quarter_open, quarter_update

    quarter = Quarter.objects.get()
    with pytest.raises(ValidationError, match="imported with the force's history"):
        quarter_update(
            quarter=quarter,
            actor=spr_lead,
            submission_deadline=datetime.date(2021, 7, 1),
            meeting_date=datetime.date(2021, 7, 28),
        )
    with pytest.raises(ValidationError, match="cannot be opened"):
        quarter_open(quarter=quarter, actor=spr_lead)
    quarter.refresh_from_db()
    assert quarter.submission_deadline == datetime.date(2021, 7, 14) and not quarter.is_open
    assessment = _terrorism(quarter)
    assert not assessment.is_editable
    reopened = assessment_reopen(
        assessment=assessment,
        actor=spr_lead,
        reason="The capability grade was typed wrongly in the old spreadsheet.",
        confirm_published=True,
        late_deadline=datetime.date.today() + datetime.timedelta(days=14),
    )
    assert reopened.status == Status.DRAFT and reopened.is_editable
    assert reopened.signed_off_by_name == "" and reopened.signed_snapshot is None
    # Who signed the imported version outlives the reopening: it is the version's.
    version = reopened.snapshots.get()
    assert version.signer_name == "Ch Supt Ruth Ashworth"
    assert verify_integrity().holds


def test_the_record_names_the_signer_after_a_reopening(imported, client, spr_lead):
    from assessments.services import assessment_reopen

    assessment = assessment_reopen(
        assessment=_terrorism(Quarter.objects.get()),
        actor=spr_lead,
        reason="A grade was typed wrongly.",
        confirm_published=True,
        late_deadline=datetime.date.today() + datetime.timedelta(days=14),
    )
    client.force_login(spr_lead)
    page = client.get(f"/assessments/{assessment.pk}/").content.decode()
    assert "Signed off before the portal (imported): Ch Supt Ruth Ashworth" in page
    assert "Imported from northshire.zip" in page


@pytest.mark.template_context
def test_the_import_page_dry_runs_then_imports(editions, client, administrator):
    client.force_login(administrator)
    page = client.get("/set-up/history/")
    assert page.status_code == 200 and "Signed off by" in page.content.decode()
    template = client.get("/set-up/history/template.xlsx")
    assert template.status_code == 200 and template.content[:2] == b"PK"
    upload = io.BytesIO(workbook())
    upload.name = "history.xlsx"
    checked = client.post("/set-up/history/", {"history": upload})
    assert "Check what would be imported" in checked.content.decode()
    assert Quarter.objects.count() == 0
    sha = checked.context["plan"].sha256
    done = client.post("/set-up/history/", {"confirm": "1", "sha256": sha}, follow=True)
    assert "Imported 1 quarter" in done.content.decode()
    assert Quarter.objects.count() == 1
    row = AuditEvent.objects.get(action=AuditAction.HISTORY_IMPORTED)
    assert row.actor == administrator and "1 quarter" in row.summary


def test_the_import_page_lists_every_problem_in_the_error_summary(editions, client, administrator):
    client.force_login(administrator)
    upload = io.BytesIO(workbook(assessments=[_assessment_row(grade="Great", threat="Piracy")]))
    upload.name = "history.xlsx"
    before = _state()
    page = client.post("/set-up/history/", {"history": upload})
    text = page.content.decode()
    assert page.status_code == 200 and "govuk-error-summary" in text
    assert "Assessments sheet, row 2" in text and "Piracy" in text
    assert _state() == before


def test_only_administrators_import(editions, client, spr_lead):
    client.force_login(spr_lead)
    assert client.get("/set-up/history/").status_code == 403
    with pytest.raises(Exception, match="administrators"):
        history_import(actor=spr_lead, data=workbook(), filename="history.xlsx")
    assert Quarter.objects.count() == 0


def test_the_papers_annexes_say_which_quarters_were_imported(imported):
    from reports.paper.annex import annex_data
    from reports.paper.trend_annex import trend_data

    q1 = Quarter.objects.get()
    q2 = Quarter.objects.create(
        financial_year=2021,
        number=2,
        edition=q1.edition,
        submission_deadline=datetime.date(2021, 10, 14),
        meeting_date=datetime.date(2021, 10, 28),
    )
    annex = annex_data(q2, q1)
    assert annex["base_imported"].startswith("2021/22 Q1 was imported with the force's history")
    assert "northshire.zip" in annex["base_imported"]
    trend = trend_data(q2)
    assert trend["imported"] == [
        f"2021/22 Q1 was imported with the force's history ({imported.description})"
    ]
    # A quarter made in the portal adds neither key (the frozen annexes of papers stay as they
    # were).
    assert "base_imported" not in annex_data(q2, q2)


def test_the_committed_example_is_what_its_script_makes():
    """The script is deterministic and the file in docs/examples/ is its current output."""
    from pathlib import Path

    from scripts.make_history_example import OUTPUT

    assert Path(OUTPUT).read_bytes() == example_bytes() == example_bytes()

"""The demo's policing body's regard (a year of it on the two demo papers) and its published
annual assurance statement for the last full financial year; the 2 February 2016 paper's
stored bytes are untouched."""

import datetime
import hashlib

import pytest

from assessments.demo.current import last_full_year
from reports.assurance_models import AssuranceStatement, RegardEntry, RegardKind
from reports.integrity import verify_integrity
from reports.models import BoardReport
from tests.reports.test_demo_reports import FEBRUARY_2016_SHA256

pytestmark = pytest.mark.django_db


def test_both_demo_papers_carry_receipt_a_question_its_answer_and_a_conclusion(
    demo_seeded_once,
):
    for meeting in (datetime.date(2014, 12, 16), datetime.date(2016, 2, 2)):
        paper = BoardReport.objects.get(meeting_date=meeting, version=1)
        entries = list(RegardEntry.objects.filter(report=paper).in_order())
        assert [e.kind for e in entries] == [
            RegardKind.RECEIPT,
            RegardKind.QUESTION,
            RegardKind.ANSWER,
            RegardKind.CONCLUSION,
        ]
        assert entries[2].answer_to == entries[1]
        assert entries[2].author.username == "acc.security"
        assert {e.author.username for e in entries if e.kind != RegardKind.ANSWER} == {"pcc.office"}
        assert all(e.at.date() > meeting for e in entries)
    # Nothing waits for the SPR lead: every demo question is answered.
    assert not RegardEntry.objects.unanswered_questions().exists()


def test_the_last_full_year_s_statement_is_published_and_the_2016_paper_unchanged(
    demo_seeded_once,
):
    year = last_full_year(datetime.date.today())
    statement = AssuranceStatement.objects.get(financial_year=year)
    assert not statement.is_draft
    assert len(statement.grades["quarters"]) == 4
    assert statement.published_by.username == "pcc.office"
    for stored in statement.files.all():
        assert hashlib.sha256(bytes(stored.content)).hexdigest() == stored.sha256
    assert {f.kind for f in statement.files.all()} == {"pdf", "docx"}
    february = BoardReport.objects.get(meeting_date=datetime.date(2016, 2, 2), version=1)
    assert february.pdf.sha256 == FEBRUARY_2016_SHA256
    assert hashlib.sha256(bytes(february.pdf.content)).hexdigest() == FEBRUARY_2016_SHA256
    report = verify_integrity(read_evidence_bytes=False)
    assert report.holds, report.problems
    assert report.statements == 1

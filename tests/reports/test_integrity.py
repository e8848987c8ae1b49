"""verify_integrity: every fingerprint and checksum recomputed, every signed-off and published
row compared with what was signed or published; any mismatch named, as a command (non-zero
exit) and as a page for the SPR lead. On PostgreSQL the database refuses the change itself."""

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from assessments import services
from assessments.models import Assessment, AssessmentSnapshot
from reports.integrity import verify_integrity
from reports.models import (
    BoardReport,
    BoardReportThreatSection,
    PublishedDocx,
    PublishedPdf,
    ReportStatus,
)
from reports.services import report_correct
from tests.databases import postgresql_only
from tests.html import error_summary, text
from tests.reports.support import publish
from tests.tamper import tamper

pytestmark = pytest.mark.django_db

PAGE = reverse("reports:integrity")


class TestOnePaperPublishedOnce:
    """Tests that read one published paper (or change it in their own savepoint), published
    once for them all."""

    @pytest.fixture
    def published(self, published_once):
        return published_once

    @pytest.fixture
    def signed_quarter(self, signed_once):
        return signed_once.quarter

    @pytest.fixture
    def threat(self, signed_once):
        return signed_once.threat

    def test_untouched_evidence_holds(self, published, capsys):
        call_command("verify_integrity")
        out = capsys.readouterr().out
        snapshots = AssessmentSnapshot.objects.count()
        assert f"Integrity holds: {snapshots} signed or submitted versions, 1 stored PDFs" in out

    def test_an_altered_snapshot_and_pdf_are_named_and_fail_the_command(self, published, capsys):
        signed = AssessmentSnapshot.objects.filter(reason="signed_off").first()
        tamper(AssessmentSnapshot, signed.pk, data={**signed.data, "summary": "Altered."})
        pdf = published.pdf
        tamper(PublishedPdf, pdf.pk, content=bytes(pdf.content) + b"%")
        with pytest.raises(CommandError, match="3 problem"):
            call_command("verify_integrity")
        err = capsys.readouterr().err
        assert f"no longer gives its fingerprint {signed.fingerprint}" in err
        # The row no longer says what the (altered) version says either.
        assert f"Summary differs from signed version {signed.number}" in err
        assert f"no longer gives its checksum {pdf.sha256}" in err

    def test_the_page_says_whether_integrity_holds(self, client, spr_lead, published):
        client.force_login(spr_lead)
        assert "Integrity holds" in text(client.get(PAGE))
        tamper(PublishedPdf, published.pdf.pk, sha256="0" * 64)
        response = client.get(PAGE)
        assert [message for _, message in error_summary(response)] == [
            f"The stored PDF of the board report “{published}” no longer gives its checksum "
            + "0" * 64
        ]

    def test_a_changed_published_report_row_or_word_file_is_named(self, published, capsys):
        tamper(BoardReport, published.pk, title="Another title", conclusion="Rewritten.")
        docx = published.docx
        tamper(PublishedDocx, docx.pk, content=bytes(docx.content) + b"x")
        with pytest.raises(CommandError, match="3 problem"):
            call_command("verify_integrity")
        err = capsys.readouterr().err
        renamed = BoardReport.objects.get(pk=published.pk)
        assert f"“{renamed}”: Title differs from what was published" in err
        assert f"“{renamed}”: Conclusion differs from what was published" in err
        assert f"The stored Word file of the board report “{renamed}” no longer gives its " in err

    def test_a_published_report_set_back_to_draft_is_named(self, published):
        tamper(BoardReport, published.pk, status=ReportStatus.DRAFT)
        assert verify_integrity().problems == [
            f"The board report “{published}” was published (its paper is stored) but is now "
            "marked a draft"
        ]

    def test_a_threats_part_changed_after_publishing_is_named(self, published):
        section = published.threat_sections.first()
        tamper(BoardReportThreatSection, section.pk, body="Rewritten.")
        assert verify_integrity().problems == [
            f"The published board report “{published}”: "
            "Threats' parts differs from what was published"
        ]

    def test_a_superseded_report_and_its_correction_hold(self, published, spr_lead):
        correction = report_correct(report=published, actor=spr_lead, note="A figure was wrong.")
        publish(report=correction, actor=spr_lead)
        result = verify_integrity()
        assert (result.problems, result.reports, result.docx) == ([], 2, 2)
        tamper(BoardReport, published.pk, status=ReportStatus.PUBLISHED)
        assert verify_integrity().problems == [
            f"The board report “{published}” is marked published but a published correction "
            "supersedes it"
        ]

    @postgresql_only
    def test_the_database_refuses_to_change_what_was_signed_or_published(
        self, published, signed_quarter, threat, spr_lead
    ):
        """As the service's own role: no trigger switched off, plain SQL."""
        signed = _signed(threat, signed_quarter)
        other = AssessmentSnapshot.objects.exclude(pk=signed.signed_snapshot_id).first()
        refused_signed = [
            ("UPDATE assessments_assessment SET capability_grade = 1 WHERE id = %s", [signed.pk]),
            ("UPDATE assessments_assessment SET summary = 'x' WHERE id = %s", [signed.pk]),
            # Reopening and rewriting in one statement is refused too.
            (
                "UPDATE assessments_assessment SET status = 'draft', capability_grade = 1 "
                "WHERE id = %s",
                [signed.pk],
            ),
            (
                "UPDATE assessments_assessment SET signed_snapshot_id = %s WHERE id = %s",
                [other.pk, signed.pk],
            ),
        ]
        for sql, params in refused_signed:
            with pytest.raises(IntegrityError, match="what was signed off does not change"):
                _raw(sql, params)
        section = published.threat_sections.first()
        refused_published = [
            ("UPDATE reports_boardreport SET title = 'x' WHERE id = %s", [published.pk]),
            ("UPDATE reports_boardreport SET status = 'draft' WHERE id = %s", [published.pk]),
            ("UPDATE reports_boardreport SET frozen_annex = '{}' WHERE id = %s", [published.pk]),
            ("DELETE FROM reports_boardreport WHERE id = %s", [published.pk]),
            ("UPDATE reports_boardreportthreatsection SET body = 'x' WHERE id = %s", [section.pk]),
            ("DELETE FROM reports_boardreportthreatsection WHERE id = %s", [section.pk]),
        ]
        for sql, params in refused_published:
            with pytest.raises(IntegrityError, match="a published board report does not change"):
                _raw(sql, params)
        docx = published.docx
        for sql, params in [
            ("UPDATE reports_publisheddocx SET sha256 = %s WHERE id = %s", ["0" * 64, docx.pk]),
            ("UPDATE reports_publisheddocx SET content = %s WHERE id = %s", [b"x", docx.pk]),
            ("DELETE FROM reports_publisheddocx WHERE id = %s", [docx.pk]),
        ]:
            with pytest.raises(IntegrityError, match="append-only"):
                _raw(sql, params)
        assert verify_integrity().problems == []
        # The reopen service still reopens, and the draft it leaves is edited as drafts are.
        reopened = services.assessment_reopen(
            assessment=signed, actor=spr_lead, reason="Wrong grade", confirm_published=True
        )
        _raw("UPDATE assessments_assessment SET capability_grade = 1 WHERE id = %s", [reopened.pk])


def _raw(sql, params):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def _signed(threat, quarter):
    return Assessment.objects.select_related("quarter").get(threat=threat, quarter=quarter)


def test_a_changed_signed_off_grade_is_named_by_assessment_field_and_quarter(
    signed_quarter, threat, capsys
):
    """Where the database does not refuse it (SQLite; PostgreSQL with its triggers off), the
    check compares each signed-off row with its signed version."""
    signed = _signed(threat, signed_quarter)
    tamper(Assessment, signed.pk, capability_grade=1, risks="Rewritten.")
    with pytest.raises(CommandError, match="2 problem"):
        call_command("verify_integrity")
    err = capsys.readouterr().err
    where = f"The signed-off self-assessment of {signed.threat_name} for {signed_quarter.label}"
    number = signed.signed_snapshot.number
    assert f"{where}: Capability grade (signed Good, now Inadequate) differs from signed " in err
    assert f"{where}: Risks differs from signed version {number}" in err

"""manage.py export_board_report: the stored bytes of a published report, or a fresh
rendering of a draft with --render."""

import datetime
import hashlib
import io

import pytest
from django.core.management import CommandError, call_command

from tests.reports.support import new_report, pdf_pages_text, publish

pytestmark = pytest.mark.django_db


def _export(*args) -> str:
    out = io.StringIO()
    call_command("export_board_report", *args, stdout=out)
    return out.getvalue()


def test_latest_writes_the_stored_pdf_of_the_latest_published_report(
    tmp_path, signed_quarter, spr_lead
):
    older = publish(report=new_report(signed_quarter, spr_lead), actor=spr_lead)
    latest = publish(
        report=new_report(signed_quarter, spr_lead, meeting_date=datetime.date(2016, 6, 7)),
        actor=spr_lead,
    )
    new_report(signed_quarter, spr_lead, meeting_date=datetime.date(2016, 9, 6))  # a draft
    target = tmp_path / "latest.pdf"
    message = _export("--latest", "--output", str(target))
    assert target.read_bytes() == bytes(latest.pdf.content)
    assert latest.pdf.sha256 in message
    by_id = tmp_path / "older.pdf"
    _export("--id", str(older.pk), "--output", str(by_id))
    assert hashlib.sha256(by_id.read_bytes()).hexdigest() == older.pdf.sha256


def test_a_draft_needs_render_and_is_then_rendered_afresh(tmp_path, signed_quarter, spr_lead):
    draft = new_report(signed_quarter, spr_lead)
    target = tmp_path / "draft.pdf"
    with pytest.raises(CommandError, match="is a draft"):
        _export("--id", str(draft.pk), "--output", str(target))
    _export("--id", str(draft.pk), "--render", "--output", str(target))
    assert all("DRAFT" in page for page in pdf_pages_text(target.read_bytes()))


def test_clear_errors(tmp_path, signed_quarter, spr_lead):
    with pytest.raises(CommandError, match="No board report has been published"):
        _export("--latest", "--output", str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="no board report with id 999"):
        _export("--id", "999")
    published = publish(report=new_report(signed_quarter, spr_lead), actor=spr_lead)
    with pytest.raises(CommandError, match="written exactly as stored"):
        _export("--id", str(published.pk), "--render")
    with pytest.raises(CommandError, match="Cannot write"):
        _export("--latest", "--output", str(tmp_path / "missing-folder" / "x.pdf"))


def test_default_file_name_is_the_reports_own(tmp_path, monkeypatch, signed_quarter, spr_lead):
    publish(report=new_report(signed_quarter, spr_lead), actor=spr_lead)
    monkeypatch.chdir(tmp_path)
    _export("--latest")
    assert (tmp_path / "2016-04-12-spr-board-report.pdf").exists()

"""verify_integrity: every fingerprint and checksum recomputed; any mismatch named, as a
command (non-zero exit) and as a page for the SPR lead."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from assessments.models import AssessmentSnapshot
from reports.models import PublishedPdf
from tests.html import error_summary, text
from tests.reports.support import new_report, publish
from tests.tamper import tamper

pytestmark = pytest.mark.django_db

PAGE = reverse("reports:integrity")


@pytest.fixture
def published(signed_quarter, spr_lead):
    return publish(report=new_report(signed_quarter, spr_lead), actor=spr_lead)


def test_untouched_evidence_holds(published, capsys):
    call_command("verify_integrity")
    out = capsys.readouterr().out
    snapshots = AssessmentSnapshot.objects.count()
    assert f"Integrity holds: {snapshots} signed or submitted versions, 1 stored PDFs" in out


def test_an_altered_snapshot_and_pdf_are_named_and_fail_the_command(published, capsys):
    signed = AssessmentSnapshot.objects.filter(reason="signed_off").first()
    tamper(AssessmentSnapshot, signed.pk, data={**signed.data, "summary": "Altered."})
    pdf = published.pdf
    tamper(PublishedPdf, pdf.pk, content=bytes(pdf.content) + b"%")
    with pytest.raises(CommandError, match="2 problem"):
        call_command("verify_integrity")
    err = capsys.readouterr().err
    assert f"no longer gives its fingerprint {signed.fingerprint}" in err
    assert f"no longer gives its checksum {pdf.sha256}" in err


def test_the_page_says_whether_integrity_holds(client, spr_lead, published):
    client.force_login(spr_lead)
    assert "Integrity holds" in text(client.get(PAGE))
    tamper(PublishedPdf, published.pdf.pk, sha256="0" * 64)
    response = client.get(PAGE)
    assert [message for _, message in error_summary(response)] == [
        f"The stored PDF of the board report “{published}” no longer gives its checksum " + "0" * 64
    ]

"""The demo signs the papers it renders; the paper of record of 2 February 2016 is not one of
them. (Its own module: it seeds the demo with signing on, where the other demo report tests
share one seeding without it.)"""

import io

import pytest
from django.core.management import call_command

from reports.demo import FEBRUARY_2016_PDF
from reports.models import BoardReport
from tests.render_memo import renders_kept

pytestmark = pytest.mark.django_db


def test_the_demo_signs_its_papers_but_the_february_2016_paper_stays_as_published(
    monkeypatch, signing, client
):
    """`make run` configures a demo certificate: the demo's December 2014 paper, rendered by
    the portal, is signed; the paper of record of 2 February 2016 predates signing and stays
    byte for byte as it was published, and its page says so."""
    from reports.models import Signing
    from reports.signing import verify_pdf
    from spr_portal.roles import Role, holders_of

    monkeypatch.setenv("SPR_DEMO_PASSWORD", "a-demo-password-for-tests")
    with renders_kept():  # the render is the one of the other seedings; the signing is new
        call_command("seed_demo", stdout=io.StringIO())
    december, february = BoardReport.objects.order_by("meeting_date")
    assert december.pdf.signing == Signing.SIGNED
    assert verify_pdf(bytes(december.pdf.content)).valid
    assert bytes(february.pdf.content) == FEBRUARY_2016_PDF.read_bytes()
    assert (february.pdf.signing, february.pdf.signer_fingerprint) == (Signing.BEFORE_SIGNING, "")
    client.force_login(holders_of(Role.SPR_LEAD).first())
    page = client.get(f"/reports/{february.pk}/").content.decode()
    assert "Published before papers were signed" in page

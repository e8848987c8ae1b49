"""Who reads a published board paper is the force's choice (the force profile's
`published_papers_open`): open, every role reads it (a business lead the paper that quotes
their own summary); kept to the SPR lead, chief officers and the policing body's office, anyone
else is refused on a 403 page that says why, and nothing offers them the papers."""

import pytest
from django.urls import reverse

from api.models import Scope
from api.services import token_create
from audit.models import AuditAction, AuditEvent
from reports.models import BoardReport
from tests.html import text
from tests.reports.support import new_report
from threats.demo import FORCE_PROFILE
from threats.models import ForceProfile

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept_to_readers():
    """The demo force, but keeping its published papers to the roles that always read them."""
    return ForceProfile.objects.create(**FORCE_PROFILE, published_papers_open=False)


def _pages(report) -> list[str]:
    return [
        reverse("reports:report_list"),
        reverse("reports:report_detail", args=[report.pk]),
        reverse("reports:report_preview", args=[report.pk]),
        reverse("reports:report_download", args=[report.pk]),
        reverse("reports:report_download_docx", args=[report.pk]),
    ]


class TestOnePaperPublishedOnce:
    """Tests that read one published paper (or change it in their own savepoint), published
    once for them all."""

    @pytest.fixture
    def published(self, published_once):
        return published_once

    @pytest.mark.parametrize("role", ["business_lead", "administrator"])
    def test_open_papers_every_role_reads_and_downloads_a_published_one(
        self, client, request, role, published
    ):
        client.force_login(request.getfixturevalue(role))
        for url in _pages(published):
            assert client.get(url).status_code == 200, url
        assert "Board reports" in text(client.get(reverse("home")))  # the menu and the home page
        download = client.get(reverse("reports:report_download", args=[published.pk]))
        assert b"".join(download) == bytes(published.pdf.content)

    def test_kept_papers_a_business_lead_is_told_why_and_the_refusal_is_audited(
        self, client, business_lead, published, kept_to_readers
    ):
        client.force_login(business_lead)
        for url in _pages(published):
            response = client.get(url)
            assert response.status_code == 403, url
            words = text(response)
            assert "You cannot see this page" in words
            assert (
                "West Midlands Police keeps its published board papers to the SPR lead, chief "
                "officer leads and the PCC office: it marks them OFFICIAL-SENSITIVE." in words
            )
        refusals = AuditEvent.objects.filter(actor=business_lead, action=AuditAction.ACCESS_REFUSED)
        assert refusals.count() == len(_pages(published))
        assert all("marks them OFFICIAL-SENSITIVE" in event.reason for event in refusals)
        home = client.get(reverse("home"))
        assert "Board reports" not in text(home)
        assert not BoardReport.objects.visible_to(business_lead).exists()

    def test_kept_papers_the_api_serves_a_business_lead_none(
        self, client, business_lead, published, kept_to_readers
    ):
        raw = token_create(
            name="BI tool", scopes=[Scope.REPORTS], expires_in_days=30, actor=business_lead
        )[1]
        headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
        assert client.get("/api/v1/reports", **headers).json() == []
        assert client.get(f"/api/v1/reports/{published.pk}/pdf", **headers).status_code == 404

    @pytest.mark.parametrize("role", ["spr_lead", "chief_officer", "pcc_office"])
    def test_kept_papers_the_roles_that_always_read_them_still_do(
        self, client, request, role, published, kept_to_readers
    ):
        client.force_login(request.getfixturevalue(role))
        for url in _pages(published):
            assert client.get(url).status_code == 200, url

    def test_without_a_role_the_refusal_says_whose_the_papers_are(
        self, client, no_role_user, published
    ):
        client.force_login(no_role_user)
        response = client.get(reverse("reports:report_detail", args=[published.pk]))
        assert response.status_code == 403
        assert "Board reports are for the people who hold a role in the portal." in text(response)


def test_open_papers_a_draft_stays_the_spr_lead_s(client, business_lead, signed_quarter, spr_lead):
    draft = new_report(signed_quarter, spr_lead)
    client.force_login(business_lead)
    assert client.get(reverse("reports:report_detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("reports:report_preview_pdf", args=[draft.pk])).status_code == 404
    assert client.get(reverse("reports:report_edit_details", args=[draft.pk])).status_code == 404

"""Who sees which board report page: every role of ROLE_FIXTURES on every page.

SPR lead: everything. PCC office and chief officer leads: published reports only; a draft's
URL is a 404 for them. Business leads, administrators and users without a role: refused.
"""

import datetime

import pytest
from django.urls import reverse

from tests.conftest import ROLE_FIXTURES
from tests.reports.support import new_report, publish

pytestmark = pytest.mark.django_db

READERS = {"spr_lead", "chief_officer", "other_chief_officer", "pcc_office"}


def _expected(role: str, page: str) -> int:
    spr_only = page.startswith(("draft", "new", "correct"))
    if role == "spr_lead":
        return 200
    if role not in READERS:
        return 403
    if page.startswith("draft"):
        return 404  # a draft does not exist for them
    return 403 if spr_only else 200


@pytest.fixture
def reports(signed_quarter, spr_lead):
    published = publish(report=new_report(signed_quarter, spr_lead), actor=spr_lead)
    draft = new_report(signed_quarter, spr_lead, meeting_date=datetime.date(2016, 6, 7))
    return published, draft


def _pages(published, draft) -> dict[str, str]:
    section = draft.threat_sections.first()
    return {
        "list": reverse("reports:report_list"),
        "new": reverse("reports:report_new"),
        "published detail": reverse("reports:report_detail", args=[published.pk]),
        "published read": reverse("reports:report_preview", args=[published.pk]),
        "published download": reverse("reports:report_download", args=[published.pk]),
        "published download docx": reverse("reports:report_download_docx", args=[published.pk]),
        "correct": reverse("reports:report_correct", args=[published.pk]),
        "draft detail": reverse("reports:report_detail", args=[draft.pk]),
        "draft read": reverse("reports:report_preview", args=[draft.pk]),
        "draft preview pdf": reverse("reports:report_preview_pdf", args=[draft.pk]),
        "draft preview docx": reverse("reports:report_preview_docx", args=[draft.pk]),
        "draft download docx": reverse("reports:report_download_docx", args=[draft.pk]),
        "draft details": reverse("reports:report_edit_details", args=[draft.pk]),
        "draft section": reverse("reports:report_edit_section", args=[draft.pk, "purpose"]),
        "draft threat": reverse("reports:report_edit_threat", args=[draft.pk, section.pk]),
        "draft publish": reverse("reports:report_publish", args=[draft.pk]),
        "draft download": reverse("reports:report_download", args=[draft.pk]),
    }


@pytest.mark.parametrize("role", ROLE_FIXTURES)
def test_each_role_on_each_page(request, client, role, reports):
    client.force_login(request.getfixturevalue(role))
    outcomes = {}
    for page, url in _pages(*reports).items():
        expected = _expected(role, page)
        if page in ("draft download", "draft download docx") and expected == 200:
            expected = 404  # a draft has no published file, even for the SPR lead
        outcomes[page] = (client.get(url).status_code, expected)
    wrong = {page: got for page, (got, expected) in outcomes.items() if got != expected}
    assert not wrong, f"{role}: {wrong} (expected {outcomes})"


@pytest.mark.parametrize("role", ["pcc_office", "chief_officer", "business_lead"])
def test_nobody_but_the_spr_lead_can_post_to_a_draft(request, client, role, reports):
    published, draft = reports
    client.force_login(request.getfixturevalue(role))
    posts = {
        reverse("reports:report_publish", args=[draft.pk]): {"revision": draft.revision},
        reverse("reports:report_edit_section", args=[draft.pk, "purpose"]): {
            "body": "Changed by someone else.",
            "revision": draft.revision,
        },
        reverse("reports:report_correct", args=[published.pk]): {"note": "A correction."},
        reverse("reports:report_new"): {},
    }
    for url, data in posts.items():
        assert client.post(url, data).status_code in (403, 404), url
    draft.refresh_from_db()
    assert draft.is_draft and draft.purpose != "Changed by someone else."


def test_anonymous_users_are_sent_to_sign_in(client, reports):
    published, _ = reports
    response = client.get(reverse("reports:report_download", args=[published.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_wrong_id_is_a_404(client, spr_lead, reports):
    client.force_login(spr_lead)
    assert client.get(reverse("reports:report_detail", args=[99999])).status_code == 404

"""Board reports beyond the status of each page for each role, which the URL matrix
(tests/test_url_matrix.py) declares (SPR lead: everything; PCC office and chief officer leads:
published reports only, a draft's URL is a 404 for them; everyone else: refused): a refused
change leaves the draft as it was, and a wrong id is a 404."""

import datetime

import pytest
from django.urls import reverse

from tests.reports.support import new_report, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def reports(signed_quarter, spr_lead):
    published = publish(report=new_report(signed_quarter, spr_lead), actor=spr_lead)
    draft = new_report(signed_quarter, spr_lead, meeting_date=datetime.date(2016, 6, 7))
    return published, draft


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


def test_a_wrong_id_is_a_404(client, spr_lead, reports):
    client.force_login(spr_lead)
    assert client.get(reverse("reports:report_detail", args=[99999])).status_code == 404

"""The close-quarter and late-submission pages: wiring, errors and every role's access."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments import services
from assessments.models import LateSubmissionGrant, Quarter
from tests.conftest import ROLE_FIXTURES

pytestmark = pytest.mark.django_db


def _urls(quarter):
    return [
        reverse("assessments:quarter_close", kwargs={"pk": quarter.pk}),
        reverse("assessments:late_submissions", kwargs={"pk": quarter.pk}),
    ]


@pytest.mark.parametrize("role", [r for r in ROLE_FIXTURES if r != "spr_lead"])
def test_only_the_spr_lead_may_close_or_grant(client, request, role, quarter, threat):
    client.force_login(request.getfixturevalue(role))
    for url in _urls(quarter):
        assert client.get(url).status_code == 403
        assert client.post(url, {"threat": threat.pk, "reason": "x"}).status_code == 403
    assert Quarter.objects.get(pk=quarter.pk).is_open
    assert not LateSubmissionGrant.objects.exists()


def test_signed_out_visitors_are_sent_to_sign_in(client, quarter):
    for url in _urls(quarter):
        assert client.get(url)["Location"].startswith(reverse("login"))


def test_a_wrong_quarter_is_a_404(client, spr_lead):
    client.force_login(spr_lead)
    for name in ("quarter_close", "late_submissions"):
        assert client.get(reverse(f"assessments:{name}", kwargs={"pk": 98765})).status_code == 404


def test_closing_lists_what_is_unfinished_before_confirming(
    client, spr_lead, draft, other_threat, quarter
):
    client.force_login(spr_lead)
    url = reverse("assessments:quarter_close", kwargs={"pk": quarter.pk})
    page = client.get(url).content.decode()
    assert "2 of the national threats are not finished" in page
    assert "Child Sexual Abuse" in page and "Draft" in page
    assert "Serious and Organised Crime" in page and "Not started" in page
    assert Quarter.objects.get(pk=quarter.pk).is_open  # looking closes nothing
    response = client.post(url)
    assert response.status_code == 302
    assert not Quarter.objects.get(pk=quarter.pk).is_open
    listing = client.get(reverse("assessments:quarter_list")).content.decode()
    assert "is closed to submissions" in listing
    assert reverse("assessments:late_submissions", kwargs={"pk": quarter.pk}) in listing


def test_granting_a_late_submission_shows_errors_then_records_it(
    client, spr_lead, business_lead, threat, quarter
):
    services.quarter_close(quarter=quarter, actor=spr_lead)
    client.force_login(spr_lead)
    url = reverse("assessments:late_submissions", kwargs={"pk": quarter.pk})
    empty = client.post(url, {})
    html = empty.content.decode()
    assert empty.status_code == 200
    assert "There is a problem" in html
    assert 'href="#id_threat"' in html and "Enter why this threat may submit late" in html
    nonsense = client.post(url, {"threat": "not-a-number", "reason": "x"})
    assert nonsense.status_code == 200
    until = timezone.localdate() + datetime.timedelta(days=14)
    done = client.post(
        url,
        {
            "threat": threat.pk,
            "reason": "National deployment",
            "deadline_0": until.day,
            "deadline_1": until.month,
            "deadline_2": until.year,
        },
    )
    assert done.status_code == 302
    grant = LateSubmissionGrant.objects.get()
    assert (grant.threat, grant.granted_by, grant.reason, grant.deadline) == (
        threat,
        spr_lead,
        "National deployment",
        until,
    )
    page = client.get(url).content.decode()
    assert "National deployment" in page and "Granted by" in page
    assert f"Until the end of {until:%-d %B %Y}" in page
    # The business lead now sees the closed quarter with a Start link for that threat.
    client.force_login(business_lead)
    mine = client.get(reverse("assessments:my_assessments")).content.decode()
    assert "closed, late submission granted" in mine
    start = reverse("assessments:assessment_start", args=[quarter.pk, threat.slug])
    assert start in mine
    assert client.get(start).status_code == 200


def test_without_a_grant_the_start_page_of_a_closed_quarter_is_a_404(
    client, spr_lead, business_lead, threat, quarter
):
    services.quarter_close(quarter=quarter, actor=spr_lead)
    client.force_login(business_lead)
    start = reverse("assessments:assessment_start", args=[quarter.pk, threat.slug])
    assert client.get(start).status_code == 404
    assert client.post(start, {"start_from": "empty"}).status_code == 404

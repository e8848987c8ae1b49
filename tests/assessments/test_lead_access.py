"""Every business lead page, for every role: the owning lead gets the page, a lead of another
department 404 (objects are fetched through visible_to), every other role 403; POST-only
endpoints answer GET with 405; signed-out visitors go to the sign-in page."""

import pytest
from django.urls import reverse

from assessments import services
from tests.conftest import ROLE_FIXTURES
from tests.html import text

pytestmark = pytest.mark.django_db

OTHER_ROLES = [r for r in ROLE_FIXTURES if r not in {"business_lead", "other_business_lead"}]


@pytest.fixture
def action(draft, business_lead):
    return services.action_add(
        assessment=draft,
        actor=business_lead,
        description="Open the remaining hubs.",
        owner="Head of PPU",
        due_date=draft.quarter.meeting_date,
    )


@pytest.fixture
def pages(draft, action, threat, quarter, other_threat):
    """(name, method, URL, status for the owning lead)."""
    pk = draft.pk
    return [
        (
            "start",
            "get",
            reverse("assessments:assessment_start", args=[quarter.pk, threat.slug]),
            302,
        ),
        ("task list", "get", reverse("assessments:assessment_edit", args=[pk]), 200),
        ("section", "get", reverse("assessments:assessment_section", args=[pk, "capability"]), 200),
        (
            "section save",
            "post",
            reverse("assessments:assessment_section", args=[pk, "risks"]),
            200,
        ),
        ("actions", "get", reverse("assessments:action_list", args=[pk]), 200),
        ("action add", "get", reverse("assessments:action_add", args=[pk]), 200),
        ("action edit", "get", reverse("assessments:action_edit", args=[pk, action.pk]), 200),
        ("action close", "post", reverse("assessments:action_close", args=[pk, action.pk]), 302),
        ("submit", "post", reverse("assessments:assessment_submit", args=[pk]), 200),
    ]


def _expected(role: str, owner_status: int) -> int:
    if role == "business_lead":
        return owner_status
    if role == "other_business_lead":
        return 404
    return 403


@pytest.mark.parametrize("role", ROLE_FIXTURES)
def test_each_role_gets_the_right_status_on_each_page(request, client, pages, role):
    client.force_login(request.getfixturevalue(role))
    for name, method, url, owner_status in pages:
        response = getattr(client, method)(url)
        assert response.status_code == _expected(role, owner_status), (role, name)


@pytest.mark.parametrize("role", ROLE_FIXTURES)
def test_my_assessments_is_for_business_leads_only(request, client, role, draft, threat):
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("assessments:my_assessments"))
    if role in {"business_lead", "other_business_lead"}:
        assert response.status_code == 200
        assert (threat.name in text(response)) == (role == "business_lead")
    else:
        assert response.status_code == 403


def test_start_page_of_another_departments_threat_is_404(client, other_business_lead, quarter):
    from tests.factories import ThreatFactory

    theirs = ThreatFactory(name="Terrorism", slug="terrorism")
    client.force_login(other_business_lead)
    url = reverse("assessments:assessment_start", args=[quarter.pk, theirs.slug])
    assert client.get(url).status_code == 404
    assert client.post(url, {"start_from": "empty"}).status_code == 404


def test_a_closed_quarter_cannot_be_started(client, business_lead, threat, quarter):
    quarter.is_open = False
    quarter.save()
    client.force_login(business_lead)
    url = reverse("assessments:assessment_start", args=[quarter.pk, threat.slug])
    assert client.get(url).status_code == 404


def test_an_action_of_another_threat_is_404(client, business_lead, draft, other_threat, quarter):
    from tests.factories import AssessmentFactory, ImprovementActionFactory

    theirs = ImprovementActionFactory(
        raised_in=AssessmentFactory(threat=other_threat, quarter=quarter)
    )
    client.force_login(business_lead)
    for name in ("action_edit", "action_close"):
        url = reverse(f"assessments:{name}", args=[draft.pk, theirs.pk])
        assert client.post(url).status_code == 404, name


def test_post_only_endpoints_refuse_get(client, business_lead, draft, action):
    client.force_login(business_lead)
    for url in (
        reverse("assessments:assessment_submit", args=[draft.pk]),
        reverse("assessments:action_close", args=[draft.pk, action.pk]),
    ):
        assert client.get(url).status_code == 405, url
    my = reverse("assessments:my_assessments")
    assert client.post(my).status_code == 405
    assert client.put(reverse("assessments:assessment_edit", args=[draft.pk])).status_code == 405


def test_an_unknown_section_is_404(client, business_lead, draft):
    client.force_login(business_lead)
    for section in ("nonsense", "actions", "revision"):
        url = reverse("assessments:assessment_section", args=[draft.pk, section])
        assert client.get(url).status_code == 404, section


def test_signed_out_visitors_are_sent_to_sign_in(client, pages):
    for name, method, url, _ in pages:
        response = getattr(client, method)(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("login")), name

"""The status code of every SPR-lead page for every role: 403 for a page outside the role,
404 for an assessment the user may not see (never someone else's data)."""

import pytest
from django.urls import reverse

from tests.assessments.lead_support import signed_off_the_quarter_before, submitted_in
from tests.conftest import ROLE_FIXTURES

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(threat, quarter, business_lead):
    return submitted_in(threat, quarter, business_lead)


@pytest.fixture
def signed(threat, quarter, business_lead, spr_lead):
    return signed_off_the_quarter_before(
        threat=threat, quarter=quarter, lead=business_lead, reviewer=spr_lead
    )


EVERYONE_ELSE_403 = {role: 403 for role in ROLE_FIXTURES} | {"spr_lead": 200}

# page: (URL name, which assessment, method, expected status per role)
PAGES = {
    "detail of a submitted one": (
        "assessment_detail",
        "submitted",
        "get",
        {
            "business_lead": 200,
            "other_business_lead": 404,
            "spr_lead": 200,
            "chief_officer": 200,
            "other_chief_officer": 404,
            "pcc_office": 404,
            "administrator": 404,
            "no_role_user": 404,
        },
    ),
    "detail of a signed-off one": (
        "assessment_detail",
        "signed",
        "get",
        {
            "business_lead": 200,
            "other_business_lead": 404,
            "spr_lead": 200,
            "chief_officer": 200,
            "other_chief_officer": 404,
            "pcc_office": 200,
            "administrator": 404,
            "no_role_user": 404,
        },
    ),
    "compare versions": (
        "assessment_compare",
        "signed",
        "get",
        {
            "business_lead": 200,
            "other_business_lead": 404,
            "spr_lead": 200,
            "chief_officer": 200,
            "other_chief_officer": 404,
            "pcc_office": 403,
            "administrator": 404,
            "no_role_user": 404,
        },
    ),
    "review": ("assessment_review", "submitted", "get", EVERYONE_ELSE_403),
    "sign-off confirmation": ("assessment_sign_off", "submitted", "get", EVERYONE_ELSE_403),
    "reopen": ("assessment_reopen", "signed", "get", EVERYONE_ELSE_403),
    "actions register": ("actions_register", None, "get", EVERYONE_ELSE_403),
    "quarter list": ("quarter_list", None, "get", EVERYONE_ELSE_403),
    "new quarter": ("quarter_new", None, "get", EVERYONE_ELSE_403),
    "quarter dates": ("quarter_edit", "quarter", "get", EVERYONE_ELSE_403),
    "close a quarter": (
        "quarter_close",
        "quarter",
        "post",
        {role: 403 for role in ROLE_FIXTURES} | {"spr_lead": 302},
    ),
    "open a quarter": (
        "quarter_open",
        "quarter",
        "post",
        {role: 403 for role in ROLE_FIXTURES} | {"spr_lead": 302},
    ),
}


@pytest.mark.parametrize("role_fixture", ROLE_FIXTURES)
@pytest.mark.parametrize("page", list(PAGES))
def test_status_code_of_each_page_for_each_role(
    request, client, page, role_fixture, submitted, signed, quarter
):
    url_name, target, method, expected = PAGES[page]
    objects = {"submitted": submitted, "signed": signed, "quarter": quarter}
    kwargs = {"pk": objects[target].pk} if target else {}
    client.force_login(request.getfixturevalue(role_fixture))
    response = getattr(client, method)(reverse(f"assessments:{url_name}", kwargs=kwargs))
    assert response.status_code == expected[role_fixture]


@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_needs_a_signed_in_user(client, page, submitted, signed, quarter):
    url_name, target, method, _ = PAGES[page]
    objects = {"submitted": submitted, "signed": signed, "quarter": quarter}
    kwargs = {"pk": objects[target].pk} if target else {}
    response = getattr(client, method)(reverse(f"assessments:{url_name}", kwargs=kwargs))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_wrong_id_is_a_404(client, spr_lead):
    client.force_login(spr_lead)
    for name in ["assessment_detail", "assessment_review", "assessment_compare"]:
        assert client.get(reverse(f"assessments:{name}", kwargs={"pk": 987654})).status_code == 404


def test_state_changing_pages_refuse_get_where_only_post_makes_sense(client, spr_lead, quarter):
    client.force_login(spr_lead)
    url = reverse("assessments:quarter_open", kwargs={"pk": quarter.pk})
    assert client.get(url).status_code == 405
    # Closing asks first: its GET is the confirmation page and changes nothing.
    was_open = quarter.is_open
    assert client.get(
        reverse("assessments:quarter_close", kwargs={"pk": quarter.pk})
    ).status_code in (
        200,
        302,
    )
    quarter.refresh_from_db()
    assert quarter.is_open == was_open
    assert client.post(reverse("assessments:quarter_board_current")).status_code == 405

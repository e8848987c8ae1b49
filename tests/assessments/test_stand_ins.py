"""A stand-in acts as a department's business lead from one date to another: the access starts
and ends by itself (one rule: threats/stand_ins.py, asked through spr_portal/access.py and
visible_to), the naming and an early end are on the audit trail, and the board shows who
leads each department today ("No active lead" when nobody does)."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.services import user_deactivate
from assessments import services
from assessments.choices import Status
from audit.models import AuditAction, AuditEvent
from spr_portal.access import Can, may
from spr_portal.roles import Role
from tests.conftest import ROLE_FIXTURES
from tests.factories import UserFactory, complete_content
from tests.html import texts

pytestmark = pytest.mark.django_db

FIRST, LAST = datetime.date(2016, 3, 3), datetime.date(2016, 3, 5)


def _fresh(user):
    """The account as a new request reads it (what a user may do is cached per object)."""
    return get_user_model().objects.get(pk=user.pk)


@pytest.fixture
def deputy_head(db):
    """Someone with an account and no role at all."""
    return UserFactory(username="deputy.head", first_name="Jo", last_name="Bloggs")


@pytest.fixture
def stand_in(clock, deputy_head, department, spr_lead):
    clock(datetime.date(2016, 3, 1))
    return services.stand_in_name(
        department=department,
        person=deputy_head,
        starts_on=FIRST,
        ends_on=LAST,
        reason="Head of department on leave",
        actor=spr_lead,
    )


def test_a_stand_in_has_the_business_leads_access_only_within_their_dates(
    clock, client, stand_in, deputy_head, draft, other_threat, quarter, other_business_lead
):
    other = services.assessment_start(
        threat=other_threat, quarter=quarter, actor=other_business_lead
    )
    urls = [
        reverse("assessments:my_assessments"),
        reverse("assessments:assessment_edit", args=[draft.pk]),
        reverse("assessments:assessment_detail", args=[draft.pk]),
        reverse("assessments:assessment_edit", args=[other.pk]),  # another department's
    ]

    def answers(day):
        clock(day)
        client.force_login(deputy_head)
        return [client.get(url).status_code for url in urls]

    assert answers(FIRST - datetime.timedelta(days=1)) == [403, 403, 404, 403]
    assert answers(FIRST) == [200, 200, 200, 404]
    assert answers(LAST) == [200, 200, 200, 404]
    assert answers(LAST + datetime.timedelta(days=1)) == [403, 403, 404, 403]


def test_within_the_dates_the_stand_in_works_as_the_business_lead_and_not_after(
    clock, stand_in, deputy_head, draft
):
    clock(FIRST)
    person = _fresh(deputy_head)
    assert may(person, Can.WORK_ON_ASSESSMENTS)
    saved = services.assessment_save_draft(
        assessment=draft, actor=person, data=complete_content(), revision=draft.revision
    )
    submitted = services.assessment_submit(assessment=saved, actor=_fresh(deputy_head))
    assert (submitted.status, submitted.submitted_at is not None) == (Status.SUBMITTED, True)
    clock(LAST + datetime.timedelta(days=1))
    after = _fresh(deputy_head)
    assert not may(after, Can.WORK_ON_ASSESSMENTS)
    with pytest.raises(PermissionDenied):
        services.assessment_withdraw(assessment=submitted, actor=after, revision=submitted.revision)


def test_ending_a_stand_in_early_ends_the_access_now_and_is_audited(
    clock, client, stand_in, deputy_head, draft, spr_lead
):
    clock(FIRST)
    client.force_login(deputy_head)
    assert client.get(reverse("assessments:my_assessments")).status_code == 200
    client.force_login(spr_lead)
    response = client.post(reverse("assessments:stand_in_end", kwargs={"pk": stand_in.pk}))
    assert response.status_code == 302
    client.force_login(deputy_head)
    assert client.get(reverse("assessments:my_assessments")).status_code == 403
    row = AuditEvent.objects.get(action=AuditAction.STAND_IN_ENDED)
    assert row.actor == spr_lead
    assert row.summary == (
        "Jo Bloggs no longer stands in as business lead of Public Protection Unit "
        "(named for 3 March 2016 to 5 March 2016)"
    )
    with pytest.raises(ValidationError, match="already ended"):
        services.stand_in_end(stand_in=stand_in, actor=spr_lead)


def test_naming_a_stand_in_is_on_the_audit_trail(stand_in, spr_lead):
    row = AuditEvent.objects.get(action=AuditAction.STAND_IN_NAMED)
    assert (row.actor, row.reason) == (spr_lead, "Head of department on leave")
    assert row.summary == (
        "Jo Bloggs stands in as business lead of Public Protection Unit from 3 March 2016 "
        "to 5 March 2016"
    )


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"starts_on": datetime.date(2016, 2, 28)}, "starts_on", "today or in the future"),
        ({"ends_on": datetime.date(2016, 3, 2)}, "ends_on", "on or after the first day"),
        ({"ends_on": datetime.date(2017, 3, 10)}, "ends_on", "a year at most"),
        ({"reason": " "}, "reason", "Enter why they stand in"),
        ({"person": "spr"}, "person", "has the SPR lead role"),
        ({"person": "self"}, "person", "You cannot name yourself"),
        ({"person": "lead"}, "person", "already a business lead of Public Protection Unit"),
    ],
)
def test_a_stand_in_needs_sensible_dates_a_reason_and_someone_else(
    clock, deputy_head, department, business_lead, spr_lead, change, field, message
):
    clock(datetime.date(2016, 3, 1))
    people = {
        "spr": UserFactory(username="another.spr", roles=[Role.SPR_LEAD]),
        "self": spr_lead,
        "lead": business_lead,
    }
    values = {
        "department": department,
        "person": deputy_head,
        "starts_on": FIRST,
        "ends_on": LAST,
        "reason": "On leave",
    } | change
    values["person"] = people.get(values["person"], values["person"])
    with pytest.raises(ValidationError) as refused:
        services.stand_in_name(actor=spr_lead, **values)
    assert message in " ".join(refused.value.message_dict[field])
    assert not AuditEvent.objects.filter(action=AuditAction.STAND_IN_NAMED).exists()


@pytest.mark.parametrize("role", [r for r in ROLE_FIXTURES if r != "spr_lead"])
def test_only_the_spr_lead_names_stand_ins(client, request, role, department, deputy_head):
    user = request.getfixturevalue(role)
    client.force_login(user)
    assert client.get(reverse("assessments:stand_ins")).status_code == 403
    with pytest.raises(PermissionDenied):
        services.stand_in_name(
            department=department,
            person=deputy_head,
            starts_on=datetime.date.today(),
            ends_on=datetime.date.today(),
            reason="x",
            actor=user,
        )


def test_the_stand_ins_page_names_one_with_the_error_summary_first(
    clock, client, spr_lead, department, deputy_head, business_lead, administrator
):
    clock(datetime.date(2016, 3, 1))
    user_deactivate(user=business_lead, actor=administrator, confirm_unled=True)
    client.force_login(spr_lead)
    url = reverse("assessments:stand_ins")
    page = client.get(url, {"department": department.pk})
    assert (
        "No active business lead today: Public Protection Unit"
        in texts(page, ".govuk-warning-text")[0]
    )
    empty = client.post(url, {})
    assert empty.status_code == 200
    assert texts(empty, ".govuk-error-summary a") == [
        "Select the department they stand in for",
        "Select who stands in",
        "Enter the first day they stand in",
        "Enter the last day they stand in",
        "Enter why they stand in",
    ]
    done = client.post(
        url,
        {
            "department": department.pk,
            "person": deputy_head.pk,
            "starts_on_0": "1",
            "starts_on_1": "3",
            "starts_on_2": "2016",
            "ends_on_0": "14",
            "ends_on_1": "3",
            "ends_on_2": "2016",
            "reason": "The head of department has left; the post is being filled",
        },
    )
    assert done.status_code == 302
    listed = client.get(url)
    row = texts(listed, "[data-stand-ins=coming] tbody tr")[0]
    assert "Public Protection Unit" in row and "Jo Bloggs" in row
    assert "1 March 2016 to 14 March 2016" in row and "Acting until 14 March 2016" in row
    assert not texts(listed, ".govuk-warning-text")  # someone leads it today


def test_the_board_says_no_active_lead_and_shows_the_stand_in(
    clock, client, threat, quarter, business_lead, department, deputy_head, spr_lead, administrator
):
    clock(datetime.date(2016, 3, 1))
    board_url = reverse("assessments:quarter_board", kwargs={"pk": quarter.pk})
    client.force_login(spr_lead)
    named = business_lead.get_full_name()
    assert named in texts(client.get(board_url), "tbody th")[0]

    user_deactivate(user=business_lead, actor=administrator, confirm_unled=True)
    board = client.get(board_url)
    cell = texts(board, "tbody th")[0]
    assert named not in cell  # a leaver is not shown as leading
    assert texts(board, "[data-no-lead]") == [
        "No active lead Name a stand-in for Public Protection Unit"
    ]

    services.stand_in_name(
        department=department,
        person=deputy_head,
        starts_on=datetime.date(2016, 3, 1),
        ends_on=datetime.date(2016, 3, 14),
        reason="Until a new head starts",
        actor=spr_lead,
    )
    board = client.get(board_url)
    assert (
        "Public Protection Unit: Jo Bloggs (stand-in until 14 March 2016)"
        in texts(board, "tbody th")[0]
    )
    assert not texts(board, "[data-no-lead]")
    clock(datetime.date(2016, 3, 15))  # it ends by itself
    client.force_login(spr_lead)
    assert texts(client.get(board_url), "[data-no-lead]")


def test_a_named_lead_without_the_business_lead_role_leads_nothing(
    client, threat, quarter, business_lead, spr_lead, administrator
):
    from accounts.services import user_roles_set

    user_roles_set(user=business_lead, roles=set(), actor=administrator)
    client.force_login(spr_lead)
    board = client.get(reverse("assessments:quarter_board", kwargs={"pk": quarter.pk}))
    assert texts(board, "[data-no-lead]")

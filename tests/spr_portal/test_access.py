"""spr_portal.access: the one table of what each role may do, and the gates built on it."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from spr_portal.access import GRANTS, Can, allowed, has_any_role, may, require, requires
from spr_portal.navigation import navigation_for
from spr_portal.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# What PRODUCT.md's "Who uses it" gives each role, written out independently of GRANTS. The
# published board papers are public once published unless the force keeps them to the SPR
# lead, chief officers and its policing body's office (READ_EVERY_REPORT): every role reads
# them under the demo's profile (a force that keeps them: tests/reports/test_open_papers.py).
EXPECTED = {
    Role.BUSINESS_LEAD: {
        Can.WORK_ON_ASSESSMENTS,
        Can.SEE_OWN_DEPARTMENTS,
        Can.USE_API,
        Can.SET_CONTRIBUTORS,
        # A contributing department's lead reads and adds to the assessments it contributes
        # to; every business lead's board holds its own and contributed threats, as they stand.
        Can.CONTRIBUTE,
        Can.SEE_CONTRIBUTED,
        Can.READ_BOARD,
        Can.SEE_PROGRESS,
        Can.READ_REPORTS,
        # The meetings' decisions and actions of their own threats; the actions they own.
        Can.READ_MEETINGS,
        Can.OWN_MEETING_ACTIONS,
        # The inspection recommendations concerning their threats, or that they own.
        Can.READ_RECOMMENDATIONS,
    },
    Role.SPR_LEAD: {
        Can.READ_BOARD,
        Can.REVIEW,
        Can.SET_CONTRIBUTORS,
        Can.MANAGE_QUARTERS,
        Can.READ_ACTIONS_REGISTER,
        Can.READ_REPORTS,
        Can.READ_EVERY_REPORT,
        Can.DRAFT_REPORTS,
        Can.SEE_EVERY_ASSESSMENT,
        Can.SEE_EVERY_THREAT_ON_BOARD,
        Can.SEE_PROGRESS,
        Can.READ_AUDIT_LOG,
        Can.VERIFY_INTEGRITY,
        Can.EXPORT_EVIDENCE_PACK,
        Can.NAME_STAND_INS,
        Can.USE_API,
        Can.READ_MEETINGS,
        Can.RUN_MEETING,
        Can.READ_MINUTES,
        Can.OWN_MEETING_ACTIONS,
        Can.ANSWER_REGARD,
        Can.READ_REGARD,
        Can.READ_STATEMENTS,
        Can.READ_RECOMMENDATIONS,
        Can.MANAGE_RECOMMENDATIONS,
        Can.SEE_EVERY_RECOMMENDATION,
    },
    Role.CHIEF_OFFICER_LEAD: {
        Can.READ_BOARD,
        Can.READ_REPORTS,
        Can.READ_EVERY_REPORT,
        Can.SEE_LED_THREATS,
        Can.SEE_PROGRESS,
        Can.USE_API,
        Can.HEAR_OF_PUBLISHED_REPORTS,
        # Their portfolio's meeting business; endorsing its submissions before the meeting.
        Can.READ_MEETINGS,
        Can.READ_MINUTES,
        Can.ENDORSE,
        Can.OWN_MEETING_ACTIONS,
        Can.READ_REGARD,
        Can.READ_STATEMENTS,
        Can.READ_RECOMMENDATIONS,
    },
    Role.POLICING_BODY_OFFICE: {
        Can.READ_BOARD,
        Can.READ_REPORTS,
        Can.READ_EVERY_REPORT,
        Can.SEE_SIGNED_OFF,
        Can.SEE_EVERY_THREAT_ON_BOARD,
        Can.USE_API,
        Can.HEAR_OF_PUBLISHED_REPORTS,
        Can.RECORD_REGARD,
        Can.READ_REGARD,
        Can.DRAFT_STATEMENTS,
        Can.READ_STATEMENTS,
        # Every inspection recommendation; the date of its own published response.
        Can.READ_RECOMMENDATIONS,
        Can.SEE_EVERY_RECOMMENDATION,
        Can.RECORD_POLICING_BODY_RESPONSE,
    },
    Role.ADMINISTRATOR: {
        Can.ADMINISTER,
        Can.MANAGE_USERS,
        Can.SET_UP_FORCE,
        Can.READ_AUDIT_LOG,
        Can.READ_REPORTS,
    },
}


@pytest.mark.parametrize("role", list(Role))
def test_each_role_may_do_exactly_what_the_product_gives_it(role):
    user = UserFactory(roles=[role])
    assert {what for what in Can if may(user, what)} == EXPECTED[role]


def test_every_capability_is_granted_to_some_role_and_has_its_own_refusal():
    assert set(GRANTS) == set(Can)
    assert len({what.value for what in Can}) == len(Can)


def test_two_roles_add_up():
    user = UserFactory(roles=[Role.BUSINESS_LEAD, Role.CHIEF_OFFICER_LEAD])
    granted = {what for what in Can if may(user, what)}
    assert granted == EXPECTED[Role.BUSINESS_LEAD] | EXPECTED[Role.CHIEF_OFFICER_LEAD]


def test_a_superuser_administers_manages_users_and_reads_nothing():
    # Managing users, so that the first superuser can give the first roles (README), and
    # setting the force up (the set-up spreadsheet) from an empty database.
    user = UserFactory(is_superuser=True)
    assert {what for what in Can if may(user, what)} == {
        Can.ADMINISTER,
        Can.MANAGE_USERS,
        Can.SET_UP_FORCE,
    }
    assert has_any_role(user)


def test_nobody_without_a_role_or_signed_out_or_deactivated_may_do_anything():
    deactivated = UserFactory(roles=[Role.SPR_LEAD], is_active=False)
    for user in (AnonymousUser(), UserFactory(), deactivated):
        assert not any(allowed(user).values())
        assert not has_any_role(user)


def test_require_refuses_with_the_capabilitys_own_words():
    with pytest.raises(PermissionDenied, match="Only the SPR lead drafts"):
        require(UserFactory(roles=[Role.POLICING_BODY_OFFICE]), Can.DRAFT_REPORTS)
    require(UserFactory(roles=[Role.SPR_LEAD]), Can.DRAFT_REPORTS)  # no exception


def test_the_view_decorator_gates_before_the_view_runs():
    ran = []

    @requires(Can.MANAGE_QUARTERS)
    def view(request):
        ran.append(request.user)
        return "page"

    request = RequestFactory().get("/")
    request.user = UserFactory(roles=[Role.CHIEF_OFFICER_LEAD])
    with pytest.raises(PermissionDenied):
        view(request)
    assert ran == []
    request.user = UserFactory(roles=[Role.SPR_LEAD])
    assert view(request) == "page"


@pytest.mark.parametrize(
    ("role", "labels"),
    [
        (
            Role.BUSINESS_LEAD,
            ["My assessments", "Quarter board", "Meetings", "Inspections", "Board reports"],
        ),
        (
            Role.SPR_LEAD,
            [
                "Quarter board",
                "Meetings",
                "Actions register",
                "Inspections",
                "Board reports",
                "Assurance statements",
                "Audit log",
            ],
        ),
        (
            Role.CHIEF_OFFICER_LEAD,
            ["Quarter board", "Meetings", "Inspections", "Board reports", "Assurance statements"],
        ),
        (
            Role.POLICING_BODY_OFFICE,
            ["Quarter board", "Inspections", "Board reports", "Assurance statements"],
        ),
        (
            Role.ADMINISTRATOR,
            ["Board reports", "Audit log", "Manage users", "Set up the force", "Administration"],
        ),
    ],
)
def test_the_menu_offers_what_the_table_allows(role, labels):
    request = RequestFactory().get("/board/")
    request.user = UserFactory(roles=[role])
    assert [item["label"] for item in navigation_for(request)] == labels


def test_the_statements_section_alone_is_current_on_its_pages():
    request = RequestFactory().get("/reports/statements/")
    request.user = UserFactory(roles=[Role.POLICING_BODY_OFFICE])
    current = [item["label"] for item in navigation_for(request) if item["current"]]
    assert current == ["Assurance statements"]


@pytest.mark.parametrize("role", list(Role))
def test_the_templates_may_gives_the_tables_answers(role):
    user = UserFactory(roles=[role])
    answers = allowed(user)
    assert dict(answers) == {what.name: may(user, what) for what in Can}
    assert answers["DRAFT_REPORTS"] == may(user, Can.DRAFT_REPORTS)
    with pytest.raises(KeyError):
        answers["NO_SUCH_CAPABILITY"]


def test_the_templates_may_works_out_only_what_a_page_asks(monkeypatch):
    from spr_portal import access

    asked = []
    real_may = access.may
    monkeypatch.setattr(
        access, "may", lambda user, what: asked.append(what) or real_may(user, what)
    )
    answers = allowed(UserFactory(roles=[Role.SPR_LEAD]))
    assert answers["REVIEW"] and answers["REVIEW"] and not answers["ADMINISTER"]
    assert asked == [Can.REVIEW, Can.ADMINISTER]  # each once, and nothing else

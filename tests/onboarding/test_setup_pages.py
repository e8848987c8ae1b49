"""The guided set-up page's states (an empty portal, a portal set up) and its own forms: the
force profile, the SPR editions, the single sign-on mappings (bad input: the GOV.UK error
summary, nothing typed lost; every change audited)."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.models import ClaimRoleMapping
from audit.models import AuditAction, AuditEvent
from onboarding.services.force import spr_editions_load
from spr_portal.roles import Role
from tests import html
from tests.factories import QuarterFactory, UserFactory
from threats.demo import MAYORAL_FORCE_PROFILE
from threats.models import ChiefOfficerPost, Department, ForceProfile, NationalThreat

pytestmark = pytest.mark.django_db

SETUP = reverse("onboarding:setup")


@pytest.fixture
def superuser(db):
    """The one account of an empty portal, as `createsuperuser` makes it: no role."""
    return get_user_model().objects.create_superuser("first.admin", "it@example.invalid", "x")


def _states(response) -> dict[str, tuple[str, str]]:
    return {
        item["data-step"]: (
            html.text(html.one(item, ".govuk-task-list__status")),
            html.text(html.one(item, "[data-detail]")),
        )
        for item in html.select(response, "[data-step]")
    }


def test_an_empty_portal_lists_every_step_not_started(client, superuser):
    client.force_login(superuser)
    response = client.get(SETUP)
    assert response.status_code == 200
    states = _states(response)
    assert list(states) == [
        "profile",
        "editions",
        "expectations",
        "departments",
        "posts",
        "accounts",
        "sso",
        "history",
        "quarter",
    ]
    assert states["profile"][0] == "Not started"
    assert states["editions"][0] == "Not started"
    assert states["departments"][0] == "Not started"
    assert states["accounts"][0] == "Not started"  # a superuser holds no role
    assert states["expectations"][0] == "Optional"  # the portal ships no line
    assert states["sso"][0] == "Optional"
    assert states["history"][0] == "Optional"
    assert states["quarter"][0] == "Not started"
    assert "You have completed 0 of 9 steps" in html.text(response)
    # The step links to its page
    link = html.one(response, "[data-step=profile] a.govuk-task-list__link")
    assert link["href"] == reverse("onboarding:force_profile")


def test_a_portal_set_up_shows_each_step_done_with_what_it_holds(client, superuser):
    ForceProfile.objects.create(**MAYORAL_FORCE_PROFILE)
    spr_editions_load()
    posts = [ChiefOfficerPost.objects.create(title=f"ACC {n}") for n in range(2)]
    for post in posts:
        post.holder = UserFactory(roles=[Role.CHIEF_OFFICER_LEAD])
        post.save()
    departments = [
        Department.objects.create(name=f"Dept {n}", short_name=f"D{n}") for n in range(8)
    ]
    for n, threat in enumerate(NationalThreat.objects.all()):
        threat.owning_department = departments[n % 8]
        threat.chief_officer_lead = posts[n % 2]
        threat.save()
    UserFactory(roles=[Role.SPR_LEAD])
    QuarterFactory(
        financial_year=2026,
        number=3,
        is_open=True,
        submission_deadline=datetime.date(2026, 12, 11),
        meeting_date=datetime.date(2026, 12, 18),
    )
    client.force_login(superuser)
    states = _states(client.get(SETUP))
    assert states["profile"] == (
        "Completed",
        "Done: Greater Manchester Police, reporting to the Police, Fire and Crime Panel.",
    )
    assert states["editions"][0] == "Completed"
    assert "3 editions, 8 national threats" in states["editions"][1]
    assert states["departments"] == ("Completed", "Done: 8 departments, every threat owned.")
    assert states["posts"] == ("Completed", "Done: 2 posts, each held.")
    assert states["accounts"][0] == "Completed" and "1 SPR lead" in states["accounts"][1]
    assert states["quarter"][0] == "Completed"
    assert "2026/27 Q3 is open" in states["quarter"][1]


def test_threats_without_an_owner_leave_departments_in_progress(client, superuser):
    spr_editions_load()
    Department.objects.create(name="Force CID", short_name="CID")
    client.force_login(superuser)
    states = _states(client.get(SETUP))
    assert states["departments"] == (
        "In progress",
        "1 department; 7 threats in force with no owning department yet.",
    )


def test_the_menu_offers_the_set_up_page_to_administrators_only(client, superuser, spr_lead):
    client.force_login(superuser)
    assert "Set up the force" in html.text(client.get(reverse("home")))
    client.force_login(spr_lead)
    assert "Set up the force" not in html.text(client.get(reverse("home")))
    assert client.get(SETUP).status_code == 403


PROFILE = {
    "force_name": "Greater Manchester Police",
    "short_name": "GMP",
    "chief_officer_title": "Chief Constable",
    "body_kind": "mayor",
    "body_name": "the Mayor of Greater Manchester",
    "body_short_name": "the Mayor",
    "office_name": "the Office of the Deputy Mayor for Policing and Crime",
    "office_role_label": "Mayor's office",
    "board_name": "Police Accountability Board",
    "default_marking": "OFFICIAL-SENSITIVE",
    "published_papers_open": "no",
    "review_text_in_emails": "no",
    "report_of": "Assistant Chief Constable (Specialist Operations)",
    "contact_officer": "Chris Lee",
    "paper_status": "For information",
    "support_team": "the Information Services Desk",
    "support_email": "service.desk@example.gmp.police.uk",
    "support_phone": "",
    "support_hours": "",
    "accessibility_email": "",
    "dpo_email": "",
    "dpo_phone": "",
}


def test_the_force_profile_is_set_up_from_its_page_and_audited(client, administrator):
    client.force_login(administrator)
    response = client.post(reverse("onboarding:force_profile"), PROFILE)
    assert response.status_code == 302, html.error_summary(response)
    profile = ForceProfile.objects.get()
    assert profile.board_name == "Police Accountability Board"
    assert profile.published_papers_open is False
    event = AuditEvent.objects.get(action=AuditAction.FORCE_PROFILE_CHANGED)
    assert event.actor == administrator and "Greater Manchester Police" in event.summary
    # A change says old → new
    client.post(reverse("onboarding:force_profile"), PROFILE | {"board_name": "Police Panel"})
    changes = AuditEvent.objects.filter(action=AuditAction.FORCE_PROFILE_CHANGED)
    change = changes.order_by("pk").last()
    assert "Police Accountability Board → Police Panel" in change.summary
    # Every page now speaks of the force in its words
    assert "Police Panel" in html.text(client.get(SETUP))


def test_bad_input_on_the_force_profile_shows_the_summary_and_keeps_what_was_typed(
    client, administrator
):
    client.force_login(administrator)
    bad = PROFILE | {"board_name": "", "support_email": "not an address", "body_kind": "king"}
    del bad["published_papers_open"]
    response = client.post(reverse("onboarding:force_profile"), bad)
    assert response.status_code == 200
    assert html.title(response).startswith("Error: ")
    summary = html.error_summary(response)
    hrefs = [href for href, _ in summary]
    assert "#id_board_name" in hrefs and "#id_support_email" in hrefs
    assert "#id_body_kind" in hrefs and "#id_published_papers_open" in hrefs
    assert ("#id_board_name", "Enter the name of the board or panel") in summary
    # Nothing typed is lost
    assert html.one(response, "#id_force_name")["value"] == "Greater Manchester Police"
    assert html.one(response, "#id_support_email")["value"] == "not an address"
    assert not ForceProfile.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.FORCE_PROFILE_CHANGED).exists()


def test_the_editions_page_loads_the_shipped_editions_and_lists_them(client, administrator):
    client.force_login(administrator)
    page = client.get(reverse("onboarding:editions"))
    assert "No edition yet" in html.text(page)
    response = client.post(reverse("onboarding:editions"))
    assert response.status_code == 302
    page = client.get(reverse("onboarding:editions"), follow=True)
    words = html.text(page)
    assert "3 editions added (2012, 2015, 2023)" in words
    assert "Violence against women and girls" in words and "Succeeds Public order" in words
    assert "No owning department yet" in words
    # A second press changes nothing and says so
    page = client.post(reverse("onboarding:editions"), follow=True)
    assert "Nothing to change" in html.text(page)
    assert AuditEvent.objects.filter(action=AuditAction.SPR_EDITIONS_LOADED).count() == 1


def test_single_sign_on_mappings_added_refused_and_removed(client, administrator):
    client.force_login(administrator)
    url = reverse("onboarding:sso_mappings")
    response = client.post(url, {"claim": "groups", "value": "grp-leads", "role": "Business lead"})
    assert response.status_code == 302
    mapping = ClaimRoleMapping.objects.get()
    added = AuditEvent.objects.get(action=AuditAction.SSO_MAPPING_ADDED)
    assert added.summary == "groups = grp-leads → Business lead"
    # A guarded role cannot be mapped, even by a crafted POST; a duplicate is refused
    for data, message in [
        ({"claim": "groups", "value": "grp-x", "role": "SPR lead"}, "#id_role"),
        ({"claim": "groups", "value": "grp-leads", "role": "Business lead"}, ""),
        ({"claim": "", "value": "grp-y", "role": "Business lead"}, "#id_claim"),
    ]:
        response = client.post(url, data)
        assert response.status_code == 200
        assert message in [href for href, _ in html.error_summary(response)]
        assert html.one(response, "#id_value")["value"] == data["value"]
    assert ClaimRoleMapping.objects.count() == 1
    response = client.post(url, {"remove": str(mapping.pk)})
    assert response.status_code == 302
    assert not ClaimRoleMapping.objects.exists()
    assert AuditEvent.objects.filter(action=AuditAction.SSO_MAPPING_REMOVED).exists()
    # A made-up id is a 404, never a 500
    assert client.post(url, {"remove": "99999"}).status_code == 404
    assert client.post(url, {"remove": "x"}).status_code == 404


def test_the_history_step_counts_earlier_quarters(client, superuser):
    QuarterFactory(financial_year=2025, number=4, is_open=False)
    client.force_login(superuser)
    states = _states(client.get(SETUP))
    assert states["history"] == ("Completed", "Done: 1 earlier quarter in the portal.")
    # and the first quarter is not yet open
    assert states["quarter"] == ("In progress", "No quarter open; the latest is 2025/26 Q4.")

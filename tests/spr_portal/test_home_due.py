"""The home page says what is due, when, and what is overdue, as each role needs it, and tells
a business lead that the SPR lead reopened a self-assessment and why; the task list says so
too instead of a plain "Draft". In words, never in colour alone, in a fixed number of queries."""

import datetime

import pytest
from django.urls import reverse

from assessments import services
from tests.cold_cache import cold_queries
from tests.factories import AssessmentFactory, ThreatFactory
from tests.html import page, text, texts
from threats.demo import MAYORAL_FORCE_PROFILE
from threats.models import ForceProfile

HOME = reverse("home")
REASON = "The summary gives last year's figure for trained officers: correct it to 212."
DEADLINE = datetime.date(2016, 3, 11)  # the `quarter` fixture's


@pytest.fixture
def on(monkeypatch):
    """The day the home page thinks it is."""

    def set_day(day: datetime.date):
        monkeypatch.setattr("assessments.selectors.due.today", lambda: day)

    set_day(DEADLINE - datetime.timedelta(days=9))
    return set_day


def _home(client, user) -> str:
    client.force_login(user)
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def _reopened(threat, quarter, lead, spr_lead):
    signed = AssessmentFactory(threat=threat, quarter=quarter, signed_off=True, lead=lead)
    return services.assessment_reopen(assessment=signed, actor=spr_lead, reason=REASON)


def test_a_business_lead_sees_each_self_assessment_due_and_when(
    client, on, quarter, threat, other_threat, business_lead, department
):
    draft = AssessmentFactory(
        threat=ThreatFactory(name="Public Order", owning_department=department), quarter=quarter
    )
    html = _home(client, business_lead)
    assert texts(html, "#due-mine li") == [
        "Child Sexual Abuse self-assessment: not started, due 11 March 2016 (in 9 days)",
        "Public Order self-assessment: draft, due 11 March 2016 (in 9 days)",
    ]
    assert texts(html, "#due-mine h3") == ["Your self-assessments for 2015/16 Q4"]
    due = page(html).select_one("#due-mine")
    assert due.select_one("a")["href"] == reverse(
        "assessments:assessment_start", args=[quarter.pk, threat.slug]
    )
    assert due.select("a")[1]["href"] == reverse("assessments:assessment_edit", args=[draft.pk])
    assert "Serious and Organised Crime" not in text(due)  # another department's


def test_after_the_deadline_it_says_overdue_in_words_not_colour(
    client, on, quarter, threat, business_lead
):
    on(DEADLINE + datetime.timedelta(days=3))
    html = _home(client, business_lead)
    assert texts(html, "#due-mine li") == [
        "Child Sexual Abuse self-assessment: not started, overdue: was due 11 March 2016 "
        "(3 days ago)"
    ]
    due = page(html).select_one(".portal-due")
    assert due.select_one("#due-mine strong").get_text() == "overdue"
    assert "govuk-tag--red" not in str(due)


def test_a_submitted_one_is_no_longer_due(client, on, quarter, threat, business_lead):
    AssessmentFactory(threat=threat, quarter=quarter, submitted=True, lead=business_lead)
    html = _home(client, business_lead)
    assert texts(html, "#due-mine li") == []
    assert "What is due" not in html


def test_a_reopening_waits_for_the_lead_with_its_reason_and_is_due_again(
    client, on, quarter, threat, business_lead, other_business_lead, spr_lead
):
    reopened = _reopened(threat, quarter, business_lead, spr_lead)
    html = _home(client, business_lead)
    [item] = texts(html, "#reopened-to-me li")
    assert item.startswith(
        f"Child Sexual Abuse, 2015/16 Q4: reopened by {spr_lead.get_full_name()} on "
    )
    assert item.endswith(f"Their reason: “{REASON}”")
    assert page(html).select_one("#reopened-to-me a")["href"] == reverse(
        "assessments:assessment_edit", args=[reopened.pk]
    )
    assert texts(html, "#due-mine li") == [
        "Child Sexual Abuse self-assessment: reopened, due 11 March 2016 (in 9 days)"
    ]
    # Another department's lead is not told; once submitted again it no longer waits.
    assert texts(_home(client, other_business_lead), "#reopened-to-me li") == []
    services.assessment_submit(assessment=reopened, actor=business_lead)
    assert texts(_home(client, business_lead), "#reopened-to-me li") == []


def test_a_reopening_waits_for_the_department_s_stand_in_too(
    client, on, quarter, threat, business_lead, spr_lead, department
):
    from django.utils import timezone

    from tests.factories import UserFactory
    from threats.models import DepartmentStandIn

    stand_in = UserFactory(username="lead.acting")
    DepartmentStandIn.objects.create(
        department=department,
        person=stand_in,
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate() + datetime.timedelta(days=30),
        reason="The lead is on leave for a month.",
        named_by=spr_lead,
    )
    _reopened(threat, quarter, business_lead, spr_lead)
    [item] = texts(_home(client, stand_in), "#reopened-to-me li")
    assert item.startswith("Child Sexual Abuse, 2015/16 Q4: reopened by ")


def test_the_task_list_of_a_reopened_self_assessment_gives_the_reason_not_a_plain_draft(
    client, quarter, threat, business_lead, spr_lead
):
    reopened = _reopened(threat, quarter, business_lead, spr_lead)
    client.force_login(business_lead)
    html = client.get(reverse("assessments:assessment_edit", args=[reopened.pk])).content.decode()
    banner = text(page(html).select_one("#reopen-reason"))
    assert f"{spr_lead.get_full_name()} reopened this self-assessment on" in banner
    assert REASON in banner
    status = texts(html, ".portal-facts .govuk-summary-list__value")[0]
    assert status.startswith("Reopened")
    # A draft that was never signed off has no such banner.
    other = AssessmentFactory(threat=ThreatFactory(owning_department=threat.owning_department))
    html = client.get(reverse("assessments:assessment_edit", args=[other.pk])).content.decode()
    assert page(html).select_one("#reopen-reason") is None
    # A plain draft: its status tag, then its deadline as text on a line of its own.
    assert texts(html, ".portal-facts .portal-status .govuk-tag") == ["Draft"]
    assert texts(html, ".portal-facts .portal-status__date") == ["Overdue: was due 11 March 2016"]


def test_the_spr_lead_sees_submissions_waiting_and_the_overdue_departments(
    client, on, quarter, threat, other_threat, other_business_lead, spr_lead, department
):
    AssessmentFactory(threat=other_threat, quarter=quarter, submitted=True)
    ThreatFactory(name="Public Order", owning_department=department)
    html = _home(client, spr_lead)
    assert texts(html, "#due-quarter p")[0] == (
        "Due 11 March 2016 (in 9 days). 1 waiting for your review, 0 signed off, "
        "2 of 3 not yet submitted."
    )
    assert texts(html, "#due-quarter h4") == ["Not yet submitted"]
    assert texts(html, "#due-quarter li") == [
        "Public Protection Unit: Child Sexual Abuse (not started), Public Order (not started)"
    ]
    on(DEADLINE + datetime.timedelta(days=1))
    html = _home(client, spr_lead)
    assert texts(html, "#due-quarter h4") == ["Overdue departments"]
    assert texts(html, "#due-quarter p")[0].startswith(
        "Overdue: was due 11 March 2016 (1 day ago). 1 waiting for your review"
    )


def test_a_chief_officer_sees_the_threats_they_lead_still_to_submit(
    client, on, quarter, threat, other_threat, chief_officer
):
    html = _home(client, chief_officer)
    assert texts(html, "#due-led li") == [
        "Child Sexual Abuse self-assessment (Public Protection Unit): not started, "
        "due 11 March 2016 (in 9 days)"
    ]
    assert texts(html, "#due-mine li") == texts(html, "#due-quarter li") == []


def test_the_policing_body_office_sees_the_quarter_s_dates_in_the_force_s_words(
    client, on, quarter, pcc_office
):
    ForceProfile.objects.all().delete()
    ForceProfile.objects.create(**MAYORAL_FORCE_PROFILE)
    html = _home(client, pcc_office)
    assert texts(html, "#due-office p") == [
        "The self-assessments are due by 11 March 2016, for the quarterly meeting on "
        f"24 March 2016. The report to the {MAYORAL_FORCE_PROFILE['board_name']} follows the "
        "meeting."
    ]


def test_what_is_due_and_reopened_costs_the_same_queries_for_one_or_many(
    client, on, quarter, threat, department, business_lead, spr_lead, chief_officer
):
    _reopened(threat, quarter, business_lead, spr_lead)
    people = (business_lead, spr_lead, chief_officer)
    few = [cold_queries(client, person, HOME) for person in people]
    for number in range(3):
        more = ThreatFactory(
            name=f"Threat {number}",
            owning_department=department,
            chief_officer_lead=threat.chief_officer_lead,
        )
        _reopened(more, quarter, business_lead, spr_lead)
        ThreatFactory(owning_department=department, chief_officer_lead=threat.chief_officer_lead)
    assert len(texts(_home(client, business_lead), "#reopened-to-me li")) == 4
    assert len(texts(_home(client, business_lead), "#due-mine li")) == 7
    assert [cold_queries(client, person, HOME) for person in people] == few


def test_a_late_submission_is_due_by_its_own_last_day_and_gone_once_it_has_expired(
    client, on, quarter, threat, business_lead, spr_lead
):
    from assessments.models import LateSubmissionGrant, Quarter

    Quarter.objects.filter(pk=quarter.pk).update(is_open=False)
    LateSubmissionGrant.objects.create(
        quarter=quarter,
        threat=threat,
        reason="The lead was on leave over the deadline.",
        granted_by=spr_lead,
        deadline=DEADLINE + datetime.timedelta(days=20),
    )
    on(DEADLINE + datetime.timedelta(days=5))
    assert texts(_home(client, business_lead), "#due-mine li") == [
        "Child Sexual Abuse self-assessment: not started, due 31 March 2016 (in 15 days); "
        "a late submission is granted"
    ]
    on(DEADLINE + datetime.timedelta(days=21))
    assert texts(_home(client, business_lead), "#due-mine li") == []

"""The owner of an action a quarterly meeting raises hears of it: an e-mail (always sent: it
cannot be turned off) naming the action, its threat in the meeting's wording and its due date,
linking to the page where they note its progress; and their home page lists their open
meeting actions, soonest due first, overdue ones flagged, in a fixed number of queries."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import OPTIONAL_NOTICES, Notice
from assessments.choices import ActionStatus
from assessments.selectors.waiting import meeting_actions_of
from assessments.services import meetings as svc
from tests.factories import AssessmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(quarter, threat, other_threat, spr_lead):
    AssessmentFactory(threat=threat, quarter=quarter, submitted=True)
    AssessmentFactory(threat=other_threat, quarter=quarter, submitted=True)
    return svc.meeting_create(quarter=quarter, actor=spr_lead)


def _raise(meeting, threat, owner, actor, due, description="Brief the new duty officers"):
    return svc.meeting_action_raise(
        meeting=meeting,
        actor=actor,
        threat=threat,
        description=description,
        owner_user=owner,
        due_date=due,
    )


def test_the_owner_is_emailed_once_the_action_is_raised(
    meeting, threat, spr_lead, business_lead, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        action = _raise(meeting, threat, business_lead, spr_lead, datetime.date(2016, 6, 30))
    assert [message.to for message in mail.outbox] == [[business_lead.email]]
    message = mail.outbox[0]
    assert "30 June 2016" in message.subject
    assert meeting.quarter.label in message.subject
    assert "Brief the new duty officers" in message.body
    assert reverse("assessments:meeting_action_update", args=[action.pk]) in message.body
    assert "always goes" in message.body  # it cannot be turned off
    assert Notice.MEETING_ACTION not in OPTIONAL_NOTICES


def test_no_email_to_the_spr_lead_who_gives_themselves_an_action(
    meeting, threat, spr_lead, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _raise(meeting, threat, spr_lead, spr_lead, datetime.date(2016, 6, 30))
    assert mail.outbox == []


def test_the_home_page_lists_the_owners_open_actions_soonest_first(
    meeting, threat, other_threat, spr_lead, business_lead, other_business_lead, client
):
    later = _raise(meeting, threat, business_lead, spr_lead, datetime.date(2099, 6, 30), "Later")
    overdue = _raise(
        meeting, other_threat, business_lead, spr_lead, datetime.date(2016, 1, 5), "Overdue"
    )
    assert [a.pk for a in meeting_actions_of(business_lead)] == [overdue.pk, later.pk]
    assert meeting_actions_of(business_lead)[0].overdue
    assert not meeting_actions_of(business_lead)[1].overdue
    assert meeting_actions_of(other_business_lead) == []
    client.force_login(business_lead)
    text = client.get(reverse("home")).content.decode()
    assert reverse("assessments:meeting_action_update", args=[later.pk]) in text
    assert "Overdue</strong>" in text
    svc.meeting_action_progress(
        action=overdue,
        actor=business_lead,
        revision=overdue.revision,
        status=ActionStatus.CLOSED,
        progress_note="Done",
    )
    assert [a.pk for a in meeting_actions_of(business_lead)] == [later.pk]
    client.force_login(other_business_lead)
    text = client.get(reverse("home")).content.decode()
    assert "Actions a quarterly meeting gave you" not in text


def test_the_list_costs_the_same_queries_for_one_action_and_for_many(
    meeting, threat, other_threat, spr_lead, business_lead, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _raise(meeting, threat, business_lead, spr_lead, datetime.date(2016, 6, 30))
    with CaptureQueriesContext(connection) as one:
        meeting_actions_of(business_lead)
    for n in range(5):
        _raise(meeting, other_threat, business_lead, spr_lead, datetime.date(2016, 7, n + 1))
    with django_assert_num_queries(len(one.captured_queries)):
        assert len(meeting_actions_of(business_lead)) == 6

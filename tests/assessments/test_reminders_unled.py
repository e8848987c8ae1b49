"""A department nobody leads is never skipped in silence: its reminders go to the threat's
chief officer lead (else the SPR lead) until someone is named, a stand-in is reminded within
their dates, and a threat with nobody at all to tell is reported by the command."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from assessments import services
from assessments.models import ReminderLog

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def open_quarter(quarter):
    return quarter


def _run(*args) -> str:
    out = StringIO()
    call_command("send_reminders", *args, stdout=out, stderr=out)
    return out.getvalue()


def _leave(user):
    user.is_active = False
    user.save(update_fields=["is_active"])


def test_the_reminder_of_a_department_whose_lead_left_goes_to_the_chief_officer_lead(
    threat, other_threat, business_lead, other_business_lead, chief_officer
):
    _leave(business_lead)
    _run("--today", "2016-03-04")
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [other_business_lead.email, chief_officer.email]
    )
    message = next(m for m in mail.outbox if m.to == [chief_officer.email])
    assert message.subject == (
        "[OFFICIAL-SENSITIVE] "
        "No business lead: SPR self-assessments for 2015/16 Q4 due by 11 March 2016"
    )
    assert "comes to you as the chief officer lead (ACC Crime) until someone is named" in (
        message.body
    )
    assert (
        "- Child Sexual Abuse: Not started; Public Protection Unit has no active business lead"
        in message.body
    )
    assert ReminderLog.objects.get(recipient=chief_officer).kind == ReminderLog.Kind.NO_LEAD


def test_with_the_chief_officer_post_empty_the_spr_lead_is_reminded(
    threat, business_lead, spr_lead, administrator
):
    from accounts.services import user_roles_set

    # A lead who has lost the business lead role leads nothing either.
    user_roles_set(user=business_lead, roles=set(), actor=administrator)
    post = threat.chief_officer_lead
    post.holder = None
    post.save()
    _run("--today", "2016-03-04")
    assert [m.to for m in mail.outbox] == [[spr_lead.email]]
    assert "comes to you as the SPR lead" in mail.outbox[0].body


def test_after_the_deadline_the_chief_officer_lead_hears_once_that_it_is_overdue(
    threat, business_lead, chief_officer
):
    _leave(business_lead)
    _run("--today", "2016-03-14")
    to_chief = [m for m in mail.outbox if m.to == [chief_officer.email]]
    assert [m.subject for m in to_chief] == [
        "[OFFICIAL-SENSITIVE] "
        "No business lead: SPR self-assessments for 2015/16 Q4 were due on 11 March 2016"
    ]


def test_a_stand_in_is_reminded_within_their_dates_and_the_chief_officer_lead_after(
    clock, threat, department, business_lead, chief_officer, spr_lead
):
    from tests.factories import UserFactory

    clock(datetime.date(2016, 3, 1))
    _leave(business_lead)
    deputy = UserFactory(username="deputy.head")
    services.stand_in_name(
        department=department,
        person=deputy,
        starts_on=datetime.date(2016, 3, 1),
        ends_on=datetime.date(2016, 3, 10),
        reason="Head of department left",
        actor=spr_lead,
    )
    _run("--today", "2016-03-04")
    assert [m.to for m in mail.outbox] == [[deputy.email]]
    assert ReminderLog.objects.get().kind == ReminderLog.Kind.DUE_SOON
    mail.outbox.clear()
    _run("--today", "2016-03-12")  # the stand-in ended on the 10th
    assert [m.to for m in mail.outbox] == [[chief_officer.email]]


def test_a_threat_with_nobody_at_all_to_remind_is_reported(threat, business_lead):
    _leave(business_lead)
    post = threat.chief_officer_lead
    post.holder = None
    post.save()
    output = _run("--today", "2016-03-04")
    assert mail.outbox == []
    assert "Nobody to remind of Child Sexual Abuse for 2015/16 Q4" in output
    assert "1 with nobody to remind." in output

"""`manage.py send_reminders`: who is reminded, of what, and never twice a day."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from assessments import services
from assessments.choices import Status
from assessments.models import ReminderLog
from tests.factories import ThreatFactory, UserFactory, complete_content

pytestmark = pytest.mark.django_db

# The quarter fixture: deadline 11 March 2016, meeting 24 March 2016, open.
DEADLINE = datetime.date(2016, 3, 11)


@pytest.fixture(autouse=True)
def open_quarter(quarter):
    return quarter


def _run(*args) -> str:
    out = StringIO()
    call_command("send_reminders", *args, stdout=out, stderr=out)
    return out.getvalue()


def _submit(threat, quarter, lead):
    assessment = services.assessment_start(threat=threat, quarter=quarter, actor=lead)
    assessment = services.assessment_save_draft(
        assessment=assessment, actor=lead, data=complete_content(), revision=assessment.revision
    )
    return services.assessment_submit(assessment=assessment, actor=lead)


@pytest.fixture
def two_threats_one_lead(threat, department, quarter):
    """The department owns two threats (like Force Operations): one e-mail lists both."""
    second = ThreatFactory(name="Public Order", slug="public-order", owning_department=department)
    return threat, second


def test_nothing_is_sent_before_the_reminder_window(two_threats_one_lead, other_threat):
    output = _run("--today", "2016-03-01", "--days", "7")
    assert mail.outbox == []
    assert "0 sent" in output


def test_leads_with_unsubmitted_assessments_are_reminded_once_each(
    two_threats_one_lead, other_threat, business_lead, other_business_lead
):
    output = _run("--today", "2016-03-04", "--days", "7")
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [business_lead.email, other_business_lead.email]
    )
    to_owner = next(m for m in mail.outbox if m.to == [business_lead.email])
    assert (
        to_owner.subject
        == "[OFFICIAL-SENSITIVE] Reminder: SPR self-assessment for 2015/16 Q4 due by 11 March 2016"
    )
    assert "- Child Sexual Abuse: Not started" in to_owner.body
    assert "- Public Order: Not started" in to_owner.body
    assert "/my-assessments/" in to_owner.body
    assert "Serious and Organised Crime" not in to_owner.body
    assert ReminderLog.objects.filter(kind=ReminderLog.Kind.DUE_SOON).count() == 2
    assert "2 sent" in output


def test_submitted_and_signed_off_are_not_reminded_but_drafts_and_returned_are(
    threat, other_threat, quarter, business_lead, other_business_lead, spr_lead
):
    _submit(other_threat, quarter, other_business_lead)
    returned = services.assessment_return(
        assessment=_submit(threat, quarter, business_lead), actor=spr_lead, comment="More detail."
    )
    assert returned.status == Status.RETURNED
    _run("--today", "2016-03-10", "--days", "3")
    assert [m.to for m in mail.outbox] == [[business_lead.email]]
    assert "- Child Sexual Abuse: Returned for revision" in mail.outbox[0].body


def test_a_second_run_the_same_day_sends_nothing_and_the_next_day_sends_again(
    threat, business_lead
):
    _run("--today", "2016-03-05")
    assert len(mail.outbox) == 1
    output = _run("--today", "2016-03-05")
    assert len(mail.outbox) == 1
    assert "Already reminded today: lead.owner" in output
    _run("--today", "2016-03-06")
    assert len(mail.outbox) == 2
    assert ReminderLog.objects.count() == 2


def test_after_the_deadline_the_reminder_is_overdue(threat, business_lead):
    _run("--today", "2016-03-11")
    assert mail.outbox[-1].subject.startswith(
        "[OFFICIAL-SENSITIVE] Reminder:"
    )  # the deadline day: still due
    _run("--today", "2016-03-12")
    overdue = next(m for m in mail.outbox if m.subject.startswith("[OFFICIAL-SENSITIVE] Overdue:"))
    assert (
        overdue.subject == "[OFFICIAL-SENSITIVE] "
        "Overdue: SPR self-assessment for 2015/16 Q4 was due on 11 March 2016"
    )
    assert "These are not yet submitted for review" in overdue.body
    assert set(ReminderLog.objects.values_list("kind", flat=True)) == {
        "due_soon",
        "overdue",
        "escalated",
    }


def test_a_closed_quarter_reminds_nobody(threat, quarter):
    quarter.is_open = False
    quarter.save()
    _run("--today", "2016-03-12")
    assert mail.outbox == []


def test_leads_without_an_address_or_inactive_are_skipped(threat, department):
    department.leads.add(UserFactory(username="lead.noaddress", email="", roles=["Business lead"]))
    department.leads.add(
        UserFactory(username="lead.left", is_active=False, roles=["Business lead"])
    )
    output = _run("--today", "2016-03-08")
    assert [m.to for m in mail.outbox] == [["lead.owner@example.invalid"]]
    assert "No e-mail address for lead.noaddress" in output
    assert "lead.left" not in output


def test_dry_run_sends_and_records_nothing(threat):
    output = _run("--today", "2016-03-08", "--dry-run")
    assert mail.outbox == []
    assert not ReminderLog.objects.exists()
    assert "Would send due soon reminder for 2015/16 Q4 to lead.owner" in output


def test_a_failed_send_leaves_no_log_so_the_next_run_retries(threat, monkeypatch):
    from django.core.mail import EmailMessage

    def refuse(self, *args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(EmailMessage, "send", refuse)
    with pytest.raises(CommandError):
        _run("--today", "2016-03-08")
    assert not ReminderLog.objects.exists()
    monkeypatch.undo()
    _run("--today", "2016-03-08")
    assert len(mail.outbox) == 1


def test_bad_options_are_refused(threat):
    with pytest.raises(CommandError):
        _run("--today", "8 March 2016")
    with pytest.raises(CommandError):
        _run("--days", "-1")


def test_without_today_it_uses_the_local_date(threat):
    output = _run()
    assert datetime.date.today().isoformat()[:4] in output


def test_after_the_deadline_the_chief_officer_lead_of_each_overdue_threat_hears_once_a_day(
    threat, other_threat, quarter, business_lead, other_business_lead, chief_officer
):
    _submit(other_threat, quarter, other_business_lead)  # on time: nobody above hears of it
    _run("--today", "2016-03-11")  # the deadline day: not yet overdue, no escalation
    assert chief_officer.email not in [m.to[0] for m in mail.outbox]
    _run("--today", "2016-03-12")
    escalated = [m for m in mail.outbox if m.to == [chief_officer.email]]
    assert len(escalated) == 1
    assert (
        escalated[0].subject
        == "[OFFICIAL-SENSITIVE] Overdue in your portfolio: SPR self-assessments for 2015/16 Q4"
    )
    assert "- Child Sexual Abuse: Not started (" in escalated[0].body
    assert "Serious and Organised Crime" not in escalated[0].body
    assert "/board/" in escalated[0].body
    _run("--today", "2016-03-12")  # the same day again: nothing more
    assert len([m for m in mail.outbox if m.to == [chief_officer.email]]) == 1
    _run("--today", "2016-03-13")
    assert len([m for m in mail.outbox if m.to == [chief_officer.email]]) == 2
    assert ReminderLog.objects.filter(kind="escalated", recipient=chief_officer).count() == 2


def test_no_escalation_before_the_deadline(threat, chief_officer):
    _run("--today", "2016-03-08")
    assert [m.to for m in mail.outbox] == [["lead.owner@example.invalid"]]

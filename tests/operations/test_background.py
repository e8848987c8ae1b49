"""Background work (django.tasks): e-mails queued after the step commits and retried when the
mail server refuses them, then kept as a failed task that administrators see; the daily
reminders run by two workers send each reminder once; the periodic task queues its next run
once. The tests run the database backend's own worker (`db_worker --batch`) in process."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from accounts.notify import queue
from accounts.tasks import send_email
from assessments.models import ReminderLog
from assessments.tasks import next_run, send_daily_reminders
from spr_portal import background
from tests.background_tasks import message_to as _message
from tests.background_tasks import work as _work

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_email_waits_in_the_queue_until_a_worker_sends_it(database_tasks, business_lead):
    queue([_message(business_lead)])
    assert mail.outbox == []  # the page that queued it did not wait for the mail server
    assert DBTaskResult.objects.ready().count() == 1
    _work()
    assert [m.to for m in mail.outbox] == [[business_lead.email]]
    sent = mail.outbox[0]
    assert sent.subject.endswith("Test")
    assert sent.alternatives and sent.alternatives[0][1] == "text/html"
    assert DBTaskResult.objects.successful().count() == 1


def test_a_refused_email_is_tried_again_and_sent(database_tasks, business_lead, monkeypatch):
    from django.core.mail import EmailMessage

    real_send, refusals = EmailMessage.send, []

    def twice_refused(message, *args, **kwargs):
        if len(refusals) < 2:
            refusals.append(1)
            raise ConnectionRefusedError("mail server down")
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(EmailMessage, "send", twice_refused)
    queue([_message(business_lead)])
    _work()
    assert len(mail.outbox) == 1
    assert DBTaskResult.objects.failed().count() == 0
    attempts = sorted(r.args_kwargs["kwargs"].get("attempt", 1) for r in DBTaskResult.objects.all())
    assert attempts == [1, 2, 3]


def test_an_email_that_always_fails_is_kept_as_failed_and_shown_to_administrators(
    database_tasks, business_lead, administrator, spr_lead, client, monkeypatch
):
    from django.core.mail import EmailMessage

    def refuse(message, *args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(EmailMessage, "send", refuse)
    queue([_message(business_lead)])
    _work()
    assert mail.outbox == []
    failed = DBTaskResult.objects.failed().get()
    assert failed.args_kwargs["kwargs"]["attempt"] == background.MAX_ATTEMPTS
    assert DBTaskResult.objects.count() == background.MAX_ATTEMPTS  # one row per attempt
    client.force_login(administrator)
    page = client.get(reverse("failed_tasks"))
    text = page.content.decode()
    assert page.status_code == 200
    assert "accounts.tasks.send_email" in text
    assert "mail server down" in text
    assert business_lead.email not in text  # the message's content is not on the page
    client.force_login(spr_lead)
    assert client.get(reverse("failed_tasks")).status_code == 403


def test_with_the_immediate_backend_the_email_goes_at_once(business_lead):
    queue([_message(business_lead)])
    assert len(mail.outbox) == 1


def test_the_message_travels_as_json_and_arrives_the_same(business_lead):
    from accounts.tasks import as_data, from_data

    message = _message(business_lead)
    again = from_data(as_data(message))
    assert again.subject == message.subject
    assert again.body == message.body
    assert again.alternatives == message.alternatives
    assert again.to == message.to


@pytest.fixture
def due(quarter, threat, business_lead):
    """The open quarter, its deadline tomorrow: a reminder is due for the business lead."""
    return quarter.submission_deadline - datetime.timedelta(days=1)


def test_two_workers_running_the_reminders_send_one_email_per_person(
    database_tasks, due, business_lead
):
    # Two runs queued for the same day, as two workers (or two schedules) would take them.
    send_daily_reminders.enqueue(today=due.isoformat(), reschedule=False)
    send_daily_reminders.enqueue(today=due.isoformat(), reschedule=False)
    _work()
    assert DBTaskResult.objects.successful().count() == 2
    assert [m.to for m in mail.outbox] == [[business_lead.email]]
    assert ReminderLog.objects.filter(sent_on=due).count() == 1
    results = sorted(
        (r.return_value["sent"], r.return_value["already_sent"]) for r in DBTaskResult.objects.all()
    )
    assert results == [(0, 1), (1, 0)]  # the second run found the first one's log


def test_a_reminder_claimed_by_another_worker_is_not_sent_again(due, business_lead):
    """The rule the two workers rely on: the log row is unique per (quarter, recipient, kind,
    day) and written in the transaction that sends, so the second claim finds it taken."""
    from django.db import IntegrityError, transaction

    from assessments.reminders import send_reminders

    first = send_reminders(today=due, days_before=7)
    log = ReminderLog.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        ReminderLog.objects.create(
            quarter=log.quarter, recipient=log.recipient, kind=log.kind, sent_on=due
        )
    second = send_reminders(today=due, days_before=7)
    assert (len(first.sent), len(second.sent), len(second.already_sent)) == (1, 0, 1)
    assert len(mail.outbox) == 1


def test_the_daily_reminders_queue_their_next_run_once(database_tasks, due):
    assert send_daily_reminders.enqueue(today=due.isoformat()).status == TaskResultStatus.READY
    _work()
    later = DBTaskResult.objects.filter(
        task_path=send_daily_reminders.module_path, status=TaskResultStatus.READY
    )
    assert later.count() == 1  # its next run, tomorrow at the reminder hour
    call_command("schedule_tasks", verbosity=0)
    assert later.count() == 1  # already queued: not twice


def test_the_next_run_is_the_next_reminder_hour(settings):
    from django.utils import timezone

    settings.SPR_REMINDER_HOUR = 7
    morning = timezone.make_aware(datetime.datetime(2026, 12, 2, 6, 30))
    evening = timezone.make_aware(datetime.datetime(2026, 12, 2, 19, 0))
    assert timezone.localtime(next_run(morning)).isoformat().startswith("2026-12-02T07:00")
    assert timezone.localtime(next_run(evening)).isoformat().startswith("2026-12-03T07:00")


def test_send_email_is_a_task_of_the_default_backend():
    assert send_email.module_path == "accounts.tasks.send_email"

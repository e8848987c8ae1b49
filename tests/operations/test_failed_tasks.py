"""A failed background task, run again by an administrator once its cause is mended: queued
from its first attempt, its failed row removed, the run on the audit trail; a second press (or
a second administrator) finds nothing left to run. Administrators see the count on their home
page; nobody else does, and nobody else may run a task again. The worker is the database
backend's own (`db_worker --batch`), in process."""

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from accounts.failed_tasks import NotFailed, failed_count, failed_task_retry
from accounts.notify import queue
from audit.models import AuditAction, AuditEvent
from tests.background_tasks import message_to as _message
from tests.background_tasks import work as _work

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def failed_email(database_tasks, business_lead, monkeypatch):
    """An e-mail to the business lead that failed every attempt while the mail server was
    down; the server is back once the fixture returns."""
    real_send = EmailMessage.send

    def refuse(message, *args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(EmailMessage, "send", refuse)
    queue([_message(business_lead)])
    _work()
    monkeypatch.setattr(EmailMessage, "send", real_send)
    assert mail.outbox == []
    return DBTaskResult.objects.failed().get()


def test_run_again_sends_the_email_from_its_first_attempt_and_is_audited(
    failed_email, administrator, business_lead, client
):
    client.force_login(administrator)
    page = client.post(reverse("failed_tasks"), {"task": str(failed_email.id)}, follow=True)
    assert "Send email queued again from its first attempt." in page.content.decode()
    assert not DBTaskResult.objects.failed().exists()
    queued = DBTaskResult.objects.ready().get()
    assert queued.args_kwargs["kwargs"]["attempt"] == 1
    _work()
    assert [message.to for message in mail.outbox] == [[business_lead.email]]
    event = AuditEvent.objects.get(action=AuditAction.BACKGROUND_TASK_RETRIED)
    assert event.actor == administrator
    assert "accounts.tasks.send_email" in event.summary
    assert "mail server down" in event.summary
    assert business_lead.email not in event.summary  # the message's content stays off the trail


def test_a_task_run_again_twice_is_queued_once(failed_email, administrator, client):
    failed_task_retry(task_id=str(failed_email.id), actor=administrator)
    with pytest.raises(NotFailed):
        failed_task_retry(task_id=str(failed_email.id), actor=administrator)
    client.force_login(administrator)
    page = client.post(reverse("failed_tasks"), {"task": str(failed_email.id)}, follow=True)
    assert "no longer listed as failed" in page.content.decode()
    assert DBTaskResult.objects.ready().count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.BACKGROUND_TASK_RETRIED).count() == 1


@pytest.mark.parametrize("task", ["", "not-a-task", "00000000-0000-0000-0000-000000000000"])
def test_a_task_that_is_not_listed_is_refused_with_a_message(
    failed_email, administrator, client, task
):
    client.force_login(administrator)
    page = client.post(reverse("failed_tasks"), {"task": task}, follow=True)
    assert page.status_code == 200
    assert "no longer listed as failed" in page.content.decode()
    assert DBTaskResult.objects.failed().count() == 1


def test_only_administrators_may_run_a_task_again(failed_email, spr_lead, client):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        failed_task_retry(task_id=str(failed_email.id), actor=spr_lead)
    client.force_login(spr_lead)
    assert client.post(reverse("failed_tasks"), {"task": str(failed_email.id)}).status_code == 403
    assert DBTaskResult.objects.failed().count() == 1


def test_the_administrators_home_page_counts_the_failed_tasks(
    failed_email, administrator, spr_lead, client
):
    assert failed_count(spr_lead) is None
    assert failed_count(administrator) == 1
    client.force_login(administrator)
    text = client.get(reverse("home")).content.decode()
    assert "1 failed" in text
    assert reverse("failed_tasks") in text
    client.force_login(spr_lead)
    assert reverse("failed_tasks") not in client.get(reverse("home")).content.decode()

"""A failed e-mail in Chromium: the administrator's home page counts it, the failed tasks page
lists it, and the administrator runs it again from the keyboard once the mail server is back;
the worker then sends it. axe-core (best practice included) at 1280, 390 and 320 px on the
list, after the run and on the empty list."""

import re

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.urls import reverse
from playwright.sync_api import expect

from accounts.notify import queue
from tests.background_tasks import message_to as _message
from tests.background_tasks import work as _work
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def _every_width(page, name: str) -> None:
    for width in (1280, 390, 320):
        page.set_viewport_size({"width": width, "height": 800})
        assert_accessible(page, f"{name}-{width}")
    page.set_viewport_size({"width": 1280, "height": 800})


def test_an_administrator_runs_a_failed_email_again(
    page, live_server, demo, sign_in, database_tasks, monkeypatch
):
    from django.contrib.auth import get_user_model

    reader = get_user_model().objects.get(username="lead.ppu")
    real_send = EmailMessage.send

    def refuse(message, *args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(EmailMessage, "send", refuse)
    queue([_message(reader)])
    _work()
    monkeypatch.setattr(EmailMessage, "send", real_send)  # the mail server is back

    sign_in("admin")
    expect(page.locator("main")).to_contain_text("1 failed")
    link = page.get_by_role("link", name="Failed background tasks")
    link.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Failed background tasks")).to_be_visible()
    expect(page.locator("table")).to_contain_text("mail server down")
    _every_width(page, "failed-tasks")

    button = page.get_by_role("button", name=re.compile(r"^Run again\W+send email, failed at "))
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Send email queued again from its first attempt."
    )
    expect(page.locator("#no-failed-tasks")).to_be_visible()
    _every_width(page, "failed-tasks-run-again")

    _work()
    assert [message.to for message in mail.outbox] == [[reader.email]]
    page.goto(f"{live_server.url}{reverse('home')}")
    expect(page.locator("main")).not_to_contain_text("1 failed")

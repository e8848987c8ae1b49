"""Repeated failed sign-ins lock the account and the address, on every sign-in form."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from tests.factories import TEST_PASSWORD
from tests.html import text

pytestmark = pytest.mark.django_db
LIMIT = settings.AXES_FAILURE_LIMIT


def sign_in(client, username, password, url="login", address="192.0.2.10"):
    return client.post(
        reverse(url), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_the_figures_are_five_failures_and_fifteen_minutes():
    assert LIMIT == 5
    assert settings.AXES_COOLOFF_TIME == datetime.timedelta(minutes=15)


def test_an_account_locks_after_the_limit_then_releases_after_the_wait(client, business_lead):
    for _ in range(LIMIT - 1):
        assert sign_in(client, "lead.owner", "wrong").status_code == 200
    locked = sign_in(client, "lead.owner", "wrong")
    assert locked.status_code == 429
    assert "Sign-in locked for 15 minutes" in text(locked)
    # Even the right password is refused while locked, from another address too.
    assert sign_in(client, "lead.owner", TEST_PASSWORD, address="198.51.100.7").status_code == 429
    assert client.get(reverse("home")).status_code == 302
    # Fifteen minutes later the account is free again.
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    released = sign_in(client, "lead.owner", TEST_PASSWORD)
    assert released.status_code == 302 and released["Location"] == reverse("home")


def test_fewer_failures_than_the_limit_do_not_lock_and_success_resets_the_count(
    client, business_lead
):
    for _ in range(LIMIT - 1):
        sign_in(client, "lead.owner", "wrong")
    assert sign_in(client, "lead.owner", TEST_PASSWORD).status_code == 302
    client.post(reverse("logout"))
    for _ in range(LIMIT - 1):
        assert sign_in(client, "lead.owner", "wrong").status_code == 200


def test_one_address_trying_many_accounts_is_locked(client, business_lead):
    for n in range(LIMIT):
        sign_in(client, f"guess.{n}", "Winter2016!")
    assert sign_in(client, "lead.owner", TEST_PASSWORD).status_code == 429
    # The account itself is not locked: its owner signs in from another address.
    assert sign_in(client, "lead.owner", TEST_PASSWORD, address="198.51.100.7").status_code == 302


def test_the_admin_sign_in_is_locked_too(client, administrator):
    for _ in range(LIMIT):
        sign_in(client, administrator.username, "wrong", url="admin:login")
    response = sign_in(client, administrator.username, TEST_PASSWORD, url="admin:login")
    assert response.status_code == 429
    assert "Sign-in locked" in text(response)


def test_behind_the_proxy_the_address_is_the_one_the_proxy_appended(client, settings):
    from accounts.lockout import client_ip

    class Request:
        META = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "10.9.9.9, 203.0.113.5"}

    settings.BEHIND_TLS_PROXY = True
    assert client_ip(Request) == "203.0.113.5"
    settings.BEHIND_TLS_PROXY = False
    assert client_ip(Request) == "127.0.0.1"


def test_a_username_longer_than_any_is_a_failed_sign_in_not_an_error(client):
    response = sign_in(client, "x" * 400, "wrong")
    assert response.status_code == 200
    assert AccessAttempt.objects.get().username == "x" * 150

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


def test_another_accounts_success_never_clears_the_victims_failures(
    client, spr_lead, business_lead
):
    """The bypass found in the probe: wrong guesses at the SPR lead's password, each run ended
    by a correct sign-in to one's own account from the same address."""
    for _ in range(3):
        for _ in range(LIMIT - 1):
            sign_in(client, spr_lead.username, "guess")
        sign_in(client, business_lead.username, TEST_PASSWORD)
        client.post(reverse("logout"))
    assert sign_in(client, spr_lead.username, TEST_PASSWORD).status_code == 429
    # The account is locked wherever its owner is, not only the guessing address.
    assert (
        sign_in(client, spr_lead.username, TEST_PASSWORD, address="198.51.100.7").status_code == 429
    )


def test_a_success_clears_only_its_own_accounts_failures_from_its_address(
    client, spr_lead, business_lead
):
    sign_in(client, spr_lead.username, "guess")
    sign_in(client, business_lead.username, "typo", address="198.51.100.7")
    sign_in(client, business_lead.username, "typo")
    assert sign_in(client, business_lead.username, TEST_PASSWORD).status_code == 302
    left = set(AccessAttempt.objects.values_list("username", "ip_address"))
    assert left == {(spr_lead.username, "192.0.2.10"), (business_lead.username, "198.51.100.7")}


def test_a_try_during_the_lock_starts_the_wait_again(client, business_lead):
    for _ in range(LIMIT):
        sign_in(client, "lead.owner", "wrong")
    ten_minutes_later = timezone.now() - datetime.timedelta(minutes=10)
    AccessAttempt.objects.update(attempt_time=ten_minutes_later)
    assert sign_in(client, "lead.owner", "wrong").status_code == 429
    # Sixteen minutes after the lock began, but six after the last try: still locked.
    six_minutes = datetime.timedelta(minutes=6)
    for attempt in AccessAttempt.objects.all():
        AccessAttempt.objects.filter(pk=attempt.pk).update(
            attempt_time=attempt.attempt_time - six_minutes
        )
    assert sign_in(client, "lead.owner", TEST_PASSWORD).status_code == 429


def test_wrong_current_passwords_on_the_change_form_count_towards_the_lock(client, business_lead):
    client.force_login(business_lead)
    url = reverse("accounts:password_change")
    form = {
        "new_password1": "a-much-longer-passphrase",
        "new_password2": "a-much-longer-passphrase",
    }
    for _ in range(LIMIT - 1):
        response = client.post(url, {"old_password": "wrong", **form}, REMOTE_ADDR="192.0.2.10")
        assert response.status_code == 200
    locked = client.post(url, {"old_password": "wrong", **form}, REMOTE_ADDR="192.0.2.10")
    assert locked.status_code == 429
    # Now even the right current password is refused, and the account cannot sign in.
    right = client.post(url, {"old_password": TEST_PASSWORD, **form}, REMOTE_ADDR="192.0.2.10")
    assert right.status_code == 429
    business_lead.refresh_from_db()
    assert business_lead.check_password(TEST_PASSWORD)
    other = client.__class__()
    assert sign_in(other, "lead.owner", TEST_PASSWORD, address="198.51.100.7").status_code == 429


def test_a_lock_out_is_on_the_audit_trail(client, business_lead):
    from audit.models import AuditAction, AuditEvent

    for _ in range(LIMIT):
        sign_in(client, "lead.owner", "wrong")
    row = AuditEvent.objects.filter(action=AuditAction.LOCKED_OUT).first()
    assert row is not None and row.actor == business_lead and row.ip_address == "192.0.2.10"

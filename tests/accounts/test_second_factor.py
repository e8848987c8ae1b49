"""TOTP second factor with recovery codes: required for the SPR lead and administrators
whenever DEBUG is off, and for the roles an administrator lists."""

import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django_otp import devices_for_user
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import SecondFactorRequirement
from accounts.second_factor import totp_device_pending
from tests.factories import TEST_PASSWORD
from tests.html import error_summary, select, text, texts
from tests.spr_portal.test_site import ROOT

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_policy(settings):
    settings.SECOND_FACTOR_REQUIRED = True


def code_for(device, offset=0):
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset)
    return f"{value:06d}"


def sign_in(client, username):
    return client.post(reverse("login"), {"username": username, "password": TEST_PASSWORD})


def test_the_requirement_follows_debug_and_cannot_be_set_apart():
    """With production settings (DEBUG off) it is on; there is no variable to turn it off."""
    env = {"PATH": "/usr/bin:/bin", "SECRET_KEY": "x" * 50, "SECOND_FACTOR_REQUIRED": "false"}
    code = "from django.conf import settings; print(settings.SECOND_FACTOR_REQUIRED)"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip().splitlines()[-1] == "True", result.stderr


def test_the_spr_lead_must_set_up_a_second_factor_when_debug_is_off(
    client, spr_lead, production_policy
):
    sign_in(client, spr_lead.username)
    response = client.get(reverse("assessments:quarter_board_current"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_setup"))
    # Nothing else opens, the admin included.
    assert client.get("/admin/")["Location"].startswith(reverse("accounts:two_factor_setup"))
    setup = client.get(reverse("accounts:two_factor_setup"))
    assert select(setup, ".portal-qr svg")
    wrong = client.post(reverse("accounts:two_factor_setup"), {"code": "000000"})
    assert error_summary(wrong)
    device = TOTPDevice.objects.get(user=spr_lead)
    # django-otp slows guessing: right after a wrong code even the right one is refused.
    throttled = client.post(reverse("accounts:two_factor_setup"), {"code": code_for(device)})
    assert error_summary(throttled)
    device.refresh_from_db()
    assert device.throttling_failure_count == 1 and not device.verify_is_allowed()[0]
    device.throttle_reset()
    done = client.post(reverse("accounts:two_factor_setup"), {"code": code_for(device)})
    codes = [c.get_text() for c in select(done, ".portal-recovery-codes code")]
    assert len(codes) == 10
    assert client.get(reverse("home")).status_code == 200

    # The next sign-in asks for a code; a recovery code works once.
    client.post(reverse("logout"))
    sign_in(client, spr_lead.username)
    assert client.get(reverse("home"))["Location"].startswith(reverse("accounts:two_factor_verify"))
    bad = client.post(reverse("accounts:two_factor_verify"), {"code": "123456"})
    assert error_summary(bad)
    # Every device of the account is slowed down after a wrong code.
    for device in devices_for_user(spr_lead):
        assert not device.verify_is_allowed()[0]
        device.throttle_reset()
    used = client.post(reverse("accounts:two_factor_verify"), {"code": codes[0]}, follow=True)
    assert "You have 9 left" in text(used)
    client.post(reverse("logout"))
    sign_in(client, spr_lead.username)
    again = client.post(reverse("accounts:two_factor_verify"), {"code": codes[0]})
    assert again.status_code == 200 and error_summary(again)


def test_an_administrator_must_too_and_a_business_lead_need_not(
    client, administrator, business_lead, production_policy
):
    sign_in(client, administrator.username)
    assert client.get(reverse("home")).status_code == 302
    client.post(reverse("logout"))
    sign_in(client, business_lead.username)
    assert client.get(reverse("home")).status_code == 200


def test_the_administrator_can_require_it_for_another_role(
    client, business_lead, production_policy
):
    SecondFactorRequirement.objects.create(role="Business lead")
    sign_in(client, business_lead.username)
    assert client.get(reverse("home"))["Location"].startswith(reverse("accounts:two_factor_setup"))


def test_with_debug_on_the_demo_is_exempt_until_a_user_sets_one_up(client, spr_lead, settings):
    settings.SECOND_FACTOR_REQUIRED = False
    sign_in(client, spr_lead.username)
    assert client.get(reverse("home")).status_code == 200
    device = totp_device_pending(user=spr_lead)
    device.confirmed = True
    device.save()
    client.post(reverse("logout"))
    sign_in(client, spr_lead.username)
    assert client.get(reverse("home"))["Location"].startswith(reverse("accounts:two_factor_verify"))
    # The authenticator cannot be replaced without passing it first.
    assert client.get(reverse("accounts:two_factor_setup"))["Location"] == reverse(
        "accounts:two_factor_verify"
    )
    code = code_for(device)
    ok = client.post(reverse("accounts:two_factor_verify"), {"code": code})
    assert ok["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200
    # A code works once: replayed at the next sign-in it is refused.
    client.post(reverse("logout"))
    sign_in(client, spr_lead.username)
    replay = client.post(reverse("accounts:two_factor_verify"), {"code": code})
    assert replay.status_code == 200 and error_summary(replay)


def test_a_wrong_or_missing_code_is_shown_in_the_error_summary_and_at_the_box(
    client, spr_lead, production_policy
):
    """The shared error summary links to the box; the box carries its message, is described
    by its hint and its error, and is empty again for the next code."""
    sign_in(client, spr_lead.username)
    empty = client.post(reverse("accounts:two_factor_setup"), {"code": "  "})
    assert error_summary(empty) == [
        ("#id_code", "Enter the 6-digit code shown in your authenticator app")
    ]
    assert select(empty, "title")[0].get_text().startswith("Error: ")
    box = select(empty, "input#id_code")[0]
    assert box["aria-describedby"] == "id_code_1_error"
    assert "govuk-input--error" in box["class"] and box["inputmode"] == "numeric"

    # With the authenticator set up, the code after the password.
    device = totp_device_pending(user=spr_lead)
    device.confirmed = True
    device.save()
    client.post(reverse("logout"))
    sign_in(client, spr_lead.username)
    wrong = client.post(reverse("accounts:two_factor_verify"), {"code": "12 34 56"})
    message = "Enter a valid code from your authenticator app, or one of your recovery codes"
    assert error_summary(wrong) == [("#id_code", message)]
    assert texts(wrong, "#id_code_1_error") == [f"Error: {message}"]
    box = select(wrong, "input#id_code")[0]
    assert box["aria-describedby"] == "id_code_hint id_code_1_error"
    assert not box.get("value")
    assert select(wrong, "label[for=id_code]")[0].get_text().strip() == "Security code"


def test_replacing_the_authenticator_needs_the_password_and_is_recorded(client, spr_lead):
    from audit.models import AuditAction, AuditEvent

    first = TOTPDevice.objects.create(user=spr_lead, name="Authenticator app")
    sign_in(client, spr_lead.username)
    client.post(reverse("accounts:two_factor_verify"), {"code": code_for(first)})
    url = reverse("accounts:two_factor_setup")
    page = client.get(url)
    assert "Your current password" in text(page)
    pending = TOTPDevice.objects.get(user=spr_lead, confirmed=False)
    refused = client.post(url, {"code": code_for(pending), "password": "wrong"})
    assert error_summary(refused) == [("#id_password", "Enter your current password")]
    assert TOTPDevice.objects.filter(pk=first.pk).exists()
    done = client.post(url, {"code": code_for(pending), "password": TEST_PASSWORD})
    assert done.status_code == 200 and not TOTPDevice.objects.filter(pk=first.pk).exists()
    row = AuditEvent.objects.get(action=AuditAction.SECOND_FACTOR_SET_UP)
    assert row.actor == spr_lead and row.summary.startswith("Authenticator replaced")


def test_a_wrong_second_factor_code_is_on_the_audit_trail(client, spr_lead):
    from audit.models import AuditAction, AuditEvent

    TOTPDevice.objects.create(user=spr_lead, name="Authenticator app")
    sign_in(client, spr_lead.username)
    client.post(reverse("accounts:two_factor_verify"), {"code": "000000"})
    row = AuditEvent.objects.get(action=AuditAction.SECOND_FACTOR_FAILED)
    assert row.actor == spr_lead


def test_the_pages_get_the_user_itself_and_its_second_factor_as_verified(
    client, spr_lead, settings
):
    """The middleware hands on the user behind Django's and django-otp's lazy wrappers: the
    same user, with the device it passed, or the anonymous one."""
    settings.SECOND_FACTOR_REQUIRED = False
    assert type(client.get(reverse("login")).wsgi_request.user) is AnonymousUser
    device = totp_device_pending(user=spr_lead)
    device.confirmed = True
    device.save()
    sign_in(client, spr_lead.username)
    before = client.get(reverse("accounts:two_factor_verify")).wsgi_request.user
    assert type(before) is get_user_model() and before.pk == spr_lead.pk
    assert not before.is_verified() and before.otp_device is None
    client.post(reverse("accounts:two_factor_verify"), {"code": code_for(device)})
    after = client.get(reverse("home")).wsgi_request.user
    assert type(after) is get_user_model() and after.is_verified()
    assert after.otp_device == device

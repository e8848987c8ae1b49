"""Headers on every response, the former 500s, Argon2 and the self-service password change."""

import pytest
from django.conf import settings as live_settings
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.urls import reverse

from spr_portal import settings as project_settings
from tests.factories import TEST_PASSWORD, AssessmentFactory
from tests.html import error_summary, select, text

pytestmark = pytest.mark.django_db


def test_signed_in_pages_are_never_stored_and_every_page_has_the_policies(
    client, spr_lead, administrator, quarter
):
    anonymous = client.get(reverse("login"))
    assert "camera=()" in anonymous["Permissions-Policy"]
    pages = [reverse("home"), reverse("assessments:quarter_board_current"), "/admin/"]
    for url, user in zip(pages, [spr_lead, spr_lead, administrator], strict=True):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "no-store", url
        assert "geolocation=()" in response["Permissions-Policy"]
        assert "script-src 'self'" in response["Content-Security-Policy"]
        assert response["X-Frame-Options"] == "DENY"


def test_hsts_is_sent_outside_debug():
    assert project_settings.DEBUG or project_settings.SECURE_HSTS_SECONDS >= 31536000


@pytest.mark.template_context
def test_a_superscript_two_is_not_a_quarter_or_a_revision(client, spr_lead, threat, quarter):
    client.force_login(spr_lead)
    assert (
        client.get(reverse("assessments:quarter_board_current"), {"quarter": "²"}).status_code
        == 404
    )
    assessment = AssessmentFactory(threat=threat, quarter=quarter, submitted=True)
    url = reverse("assessments:assessment_sign_off", args=[assessment.pk])
    response = client.get(url, {"revision": "²"})
    assert response.status_code == 200  # the revision is ignored: the page shows the current one
    assert response.context["form"].initial["revision"] == assessment.revision


@pytest.mark.parametrize("charset", ["utf-16", "utf-32", "latin-1"])
def test_a_form_in_another_charset_is_a_400_not_a_500(client, business_lead, charset):
    # The test client encodes a str body in the charset of the content type.
    body = f"username=lead.owner&password={TEST_PASSWORD}"
    response = client.post(
        reverse("login"), body, content_type=f"application/x-www-form-urlencoded; charset={charset}"
    )
    assert response.status_code == 400
    assert "The form could not be read" in text(response)
    assert "Permissions-Policy" in response


def test_passwords_are_hashed_with_argon2():
    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    hasher = Argon2PasswordHasher()
    hashed = hasher.encode("correct horse battery", hasher.salt())
    assert hashed.startswith("argon2$argon2id$")
    assert hasher.verify("correct horse battery", hashed)
    assert not hasher.verify("correct horse batterY", hashed)
    # The suite itself uses a fast hasher (tests/conftest.py).
    assert live_settings.PASSWORD_HASHERS[0].endswith("MD5PasswordHasher")


def test_a_user_changes_their_own_password(client, business_lead):
    client.force_login(business_lead)
    other = client.__class__()
    other.force_login(business_lead)
    url = reverse("accounts:password_change")
    assert "Change password" in text(client.get(reverse("home")))
    wrong = client.post(url, {"old_password": "nope", "new_password1": "x", "new_password2": "x"})
    assert wrong.status_code == 200 and error_summary(wrong)
    new = "a-much-longer-passphrase-2016"
    done = client.post(
        url, {"old_password": TEST_PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert done.status_code == 302
    assert "Your password has been changed" in text(client.get(reverse("home")))
    business_lead.refresh_from_db()
    assert business_lead.check_password(new)
    # Other sessions of the account end with the old password.
    assert other.get(reverse("home")).status_code == 302


@pytest.mark.parametrize(
    ("password", "accepted"),
    [
        ("WestMidlands-Police-2016", False),  # context words
        ("strategic policing 123", False),
        ("short-pass", False),  # under 12 characters
        ("password1234", False),  # a common password
        ("correct horse battery staple", True),
        ("x" * 40 + " a very long passphrase of more than 64 characters", True),
    ],
)
def test_the_password_rules(client, business_lead, password, accepted):
    client.force_login(business_lead)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": TEST_PASSWORD, "new_password1": password, "new_password2": password},
    )
    assert (response.status_code == 302) is accepted
    business_lead.refresh_from_db()
    assert business_lead.check_password(password) is accepted


def test_password_fields_are_masked_and_password_managers_can_fill_them(client, business_lead):
    pages = [client.get(reverse("login"))]
    client.force_login(business_lead)
    pages.append(client.get(reverse("accounts:password_change")))
    for page in pages:
        fields = select(page, "input[name*=password]")
        assert fields and all(f["type"] == "password" for f in fields)
        assert all(f.get("autocomplete") in {"current-password", "new-password"} for f in fields)
        assert b"onpaste" not in page.content


def test_a_password_change_is_on_the_audit_trail(client, business_lead):
    from audit.models import AuditAction, AuditEvent

    client.force_login(business_lead)
    new = "a-much-longer-passphrase-2016"
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": TEST_PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    row = AuditEvent.objects.get(action=AuditAction.PASSWORD_CHANGED)
    assert row.actor == business_lead and new not in row.summary

"""Sign-in, the home page per role, settings and security defaults."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from tests.conftest import ROLE_FIXTURES, TEST_P12_PASSPHRASE
from tests.databases import postgresql_only
from tests.factories import TEST_PASSWORD
from tests.html import error_summary, texts, title

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_every_page_but_sign_in_needs_a_signed_in_user(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert client.get(reverse("login")).status_code == 200


def test_sign_in_with_a_wrong_password_shows_the_error_summary(client, business_lead):
    response = client.post(reverse("login"), {"username": "lead.owner", "password": "wrong"})
    assert response.status_code == 200
    assert error_summary(response)
    assert title(response).startswith("Error: Sign in")
    # The refusal is not on one field: it links to the first box, the username.
    [(href, _)] = error_summary(response)
    assert href == "#id_username"


def test_sign_in_and_out(client, business_lead):
    response = client.post(reverse("login"), {"username": "lead.owner", "password": TEST_PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert client.get(reverse("logout")).status_code == 405  # sign out is POST only
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302


@pytest.mark.parametrize("role_fixture", ROLE_FIXTURES)
def test_home_page_offers_each_role_only_its_own_sections(request, client, role_fixture):
    user = request.getfixturevalue(role_fixture)
    client.force_login(user)
    response = client.get(reverse("home"))
    links = set(texts(response, "a"))
    expected = {
        # A business lead's board: the threats their departments own or contribute to;
        # published papers are open to every role under the demo force's profile.
        "business_lead": {"My assessments", "Quarter board", "Board reports"},
        "other_business_lead": {"My assessments", "Quarter board", "Board reports"},
        "spr_lead": {"Quarter board", "Actions register", "Board reports", "Assurance statements"},
        "chief_officer": {"Quarter board", "Board reports", "Assurance statements"},
        "other_chief_officer": {"Quarter board", "Board reports", "Assurance statements"},
        "pcc_office": {"Quarter board", "Board reports", "Assurance statements"},
        "administrator": {"Administration", "Board reports"},
        "no_role_user": set(),
    }[role_fixture]
    for section in [
        "My assessments",
        "Quarter board",
        "Actions register",
        "Board reports",
        "Assurance statements",
        "Administration",
    ]:
        assert (section in links) == (section in expected), section
    assert texts(response, ".portal-marking__label") == ["OFFICIAL-SENSITIVE"]


def test_pages_send_a_strict_content_security_policy(client, business_lead):
    client.force_login(business_lead)
    policy = client.get(reverse("home"))["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_health_check_needs_no_sign_in(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200 and response.content == b"ok"


def _manage(*args, **env):
    # The browser tests allow async-unsafe ORM calls in this process; production must not.
    unwanted = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE", "EMAIL_HOST", "EMAIL_BACKEND"}
    unwanted |= {"SPR_SIGNING_P12", "SPR_SIGNING_P12_PASSPHRASE", "SPR_TSA_URL"}
    clean = {k: v for k, v in os.environ.items() if k not in unwanted}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _deploy_check(**env):
    """`check --deploy` failing on warnings, with production settings and `env` on top."""
    return _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="x" * 20 + "a-long-random-production-secret-key-from-the-vault",
        ALLOWED_HOSTS="spr.example.police.uk",
        SECURE_HSTS_PRELOAD="true",
        **env,
    )


def test_production_settings_pass_the_deploy_check(signing_certificate):
    result = _deploy_check(
        EMAIL_HOST="mail.example.police.uk",
        SPR_SIGNING_P12=str(signing_certificate),
        SPR_SIGNING_P12_PASSPHRASE=TEST_P12_PASSPHRASE,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_deploy_check_warns_when_no_mail_server_is_set():
    result = _deploy_check()
    assert result.returncode != 0
    assert "accounts.W001" in result.stderr + result.stdout


def test_the_deploy_check_warns_when_papers_would_be_published_unsigned():
    result = _deploy_check(EMAIL_HOST="mail.example.police.uk")
    assert result.returncode != 0
    assert "reports.W001" in result.stderr + result.stdout


def test_the_deploy_check_fails_on_a_certificate_that_cannot_be_opened(signing_certificate):
    result = _deploy_check(
        EMAIL_HOST="mail.example.police.uk",
        SPR_SIGNING_P12=str(signing_certificate),
        SPR_SIGNING_P12_PASSPHRASE="wrong",
    )
    assert result.returncode != 0
    assert "reports.E001" in result.stderr + result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


@postgresql_only
@pytest.mark.django_db
def test_postgresql_plans_joins_in_written_order():
    """The planner setting of spr_portal/settings.py reaches every connection."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW join_collapse_limit")
        assert cursor.fetchone()[0] == "1"

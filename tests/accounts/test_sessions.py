"""Session lifetimes: 30 minutes idle, 10 hours at most, a new key at sign-in."""

import pytest
from django.urls import reverse

from accounts.sessions import LAST_SEEN, SIGNED_IN_AT
from tests.factories import TEST_PASSWORD
from tests.html import one, select, text

pytestmark = pytest.mark.django_db


def age(client, key, seconds):
    session = client.session
    session[key] -= seconds
    session.save()


def test_thirty_minutes_idle_signs_the_user_out(client, business_lead):
    client.force_login(business_lead)
    age(client, LAST_SEEN, 29 * 60)
    assert client.get(reverse("home")).status_code == 200
    age(client, LAST_SEEN, 30 * 60)
    response = client.get(reverse("assessments:my_assessments"), follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("login"))
    assert "had not done anything for 30 minutes" in text(response)
    assert not response.wsgi_request.user.is_authenticated
    assert client.get(reverse("home")).status_code == 302


def test_activity_keeps_the_session_alive(client, business_lead):
    client.force_login(business_lead)
    age(client, LAST_SEEN, 25 * 60)
    assert client.get(reverse("home")).status_code == 200
    age(client, LAST_SEEN, 25 * 60)  # 50 minutes since sign-in, 25 since the last request
    assert client.get(reverse("home")).status_code == 200


def test_ten_hours_after_sign_in_the_session_ends_even_if_active(client, business_lead):
    client.force_login(business_lead)
    age(client, SIGNED_IN_AT, 10 * 60 * 60)
    response = client.get(reverse("home"), follow=True)
    assert "10 hours" in text(response)
    assert not response.wsgi_request.user.is_authenticated


def test_signing_in_gives_a_new_session_key(client, business_lead):
    client.get(reverse("login"))
    session = client.session
    session["seen_before_sign_in"] = True
    session.save()
    before = client.session.session_key
    client.post(reverse("login"), {"username": "lead.owner", "password": TEST_PASSWORD})
    assert client.session.session_key != before


def test_the_timeout_warning_is_on_every_signed_in_page_without_inline_script(
    client, business_lead
):
    client.force_login(business_lead)
    response = client.get(reverse("home"))
    dialog = one(response, "dialog#timeout-warning")
    assert dialog["data-idle-seconds"] == "1800" and dialog["data-warning-seconds"] == "120"
    scripts = select(response, "script")
    assert any(s.get("src", "").endswith("timeout-warning.mjs") for s in scripts)
    assert all(s.get("src") and not s.string for s in scripts)  # no inline script
    anonymous = client.__class__().get(reverse("login"))
    assert b"timeout-warning" not in anonymous.content


def test_stay_signed_in_is_a_post_that_counts_as_activity(client, business_lead):
    client.force_login(business_lead)
    age(client, LAST_SEEN, 28 * 60)
    url = reverse("accounts:stay_signed_in")
    assert client.get(url).status_code == 405
    assert client.post(url, headers={"X-Requested-With": "fetch"}).status_code == 204
    age(client, LAST_SEEN, 28 * 60)
    assert client.get(reverse("home")).status_code == 200
    # Without JavaScript it returns to the page, never to another site.
    assert client.post(url, {"next": "/actions/"})["Location"] == "/actions/"
    assert client.post(url, {"next": "https://evil.example/"})["Location"] == reverse("home")

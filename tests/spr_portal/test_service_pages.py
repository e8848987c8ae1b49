"""The service pages (help and contact, accessibility statement, privacy notice, signed out):
open without signing in, configurable per force, linked from every page's footer."""

import pytest
from django.urls import reverse

from tests.factories import TEST_PASSWORD
from tests.html import one, text, texts, title

pytestmark = pytest.mark.django_db

PAGES = {
    "help": "Help and contact",
    "accessibility": "Accessibility statement for SPR Portal",
    "privacy": "Privacy notice",
    "signed_out": "You have signed out",
}


@pytest.mark.parametrize("name", PAGES)
def test_each_service_page_opens_signed_out(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert texts(response, "h1")[0] == PAGES[name]
    assert title(response).endswith("– SPR Portal")


def test_the_footer_links_every_service_page_signed_in_and_out(client, business_lead):
    wanted = {"Help and contact", "Accessibility statement", "Privacy notice and cookies"}
    assert wanted <= set(texts(client.get(reverse("login")), ".govuk-footer a"))
    client.force_login(business_lead)
    assert wanted <= set(texts(client.get(reverse("home")), ".govuk-footer a"))


def test_signing_out_lands_on_the_signed_out_page(client, business_lead):
    client.post(reverse("login"), {"username": business_lead.username, "password": TEST_PASSWORD})
    response = client.post(reverse("logout"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("signed_out")
    assert texts(response, "h1")[0] == "You have signed out"
    assert "Sign out" not in texts(response, "button")
    assert client.get(reverse("home")).status_code == 302


def test_help_accessibility_and_privacy_give_the_force_profile_s_contacts(client):
    """The demo force's profile (fictitious contacts): each page gives its own contact."""
    from threats.demo import FORCE_PROFILE

    help_page = client.get(reverse("help"))
    assert "Contact the Force SPR Support Desk" in texts(help_page, "h2")
    words = text(one(help_page, "main"))
    assert "0121 496 0472 (Monday to Friday, 8am to 6pm)" in words
    assert _mailto(help_page) == [FORCE_PROFILE["support_email"]]
    accessibility = client.get(reverse("accessibility"))
    assert _mailto(accessibility) == [FORCE_PROFILE["accessibility_email"]]
    assert "0121 496 0472" in text(one(accessibility, "main"))
    privacy = client.get(reverse("privacy"))
    assert _mailto(privacy) == [FORCE_PROFILE["dpo_email"]]
    assert "Telephone: 0121 496 0518" in text(one(privacy, "main"))


def _mailto(response) -> list[str]:
    return [
        a["href"].removeprefix("mailto:")
        for a in one(response, "main").select("a[href^='mailto:']")
    ]


def test_without_contacts_no_page_sends_the_reader_to_another_for_them(client):
    """A force that has published no contact: each page says whom to ask, and none points at
    another page for details that page does not have either."""
    from threats.demo import FORCE_PROFILE
    from threats.models import ForceProfile

    blank = dict.fromkeys(
        ["support_email", "support_phone", "accessibility_email", "dpo_email", "dpo_phone"], ""
    )
    ForceProfile.objects.create(**{**FORCE_PROFILE, **blank})
    for name in ("help", "accessibility", "privacy"):
        response = client.get(reverse(name))
        main = one(response, "main")
        assert not main.select("a[href^='mailto:']"), name
        assert "ask your" in text(main).lower(), name
        links = {a.get_text(strip=True) for a in main.select("a")}
        assert not links & {"Help and contact", "Privacy notice"} or name == "help", name
    assert "has not published a contact for SPR Portal" in text(
        one(client.get(reverse("help")), "main")
    )
    assert "has not published a contact for its Data Protection Officer" in text(
        one(client.get(reverse("privacy")), "main")
    )


def test_an_accessibility_request_goes_to_the_support_address_without_its_own(client):
    from threats.demo import FORCE_PROFILE
    from threats.models import ForceProfile

    ForceProfile.objects.create(**{**FORCE_PROFILE, "accessibility_email": ""})
    page = client.get(reverse("accessibility"))
    assert _mailto(page) == [FORCE_PROFILE["support_email"]]


def test_help_names_the_pages_a_missing_role_really_shows(client, business_lead):
    """Most refusals are the 403 page ("You cannot see this page", saying whose the page
    is); another department's record is a 404 ("Page not found"). Help quotes both."""
    client.force_login(business_lead)
    refused = client.get(reverse("assessments:actions_register"))
    assert refused.status_code == 403
    missing = client.get(reverse("assessments:assessment_detail", args=[999999]))
    assert missing.status_code == 404
    help_words = text(one(client.get(reverse("help")), "main"))
    for response in (refused, missing):
        heading = texts(response, "h1")[0]
        assert f'You see "{heading}"' in help_words
    assert "The actions register is for the SPR lead." in text(refused)


def test_the_accessibility_statement_has_the_standard_sections_and_honest_results(client):
    response = client.get(reverse("accessibility"))
    headings = texts(response, "h2")
    for heading in [
        "How accessible this service is",
        "Feedback and contact information",
        "Enforcement procedure",
        "Technical information about this service’s accessibility",
        "Non-accessible content",
        "What we’re doing to improve accessibility",
        "Preparation of this accessibility statement",
    ]:
        assert heading in headings, heading
    assert "partially compliant" in text(one(response, "main"))
    results = dict(zip(texts(response, "tbody th"), texts(response, "tbody td"), strict=True))
    assert any(r == "Not yet tested" and "Screen readers" in t for t, r in results.items())
    assert any(r == "No violations" and "axe-core" in t for t, r in results.items())


def test_without_a_configured_controller_the_privacy_notice_names_the_force_s_chief_officer(
    client, settings
):
    from threats.demo import FORCE_PROFILE
    from threats.models import ForceProfile

    settings.SPR_SERVICE = settings.SPR_SERVICE | {"controller": ""}
    ForceProfile.objects.create(
        **{
            **FORCE_PROFILE,
            "force_name": "City of London Police",
            "chief_officer_title": "Commissioner",
        }
    )
    privacy = text(one(client.get(reverse("privacy")), "main"))
    assert "The data controller is the Commissioner of City of London Police." in privacy
    assert "Chief Constable" not in privacy

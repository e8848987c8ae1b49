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


def test_help_and_privacy_say_what_the_force_configured(client, settings):
    settings.SPR_SERVICE = settings.SPR_SERVICE | {
        "team": "the Force Information Team",
        "email": "spr.support@example.police.uk",
        "phone": "0121 000 0000",
        "controller": "the Chief Constable of Example Police",
        "dpo_email": "dpo@example.police.uk",
    }
    help_page = client.get(reverse("help"))
    assert "Contact the Force Information Team" in texts(help_page, "h2")
    assert "mailto:spr.support@example.police.uk" in help_page.content.decode()
    assert "0121 000 0000" in text(one(help_page, "main"))
    privacy = client.get(reverse("privacy"))
    assert "the Chief Constable of Example Police" in text(one(privacy, "main"))
    assert "mailto:dpo@example.police.uk" in privacy.content.decode()


def test_help_without_a_contact_address_says_whom_to_ask(client, settings):
    settings.SPR_SERVICE = settings.SPR_SERVICE | {"email": "", "phone": ""}
    assert "Ask your SPR lead" in text(one(client.get(reverse("help")), "main"))


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

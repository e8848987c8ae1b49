"""Refusals and missing pages use the service's own layout, never Django's plain pages."""

import pytest

from tests.factories import QuarterFactory
from tests.html import one, text, texts

pytestmark = pytest.mark.django_db


def test_a_refused_page_explains_need_to_know(client, business_lead):
    client.force_login(business_lead)
    response = client.get("/actions/")  # the actions register is the SPR lead's
    assert response.status_code == 403
    assert "You cannot see this page" in text(response)
    assert texts(response, ".portal-marking__label") == ["OFFICIAL-SENSITIVE"]


def test_a_missing_page_uses_the_service_layout(client, spr_lead):
    QuarterFactory()
    client.force_login(spr_lead)
    response = client.get("/board/999999/")
    assert response.status_code == 404
    assert "Page not found" in text(response)
    assert one(response, "a.govuk-skip-link").get_text() == "Skip to main content"

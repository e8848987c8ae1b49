"""The API tokens page: create (shown once), list and revoke one's own tokens; errors in the
GOV.UK error summary; another user's token is a 404. Who may open it: the URL matrix."""

import pytest
from django.urls import reverse

from api.models import ApiToken

pytestmark = pytest.mark.django_db

URL = "/api-tokens/"


@pytest.mark.template_context
def test_create_shows_the_token_once_and_stores_only_its_hash(client, pcc_office):
    client.force_login(pcc_office)
    response = client.post(
        URL, {"name": "Dashboard", "scopes": ["read:reports"], "expires_in_days": "30"}
    )
    assert response.status_code == 200
    raw = response.context["created"]["raw"]
    assert raw.startswith("spr_") and raw in response.content.decode()
    token = ApiToken.objects.get(user=pcc_office)
    assert token.scopes == ["read:reports"] and token.prefix == raw[:10]
    assert raw not in client.get(URL).content.decode()  # never shown again


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"name": " ", "scopes": ["read:grades"], "expires_in_days": "30"},
        {"name": "x", "scopes": ["write:everything"], "expires_in_days": "30"},
        {"name": "x", "scopes": ["read:grades"], "expires_in_days": "7"},
        {"name": "x" * 200, "scopes": ["read:grades"], "expires_in_days": "abc"},
    ],
)
def test_bad_input_is_an_error_summary_not_a_500(client, spr_lead, data):
    client.force_login(spr_lead)
    response = client.post(URL, data)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_revoke_own_token_only(client, spr_lead, pcc_office):
    client.force_login(pcc_office)
    client.post(URL, {"name": "Mine", "scopes": ["read:grades"], "expires_in_days": "90"})
    token = ApiToken.objects.get()
    client.force_login(spr_lead)
    assert client.post(reverse("api:token_revoke", args=[token.pk])).status_code == 404
    assert client.get(reverse("api:token_revoke", args=[token.pk])).status_code == 405
    client.force_login(pcc_office)
    response = client.post(reverse("api:token_revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None and token.status == "Revoked"

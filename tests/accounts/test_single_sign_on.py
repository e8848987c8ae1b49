"""Single sign-on's rules without a browser (the journey itself: tests/browser)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import ClaimRoleMapping
from accounts.oidc import PortalOIDCBackend, mapped_roles
from spr_portal.roles import Role
from tests.html import text

pytestmark = pytest.mark.django_db


def test_without_configuration_there_is_no_single_sign_on(client):
    assert client.get(reverse("accounts:sso_start")).status_code == 404
    assert "Sign in with" not in text(client.get(reverse("login")))


def test_with_configuration_the_login_page_offers_it_and_uses_pkce(client, settings):
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = "spr-portal"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://idp.example/authorize"
    assert "Sign in with your force account" in text(client.get(reverse("login")))
    response = client.get(reverse("accounts:sso_start"))
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("https://idp.example/authorize?")
    assert "response_type=code" in location
    assert "code_challenge_method=S256" in location and "code_challenge=" in location


def test_mappings_give_roles_but_never_the_guarded_ones():
    ClaimRoleMapping.objects.create(
        claim="groups", value="g1", role=Role.POLICING_BODY_OFFICE.value
    )
    # Written past the admin's form, a guarded mapping is still ignored.
    ClaimRoleMapping.objects.create(claim="groups", value="g1", role=Role.SPR_LEAD.value)
    assert mapped_roles({"groups": ["g1", "g2"]}) == {Role.POLICING_BODY_OFFICE.value}
    assert mapped_roles({"groups": ["g2"]}) == set()
    with pytest.raises(ValidationError):
        ClaimRoleMapping(claim="groups", value="g9", role=Role.ADMINISTRATOR.value).full_clean()


def test_a_first_sign_in_creates_an_account_with_no_role_and_no_password(settings):
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = "spr-portal"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://idp.example/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://idp.example/userinfo"
    backend = PortalOIDCBackend()
    claims = {"sub": "abc", "preferred_username": "j.smith@force.example", "groups": ["x"]}
    assert backend.verify_claims(claims)
    user = backend.create_user(claims)
    assert user.username == "j.smith@force.example"
    assert not user.role_assignments.exists() and not user.has_usable_password()

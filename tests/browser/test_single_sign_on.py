"""Single sign-on against a real OpenID provider (tests/oidc/provider.mjs): the user signs in
there, comes back signed in to the portal, and lands on the home page of the role the
administrator mapped from their groups; a first sign-in without a mapping has no role."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from accounts.models import ClaimRoleMapping
from spr_portal.roles import Role
from tests.browser.conftest import assert_accessible
from tests.oidc.fixtures import oidc_provider  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in_at_provider(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    assert_accessible(page, "login-with-sso")
    page.get_by_role("button", name="Sign in with your force account").click()
    page.locator("input[name=login]").fill(username)
    page.locator("input[name=password]").fill("any password: the test provider accepts it")
    page.get_by_role("button", name="Sign-in").click()
    page.get_by_role("button", name="Continue").click()  # the provider's consent
    page.wait_for_url(f"{live_server.url}/")


def test_a_mapped_group_lands_on_its_roles_home_page(page, live_server, demo, oidc_provider):  # noqa: F811
    ClaimRoleMapping.objects.create(
        claim="groups", value="grp-chief-officers", role=Role.CHIEF_OFFICER_LEAD.value
    )
    sign_in_at_provider(page, live_server, "co.sso")
    main = page.locator("main")
    expect(main.get_by_role("link", name="Quarter board")).to_have_count(1)
    expect(main.get_by_role("link", name="Board reports")).to_have_count(1)
    expect(main.get_by_role("link", name="My assessments")).to_have_count(0)
    expect(page.locator("header")).to_contain_text("Signed in as Single Sign-on")
    assert_accessible(page, "home-sso")
    user = get_user_model().objects.get(username="co.sso")
    assert not user.has_usable_password()
    assert set(user.role_assignments.values_list("role", flat=True)) == {
        Role.CHIEF_OFFICER_LEAD.value
    }

    # Signing out ends the portal session.
    page.get_by_role("button", name="Sign out").click()
    page.goto(f"{live_server.url}/board/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/board/")


def test_a_first_sign_in_without_a_mapping_has_no_role(page, live_server, demo, oidc_provider):  # noqa: F811
    sign_in_at_provider(page, live_server, "new.starter")
    user = get_user_model().objects.get(username="new.starter")
    assert not user.role_assignments.exists()
    expect(page.locator("main").get_by_role("link", name="Quarter board")).to_have_count(0)

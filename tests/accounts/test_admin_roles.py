"""No route around the roles in the Django admin: roles are the portal's (a key, not a group's
name), the Administrator opens exactly the models accounts/permissions.py gives it and none of
the sensitive ones, nobody sets another person's password, and a superuser's account is
changed by superusers only."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.admin_site import SUPERUSER_ONLY
from accounts.permissions import ADMINISTRATOR_MODELS
from spr_portal.roles import Role, holders_of, roles_of
from tests.accounts.test_second_factor import code_for
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def verified_admin(client, settings, administrator):
    """The administrator signed in as in production: password, then a code from its TOTP."""
    settings.SECOND_FACTOR_REQUIRED = True
    device = TOTPDevice.objects.create(user=administrator, name="Authenticator app")
    client.post(reverse("login"), {"username": administrator.username, "password": TEST_PASSWORD})
    verified = client.post(reverse("accounts:two_factor_verify"), {"code": code_for(device)})
    assert verified.status_code == 302
    assert client.get("/admin/").status_code == 200
    return client


def test_a_role_is_held_by_its_key_and_no_group_name_gives_one(administrator, business_lead):
    # A group named like a role, even with the Administrator in it, gives nothing; renaming
    # a group takes nothing away.
    impostor = Group.objects.create(name=Role.SPR_LEAD.value)
    business_lead.groups.add(impostor)
    business_lead._spr_roles = None
    assert roles_of(business_lead) == {Role.BUSINESS_LEAD}
    impostor.name = Role.ADMINISTRATOR.value
    impostor.save()
    assert list(holders_of(Role.ADMINISTRATOR)) == [administrator]
    assert list(holders_of(Role.SPR_LEAD)) == []


def _inline_models():
    return {
        inline.model._meta.label_lower
        for model_admin in admin.site._registry.values()
        for inline in model_admin.inlines
    }


def test_the_administrators_list_names_every_registered_model_but_the_sensitive_ones():
    registered = {model._meta.label_lower for model in admin.site._registry}
    assert set(ADMINISTRATOR_MODELS) == (registered | _inline_models()) - SUPERUSER_ONLY
    assert not set(ADMINISTRATOR_MODELS) & SUPERUSER_ONLY
    for label in ("auth.group", "otp_totp.totpdevice", "otp_static.staticdevice"):
        assert label in registered  # still there, for superusers


def test_the_administrator_opens_exactly_the_models_the_list_gives(verified_admin):
    for model in admin.site._registry:
        label = model._meta.label_lower
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        expected = 200 if label in ADMINISTRATOR_MODELS else 403
        assert verified_admin.get(url).status_code == expected, label
    index = verified_admin.get("/admin/").content.decode()
    assert "/admin/auth/group/" not in index and "/admin/otp_totp/" not in index


def test_what_the_readme_gives_the_administrator_answers_200(verified_admin, threat):
    for url in (
        reverse("admin:threats_forceprofile_add"),
        reverse("admin:accounts_claimrolemapping_add"),
        reverse("admin:accounts_secondfactorrequirement_add"),
    ):
        assert verified_admin.get(url).status_code == 200, url
    page = verified_admin.get(reverse("admin:threats_nationalthreat_change", args=[threat.pk]))
    assert page.status_code == 200
    assert "names under each spr edition" in page.content.decode().lower()


def test_groups_devices_recovery_codes_and_passwords_are_closed_to_the_administrator(
    verified_admin, administrator, spr_lead
):
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    group = Group.objects.create(name="Anything")
    totp = TOTPDevice.objects.create(user=spr_lead, name="Authenticator app")
    static = StaticDevice.objects.create(user=spr_lead, name="Recovery codes")
    token = StaticToken.objects.create(device=static, token="abcd1234")
    urls = [
        "/admin/auth/group/",
        "/admin/auth/group/add/",
        f"/admin/auth/group/{group.pk}/change/",
        f"/admin/auth/group/{group.pk}/delete/",
        "/admin/otp_totp/totpdevice/",
        "/admin/otp_totp/totpdevice/add/",
        f"/admin/otp_totp/totpdevice/{totp.pk}/change/",
        f"/admin/otp_totp/totpdevice/{totp.pk}/delete/",
        f"/admin/otp_totp/totpdevice/{totp.pk}/config/",
        f"/admin/otp_totp/totpdevice/{totp.pk}/qrcode/",
        "/admin/otp_static/staticdevice/",
        "/admin/otp_static/staticdevice/add/",
        f"/admin/otp_static/staticdevice/{static.pk}/change/",
        f"/admin/otp_static/staticdevice/{static.pk}/delete/",
        f"/admin/otp_static/statictoken/{token.pk}/change/",
        "/admin/axes/accessattempt/",
        "/admin/axes/accesslog/",
        "/admin/axes/accessfailurelog/",
        *(f"/admin/auth/user/{user.pk}/password/" for user in (spr_lead, administrator, root)),
    ]
    for url in urls:
        assert verified_admin.get(url).status_code in (403, 404), url
        assert verified_admin.post(url, {"name": "SPR lead"}).status_code in (403, 404), url
    assert Group.objects.get(pk=group.pk).name == "Anything"


def test_a_superusers_account_is_changed_by_superusers_only(verified_admin):
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    url = reverse("admin:auth_user_change", args=[root.pk])
    page = verified_admin.get(url)
    assert page.status_code == 200  # seen, not changed
    verified_admin.post(url, {"username": "renamed", "email": "x@example.invalid"})
    root.refresh_from_db()
    assert root.username == "root"


def test_a_new_account_made_in_the_admin_has_no_password_set_by_anyone(client, administrator):
    client.force_login(administrator)
    response = client.post(
        reverse("admin:auth_user_add"),
        {"username": "new.person", "email": "new.person@example.invalid"},
    )
    assert response.status_code == 302
    made = type(administrator).objects.get(username="new.person")
    assert not made.has_usable_password()

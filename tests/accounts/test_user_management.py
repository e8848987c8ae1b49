"""No self-promotion: roles change only on the user-management page, through the recorded
service, never on one's own account; deactivation signs the user out everywhere."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.models import RoleChange
from accounts.services import user_deactivate, user_roles_set
from audit.models import AuditAction, AuditEvent
from spr_portal.roles import Role, roles_of
from tests.factories import UserFactory
from tests.html import text

pytestmark = pytest.mark.django_db


def fresh_roles(user):
    user.refresh_from_db()
    user._spr_roles = None
    return roles_of(user)


def test_an_administrator_grants_the_spr_lead_role_and_it_is_recorded(administrator):
    person = UserFactory(username="new.acc")
    user_roles_set(user=person, roles={Role.SPR_LEAD}, actor=administrator)
    assert fresh_roles(person) == {Role.SPR_LEAD}
    change = RoleChange.objects.get()
    assert (change.user, change.role, change.kind, change.actor) == (
        person,
        Role.SPR_LEAD,
        RoleChange.Kind.GRANTED,
        administrator,
    )
    event = AuditEvent.objects.get(action=AuditAction.ROLES_CHANGED)
    assert event.actor == administrator and "Granted SPR lead" in event.summary


def test_nobody_changes_their_own_roles(administrator):
    with pytest.raises(PermissionDenied):
        user_roles_set(
            user=administrator, roles={Role.ADMINISTRATOR, Role.SPR_LEAD}, actor=administrator
        )
    assert fresh_roles(administrator) == {Role.ADMINISTRATOR}
    assert not RoleChange.objects.exists()


@pytest.mark.parametrize("role_fixture", ["spr_lead", "business_lead", "pcc_office"])
def test_only_administrators_change_roles(request, role_fixture):
    actor = request.getfixturevalue(role_fixture)
    person = UserFactory(username="someone")
    with pytest.raises(PermissionDenied):
        user_roles_set(user=person, roles={Role.SPR_LEAD}, actor=actor)
    assert fresh_roles(person) == set()


@pytest.mark.template_context
def test_the_admin_offers_no_role_no_group_and_no_superuser_box(client, administrator):
    """Roles are given on Manage users only; in the admin an account's roles, staff and
    superuser status are shown, never edited; on one's own account not even its status."""
    client.force_login(administrator)
    person = UserFactory(username="someone", roles=[Role.SPR_LEAD])
    page = client.get(reverse("admin:auth_user_change", args=[person.pk]))
    assert page.status_code == 200
    fields = page.context["adminform"].form.fields
    for field in ("groups", "user_permissions", "is_superuser", "is_staff"):
        assert field not in fields
    own = client.get(reverse("admin:auth_user_change", args=[administrator.pk]))
    assert "is_active" not in own.context["adminform"].form.fields
    # Posting the fields anyway changes nothing.
    group = Group.objects.create(name=Role.SPR_LEAD.value)
    client.post(
        reverse("admin:auth_user_change", args=[administrator.pk]),
        {
            "username": administrator.username,
            "groups": [group.pk],
            "is_superuser": "on",
            "is_staff": "on",
            "is_active": "on",
        },
    )
    administrator.refresh_from_db()
    assert not administrator.is_superuser
    assert fresh_roles(administrator) == {Role.ADMINISTRATOR}
    # Saving someone else keeps the roles they hold.
    client.post(
        reverse("admin:auth_user_change", args=[person.pk]),
        {"username": person.username, "is_active": "on"},
    )
    assert fresh_roles(person) == {Role.SPR_LEAD}


def test_the_user_management_page_grants_and_refuses_self(client, administrator):
    person = UserFactory(username="new.acc")
    client.force_login(administrator)
    assert "new.acc" in text(client.get(reverse("accounts:user_list")))
    url = reverse("accounts:user_detail", args=[person.pk])
    response = client.post(url, {"roles": ["SPR_LEAD"]}, follow=True)
    assert "Granted SPR lead" in text(response)
    assert fresh_roles(person) == {Role.SPR_LEAD}
    own = client.get(reverse("accounts:user_detail", args=[administrator.pk]))
    assert "This is your own account" in text(own)
    refused = client.post(
        reverse("accounts:user_detail", args=[administrator.pk]),
        {"roles": ["ADMINISTRATOR", "SPR_LEAD"]},
        follow=True,
    )
    assert "Nobody can change their own roles" in text(refused)
    assert fresh_roles(administrator) == {Role.ADMINISTRATOR}


def test_deactivating_a_user_ends_their_sessions_at_once(client, administrator, spr_lead):
    client.force_login(spr_lead)
    assert client.get(reverse("home")).status_code == 200
    other_device = client.__class__()
    other_device.force_login(spr_lead)
    user_deactivate(user=spr_lead, actor=administrator)
    assert client.get(reverse("home")).status_code == 302
    assert other_device.get(reverse("home")).status_code == 302
    spr_lead.refresh_from_db()
    assert not spr_lead.is_active
    assert RoleChange.objects.get().kind == RoleChange.Kind.DEACTIVATED


def test_a_superuser_is_not_managed_on_the_page(administrator):
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    with pytest.raises(PermissionDenied):
        user_deactivate(user=root, actor=administrator)


def test_account_changes_made_in_the_admin_are_on_the_audit_trail_old_to_new(client, administrator):
    client.force_login(administrator)
    person = UserFactory(username="someone", first_name="Samuel", roles=[Role.SPR_LEAD])
    response = client.post(
        reverse("admin:auth_user_change", args=[person.pk]),
        {
            "username": person.username,
            "first_name": "Sam",
            "last_name": person.last_name,
            "email": person.email,
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert not person.is_active  # the box was not ticked: deactivated
    row = AuditEvent.objects.get(action=AuditAction.ADMIN_CHANGED, object_id=person.pk)
    assert row.actor == administrator
    assert row.summary == "First name: Samuel → Sam; Active: True → False"

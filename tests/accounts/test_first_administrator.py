"""A force sets itself up without a shell: the superuser made by `createsuperuser` gives the
first Administrator and SPR lead their roles on Manage users, recorded, never to itself."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from audit.models import AuditAction, AuditEvent
from spr_portal.roles import Role, roles_of

pytestmark = pytest.mark.django_db
ROOT_PASSWORD = "a-long-server-side-passphrase"  # noqa: S105


def _roles(username):
    user = get_user_model().objects.get(username=username)
    return set(roles_of(user)), user


def test_from_an_empty_database_the_superuser_grants_the_first_roles(client, monkeypatch):
    assert not get_user_model().objects.exists()
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", ROOT_PASSWORD)
    call_command("createsuperuser", interactive=False, username="root", email="root@force.invalid")
    signed_in = client.post(reverse("login"), {"username": "root", "password": ROOT_PASSWORD})
    assert signed_in.status_code == 302
    # The accounts, made in the admin (no password: each owner sets theirs from a link).
    for username in ("it.admin", "acc.security"):
        made = client.post(reverse("admin:auth_user_add"), {"username": username})
        assert made.status_code == 302
    assert client.get(reverse("accounts:user_list")).status_code == 200
    for username, role in (("it.admin", "ADMINISTRATOR"), ("acc.security", "SPR_LEAD")):
        person = get_user_model().objects.get(username=username)
        response = client.post(
            reverse("accounts:user_detail", args=[person.pk]), {"roles": [role]}, follow=True
        )
        assert response.status_code == 200
    admin_roles, it_admin = _roles("it.admin")
    assert admin_roles == {Role.ADMINISTRATOR} and it_admin.is_staff
    assert _roles("acc.security")[0] == {Role.SPR_LEAD}
    granted = AuditEvent.objects.filter(action=AuditAction.ROLES_CHANGED, actor_name="root")
    assert {(row.object_label, row.summary) for row in granted} == {
        ("it.admin", "Granted Administrator"),
        ("acc.security", "Granted SPR lead"),
    }
    # Never to itself.
    root = get_user_model().objects.get(username="root")
    client.post(reverse("accounts:user_detail", args=[root.pk]), {"roles": ["SPR_LEAD"]})
    assert _roles("root")[0] == set()


def test_withdrawing_the_administrator_role_closes_the_admin(client, administrator):
    root = get_user_model().objects.create_superuser("root", "root@force.invalid", ROOT_PASSWORD)
    client.force_login(root)
    client.post(reverse("accounts:user_detail", args=[administrator.pk]), {"roles": []})
    administrator.refresh_from_db()
    assert not administrator.is_staff
    client.force_login(administrator)
    assert client.get("/admin/").status_code == 302

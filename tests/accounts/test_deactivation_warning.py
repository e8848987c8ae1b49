"""Deactivating a department's only active business lead warns first, naming the department,
on Manage users and in the admin; the deactivation names it on the audit trail."""

import pytest
from django.urls import reverse

from accounts.services import user_deactivate
from audit.models import AuditAction, AuditEvent
from spr_portal.roles import Role
from tests.factories import UserFactory
from tests.html import text, texts

pytestmark = pytest.mark.django_db


def test_manage_users_warns_before_deactivating_a_departments_only_lead(
    client, administrator, business_lead, department
):
    client.force_login(administrator)
    page_url = reverse("accounts:user_detail", args=[business_lead.pk])
    warning = texts(client.get(page_url), "#unled-warning")
    assert len(warning) == 1
    assert "is the only active business lead of Public Protection Unit" in warning[0]

    refused = client.post(reverse("accounts:user_deactivate", args=[business_lead.pk]))
    assert refused.status_code == 200
    assert texts(refused, ".govuk-error-summary a") == [
        "Confirm that Public Protection Unit will be left without an active business lead"
    ]
    business_lead.refresh_from_db()
    assert business_lead.is_active

    done = client.post(
        reverse("accounts:user_deactivate", args=[business_lead.pk]), {"confirm_unled": "on"}
    )
    assert done.status_code == 302
    business_lead.refresh_from_db()
    assert not business_lead.is_active
    row = AuditEvent.objects.get(action=AuditAction.ACCOUNT_CHANGED, object_id=business_lead.pk)
    assert row.summary == "Deactivated; no active business lead left for Public Protection Unit"


def test_no_warning_while_another_active_lead_remains(
    client, administrator, business_lead, department
):
    # A second lead who has left, or who lacks the role, does not count.
    gone = UserFactory(username="gone.lead", roles=[Role.BUSINESS_LEAD], is_active=False)
    roleless = UserFactory(username="roleless.lead")
    department.leads.add(gone, roleless)
    client.force_login(administrator)
    page_url = reverse("accounts:user_detail", args=[business_lead.pk])
    assert texts(client.get(page_url), "#unled-warning")

    department.leads.add(UserFactory(username="second.lead", roles=[Role.BUSINESS_LEAD]))
    assert not texts(client.get(page_url), "#unled-warning")
    user_deactivate(user=business_lead, actor=administrator)
    business_lead.refresh_from_db()
    assert not business_lead.is_active


def test_the_admin_warns_before_deactivating_a_departments_only_lead(
    client, administrator, business_lead, department
):
    client.force_login(administrator)
    url = reverse("admin:auth_user_change", args=[business_lead.pk])
    form = text(client.get(url))
    assert "They are the only active business lead of Public Protection Unit" in form
    fields = {
        "username": business_lead.username,
        "first_name": business_lead.first_name,
        "last_name": business_lead.last_name,
        "email": business_lead.email,
    }  # "is_active" unticked
    refused = client.post(url, fields)
    assert refused.status_code == 200
    assert (
        "Confirm that Public Protection Unit will be left without an active business lead"
        in refused.content.decode()
    )
    business_lead.refresh_from_db()
    assert business_lead.is_active
    done = client.post(url, fields | {"leave_without_lead": "on"})
    assert done.status_code == 302
    business_lead.refresh_from_db()
    assert not business_lead.is_active

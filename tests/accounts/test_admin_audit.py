"""Every save and delete made in the Django admin is on the portal's audit trail, with what
changed (old → new) and by whom."""

import pytest
from django.contrib import admin
from django.urls import reverse

from accounts.admin_audit import AuditedAdmin
from accounts.models import SecondFactorRequirement
from audit.models import AuditAction, AuditEvent
from spr_portal.roles import Role
from tests.factories import UserFactory
from threats.models import ThreatName

pytestmark = pytest.mark.django_db


def test_every_registered_model_admin_is_audited():
    """The portal's admin site makes each ModelAdmin audited as it is registered, Django's and
    the packages' included, so a model added to the admin later cannot skip the trail."""
    for model, model_admin in admin.site._registry.items():
        assert isinstance(model_admin, AuditedAdmin), model._meta.label
        for hook in ("save_model", "save_related", "delete_model", "delete_queryset"):
            # The audited hook runs first, so no override in a ModelAdmin can skip it.
            assert getattr(type(model_admin), hook) is getattr(AuditedAdmin, hook), (
                model._meta.label,
                hook,
            )


def _threat_form(threat, **changes):
    data = {
        "name": threat.name,
        "slug": threat.slug,
        "description": threat.description,
        "added_in": threat.added_in_id,
        "owning_department": threat.owning_department_id,
        "chief_officer_lead": threat.chief_officer_lead_id or "",
        "display_order": threat.display_order,
        "names-TOTAL_FORMS": "0",
        "names-INITIAL_FORMS": "0",
    }
    return data | changes


@pytest.mark.template_context  # the form's errors, should the save fail
def test_a_threat_renamed_in_the_admin_says_old_and_new(client, administrator, threat):
    client.force_login(administrator)
    names = ThreatName.objects.filter(threat=threat)
    form = _threat_form(threat, name="Child sexual abuse and exploitation")
    form |= {"names-TOTAL_FORMS": str(names.count()), "names-INITIAL_FORMS": str(names.count())}
    for index, row in enumerate(names):
        form |= {
            f"names-{index}-id": row.pk,
            f"names-{index}-threat": threat.pk,
            f"names-{index}-edition": row.edition_id,
            f"names-{index}-name": row.name,
        }
    response = client.post(reverse("admin:threats_nationalthreat_change", args=[threat.pk]), form)
    assert response.status_code == 302, response.context and response.context["errors"]
    row = AuditEvent.objects.get(action=AuditAction.ADMIN_CHANGED, object_id=threat.pk)
    assert row.actor == administrator
    assert "Name: Child Sexual Abuse → Child sexual abuse and exploitation" in row.summary


@pytest.mark.template_context  # the form's errors, should the save fail
def test_a_departments_leads_changed_in_the_admin_are_named(client, administrator, department):
    client.force_login(administrator)
    newcomer = UserFactory(username="new.lead", roles=[Role.BUSINESS_LEAD])
    url = reverse("admin:threats_department_change", args=[department.pk])
    response = client.post(
        url,
        {
            "name": department.name,
            "short_name": department.short_name,
            "leads": [newcomer.pk],
        },
    )
    assert response.status_code == 302, response.context and response.context["errors"]
    row = AuditEvent.objects.get(action=AuditAction.ADMIN_CHANGED, object_id=department.pk)
    assert "Leads: lead.owner → new.lead" in row.summary


def test_additions_and_deletions_in_the_admin_are_recorded(client, administrator):
    client.force_login(administrator)
    added = client.post(
        reverse("admin:accounts_secondfactorrequirement_add"),
        {"role": Role.BUSINESS_LEAD.value},
    )
    assert added.status_code == 302
    requirement = SecondFactorRequirement.objects.get()
    row = AuditEvent.objects.get(action=AuditAction.ADMIN_ADDED)
    assert row.actor == administrator and "Role: (empty) → Business lead" in row.summary
    url = reverse("admin:accounts_secondfactorrequirement_delete", args=[requirement.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    deleted = AuditEvent.objects.get(action=AuditAction.ADMIN_DELETED)
    assert deleted.object_id == requirement.pk and "Business lead" in deleted.summary


def test_a_guarded_role_cannot_be_mapped_from_single_sign_on(client, administrator):
    client.force_login(administrator)
    response = client.post(
        reverse("admin:accounts_claimrolemapping_add"),
        {"claim": "groups", "value": "g1", "role": Role.SPR_LEAD.value},
    )
    assert response.status_code == 200  # the form again, with the error
    assert not AuditEvent.objects.filter(action=AuditAction.ADMIN_ADDED).exists()

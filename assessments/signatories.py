"""Who may sign off a threat's self-assessment, asked in advance: the independent sign-off
rule of assessments/workflow.py (no SPR lead who is a business lead of the owning department)
applied to every active SPR lead at once, in two queries."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef

from spr_portal.roles import Role
from threats.models import Department


def nobody_may_sign_off(threats) -> list:
    """The threats whose self-assessment no active SPR lead may sign off (every one of them
    also leads the owning department as a business lead, or there is no SPR lead at all)."""
    user_groups = get_user_model().groups.through.objects.filter(
        user=OuterRef("pk"), group__name=Role.BUSINESS_LEAD.value
    )
    people = dict(
        get_user_model()
        .objects.filter(is_active=True, groups__in=Group.objects.filter(name=Role.SPR_LEAD.value))
        .annotate(is_business_lead=Exists(user_groups))
        .values_list("pk", "is_business_lead")
    )
    led: dict[int, set[int]] = {pk: set() for pk in people}
    pairs = Department.leads.through.objects.filter(
        user_id__in=[pk for pk, business in people.items() if business]
    ).values_list("user_id", "department_id")
    for user_id, department_id in pairs:
        led[user_id].add(department_id)
    return [t for t in threats if all(t.owning_department_id in d for d in led.values())]

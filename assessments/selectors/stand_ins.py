"""What the stand-ins page reads: who stands in now or later, who did, the departments nobody
leads today and the people who may be named (a fixed number of queries)."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from spr_portal.roles import Role, holding
from threats.models import Department, DepartmentStandIn
from threats.stand_ins import leads_today, today

PAST_SHOWN = 50  # the page lists the latest ended stand-ins; the audit trail keeps them all


@dataclass
class StandInsPage:
    departments: list
    people: list
    coming: list  # acting now or still to start
    past: list  # ended early or over, newest first
    unled: list  # departments that own a threat and nobody leads today


def stand_ins_page(user) -> StandInsPage:
    on = today()
    departments = list(Department.objects.order_by("name"))
    # Not the SPR lead's own account, nor anyone who reviews (services/stand_ins.py refuses).
    people = list(
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(pk=user.pk)
        .exclude(holding(Role.SPR_LEAD))
        .order_by("last_name", "first_name", "username")
    )
    named = DepartmentStandIn.objects.visible_to(user).select_related("department", "person")
    coming = list(named.not_over(on).order_by("starts_on", "department__name", "pk"))
    past = list(
        named.exclude(pk__in=[s.pk for s in coming]).order_by("-ends_on", "-pk")[:PAST_SHOWN]
    )
    owning = [d for d in departments if not d.cross_cutting]
    leading = leads_today([d.pk for d in owning], on=on)
    unled = [d for d in owning if leading[d.pk].nobody]
    return StandInsPage(departments, people, coming, past, unled)

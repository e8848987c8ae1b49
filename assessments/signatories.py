"""Who may sign off a threat's self-assessment, asked in advance and at the moment of signing.

The signatories of a quarter are the active SPR leads who are not business leads, and the
deputies the SPR lead named for that quarter (people with the SPR lead role who are also
business leads). Nobody ever signs off a threat their own department owns: a sign-off is the
evidence of a review by someone other than the people who wrote it (assessments/workflow.py).
"""

from spr_portal.access import Can, may
from spr_portal.roles import Role, holders_of, holding
from threats.models import Department
from threats.stand_ins import people_leading


def deputy_refusal(quarter, user) -> str:
    """Why a business lead with the SPR lead role may not sign off in this quarter, or ""."""
    if not may(user, Can.SEE_OWN_DEPARTMENTS) or quarter.deputies.filter(pk=user.pk).exists():
        return ""
    return (
        f"You are also a business lead: the SPR lead must name you a deputy for "
        f"{quarter.label} before you may sign off its self-assessments."
    )


def spr_leads():
    """Active users with the SPR lead role: the people who may be named deputies."""
    return holders_of(Role.SPR_LEAD).order_by("last_name", "first_name", "username")


def nobody_may_sign_off(threats, quarter) -> list:
    """The threats of `quarter` whose self-assessment none of its signatories may sign off
    (each of them leads the owning department, or the quarter has no signatory at all)."""
    deputies = set(quarter.deputies.values_list("pk", flat=True))
    people = {
        pk: business
        for pk, business in spr_leads()
        .annotate(is_business_lead=holding(Role.BUSINESS_LEAD))
        .values_list("pk", "is_business_lead")
        if not business or pk in deputies
    }
    led: dict[int, set[int]] = {pk: set() for pk in people}
    pairs = Department.leads.through.objects.filter(
        user_id__in=[pk for pk, business in people.items() if business]
    ).values_list("user_id", "department_id")
    for user_id, department_id in pairs:
        led[user_id].add(department_id)
    return [t for t in threats if all(t.owning_department_id in d for d in led.values())]


def signatories_for(assessment) -> list:
    """The people who may sign off this self-assessment now: the quarter's signatories (active
    SPR leads who are not business leads, and its named deputies), less anyone who leads the
    owning department. Told when it is submitted again after a return."""
    deputies = set(assessment.quarter.deputies.values_list("pk", flat=True))
    owners = set(
        people_leading(assessment.threat.owning_department_id).values_list("pk", flat=True)
    )
    return [
        person
        for person in spr_leads().annotate(is_business_lead=holding(Role.BUSINESS_LEAD))
        if (not person.is_business_lead or person.pk in deputies) and person.pk not in owners
    ]

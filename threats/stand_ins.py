"""Who leads a department today: its named business leads, and the stand-ins the SPR lead
names for a while (from one date to another) instead of giving a role and having to remember
to take it back.

The rule is written once, here: a stand-in acts as the department's business lead from
`starts_on` to `ends_on` inclusive (the force's days), unless it was ended early; before and
after, they are nobody to it. `StandInQuerySet.current` says which stand-ins act on a day;
`Department.objects.led_by(user)` (threats/models.py) which departments a user leads, and
`leads_today` who leads each department. Access asks them through spr_portal/access.py (the
business lead's role while standing in, `spr_portal/roles.py` `acting_roles_of`) and each
model's `visible_to`. Named and ended only by assessments/services/stand_ins.py (audited).
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q
from django.utils import timezone

from spr_portal.roles import Role, holding
from spr_portal.wording import day, person_name


def today() -> datetime.date:
    return timezone.localdate()


class StandInQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Who stands in for whom is the SPR lead's to run (the board shows who acts today)."""
        from spr_portal.access import Can, may

        return self if may(user, Can.NAME_STAND_INS) else self.none()

    def current(self, on: datetime.date | None = None):
        """The stand-ins acting on `on` (today unless given): within their dates, not ended."""
        on = on or today()
        return self.filter(starts_on__lte=on, ends_on__gte=on, ended_at__isnull=True)

    def not_over(self, on: datetime.date | None = None):
        """Acting now or still to start (what the stand-ins page lists first)."""
        return self.filter(ends_on__gte=on or today(), ended_at__isnull=True)


class DepartmentStandIn(models.Model):
    """One person acting as a department's business lead from one date to another."""

    department = models.ForeignKey(
        "threats.Department", on_delete=models.PROTECT, related_name="stand_ins"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="stand_ins"
    )
    starts_on = models.DateField(help_text="The first day they act as business lead.")
    ends_on = models.DateField(help_text="The last day they act as business lead.")
    reason = models.TextField(max_length=2000)
    named_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    named_at = models.DateTimeField(default=timezone.now)
    # Ended before `ends_on` by the SPR lead (the lead came back early, or the wrong person).
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = StandInQuerySet.as_manager()

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = "business lead stand-in"
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="stand_in_ends_on_or_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_by__isnull=False),
                name="stand_in_ended_by_someone",
            ),
        ]

    def __str__(self):
        return f"{person_name(self.person)} for {self.department}, {self.dates}"

    @property
    def dates(self) -> str:
        return f"{day(self.starts_on)} to {day(self.ends_on)}"

    def state(self, on: datetime.date | None = None) -> str:
        """ "Acting", "From 1 March 2016", "Ended" (what the pages write beside it)."""
        on = on or today()
        if self.ended_at is not None:
            return f"Ended on {day(timezone.localdate(self.ended_at))}"
        if on < self.starts_on:
            return f"Starts on {day(self.starts_on)}"
        if on > self.ends_on:
            return f"Ended on {day(self.ends_on)}"
        return f"Acting until {day(self.ends_on)}"

    def is_acting(self, on: datetime.date | None = None) -> bool:
        on = on or today()
        return self.ended_at is None and self.starts_on <= on <= self.ends_on


def named_leads():
    """In a query of users: the active ones holding the business lead role (a lead without the
    role, or deactivated, leads nothing)."""
    return get_user_model().objects.filter(is_active=True).filter(holding(Role.BUSINESS_LEAD))


@dataclass
class Leadership:
    """Who leads one department today: its active named leads and its acting stand-ins."""

    leads: list = field(default_factory=list)
    stand_ins: list = field(default_factory=list)  # DepartmentStandIn, person read

    @property
    def people(self) -> list:
        """Everyone who acts as its business lead today, once each."""
        seen, people = set(), []
        for person in [*self.leads, *(s.person for s in self.stand_ins)]:
            if person.pk not in seen:
                seen.add(person.pk)
                people.append(person)
        return people

    @property
    def nobody(self) -> bool:
        return not self.people

    def includes(self, user) -> bool:
        return any(person.pk == user.pk for person in self.people)


def leads_today(department_ids, on: datetime.date | None = None) -> dict[int, Leadership]:
    """Each department's active named leads and acting stand-ins, in two queries."""
    ids = list(department_ids)
    result = {pk: Leadership() for pk in ids}
    through = DepartmentStandIn._meta.get_field("department").related_model.leads.through
    pairs = through.objects.filter(department_id__in=ids, user__in=named_leads()).select_related(
        "user"
    )
    for pair in sorted(pairs, key=lambda p: (p.user.last_name, p.user.first_name, p.user_id)):
        result[pair.department_id].leads.append(pair.user)
    acting = (
        DepartmentStandIn.objects.current(on)
        .filter(department_id__in=ids, person__is_active=True)
        .select_related("person")
        .order_by("ends_on", "pk")
    )
    for stand_in in acting:
        result[stand_in.department_id].stand_ins.append(stand_in)
    return result


def people_leading(department_id, on: datetime.date | None = None):
    """The users who act as the department's business lead today (who it tells, whom it
    reminds): a query, so callers may filter or annotate it."""
    if department_id is None:  # a threat with no owning department yet: nobody leads it
        return get_user_model().objects.none()
    acting = DepartmentStandIn.objects.current(on).filter(department_id=department_id)
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(pk__in=named_leads().filter(led_departments=department_id).values("pk"))
            | Q(pk__in=acting.values("person"))
        )
        .order_by("username")
    )

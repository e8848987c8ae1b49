"""Reference data: SPR editions, national threats, departments and who leads what.

Threats are data, not code: a new SPR edition adds a threat through the admin, no deploy.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from spr_portal.access import Can, has_any_role, may
from spr_portal.cache_stamp import cached, cached_for


class SprEdition(models.Model):
    year = models.PositiveSmallIntegerField(unique=True)
    title = models.CharField(max_length=200)
    published_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="edition_year_plausible"
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        """Editions are published in the order of their years."""
        if self.published_on is None:
            return
        others = SprEdition.objects.exclude(pk=self.pk).exclude(published_on=None)
        earlier = others.filter(year__lt=self.year, published_on__gte=self.published_on)
        later = others.filter(year__gt=self.year, published_on__lte=self.published_on)
        clash = earlier.order_by("-year").first() or later.order_by("year").first()
        if clash is not None:
            raise ValidationError(
                {
                    "published_on": f"{self.title} must be published "
                    f"{'after' if clash.year < self.year else 'before'} {clash.title} "
                    f"({clash.published_on:%-d %B %Y})"
                }
            )

    def threats(self):
        """The national threats in force under this edition, in the order the SPR lists them."""
        return (
            NationalThreat.objects.filter(added_in__year__lte=self.year)
            .exclude(retired_in__year__lte=self.year)
            .select_related("owning_department", "chief_officer_lead")
        )


class DepartmentQuerySet(models.QuerySet):
    def led_by(self, user, on=None):
        """The departments `user` leads on `on` (today unless given): those naming them a
        business lead, and those they stand in for within the stand-in's dates
        (threats/stand_ins.py). Whether they may act as a business lead at all is their
        role's (spr_portal/access.py); this says for which departments."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(
            Q(pk__in=_named(user).values("department_id"))
            | Q(pk__in=_acting(user, on).values("department_id"))
        )

    def is_led_by(self, department_id, user, on=None) -> bool:
        """Does `user` lead this department on `on` (`led_by`'s rule, asked of the database
        now: for a decision taken under a lock)? Named first, in a query far cheaper to
        build than `led_by`'s two subqueries; a stand-in's dates only when not named."""
        if department_id is None or not getattr(user, "is_authenticated", False):
            return False
        return (
            _named(user).filter(department_id=department_id).exists()
            or _acting(user, on).filter(department_id=department_id).exists()
        )

    def left_unled_by(self, user):
        """The departments `user` is the only active named business lead of: those left
        without one if they go (a stand-in acts for a while only, so does not count)."""
        from threats.stand_ins import named_leads

        if not named_leads().filter(pk=user.pk).exists():
            return self.none()  # they lead nothing now, so their going changes nothing
        others = named_leads().exclude(pk=user.pk)
        return self.filter(leads=user).exclude(leads__in=others).distinct().order_by("name")


# Who leads a department, in two parts: `led_by` and `is_led_by` ask both.
#
# `is_led_by`'s rule again as an SQL condition, for a statement that decides under its own
# lock in the same round trip (a section's save: assessments/services/assessments.py
# `lock_to_save`). `{department}` is that statement's column of the department; the
# parameters are the user's id, the day twice and the user's id again. The two are held to
# each other by tests/threats/test_models.py (`…its_sql_answer_as_led_by_does`): named,
# standing in (before, within, after the dates, ended early), another department's, none.
LED_BY_SQL = """(
    EXISTS (SELECT 1 FROM threats_department_leads named
            WHERE named.user_id = %s AND named.department_id = {department})
    OR EXISTS (SELECT 1 FROM threats_departmentstandin acting
               WHERE acting.starts_on <= %s AND acting.ends_on >= %s
               AND acting.ended_at IS NULL AND acting.person_id = %s
               AND acting.department_id = {department})
)"""


def led_by_sql_params(user, on=None) -> list:
    """LED_BY_SQL's parameters for `user` on `on` (today unless given)."""
    from threats.stand_ins import today

    on = on or today()
    return [user.pk, on, on, user.pk]


def _named(user):
    """The user's rows of `Department.leads`: where they are a named business lead."""
    return Department.leads.through.objects.filter(user=user)


def _acting(user, on=None):
    """The user's stand-ins acting on `on` (today unless given)."""
    return DepartmentStandIn.objects.current(on).filter(person=user)


def led_department_ids(user) -> list[int]:
    """The ids of the departments `user` leads today (`DepartmentQuerySet.led_by`), read once
    a day under the cache's write stamp, for what a page shows: every page a business lead
    opens asks it through `visible_to`, and a list of ids compiles and plans far faster than
    the subqueries it replaces. Naming a lead or a stand-in is a write, which moves the stamp.
    A decision taken under a lock (workflow.is_owner) asks `is_led_by` instead: the database
    itself, inside the locking transaction."""
    if not getattr(user, "is_authenticated", False):
        return []
    return cached_for(
        user,
        "led_departments",
        lambda: sorted(Department.objects.led_by(user).values_list("pk", flat=True)),
        reads=("threats",),
    )


class Department(models.Model):
    name = models.CharField(max_length=120, unique=True)
    short_name = models.CharField(max_length=20, unique=True)
    cross_cutting = models.BooleanField(
        default=False,
        help_text="Owns no threat but may be brought into a threat's assessment (e.g. Firearms).",
    )
    leads = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="led_departments",
        help_text="Business leads who draft and submit this department's self-assessments.",
    )

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ChiefOfficerPost(models.Model):
    """A chief officer portfolio such as 'ACC Crime', and who holds it now."""

    title = models.CharField(max_length=80, unique=True)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chief_officer_posts",
    )

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title


NO_OWNER = "No owning department yet"
NO_CHIEF_OFFICER = "No chief officer lead yet"


class NationalThreatQuerySet(models.QuerySet):
    def owned_by(self, user):
        """Of the departments the user leads today (named, or standing in)."""
        return self.filter(owning_department__in=led_department_ids(user))

    def led_by(self, user):
        return self.filter(chief_officer_lead__holder=user)

    def visible_to(self, user):
        """Threats as reference data: every signed-in role may know which threats exist."""
        return self if has_any_role(user) else self.none()

    def on_board_of(self, user, quarter=None):
        """The rows of this user's quarter board: every threat for the SPR lead and the body's
        office; a chief officer lead sees the threats they lead; a business lead the threats
        their departments own and those whose self-assessment of `quarter` (of any quarter
        when None: the trends) their departments contribute to."""
        if may(user, Can.SEE_EVERY_THREAT_ON_BOARD):
            return self
        # Subqueries, not joins through the many-valued relations: no threat twice.
        rule = Q(chief_officer_lead__holder=user)
        if may(user, Can.SEE_OWN_DEPARTMENTS):
            rule |= Q(owning_department__in=Department.objects.filter(leads=user))
        if may(user, Can.SEE_CONTRIBUTED):
            # Named through the relation ("assessments"), not imported: threats sits below
            # the assessments app.
            contributed = {"assessments__contributing_departments__leads": user}
            if quarter is not None:
                contributed["assessments__quarter"] = quarter
            rule |= Q(pk__in=NationalThreat.objects.filter(**contributed).values("pk"))
        return self.filter(rule)


class NationalThreat(models.Model):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    description = models.TextField(blank=True)
    display_order = models.PositiveSmallIntegerField(
        default=0, help_text="Order in the board report (the reference paper's order)."
    )
    added_in = models.ForeignKey(SprEdition, on_delete=models.PROTECT, related_name="added_threats")
    retired_in = models.ForeignKey(
        SprEdition,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="retired_threats",
    )
    # Both empty until the force assigns them: a force loading the SPR editions
    # (onboarding/editions.py) has no departments or posts yet. Every reader copes with
    # "no owning department yet" (`owner_name`, `lead_title`).
    owning_department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owned_threats",
    )
    chief_officer_lead = models.ForeignKey(
        ChiefOfficerPost,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_threats",
    )
    contributing_departments = models.ManyToManyField(
        Department,
        blank=True,
        related_name="standing_contributions",
        help_text="Departments that contribute to this threat's response every quarter: each "
        "new self-assessment starts with them recorded as contributing (the quarter's list may "
        "then change).",
    )
    succeeds = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="successors",
        help_text="The threat of an earlier edition this one takes over from (e.g. Public "
        "Disorder succeeds Public Order): its history, movement and open actions carry over.",
    )

    objects = NationalThreatQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "name"]

    def __str__(self):
        return self.name

    @property
    def owner_name(self) -> str:
        """The owning department's name, or what to say while the force has not assigned one."""
        return self.owning_department.name if self.owning_department_id else NO_OWNER

    @property
    def lead_title(self) -> str:
        """The chief officer post that leads it, or what to say while there is none."""
        return self.chief_officer_lead.title if self.chief_officer_lead_id else NO_CHIEF_OFFICER

    @property
    def lead_holder_id(self):
        """Who holds the leading chief officer post (None when nobody, or no post yet)."""
        return self.chief_officer_lead.holder_id if self.chief_officer_lead_id else None

    def clean(self):
        added, retired = self.added_in if self.added_in_id else None, self.retired_in
        if added and retired and retired.year <= added.year:
            raise ValidationError(
                {
                    "retired_in": f"A threat added in {added.title} can only be retired by a "
                    "later edition"
                }
            )
        if retired and self.pk:
            self._check_nothing_assessed_under(retired)
        if self.succeeds_id:
            if self.succeeds_id == self.pk:
                raise ValidationError({"succeeds": "A threat cannot succeed itself"})
            if self.pk and self.pk in lineage_ids(self.succeeds_id):
                raise ValidationError({"succeeds": "A threat cannot succeed its own successor"})
            before = self.succeeds
            if added and before.added_in.year >= added.year:
                raise ValidationError(
                    {"succeeds": f"{before.name} must have been added before {added.title}"}
                )
            if added and (before.retired_in_id is None or before.retired_in.year > added.year):
                raise ValidationError(
                    {
                        "succeeds": f"{before.name} is still in force under {added.title}: "
                        "retire it in the edition that adds its successor"
                    }
                )

    def _check_nothing_assessed_under(self, retired: SprEdition) -> None:
        """A threat retired by an edition leaves the boards and papers of that edition's
        quarters: refused while any of them (the open one above all) has its assessment."""
        stranded = (
            self.assessments.filter(quarter__edition__year__gte=retired.year)
            .select_related("quarter")
            .order_by("-quarter__is_open", "quarter__financial_year", "quarter__number")
            .first()
        )
        if stranded is None:
            return
        quarter = stranded.quarter
        which = f"{quarter.label}, the open quarter" if quarter.is_open else quarter.label
        raise ValidationError(
            {
                "retired_in": f"{self.name} cannot be retired in {retired.title}: it has a "
                f"self-assessment for {which}, which would vanish from that quarter's board "
                "and board report. Retire it after that quarter is reported, in an edition "
                "none of its self-assessments is under"
            }
        )


class ThreatName(models.Model):
    """A threat's name as one SPR edition words it. The name holds from that edition until a
    later edition words it differently, so a rename never rewrites earlier quarters."""

    threat = models.ForeignKey(NationalThreat, on_delete=models.CASCADE, related_name="names")
    edition = models.ForeignKey(SprEdition, on_delete=models.PROTECT, related_name="threat_names")
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["edition__year"]
        constraints = [
            models.UniqueConstraint(fields=["threat", "edition"], name="one_name_per_edition")
        ]

    def __str__(self):
        return f"{self.name} ({self.edition.year})"

    def clean(self):
        """A threat is worded only by the editions it is in force under."""
        if not (self.threat_id and self.edition_id):
            return
        threat, edition = self.threat, self.edition
        if edition.year < threat.added_in.year:
            raise ValidationError(
                {"edition": f"{threat.name} was added in {threat.added_in.title}, after {edition}"}
            )
        if threat.retired_in_id and edition.year >= threat.retired_in.year:
            raise ValidationError(
                {"edition": f"{threat.name} was retired in {threat.retired_in.title}"}
            )


def lineage_ids(threat_id) -> list[int]:
    """The threat and every threat it succeeds, newest first (a few rows of reference data)."""
    return lineages([threat_id])[threat_id]


def lineages(threat_ids) -> dict[int, list[int]]:
    """Each threat's lineage (itself first, then what it succeeds), in one query."""
    # Reference data that changes only with a threat (a write, which moves the write stamp).
    links = cached(
        "threat_links",
        lambda: dict(NationalThreat.objects.values_list("pk", "succeeds_id")),
        reads=("threats",),
    )
    result = {}
    for threat_id in threat_ids:
        chain, current = [], threat_id
        while current is not None and current not in chain:
            chain.append(current)
            current = links.get(current)
        result[threat_id] = chain
    return result


from threats.expectations import ContributionMeasure, EditionExpectation  # noqa: E402, F401  (models)
from threats.force_profile import ForceProfile  # noqa: E402, F401  (a model of this app)
from threats.stand_ins import DepartmentStandIn  # noqa: E402, F401  (a model of this app)

"""Reference data: SPR editions, national threats, departments and who leads what.

Threats are data, not code: a new SPR edition adds a threat through the admin, no deploy.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from spr_portal.access import Can, has_any_role, may


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

    def threats(self):
        """The national threats in force under this edition, in the order the SPR lists them."""
        return (
            NationalThreat.objects.filter(added_in__year__lte=self.year)
            .exclude(retired_in__year__lte=self.year)
            .select_related("owning_department", "chief_officer_lead")
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


class NationalThreatQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(owning_department__leads=user)

    def led_by(self, user):
        return self.filter(chief_officer_lead__holder=user)

    def visible_to(self, user):
        """Threats as reference data: every signed-in role may know which threats exist."""
        return self if has_any_role(user) else self.none()

    def on_board_of(self, user):
        """The rows of this user's quarter board: every threat for the SPR lead and the body's
        office; a chief officer lead sees only the threats they lead."""
        return self if may(user, Can.SEE_EVERY_THREAT_ON_BOARD) else self.led_by(user)


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
    owning_department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="owned_threats"
    )
    chief_officer_lead = models.ForeignKey(
        ChiefOfficerPost, on_delete=models.PROTECT, related_name="led_threats"
    )

    objects = NationalThreatQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "name"]

    def __str__(self):
        return self.name


from threats.force_profile import ForceProfile  # noqa: E402, F401  (a model of this app)

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from spr_portal.access import Can
from spr_portal.roles import GUARDED_ROLES, Role

# The role columns hold a `Role` value and carry no `choices=`: a new role needs no migration.
# They are checked by `check_role` (the services and each model's clean()), and the forms
# offer `ROLE_CHOICES`.
ROLE_CHOICES = [(role.value, role.value) for role in Role]


def check_role(value: str, *, field: str = "role") -> None:
    if value not in {role.value for role in Role}:
        raise ValidationError({field: "Choose one of the portal's roles."})


class RoleAssignment(models.Model):
    """A user holds a role: the one thing that decides it (spr_portal/roles.py). Written only
    by accounts/services.py `user_roles_set` (recorded in RoleChange and the audit trail) and
    by single sign-on's claim mappings (audited); nowhere in the admin."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(max_length=40)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="one_assignment_each")]

    def __str__(self):
        return f"{self.user} – {self.role}"

    def clean(self):
        check_role(self.role)


class RoleChange(models.Model):
    """Who granted or withdrew which role of whom, and when: the record of every change made
    through the user-management page (`accounts/services.py`). Never edited."""

    class Kind(models.TextChoices):
        GRANTED = "granted", "Granted"
        WITHDRAWN = "withdrawn", "Withdrawn"
        DEACTIVATED = "deactivated", "Account deactivated"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="role_changes"
    )
    role = models.CharField(max_length=40, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="role_changes_made"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.role} – {self.user} by {self.actor}".strip()

    def clean(self):
        if self.role:
            check_role(self.role)


class SecondFactorRequirement(models.Model):
    """A role whose holders must use a second factor (set by an administrator in the admin).
    The guarded roles (spr_portal/roles.py `GUARDED_ROLES`) always must whenever DEBUG is off
    (accounts/second_factor.py); this table adds other roles."""

    role = models.CharField(max_length=40, unique=True)

    class Meta:
        verbose_name = "role that must use a second factor"

    def __str__(self):
        return self.role

    def clean(self):
        check_role(self.role)


class ClaimRoleMapping(models.Model):
    """Single sign-on: a user whose identity-provider claim (e.g. `groups`) holds `value` is
    given `role` at sign-in. Set by an administrator in the admin. The guarded roles
    (`GUARDED_ROLES`) cannot be mapped: they are given only on the Manage users page."""

    claim = models.CharField(max_length=100, default="groups")
    value = models.CharField(max_length=200, help_text="e.g. the Entra ID group's object ID")
    role = models.CharField(max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["claim", "value", "role"], name="one_mapping_each")
        ]
        verbose_name = "single sign-on role mapping"

    def __str__(self):
        return f"{self.claim} = {self.value} → {self.role}"

    def clean(self):
        check_role(self.role)
        if self.role in GUARDED_ROLES:
            raise ValidationError({"role": "This role is given on the Manage users page."})


class Notice(models.TextChoices):
    """The e-mails each workflow step sends to the people it concerns (accounts/notify.py)."""

    RETURNED = "returned", "A self-assessment of my department is returned for revision"
    REOPENED = "reopened", "A signed-off self-assessment of my department is reopened"
    QUARTER_OPENED = "quarter_opened", "A quarter opens for my department's self-assessments"
    SUBMITTED = "submitted", "A self-assessment is submitted for review"
    RESUBMITTED = (
        "resubmitted",
        "A returned or reopened self-assessment is submitted again for review",
    )
    SIGNED_OFF = "signed_off", "A self-assessment of my department is signed off"
    PUBLISHED = "published", "A board report is published"
    REGARD = "regard", "The policing body asks a question about a board report"
    MEETING_ACTION = "meeting_action", "A quarterly meeting gives me an action"


# Whom each kind can reach: the people whose roles grant this (spr_portal/access.py). The
# e-mail settings page offers each person only these (accounts/notify.py `notices_for`), and
# each step's e-mail goes to people who hold it (assessments/notifications.py,
# reports/notifications.py).
RECEIVED_WITH: dict[Notice, Can] = {
    Notice.RETURNED: Can.WORK_ON_ASSESSMENTS,
    Notice.REOPENED: Can.WORK_ON_ASSESSMENTS,
    Notice.QUARTER_OPENED: Can.WORK_ON_ASSESSMENTS,
    Notice.SIGNED_OFF: Can.WORK_ON_ASSESSMENTS,
    Notice.SUBMITTED: Can.REVIEW,
    Notice.RESUBMITTED: Can.REVIEW,
    Notice.PUBLISHED: Can.HEAR_OF_PUBLISHED_REPORTS,
    Notice.REGARD: Can.ANSWER_REGARD,
    Notice.MEETING_ACTION: Can.OWN_MEETING_ACTIONS,
}

# A return, and an action a meeting gives someone, always go by e-mail: each is work to do by a
# date that the person may not otherwise hear of.
OPTIONAL_NOTICES = (
    Notice.REOPENED,
    Notice.QUARTER_OPENED,
    Notice.SUBMITTED,
    Notice.RESUBMITTED,
    Notice.SIGNED_OFF,
    Notice.PUBLISHED,
    Notice.REGARD,
)


class EmailOptOut(models.Model):
    """A user who turned off one kind of e-mail on the e-mail settings page. No row: the
    e-mail is sent. A return cannot be turned off (`OPTIONAL_NOTICES`)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_opt_outs"
    )
    # No choices= here: `email_settings_set` (accounts/services.py) writes only the kinds it
    # offers, so a new kind of e-mail needs no migration.
    notice = models.CharField(max_length=20)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "notice"], name="one_opt_out_each"),
            models.CheckConstraint(
                condition=~models.Q(notice="returned"), name="a_return_always_goes"
            ),
        ]

    def __str__(self):
        label = dict(Notice.choices).get(self.notice, self.notice)
        return f"{self.user}: no e-mail when {label.lower()}"

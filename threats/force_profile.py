"""The force whose portal this is, as data the administrator sets: its name, its policing body
and that body's words, the marking new papers start with, the paper's author block, its crest,
whether its published papers are open to every role, and whom users contact (the service
pages).

One profile per installation. Every page, e-mail and paper reads it through
`ForceProfile.current()`; until the administrator saves one, a neutral placeholder stands in.
"""

from django.db import models
from django.db.models import Q

from spr_portal.cache_stamp import cached
from spr_portal.roles import Role

CREST_MAX_BYTES = 512 * 1024
# Whom users contact, as the help, accessibility and privacy pages name them: the profile's
# fields the set-up page, the admin and the demo's seed treat as one group.
CONTACT_FIELDS = [
    "support_team",
    "support_email",
    "support_phone",
    "support_hours",
    "accessibility_email",
    "dpo_email",
    "dpo_phone",
]
# No profile saved yet (what the cache keeps instead of None, which means a miss).
_NONE = "none"


class BodyKind(models.TextChoices):
    PCC = "pcc", "Police and Crime Commissioner"
    PFCC = "pfcc", "Police, Fire and Crime Commissioner"
    MAYOR = "mayor", "Mayor or deputy mayor for policing"
    OTHER = "other", "Other policing body"


class Marking(models.TextChoices):
    """The protective markings a paper may carry: a board report's, an assurance statement's,
    and the force profile's default for both."""

    OFFICIAL = "OFFICIAL", "OFFICIAL"
    OFFICIAL_SENSITIVE = "OFFICIAL-SENSITIVE", "OFFICIAL-SENSITIVE"


# The marking of everything the portal holds (every page's banner says it): each e-mail carries
# it in its subject and first line, whatever marking a board report starts with.
PORTAL_MARKING = Marking.OFFICIAL_SENSITIVE


class ForceProfile(models.Model):
    # Always True and unique: a second profile cannot be saved.
    singleton = models.BooleanField(default=True, unique=True, editable=False)

    force_name = models.CharField(max_length=120, help_text="For example, the force's full name.")
    short_name = models.CharField(
        max_length=20, help_text="How the papers abbreviate the force, for example its initials."
    )
    chief_officer_title = models.CharField(
        "the chief officer's title",
        max_length=60,
        default="Chief Constable",
        help_text='How the papers name the head of the force: "Chief Constable", or '
        '"Commissioner" for a force led by one.',
    )
    body_kind = models.CharField(
        "kind of policing body", max_length=10, choices=BodyKind.choices, default=BodyKind.PCC
    )
    body_name = models.CharField(
        "the body, in full",
        max_length=120,
        help_text='As a sentence names it, for example "the Police and Crime Commissioner".',
    )
    body_short_name = models.CharField(
        "the body, short",
        max_length=60,
        help_text='As a sentence names it again, for example "the PCC" or "the Mayor".',
    )
    office_name = models.CharField(
        "the body's office, in full",
        max_length=160,
        help_text='For example "the Office of the Police and Crime Commissioner".',
    )
    office_role_label = models.CharField(
        "the office, as a role",
        max_length=60,
        help_text='How the portal names the role of the office\'s staff, for example "PCC office".',
    )
    board_name = models.CharField(
        "board or panel",
        max_length=120,
        help_text="The board or panel that receives the SPR papers; new reports start with it.",
    )
    default_marking = models.CharField(
        max_length=20,
        choices=Marking.choices,
        default=Marking.OFFICIAL,
        help_text="The protective marking a new board report starts with.",
    )
    report_of = models.CharField(
        '"Report of"',
        max_length=160,
        blank=True,
        help_text="Who the paper is from, printed on its first page, for example the post.",
    )
    contact_officer = models.CharField(
        max_length=200, blank=True, help_text="Name, post and contact details, on the first page."
    )
    paper_status = models.CharField(
        "status of the paper",
        max_length=80,
        blank=True,
        help_text='For example "For information", on the first page.',
    )
    review_text_in_emails = models.BooleanField(
        "review text in e-mails",
        default=False,
        help_text="Quote the SPR lead's return comments and reopening reasons in the e-mails. "
        "Off: the e-mail gives a link to read them in the portal, so that OFFICIAL-SENSITIVE "
        "review text stays out of mailboxes.",
    )
    published_papers_open = models.BooleanField(
        "published papers open to every role",
        default=True,
        help_text="Ticked: a board paper, once published, is public, and everyone with a role "
        "in the portal may read and download it. Unticked (the force marks its papers "
        "OFFICIAL-SENSITIVE): only the SPR lead, chief officer leads and the policing body's "
        "office may, and anyone else is told why not.",
    )
    # Who users contact, on the service pages (help, accessibility statement, privacy notice).
    support_team = models.CharField(
        max_length=120,
        default="the SPR support team",
        help_text="Who answers users' questions, as a sentence names them, for example \"the "
        'Force Information Team".',
    )
    support_email = models.EmailField("support e-mail address", blank=True)
    support_phone = models.CharField("support telephone number", max_length=40, blank=True)
    support_hours = models.CharField(
        max_length=120,
        blank=True,
        default="Monday to Friday, 9am to 5pm",
        help_text="When the telephone is answered.",
    )
    accessibility_email = models.EmailField(
        "accessibility contact e-mail address",
        blank=True,
        help_text="For a page in another format or a problem with accessibility. Blank: the "
        "support e-mail address.",
    )
    dpo_email = models.EmailField("Data Protection Officer's e-mail address", blank=True)
    dpo_phone = models.CharField(
        "Data Protection Officer's telephone number", max_length=40, blank=True
    )
    crest = models.BinaryField(blank=True, default=b"", editable=False)
    crest_type = models.CharField(max_length=40, blank=True, editable=False)

    class Meta:
        verbose_name = "force profile"
        constraints = [
            models.CheckConstraint(condition=Q(singleton=True), name="one_force_profile"),
            models.CheckConstraint(
                condition=Q(default_marking__in=Marking.values),
                name="force_profile_marking_valid",
            ),
        ]

    def __str__(self):
        return self.force_name

    @classmethod
    def current(cls) -> "ForceProfile":
        """The saved profile, or the neutral placeholder until there is one."""
        # Shared under the cache's write stamp (spr_portal/cache_stamp.py): saving the
        # profile is a write, so the next page reads the new words.
        saved = cached(
            "force_profile",
            lambda: cls.objects.defer("crest").first() or _NONE,
            reads=("threats",),
        )
        return cls.placeholder() if isinstance(saved, str) else saved

    @classmethod
    def placeholder(cls) -> "ForceProfile":
        return cls(
            force_name="the force",
            short_name="the force",
            chief_officer_title="chief officer",
            body_kind=BodyKind.OTHER,
            body_name="the policing body",
            body_short_name="the policing body",
            office_name="the policing body's office",
            office_role_label="Policing body office",
            board_name="the policing body's board",
        )

    @property
    def has_crest(self) -> bool:
        return bool(self.crest_type)

    @property
    def has_support_contact(self) -> bool:
        return bool(self.support_email or self.support_phone)

    @property
    def accessibility_contact(self) -> str:
        """The address for accessibility requests: its own, else the support address."""
        return self.accessibility_email or self.support_email

    def role_label(self, role) -> str:
        """A role as this force says it: the policing body's office in its own words."""
        if role == Role.POLICING_BODY_OFFICE:
            return self.office_role_label
        return str(getattr(role, "value", role))

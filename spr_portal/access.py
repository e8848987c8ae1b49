"""Need-to-know access, in one place: what each role may do, and how a view fetches an object
for a user.

`GRANTS` is the only table of roles in the portal. Page gates (`requires`), services
(`require`), the menu, the home page and templates (the `may` context variable) all ask it.
Which *objects* a user may see is each model's `visible_to(user)` QuerySet method, built on
the scopes below; `get_for_user` fetches through it, so a wrong id is a 404, never someone
else's data. Which workflow step a user may take on an object is the apps' transition tables
(`assessments/workflow.py`, `reports/workflow.py`).
"""

from collections.abc import Callable, Iterator, Mapping
from enum import StrEnum
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from spr_portal.roles import Role, acting_roles_of, roles_of


class Can(StrEnum):
    """What a role may do. The value is the refusal shown to everyone else (values are
    unique: two equal values would make one an alias of the other)."""

    # Pages and sections
    WORK_ON_ASSESSMENTS = "These pages are for business leads."
    READ_BOARD = (
        "The quarter board is for the SPR lead, chief officers, business leads and the "
        "policing body's office."
    )
    REVIEW = "Reviewing self-assessments is for the SPR lead."
    SET_CONTRIBUTORS = (
        "Contributing departments are set by the threat's business lead or the SPR lead."
    )
    CONTRIBUTE = (
        "Contributions to a self-assessment are written by the business leads of its "
        "contributing departments."
    )
    MANAGE_QUARTERS = "Only the SPR lead may create, change, open or close quarters."
    READ_ACTIONS_REGISTER = "The actions register is for the SPR lead."
    # Every role reads the published papers, unless the force keeps them to the roles that
    # read them whatever their marking (the force profile: the narrowing below says why).
    READ_REPORTS = "Board reports are for the people who hold a role in the portal."
    READ_EVERY_REPORT = (
        "Board reports are for the SPR lead, chief officers and the policing body's office."
    )
    DRAFT_REPORTS = "Only the SPR lead drafts and publishes board reports."
    ADMINISTER = "Administration is for the portal's administrators."
    MANAGE_USERS = "Managing users and their roles is for the portal's administrators."
    SET_UP_FORCE = "Setting up the force is for the portal's administrators."
    READ_AUDIT_LOG = "The audit log is for the SPR lead and the portal's administrators."
    VERIFY_INTEGRITY = "Only the SPR lead checks the integrity of the stored evidence."
    EXPORT_EVIDENCE_PACK = "Only the SPR lead downloads an inspection evidence pack."
    NAME_STAND_INS = "Only the SPR lead names stand-ins for business leads."
    HEAR_OF_PUBLISHED_REPORTS = (
        "Only the policing body's office and chief officer leads are e-mailed when a board "
        "report is published."
    )
    READ_RECOMMENDATIONS = (
        "Inspection recommendations are for the SPR lead, chief officers, business leads and "
        "the policing body's office."
    )
    MANAGE_RECOMMENDATIONS = "Only the SPR lead records and closes inspection recommendations."
    RECORD_POLICING_BODY_RESPONSE = (
        "Only the policing body's office records its published response to an inspection."
    )
    READ_MEETINGS = (
        "Quarterly meetings are for the SPR lead, chief officer leads and business leads."
    )
    RUN_MEETING = "Only the SPR lead records the quarterly meeting."
    READ_MINUTES = "The meeting's minutes are for the SPR lead and chief officer leads."
    ENDORSE = "Only chief officer leads endorse the self-assessments of their portfolio."
    OWN_MEETING_ACTIONS = "Actions raised by a quarterly meeting are updated by their owners."
    # The policing body's regard to a published paper (reports/regard.py): the office records
    # receipt, questions and its conclusion; the SPR lead answers for the force; the chief
    # officers read the exchange (they are accountable for the force's answer). Business leads
    # and administrators do not: a question may concern another department's threat.
    RECORD_REGARD = "Only the policing body's office records its regard to a board report."
    ANSWER_REGARD = "Only the SPR lead answers the policing body's questions for the force."
    READ_REGARD = (
        "The policing body's regard to a board report is for the SPR lead, chief officers and "
        "the policing body's office."
    )
    # The annual SPR assurance statement: drafted, edited and published by the office; read
    # (published only) by the roles that read every paper.
    DRAFT_STATEMENTS = (
        "Only the policing body's office drafts and publishes the annual assurance statement."
    )
    READ_STATEMENTS = (
        "The annual assurance statement is for the SPR lead, chief officers and the policing "
        "body's office."
    )
    USE_API = "API tokens are for the roles that read self-assessments or board reports."
    # Scopes of what a role reads (the visible_to rules ask these)
    SEE_EVERY_ASSESSMENT = "Only the SPR lead sees every self-assessment."
    SEE_OWN_DEPARTMENTS = "Only business leads see their departments' self-assessments."
    SEE_CONTRIBUTED = (
        "Only business leads see the self-assessments their departments contribute to."
    )
    SEE_LED_THREATS = "Only chief officer leads see the threats they lead."
    SEE_SIGNED_OFF = "Only the policing body's office sees every signed-off result."
    SEE_EVERY_THREAT_ON_BOARD = (
        "Only the SPR lead and the policing body's office see every threat's row."
    )
    SEE_EVERY_RECOMMENDATION = (
        "Only the SPR lead and the policing body's office see every inspection recommendation."
    )
    SEE_PROGRESS = "Only the SPR lead, chief officer leads and business leads see drafts' progress."


GRANTS: dict[Can, frozenset[Role]] = {
    Can.WORK_ON_ASSESSMENTS: frozenset({Role.BUSINESS_LEAD}),
    # A business lead's board holds the threats their departments own or contribute to
    # (NationalThreatQuerySet.on_board_of).
    Can.READ_BOARD: frozenset(
        {Role.SPR_LEAD, Role.CHIEF_OFFICER_LEAD, Role.BUSINESS_LEAD, Role.POLICING_BODY_OFFICE}
    ),
    Can.REVIEW: frozenset({Role.SPR_LEAD}),
    Can.SET_CONTRIBUTORS: frozenset({Role.BUSINESS_LEAD, Role.SPR_LEAD}),
    Can.CONTRIBUTE: frozenset({Role.BUSINESS_LEAD}),
    Can.MANAGE_QUARTERS: frozenset({Role.SPR_LEAD}),
    Can.READ_ACTIONS_REGISTER: frozenset({Role.SPR_LEAD}),
    Can.READ_REPORTS: frozenset(Role),
    Can.READ_EVERY_REPORT: frozenset(
        {Role.SPR_LEAD, Role.CHIEF_OFFICER_LEAD, Role.POLICING_BODY_OFFICE}
    ),
    Can.DRAFT_REPORTS: frozenset({Role.SPR_LEAD}),
    Can.ADMINISTER: frozenset({Role.ADMINISTRATOR}),
    Can.MANAGE_USERS: frozenset({Role.ADMINISTRATOR}),
    Can.SET_UP_FORCE: frozenset({Role.ADMINISTRATOR}),
    Can.READ_AUDIT_LOG: frozenset({Role.SPR_LEAD, Role.ADMINISTRATOR}),
    Can.VERIFY_INTEGRITY: frozenset({Role.SPR_LEAD}),
    Can.EXPORT_EVIDENCE_PACK: frozenset({Role.SPR_LEAD}),
    Can.NAME_STAND_INS: frozenset({Role.SPR_LEAD}),
    Can.HEAR_OF_PUBLISHED_REPORTS: frozenset({Role.CHIEF_OFFICER_LEAD, Role.POLICING_BODY_OFFICE}),
    Can.READ_RECOMMENDATIONS: frozenset(
        {Role.SPR_LEAD, Role.CHIEF_OFFICER_LEAD, Role.BUSINESS_LEAD, Role.POLICING_BODY_OFFICE}
    ),
    Can.MANAGE_RECOMMENDATIONS: frozenset({Role.SPR_LEAD}),
    Can.RECORD_POLICING_BODY_RESPONSE: frozenset({Role.POLICING_BODY_OFFICE}),
    # A business lead reads the decisions and actions of their own threats only, a chief
    # officer lead those of their portfolio (MeetingDecision.visible_to).
    Can.READ_MEETINGS: frozenset({Role.SPR_LEAD, Role.CHIEF_OFFICER_LEAD, Role.BUSINESS_LEAD}),
    Can.RUN_MEETING: frozenset({Role.SPR_LEAD}),
    Can.READ_MINUTES: frozenset({Role.SPR_LEAD, Role.CHIEF_OFFICER_LEAD}),
    # Only of their portfolio: assessments/services/meetings.py endorse refuses any other.
    Can.ENDORSE: frozenset({Role.CHIEF_OFFICER_LEAD}),
    # The force's people a meeting may name owner; the service checks the owner is them.
    Can.OWN_MEETING_ACTIONS: frozenset(
        {Role.SPR_LEAD, Role.CHIEF_OFFICER_LEAD, Role.BUSINESS_LEAD}
    ),
    Can.RECORD_REGARD: frozenset({Role.POLICING_BODY_OFFICE}),
    Can.ANSWER_REGARD: frozenset({Role.SPR_LEAD}),
    Can.READ_REGARD: frozenset({Role.SPR_LEAD, Role.CHIEF_OFFICER_LEAD, Role.POLICING_BODY_OFFICE}),
    Can.DRAFT_STATEMENTS: frozenset({Role.POLICING_BODY_OFFICE}),
    Can.READ_STATEMENTS: frozenset(
        {Role.SPR_LEAD, Role.CHIEF_OFFICER_LEAD, Role.POLICING_BODY_OFFICE}
    ),
    Can.USE_API: frozenset(
        {Role.BUSINESS_LEAD, Role.SPR_LEAD, Role.CHIEF_OFFICER_LEAD, Role.POLICING_BODY_OFFICE}
    ),
    Can.SEE_EVERY_ASSESSMENT: frozenset({Role.SPR_LEAD}),
    Can.SEE_OWN_DEPARTMENTS: frozenset({Role.BUSINESS_LEAD}),
    Can.SEE_CONTRIBUTED: frozenset({Role.BUSINESS_LEAD}),
    Can.SEE_LED_THREATS: frozenset({Role.CHIEF_OFFICER_LEAD}),
    Can.SEE_SIGNED_OFF: frozenset({Role.POLICING_BODY_OFFICE}),
    Can.SEE_EVERY_THREAT_ON_BOARD: frozenset({Role.SPR_LEAD, Role.POLICING_BODY_OFFICE}),
    Can.SEE_EVERY_RECOMMENDATION: frozenset({Role.SPR_LEAD, Role.POLICING_BODY_OFFICE}),
    Can.SEE_PROGRESS: frozenset({Role.SPR_LEAD, Role.CHIEF_OFFICER_LEAD, Role.BUSINESS_LEAD}),
}

# The account `createsuperuser` makes starts an empty portal: it gives the first roles and
# walks the set-up page (onboarding: the force profile, the editions, the set-up spreadsheet)
# before anyone holds the Administrator role, and may do nothing more.
SUPERUSER_MAY = frozenset({Can.ADMINISTER, Can.MANAGE_USERS, Can.SET_UP_FORCE})

# A grant that the force's own data may narrow: the data lives in an app above this one, which
# registers at start-up what refuses the grant and why (reports/apps.py: the force profile
# may keep published papers to the roles granted READ_EVERY_REPORT).
_NARROWED: dict[Can, Callable[[object], str]] = {}


def narrow(what: Can, refusal: Callable[[object], str]) -> None:
    """`refusal(user)`: "" when a user granted `what` may use it, else why not."""
    _NARROWED[what] = refusal


def why_not(user, what: Can) -> str:
    """Why the user may not (the words of the 403 page), or "" when the user may."""
    if what in SUPERUSER_MAY and getattr(user, "is_superuser", False) and user.is_active:
        return ""
    if not roles_in_effect(user) & GRANTS[what]:
        return what.value
    narrowed = _NARROWED.get(what)
    return narrowed(user) if narrowed else ""


def may(user, what: Can) -> bool:
    """Does any of the user's roles grant it (as the force's data narrows it)? A superuser
    administers and manages users (so that the one made by `createsuperuser` can give the
    first roles), and nothing more."""
    return not why_not(user, what)


def roles_in_effect(user) -> frozenset[Role]:
    """The roles whose grants a user has today: those they hold, and the business lead's
    while they stand in for a department (only for its objects: `visible_to` asks
    `Department.objects.led_by`). The user pages show and give only the roles held."""
    held = roles_of(user)
    if Role.BUSINESS_LEAD in held:
        return held  # standing in adds nothing: spare the query
    return held | acting_roles_of(user)


def require(user, what: Can) -> None:
    """Raise PermissionDenied (a 403 page saying why) unless the user may."""
    reason = why_not(user, what)
    if reason:
        raise PermissionDenied(reason)


def requires(what: Can):
    """View decorator: the page is a 403 for anyone whose roles do not grant `what`."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            require(request.user, what)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class Allowed(Mapping):
    """Everything the user may do, by name, for templates: `{% if may.DRAFT_REPORTS %}`.
    Each answer is worked out the first time a page asks for it and kept for the request: a
    page asks a handful of the ~45 capabilities, and every page renders this context."""

    def __init__(self, user):
        self._user = user
        self._answers: dict[str, bool] = {}

    def __getitem__(self, name: str) -> bool:
        answer = self._answers.get(name)
        if answer is None:
            what = Can[name]  # KeyError for a name that is no capability, as a dict's
            answer = self._answers[name] = may(self._user, what)
        return answer

    def __iter__(self) -> Iterator[str]:
        return (what.name for what in Can)

    def __len__(self) -> int:
        return len(Can)


def allowed(user) -> Allowed:
    return Allowed(user)


def has_any_role(user) -> bool:
    return bool(roles_in_effect(user)) or may(user, Can.ADMINISTER)


def get_for_user(queryset, user, **lookup):
    """The one object matching `lookup` among those the user may see, or a 404."""
    return get_object_or_404(queryset.visible_to(user), **lookup)

"""The guided set-up's steps, in one place: each step's title, what it covers, its state (read
from the database afresh on each visit) and where it is done. The set-up page
(`onboarding/views/setup.py` `setup`) lists them in this order with the GOV.UK task list.

A step whose page belongs to another app links by URL name; a page another branch of the work
adds (the two imports) is linked when its URL name exists, else the step says which command
does the same (`Link.fallback`)."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, reverse

from accounts.models import ClaimRoleMapping
from assessments.models import Quarter
from spr_portal.roles import Role
from spr_portal.wording import counted, day
from threats.models import (
    ChiefOfficerPost,
    Department,
    EditionExpectation,
    ForceProfile,
    NationalThreat,
    SprEdition,
)

DONE, IN_PROGRESS, NOT_STARTED, OPTIONAL = "Completed", "In progress", "Not started", "Optional"

SETUP_IMPORT = "onboarding:setup_import"
HISTORY_IMPORT = "onboarding:history_import"


@dataclass(frozen=True)
class Link:
    label: str
    url_name: str
    fallback: str = ""  # said instead when the page is not installed

    def url(self) -> str | None:
        try:
            return reverse(self.url_name)
        except NoReverseMatch:
            return None


@dataclass
class State:
    status: str  # DONE, IN_PROGRESS, NOT_STARTED or OPTIONAL
    detail: str  # "Done: 8 departments", shown as the step's hint

    @property
    def done(self) -> bool:
        return self.status == DONE


@dataclass(frozen=True)
class Step:
    code: str
    title: str
    state: object  # () -> State
    links: tuple[Link, ...] = field(default_factory=tuple)


def _profile() -> State:
    profile = ForceProfile.objects.only("force_name", "board_name").first()
    if profile is None:
        return State(NOT_STARTED, "No force profile yet: pages say “the force”.")
    return State(DONE, f"Done: {profile.force_name}, reporting to the {profile.board_name}.")


def _editions() -> State:
    editions = SprEdition.objects.count()
    threats = NationalThreat.objects.count()
    if not editions:
        return State(
            NOT_STARTED, "No SPR edition yet: load the editions that ship with the portal."
        )
    if not threats:
        return State(IN_PROGRESS, f"{counted(editions, 'edition')}, no national threat yet.")
    latest = SprEdition.objects.order_by("-year").first()
    return State(
        DONE,
        f"Done: {counted(editions, 'edition')}, {counted(threats, 'national threat')}; "
        f"the latest is {latest.title}.",
    )


def _expectations() -> State:
    lines = EditionExpectation.objects.in_force()
    if not lines.exists():
        return State(
            OPTIONAL,
            "No line yet: each threat's checklist of what the SPR expects, entered from the "
            "edition's text.",
        )
    threats = lines.values("threat").distinct().count()
    return State(DONE, f"Done: {counted(lines.count(), 'line')} for {counted(threats, 'threat')}.")


def _departments() -> State:
    departments = Department.objects.count()
    threats = NationalThreat.objects.filter(retired_in__isnull=True)
    unowned = threats.filter(owning_department__isnull=True).count()
    if not departments:
        return State(NOT_STARTED, "No department yet.")
    if unowned:
        return State(
            IN_PROGRESS,
            f"{counted(departments, 'department')}; "
            f"{counted(unowned, 'threat')} in force with no owning department yet.",
        )
    return State(DONE, f"Done: {counted(departments, 'department')}, every threat owned.")


def _posts() -> State:
    posts = ChiefOfficerPost.objects.count()
    empty = ChiefOfficerPost.objects.filter(holder__isnull=True).count()
    unled = NationalThreat.objects.filter(
        retired_in__isnull=True, chief_officer_lead__isnull=True
    ).count()
    if not posts:
        return State(NOT_STARTED, "No chief officer post yet.")
    if empty or unled:
        gaps = []
        if empty:
            gaps.append(f"{counted(empty, 'post')} with nobody holding it")
        if unled:
            gaps.append(f"{counted(unled, 'threat')} with no chief officer lead")
        return State(IN_PROGRESS, f"{counted(posts, 'post')}; " + ", ".join(gaps) + ".")
    return State(DONE, f"Done: {counted(posts, 'post')}, each held.")


def _accounts() -> State:
    active = get_user_model().objects.filter(is_active=True)
    with_role = active.filter(role_assignments__isnull=False).distinct().count()
    spr_leads = active.filter(role_assignments__role=Role.SPR_LEAD.value).distinct().count()
    if not with_role:
        return State(NOT_STARTED, "Nobody holds a role yet.")
    if not spr_leads:
        return State(
            IN_PROGRESS,
            f"{counted(with_role, 'account')} with a role; nobody is the SPR lead yet.",
        )
    return State(
        DONE,
        f"Done: {counted(with_role, 'account')} with a role, {counted(spr_leads, 'SPR lead')}.",
    )


def _single_sign_on() -> State:
    mappings = ClaimRoleMapping.objects.count()
    if not mappings:
        return State(OPTIONAL, "Only if people sign in through the force's identity provider.")
    return State(DONE, f"Done: {counted(mappings, 'mapping')} of a claim to a role.")


def _history() -> State:
    imported = Quarter.objects.filter(history_import__isnull=False)
    if imported.exists():
        latest = imported.newest_first().first()
        return State(
            DONE,
            f"Done: {counted(imported.count(), 'quarter')} imported, the latest {latest.label}.",
        )
    earlier = Quarter.objects.filter(is_open=False).count()
    if earlier:
        return State(DONE, f"Done: {counted(earlier, 'earlier quarter')} in the portal.")
    return State(OPTIONAL, "No earlier quarter yet: the first board paper has no movement.")


def _first_quarter() -> State:
    quarter = Quarter.objects.open().first()
    if quarter is None:
        latest = Quarter.objects.newest_first().first()
        if latest is not None:
            return State(IN_PROGRESS, f"No quarter open; the latest is {latest.label}.")
        return State(NOT_STARTED, "The SPR lead creates the quarter, then opens it.")
    return State(
        DONE,
        f"Done: {quarter.label} is open; self-assessments are due by "
        f"{day(quarter.submission_deadline)}, the meeting is on {day(quarter.meeting_date)}.",
    )


STEPS = (
    Step(
        "profile",
        "Force profile: the force, its policing body and board",
        _profile,
        (Link("Force profile", "onboarding:force_profile"),),
    ),
    Step(
        "editions",
        "SPR editions in use and their national threats",
        _editions,
        (Link("SPR editions", "onboarding:editions"),),
    ),
    Step(
        "expectations",
        "What the SPR expects, threat by threat",
        _expectations,
        (Link("What the SPR expects", "onboarding:expectations"),),
    ),
    Step(
        "departments",
        "Departments and who owns which threat",
        _departments,
        (
            Link(
                "Import the set-up spreadsheet",
                SETUP_IMPORT,
                "the set-up import is not installed in this portal",
            ),
        ),
    ),
    Step(
        "posts",
        "Chief officer posts and who holds them",
        _posts,
        (
            Link(
                "Import the set-up spreadsheet",
                SETUP_IMPORT,
                "the set-up import is not installed in this portal",
            ),
        ),
    ),
    Step(
        "accounts",
        "Accounts and roles",
        _accounts,
        (
            Link(
                "Import the set-up spreadsheet",
                SETUP_IMPORT,
                "the set-up import is not installed in this portal",
            ),
            Link("Manage users", "accounts:user_list"),
        ),
    ),
    Step(
        "sso",
        "Single sign-on mappings",
        _single_sign_on,
        (Link("Single sign-on mappings", "onboarding:sso_mappings"),),
    ),
    Step(
        "history",
        "The force's history: past quarters, grades and papers",
        _history,
        (
            Link(
                "Import the history",
                HISTORY_IMPORT,
                "run manage.py import_history FILE on the server",
            ),
        ),
    ),
    Step(
        "quarter",
        "The first quarter, its deadline and meeting",
        _first_quarter,
        (Link("Quarters (the SPR lead's)", "assessments:quarter_list"),),
    ),
)


def steps_with_states() -> list[tuple[Step, State, list[tuple[Link, str | None]]]]:
    """Each step, its state now and its links (None where a page is not installed)."""
    return [(step, step.state(), [(link, link.url()) for link in step.links]) for step in STEPS]

"""Need-to-know, proven for every URL: each pattern the resolver knows × every role × the
user's own department's object and another's × GET and POST, against one declared table.

A new URL without an entry in EXPECTED fails `test_every_url_has_an_entry`. Django's admin
is one entry: it guards its own pages (staff only, then model permissions). POSTs carry no
data: they must be refused, or answered with the form's errors, never a change of someone
else's data; each runs in a transaction rolled back afterwards so the world stays the same.
"""

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from reports.models import BoardReport
from tests.url_expectations import ASSESSMENT, ASSESSMENT_KINDS, DRAFT, EXPECTED, REPORT, ROLES

pytestmark = pytest.mark.django_db


def url_names() -> set[str]:
    """Every named pattern, `namespace:name`; the admin's as the one name "admin"."""

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    yield "admin"
                    continue
                inner = ":".join(p for p in (namespace, pattern.namespace or "") if p)
                yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern):
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name

    return set(walk(get_resolver().url_patterns))


def test_every_url_has_an_entry():
    assert url_names() == set(EXPECTED)


def test_every_entry_answers_every_role_for_each_method_and_state():
    """Nothing is left to a default: each URL declares GET and POST for every role, and every
    URL of an assessment declares them for a draft as well."""
    incomplete = []
    for name, entry in EXPECTED.items():
        tables = [("", entry)]
        if entry.get("object") in ASSESSMENT_KINDS:
            tables.append((DRAFT, entry.get(DRAFT, {})))
        elif DRAFT in entry:
            incomplete.append(f"{name}: a draft state for an object that is not an assessment")
        for state, table in tables:
            for method in ("GET", "POST"):
                declared = set(table.get(method, {}))
                if declared != set(ROLES):
                    incomplete.append(f"{name} {state} {method}: {sorted(declared)}")
    assert incomplete == []


def test_the_table_holds_the_reviewed_number_of_cases():
    """A change to the table changes this number too, on purpose: say why in the commit."""
    assert sum(1 for _ in cases()) == EXPECTED_CASES


def _kwargs(world, kind: str, variant: int) -> dict:
    quarter = world["quarter"]
    if kind.startswith(f"{DRAFT} "):  # the same URL on a draft (ASSESSMENT_KINDS only)
        world = world | world[DRAFT]
        kind = kind.removeprefix(f"{DRAFT} ")
    if kind == "start":
        return {"quarter_id": quarter.pk, "threat_slug": world["threats"][variant].slug}
    if kind == ASSESSMENT:
        return {"pk": world["assessments"][variant].pk}
    if kind == "section":
        return {"pk": world["assessments"][variant].pk, "section": "risks"}
    if kind == "contribution":
        return {"pk": world["assessments"][variant].pk, "section": "capability"}
    if kind == "action":
        action = world["actions"][variant]
        return {"pk": action.raised_in_id, "action_id": action.pk}
    if kind == "quarter":
        return {"pk": quarter.pk}
    if kind == "recommendation":
        return {"pk": world["recommendations"][variant].pk}
    if kind == "meeting quarter":
        return {"quarter_id": world["meetings"][variant].quarter_id}
    if kind == "meeting":
        return {"pk": world["meetings"][variant].pk}
    if kind == "meeting item":
        return {"pk": world["meetings"][0].pk, "threat_id": world["threats"][variant].pk}
    if kind == "meeting action":
        return {"pk": world["meeting_actions"][variant].pk}
    if kind == "expectation":
        return {"pk": world["expectations"][variant].pk}
    if kind == "measure":
        return {"pk": world["measures"][variant].pk}
    if kind == "stand-in":
        return {"pk": world["stand_in"].pk}
    if kind == "user":
        return {"pk": world["assessments"][variant].created_by_id}
    if kind == "set-password link":
        return {"uidb64": "MQ", "token": "made-up-token"}
    if kind == "evidence":
        evidence = world["files"][variant]
        return {"pk": evidence.assessment_id, "file_id": evidence.pk}
    if kind == "evidence file":
        return {"file_id": world["files"][variant].pk}
    if kind == "threat trend":
        return {"slug": world["threats"][variant].slug}
    if kind == "set-up table":
        return {"table": ("departments", "threats")[variant]}
    if kind == "format":
        return {"fmt": ("csv", "xlsx")[variant]}
    if kind == "token":
        return {"pk": world["tokens"][variant].pk}
    if kind == "api report":
        return {"report_id": world["reports"][variant].pk}
    if kind == "regard question":
        return {"pk": world["regard"][variant].pk, "entry_pk": world["question"].pk}
    if kind == "statement":
        return {"pk": world["statements"][variant].pk}
    report: BoardReport = world["reports"][variant]
    if kind == REPORT:
        return {"pk": report.pk}
    if kind == "report section":
        return {"pk": report.pk, "code": "purpose"}
    if kind == "report threat":
        return {"pk": report.pk, "section_pk": report.threat_sections.first().pk}
    raise KeyError(kind)


def _url(name: str, world, kind: str | None, variant: int) -> str:
    if name == "admin":
        return reverse("admin:index")
    return reverse(name, kwargs=_kwargs(world, kind, variant) if kind else None)


def cases(only: str | None = None):
    """(URL name, object kind, variant, method, role, expected status); the kind of a case on
    a draft is "draft <kind>". `only`: one URL name's cases."""
    for name, entry in sorted(EXPECTED.items()):
        if only is not None and name != only:
            continue
        kind = entry.get("object")
        tables = [(kind, entry)]
        if DRAFT in entry:
            tables.append((f"{DRAFT} {kind}", entry[DRAFT]))
        for kind_, table in tables:
            for method in ("GET", "POST"):
                for role, expected in table.get(method, {}).items():
                    for variant in (0, 1) if kind_ else (0,):
                        code = expected[variant] if isinstance(expected, tuple) else expected
                        yield name, kind_, variant, method, role, code


def sign_in_as(client, user, sessions: dict) -> None:
    """The client's session is `user`'s (none for None). `sessions` (user pk → session key)
    keeps each user's session, so a user signs in once for as long as the dict is kept: the
    session row outlives the cases because each case's request is rolled back, its own
    sign-out included, and the cookie a case's response changed is put back before the next."""
    # (signing in over another user's session would end that one)
    client.cookies.pop(settings.SESSION_COOKIE_NAME, None)
    if user is None:
        return
    if user.pk in sessions:
        client.cookies[settings.SESSION_COOKIE_NAME] = sessions[user.pk]
    else:
        client.force_login(user)
        sessions[user.pk] = client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.fixture(scope="module")
def sessions(world, django_db_blocker) -> dict:
    """Each of the world's users signed in once for the module (user pk → session key), inside
    the world's transaction, so the sign-ins end with it: a sign-in is a write, about a
    seventh of the matrix's time when each test signed its nine users in again."""
    keys = {}
    with django_db_blocker.unblock():
        for user in world["users"].values():
            sign_in_as(Client(), user, keys)
    return keys


@pytest.mark.parametrize("url_name", sorted(EXPECTED))
def test_every_page_answers_every_role_as_declared(client, world, sessions, url_name):
    """One URL pattern's cases, so that the test workers share the table between them."""
    users = {"anon": None, **world["users"]}
    signed_in = dict(sessions)  # the module's, left as they are whatever a case does
    unexpected, tried = [], 0
    for name, kind, variant, method, role, code in cases(url_name):
        sign_in_as(client, users[role], signed_in)
        url = _url(name, world, kind, variant)
        with transaction.atomic():
            response = client.generic(method, url)
            transaction.set_rollback(True)
        tried += 1
        got = response.status_code
        if got != code:
            unexpected.append(f"{method} {url} as {role}: {got}, expected {code}")
        elif role == "anon" and got == 302 and name != "logout":
            if not response["Location"].startswith((reverse("login"), "/admin/login/")):
                unexpected.append(f"{method} {url} as anon: sent to {response['Location']}")
    assert unexpected == [], f"{len(unexpected)} of {tried} cases:\n" + "\n".join(unexpected)
    assert tried == sum(1 for _ in cases(url_name)) > 0


# How many cases the table declares, counted by hand when the table was last reviewed.
# 3150, + a contributing department's business lead (`cbl`) on every URL (358 cases), + the
# contribution page for the other nine roles (2 objects × GET, POST × submitted and draft: 72),
# + the stand-ins page (10 roles × GET, POST) and ending a stand-in (× 2 objects: 60),
# + the inspection recommendations: the register and a new one (10 roles × GET, POST: 40), one
# recommendation, its change, progress, response and closing (× 2 objects: 200),
# + the set-up spreadsheet's upload, confirmation and template (10 roles × GET, POST: 60) and
# its CSV templates (× 2 tables: 40),
# + the history import page and its template (2 URLs × 10 roles × GET, POST: 40),
# + readiness and the failed background tasks page (10 roles × GET, POST each: 40),
# + the quarterly meeting's twelve URLs (issue 27): ten roles × GET, POST, the meeting list
# alone (20), the other eleven × two objects (440), and the endorsement on a draft too (40),
# + the policing body's regard (recording on a report, answering a question: 2 × 40) and the
# annual assurance statement (its list, 20; five pages of a statement, 5 × 40): 300,
# + the set-up page, the force profile, the SPR editions and the single sign-on mappings
# (10 roles × GET, POST: 80),
# + what the SPR expects: the lead's page (10 roles × GET, POST × 2 objects × submitted and
# draft: 80), the set-up list and its new line (2 × 20) and a line's page (× 2 objects: 40),
# + the force's contribution figures: a new one (20) and a figure's page (× 2 objects: 40).
EXPECTED_CASES = 5160

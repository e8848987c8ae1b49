"""Need-to-know, proven for every URL: each pattern the resolver knows × every role × the
user's own department's object and another's × GET and POST, against one declared table.

A new URL without an entry in EXPECTED fails `test_every_url_has_an_entry`. Django's admin
is one entry: it guards its own pages (staff only, then model permissions). POSTs carry no
data: they must be refused, or answered with the form's errors, never a change of someone
else's data; each runs in a transaction rolled back afterwards so the world stays the same.
"""

from collections import Counter

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from api.services import token_create
from assessments import services
from assessments.models import EvidenceFile
from assessments.services.evidence import evidence_attach
from reports.models import BoardReport
from tests.assessments.lead_support import add_action, submitted
from tests.factories import ImprovementActionFactory
from tests.reports.support import new_report, sign_off

pytestmark = pytest.mark.django_db

ROLES = ("anon", "bl", "obl", "spr", "co", "pcc", "admin")
SIGNED_IN = ROLES[1:]


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


def codes(default=403, anon=302, **by_role) -> dict[str, object]:
    """Expected status per role: `default` for every signed-in role not named."""
    return {"anon": anon} | {role: by_role.get(role, default) for role in SIGNED_IN}


def both(own, other):
    """Different answers for the user's own department's object and for another's."""
    return (own, other)


GET_ONLY = {"POST": codes(405)}
# A business lead's own department's object, and another's (which does not exist for them).
OWN_LEAD_REDIRECT = {"bl": both(302, 404), "obl": both(404, 302)}  # sent on (e.g. not editable)
OWN_LEAD_PAGE = {"bl": both(200, 404), "obl": both(404, 200)}  # a page (or a form with errors)
# A report's edit pages: the SPR lead's draft only; others may not see a draft at all, and
# may see but not edit a published report.
API_USERS = codes(200, admin=403)  # every role that reads assessments or reports
DRAFT_EDIT = codes(spr=both(200, 404), co=both(404, 403), pcc=both(404, 403))

# Objects: "own" is business lead `bl`'s department's, submitted (threat led by `co`); "other"
# is `obl`'s department's, signed off. Reports: "own" is a draft, "other" a published one.
ASSESSMENT = "assessment"
REPORT = "report"

EXPECTED: dict[str, dict] = {
    "home": {"GET": codes(200), "POST": codes(405)},
    "login": {"GET": codes(302, anon=200), "POST": codes(302, anon=200)},
    "logout": {"GET": codes(405), "POST": codes(302, anon=302)},
    "healthz": {"GET": codes(200, anon=200), "POST": codes(405, anon=405)},
    "admin": {"GET": codes(302, admin=200)},
    # The business lead's pages
    "assessments:my_assessments": {"GET": codes(bl=200, obl=200), **GET_ONLY},
    "assessments:assessment_start": {
        "object": "start",
        "GET": codes(**OWN_LEAD_REDIRECT),
        "POST": codes(**OWN_LEAD_REDIRECT),
    },
    "assessments:assessment_edit": {
        "object": ASSESSMENT,
        "GET": codes(**OWN_LEAD_PAGE),
        **GET_ONLY,
    },
    "assessments:assessment_submit": {
        "object": ASSESSMENT,
        "GET": codes(405),
        "POST": codes(**OWN_LEAD_REDIRECT),
    },
    "assessments:assessment_section": {
        "object": "section",
        "GET": codes(**OWN_LEAD_REDIRECT),
        "POST": codes(**OWN_LEAD_PAGE),
    },
    "assessments:action_list": {
        "object": ASSESSMENT,
        "GET": codes(**OWN_LEAD_REDIRECT),
        **GET_ONLY,
    },
    "assessments:action_add": {
        "object": ASSESSMENT,
        "GET": codes(**OWN_LEAD_REDIRECT),
        "POST": codes(**OWN_LEAD_PAGE),
    },
    "assessments:action_edit": {
        "object": "action",
        "GET": codes(**OWN_LEAD_REDIRECT),
        "POST": codes(**OWN_LEAD_PAGE),
    },
    "assessments:action_close": {
        "object": "action",
        "GET": codes(405),
        "POST": codes(**OWN_LEAD_REDIRECT),
    },
    # The quarter board and the SPR lead's pages
    "assessments:quarter_board_current": {"GET": codes(spr=200, co=200, pcc=200), **GET_ONLY},
    "assessments:quarter_board": {
        "object": "quarter",
        "GET": codes(spr=200, co=200, pcc=200),
        **GET_ONLY,
    },
    "assessments:quarter_list": {"GET": codes(spr=200), **GET_ONLY},
    "assessments:quarter_new": {"GET": codes(spr=200), "POST": codes(spr=200)},
    "assessments:quarter_edit": {
        "object": "quarter",
        "GET": codes(spr=200),
        "POST": codes(spr=200),
    },
    "assessments:quarter_open": {"object": "quarter", "GET": codes(405), "POST": codes(spr=302)},
    # GET lists what is unfinished before the SPR lead confirms; POST closes.
    "assessments:quarter_close": {
        "object": "quarter",
        "GET": codes(spr=200),
        "POST": codes(spr=302),
    },
    # An empty POST is the page again with its error summary.
    "assessments:late_submissions": {
        "object": "quarter",
        "GET": codes(spr=200),
        "POST": codes(spr=200),
    },
    "assessments:actions_register": {"GET": codes(spr=200), **GET_ONLY},
    "assessments:assessment_detail": {
        "object": ASSESSMENT,
        # No page gate: visible_to alone decides, so another's is a 404 for every role.
        "GET": codes(
            404,
            bl=both(200, 404),
            obl=both(404, 200),
            spr=200,
            co=both(200, 404),
            pcc=both(404, 200),
        ),
        **GET_ONLY,
    },
    "assessments:assessment_review": {
        "object": ASSESSMENT,
        "GET": codes(spr=200),
        "POST": codes(spr=200),
    },
    "assessments:assessment_sign_off": {
        "object": ASSESSMENT,
        "GET": codes(spr=both(200, 302)),
        "POST": codes(spr=both(200, 302)),
    },
    "assessments:assessment_reopen": {
        "object": ASSESSMENT,
        "GET": codes(spr=both(302, 200)),
        "POST": codes(spr=both(302, 200)),
    },
    "assessments:assessment_compare": {
        "object": ASSESSMENT,
        # The PCC office reads a signed-off result, not its workflow.
        "GET": codes(
            404,
            bl=both(200, 404),
            obl=both(404, 200),
            spr=200,
            co=both(200, 404),
            pcc=both(404, 403),
        ),
        **GET_ONLY,
    },
    # Board reports
    "reports:report_list": {"GET": codes(spr=200, co=200, pcc=200), **GET_ONLY},
    "reports:report_new": {"GET": codes(spr=200), "POST": codes(spr=200)},
    "reports:integrity": {"GET": codes(spr=200), **GET_ONLY},
    "reports:report_detail": {
        "object": REPORT,
        "GET": codes(spr=200, co=both(404, 200), pcc=both(404, 200)),
        **GET_ONLY,
    },
    "reports:report_edit_details": {
        "object": REPORT,
        "GET": DRAFT_EDIT,
        "POST": DRAFT_EDIT,
    },
    "reports:report_edit_section": {
        "object": "report section",
        "GET": DRAFT_EDIT,
        "POST": DRAFT_EDIT,
    },
    "reports:report_edit_threat": {
        "object": "report threat",
        "GET": DRAFT_EDIT,
        "POST": DRAFT_EDIT,
    },
    "reports:report_preview": {
        "object": REPORT,
        "GET": codes(spr=200, co=both(404, 200), pcc=both(404, 200)),
        **GET_ONLY,
    },
    "reports:report_preview_pdf": {
        "object": REPORT,
        "GET": codes(spr=both(200, 404), co=404, pcc=404),
        **GET_ONLY,
    },
    "reports:report_late_sign_offs": {"object": REPORT, "GET": DRAFT_EDIT, "POST": DRAFT_EDIT},
    "reports:report_figures": {"object": REPORT, "GET": DRAFT_EDIT, "POST": DRAFT_EDIT},
    "reports:report_publish": {
        "object": REPORT,
        "GET": DRAFT_EDIT,
        "POST": DRAFT_EDIT,
    },
    "reports:report_correct": {
        "object": REPORT,
        "GET": codes(spr=both(404, 200), co=both(404, 403), pcc=both(404, 403)),
        "POST": codes(spr=both(404, 200), co=both(404, 403), pcc=both(404, 403)),
    },
    "reports:report_download": {
        "object": REPORT,
        "GET": codes(spr=both(404, 200), co=both(404, 200), pcc=both(404, 200)),
        **GET_ONLY,
    },
    # Accounts
    "accounts:password_change": {"GET": codes(200), "POST": codes(200)},
    "accounts:stay_signed_in": {"GET": codes(405), "POST": codes(302)},
    # Without a second factor set up (tests run as the demo does, with DEBUG on), the
    # second step's pages simply open; the policy itself: tests/accounts/test_second_factor.py
    "accounts:two_factor_setup": {"GET": codes(200), "POST": codes(200)},
    "accounts:two_factor_verify": {"GET": codes(200), "POST": codes(200)},
    # Single sign-on is off unless configured (tests/browser/test_single_sign_on.py turns it on)
    "accounts:sso_start": {"GET": codes(404, anon=404), "POST": codes(404, anon=404)},
    "accounts:sso_callback": {"GET": codes(404, anon=404), "POST": codes(404, anon=404)},
    "accounts:user_list": {"GET": codes(admin=200), **GET_ONLY},
    "accounts:user_detail": {"object": "user", "GET": codes(admin=200), "POST": codes(admin=302)},
    "accounts:user_deactivate": {"object": "user", "GET": codes(405), "POST": codes(admin=302)},
    # Evidence files (the lead's own pages; downloads follow the assessment's visible_to)
    "assessments:evidence_list": {
        "object": ASSESSMENT,
        "GET": codes(**OWN_LEAD_PAGE),
        "POST": codes(**OWN_LEAD_PAGE),
    },
    "assessments:evidence_delete": {
        "object": "evidence",
        "GET": codes(405),
        "POST": codes(**OWN_LEAD_REDIRECT),
    },
    "assessments:evidence_download": {
        "object": "evidence file",
        "GET": codes(
            404,
            bl=both(200, 404),
            obl=both(404, 200),
            spr=200,
            co=both(200, 404),
            pcc=both(404, 200),
        ),
        **GET_ONLY,
    },
    # Exports and trends
    "assessments:board_export": {
        "object": "format",
        "GET": codes(spr=200, co=200, pcc=200),
        **GET_ONLY,
    },
    "assessments:actions_export": {"object": "format", "GET": codes(spr=200), **GET_ONLY},
    "assessments:force_trends": {"GET": codes(spr=200, co=200, pcc=200), **GET_ONLY},
    "assessments:threat_trends": {
        "object": "threat trend",
        "GET": codes(spr=200, co=both(200, 404), pcc=200),
        **GET_ONLY,
    },
    "reports:report_preview_docx": {
        "object": REPORT,
        "GET": codes(spr=both(200, 404), co=404, pcc=404),
        **GET_ONLY,
    },
    "reports:report_download_docx": {
        "object": REPORT,
        "GET": codes(spr=both(404, 200), co=both(404, 200), pcc=both(404, 200)),
        **GET_ONLY,
    },
    "reports:report_trend_annex": {
        "object": REPORT,
        "GET": codes(405),
        "POST": codes(spr=both(302, 404), co=both(404, 403), pcc=both(404, 403)),
    },
    # API tokens (the user's own only) and the read API, which a signed-in session does not
    # open: it wants a bearer token (tested in tests/api).
    "api:tokens": {"GET": API_USERS, "POST": API_USERS},
    "api:token_revoke": {
        "object": "token",
        "GET": codes(405),
        "POST": codes(404, bl=both(302, 404), obl=both(404, 302), admin=403),
    },
    "api-v1:api-root": {"GET": codes(404, anon=404), "POST": codes(404, anon=404)},
    "api-v1:openapi-json": {"GET": codes(200, anon=200), "POST": codes(200, anon=200)},
    **{
        f"api-v1:{name}": {
            "object": "api report"
            if name.startswith("report_") and name != "report_list"
            else None,
            "GET": codes(401, anon=401),
            "POST": codes(405, anon=405),
        }
        for name in (
            "editions",
            "threats",
            "quarters",
            "signed_off_grades",
            "report_list",
            "report_detail",
            "report_pdf",
            "report_docx",
        )
    },
    # The audit log
    "audit:audit_log": {"GET": codes(spr=200, admin=200), **GET_ONLY},
    "audit:audit_log_csv": {"GET": codes(spr=200, admin=200), **GET_ONLY},
}


def test_every_url_has_an_entry():
    assert url_names() == set(EXPECTED)


@pytest.fixture
def world(
    quarter,
    threat,
    other_threat,
    business_lead,
    other_business_lead,
    spr_lead,
    report_of_the_quarter_before,
    settings,
    tmp_path,
):
    """Own: `bl`'s department's submitted assessment with an improvement action, and a draft
    report. Other: `obl`'s department's signed-off assessment with an action, and a published
    report (of the quarter before, when every threat was signed off)."""
    settings.MEDIA_ROOT = tmp_path  # evidence files are stored there
    other = sign_off(
        threat=other_threat, quarter=quarter, lead=other_business_lead, reviewer=spr_lead
    )
    own = services.assessment_start(threat=threat, quarter=quarter, actor=business_lead)
    own_action = add_action(own, business_lead)
    own_file = evidence_attach(
        assessment=own, section="capability", upload=_pdf(), actor=business_lead
    )
    other_file = EvidenceFile(
        assessment=other,
        section="capability",
        name="other.pdf",
        content_type="application/pdf",
        size=len(PDF),
        sha256="0" * 64,
        uploaded_by=other_business_lead,
    )
    other_file.file.save("other.pdf", ContentFile(PDF), save=True)
    tokens = [
        token_create(name="BI", scopes=["read:grades"], expires_in_days=30, actor=lead)[0]
        for lead in (business_lead, other_business_lead)
    ]
    return {
        "quarter": quarter,
        "threats": (threat, other_threat),
        "assessments": (submitted(own, business_lead), other),
        "actions": (own_action, ImprovementActionFactory(threat=other_threat, raised_in=other)),
        "reports": (new_report(quarter, spr_lead), report_of_the_quarter_before),
        "files": (own_file, other_file),
        "tokens": tuple(tokens),
    }


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _pdf():
    return SimpleUploadedFile("evidence.pdf", PDF, content_type="application/pdf")


def _kwargs(world, kind: str, variant: int) -> dict:
    quarter = world["quarter"]
    if kind == "start":
        return {"quarter_id": quarter.pk, "threat_slug": world["threats"][variant].slug}
    if kind == ASSESSMENT:
        return {"pk": world["assessments"][variant].pk}
    if kind == "section":
        return {"pk": world["assessments"][variant].pk, "section": "risks"}
    if kind == "action":
        action = world["actions"][variant]
        return {"pk": action.raised_in_id, "action_id": action.pk}
    if kind == "quarter":
        return {"pk": quarter.pk}
    if kind == "user":
        return {"pk": world["assessments"][variant].created_by_id}
    if kind == "evidence":
        evidence = world["files"][variant]
        return {"pk": evidence.assessment_id, "file_id": evidence.pk}
    if kind == "evidence file":
        return {"file_id": world["files"][variant].pk}
    if kind == "threat trend":
        return {"slug": world["threats"][variant].slug}
    if kind == "format":
        return {"fmt": ("csv", "xlsx")[variant]}
    if kind == "token":
        return {"pk": world["tokens"][variant].pk}
    if kind == "api report":
        return {"report_id": world["reports"][variant].pk}
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


def cases():
    """(URL name, object kind, variant, method, role, expected status)."""
    for name, entry in sorted(EXPECTED.items()):
        kind = entry.get("object")
        for method in ("GET", "POST"):
            for role, expected in entry.get(method, {}).items():
                for variant in (0, 1) if kind else (0,):
                    code = expected[variant] if isinstance(expected, tuple) else expected
                    yield name, kind, variant, method, role, code


def test_every_page_answers_every_role_as_declared(
    client,
    world,
    business_lead,
    other_business_lead,
    spr_lead,
    chief_officer,
    pcc_office,
    administrator,
):
    users = {
        "anon": None,
        "bl": business_lead,
        "obl": other_business_lead,
        "spr": spr_lead,
        "co": chief_officer,
        "pcc": pcc_office,
        "admin": administrator,
    }
    unexpected, tried = [], Counter()
    for name, kind, variant, method, role, code in cases():
        client.logout()
        if users[role] is not None:
            client.force_login(users[role])
        url = _url(name, world, kind, variant)
        with transaction.atomic():
            response = client.generic(method, url)
            transaction.set_rollback(True)
        tried[method] += 1
        got = response.status_code
        if got != code:
            unexpected.append(f"{method} {url} as {role}: {got}, expected {code}")
        elif role == "anon" and got == 302 and name != "logout":
            if not response["Location"].startswith((reverse("login"), "/admin/login/")):
                unexpected.append(f"{method} {url} as anon: sent to {response['Location']}")
    assert unexpected == [], f"{len(unexpected)} of {tried.total()} cases"
    assert tried.total() == EXPECTED_CASES


# How many cases the table declares; a change to it says so here too.
EXPECTED_CASES = sum(1 for _ in cases())

"""Never a 500 on bad input: hypothesis posts arbitrary text (very long, control characters,
other scripts, HTML) and out-of-range or foreign ids to every form and query parameter. Each
answer must be a clear one (a page with the error, a refusal, a redirect, a 404), never a
server error, and typed HTML must never come back as markup.

Every example runs in a transaction that is rolled back, so each starts from the same data.
"""

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import thoroughness
from tests.url_expectations import DRAFT

pytestmark = pytest.mark.django_db

# Who sends each target's requests: the role fixtures' names, as the world's users.
WHO = {
    "business_lead": "bl",
    "other_business_lead": "obl",
    "contributing_lead": "cbl",
    "spr_lead": "spr",
    "chief_officer": "co",
    "pcc_office": "pcc",
    "administrator": "admin",
}

SCRIPT = "<script>alert(1)</script>"
IMAGE = '<img src=x onerror="alert(1)">'
ODD = [
    "",
    " ",
    "²",
    "٣",
    "-1",
    "0",
    "1e9",
    "99999999999999999999",
    "4294967296",
    "null",
    "\x00",
    "\u202e\u200b",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ✓ 中文 عربى",
    SCRIPT,
    IMAGE,
    "'; DROP TABLE assessments_assessment; --",
    "%s %d {0} {{x}}",
]
VALUE = st.one_of(
    st.sampled_from(ODD),
    st.text(max_size=40),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.builds(
        lambda c, n: c * n, st.sampled_from(["x", "é", "\n", "<", "雪"]), st.integers(1, 60000)
    ),
)


def _date(prefix):
    return {f"{prefix}_0": VALUE, f"{prefix}_1": VALUE, f"{prefix}_2": VALUE}


def _fields(*names, **strategies):
    return {name: VALUE for name in names} | strategies


# (who, URL name, kwargs from the world, method, the fields it is sent)
TARGETS = {
    "start": (
        "business_lead",
        "assessments:assessment_start",
        lambda w: {
            "quarter_id": w["quarter"].pk,
            "threat_slug": w[DRAFT]["assessments"][0].threat.slug,
        },
        "post",
        _fields("start_from"),
    ),
    "grade section": (
        "business_lead",
        "assessments:assessment_section",
        lambda w: {"pk": w[DRAFT]["assessments"][0].pk, "section": "capacity-local"},
        "post",
        _fields("capacity_local_grade", "capacity_local_narrative", "revision", "then"),
    ),
    "evidence section": (
        "business_lead",
        "assessments:assessment_section",
        lambda w: {"pk": w[DRAFT]["assessments"][0].pk, "section": "evidence"},
        "post",
        _fields("evidence_sources", "capability_framework", "revision"),
    ),
    "summary section": (
        "business_lead",
        "assessments:assessment_section",
        lambda w: {"pk": w[DRAFT]["assessments"][0].pk, "section": "summary"},
        "post",
        _fields("summary", "revision"),
    ),
    "contributing departments": (
        "business_lead",
        "assessments:assessment_contributors",
        lambda w: {"pk": w[DRAFT]["assessments"][0].pk},
        "post",
        _fields("departments", "revision"),
    ),
    "contribution": (
        "contributing_lead",
        "assessments:contribution_edit",
        lambda w: {"pk": w[DRAFT]["assessments"][0].pk, "section": "capability"},
        "post",
        _fields("text", "revision"),
    ),
    "contribution for a department": (
        "contributing_lead",
        "assessments:contribution_edit",
        lambda w: {"pk": w[DRAFT]["assessments"][0].pk, "section": "risks"},
        "get",
        _fields("department"),
    ),
    "crest": ("administrator", "reports:force_crest", lambda w: {}, "post", _fields("crest")),
    "set-up spreadsheet": (
        "administrator",
        "onboarding:setup_import",
        lambda w: {},
        "post",
        _fields("file"),
    ),
    "set-up spreadsheet confirmed": (
        "administrator",
        "onboarding:setup_import_confirm",
        lambda w: {},
        "post",
        _fields("sha256"),
    ),
    "submit with the declaration": (
        "business_lead",
        "assessments:assessment_submit",
        lambda w: {"pk": w[DRAFT]["assessments"][0].pk},
        "post",
        _fields("declaration", "revision"),
    ),
    "withdraw": (
        "other_business_lead",
        "assessments:assessment_withdraw",
        lambda w: {"pk": w["submitted"].pk},
        "post",
        _fields("revision"),
    ),
    "add an action": (
        "business_lead",
        "assessments:action_add",
        lambda w: {"pk": w[DRAFT]["assessments"][0].pk},
        "post",
        _fields("description", "owner", **_date("due_date")),
    ),
    "change an action": (
        "business_lead",
        "assessments:action_edit",
        lambda w: {"pk": w[DRAFT]["assessments"][0].pk, "action_id": w[DRAFT]["actions"][0].pk},
        "post",
        _fields("description", "owner", "status", "revision", **_date("due_date")),
    ),
    "review": (
        "spr_lead",
        "assessments:assessment_review",
        lambda w: {"pk": w["submitted"].pk},
        "post",
        _fields("decision", "revision", "comment", "comment_capability", "comment_summary"),
    ),
    "sign off": (
        "spr_lead",
        "assessments:assessment_sign_off",
        lambda w: {"pk": w["submitted"].pk},
        "post",
        _fields("revision"),
    ),
    "new quarter": (
        "spr_lead",
        "assessments:quarter_new",
        lambda w: {},
        "post",
        _fields(
            "financial_year",
            "number",
            "edition",
            **_date("submission_deadline"),
            **_date("meeting_date"),
        ),
    ),
    "deputies": (
        "spr_lead",
        "assessments:quarter_deputies",
        lambda w: {"pk": w["quarter"].pk},
        "post",
        _fields("deputies"),
    ),
    "new report": (
        "spr_lead",
        "reports:report_new",
        lambda w: {},
        "post",
        _fields("quarter", "previous_report", "agenda_item", "marking", **_date("meeting_date")),
    ),
    "report details": (
        "spr_lead",
        "reports:report_edit_details",
        lambda w: {"pk": w["reports"][0].pk},
        "post",
        _fields(
            "agenda_item", "board_name", "title", "marking", "revision", **_date("meeting_date")
        ),
    ),
    "report section": (
        "spr_lead",
        "reports:report_edit_section",
        lambda w: {"pk": w["reports"][0].pk, "code": "purpose"},
        "post",
        _fields("text", "revision"),
    ),
    "report correction": (
        "spr_lead",
        "reports:report_correct",
        lambda w: {"pk": w["reports"][1].pk},
        "post",
        _fields("note"),
    ),
    "meeting details": (
        "spr_lead",
        "assessments:meeting_details",
        lambda w: {"pk": w["meetings"][0].pk},
        "post",
        _fields("chair", "revision", **_date("held_on")),
    ),
    "meeting attendance": (
        "spr_lead",
        "assessments:meeting_attendee",
        lambda w: {"pk": w["meetings"][0].pk},
        "post",
        _fields("attendance", "user", "name", "post"),
    ),
    "meeting decision": (
        "spr_lead",
        "assessments:meeting_decide",
        lambda w: {"pk": w["meetings"][0].pk, "threat_id": w["threats"][1].pk},
        "post",
        _fields("threat", "decision", "rationale", "revision"),
    ),
    "meeting action": (
        "spr_lead",
        "assessments:meeting_action",
        lambda w: {"pk": w["meetings"][0].pk},
        "post",
        _fields("threat", "description", "owner_user", **_date("due_date")),
    ),
    "meeting action update": (
        "business_lead",
        "assessments:meeting_action_update",
        lambda w: {"pk": w["meeting_actions"][0].pk},
        "post",
        _fields("status", "progress_note", "revision"),
    ),
    "endorsement": (
        "chief_officer",
        "assessments:assessment_endorse",
        lambda w: {"pk": w["assessments"][0].pk},
        "post",
        _fields("revision"),
    ),
    "minutes approval": (
        "spr_lead",
        "reports:minutes_approve",
        lambda w: {"pk": w["meetings"][1].pk},
        "post",
        _fields("revision"),
    ),
    "sign in": ("", "login", lambda w: {}, "post", _fields("username", "password")),
    # Query parameters
    "quarter board": (
        "spr_lead",
        "assessments:quarter_board_current",
        lambda w: {},
        "get",
        _fields("quarter", "status"),
    ),
    "sign-off page": (
        "spr_lead",
        "assessments:assessment_sign_off",
        lambda w: {"pk": w["submitted"].pk},
        "get",
        _fields("revision"),
    ),
    "review, compared since": (
        "spr_lead",
        "assessments:assessment_review",
        lambda w: {"pk": w["submitted"].pk},
        "get",
        _fields("since"),
    ),
    "new report for a quarter": (
        "spr_lead",
        "reports:report_new",
        lambda w: {},
        "get",
        _fields("quarter"),
    ),
    "compare": (
        "spr_lead",
        "assessments:assessment_compare",
        lambda w: {"pk": w[DRAFT]["assessments"][0].pk},
        "get",
        _fields("a", "b"),
    ),
    "actions register": (
        "spr_lead",
        "assessments:actions_register",
        lambda w: {},
        "get",
        _fields("threat", "status", "overdue"),
    ),
    "e-mail settings": (
        "business_lead",
        "accounts:email_settings",
        lambda w: {},
        "post",
        _fields("wanted"),
    ),
    "force profile": (
        "administrator",
        "onboarding:force_profile",
        lambda w: {},
        "post",
        _fields(
            "force_name",
            "short_name",
            "body_kind",
            "board_name",
            "default_marking",
            "published_papers_open",
            "support_email",
        ),
    ),
    "single sign-on mappings": (
        "administrator",
        "onboarding:sso_mappings",
        lambda w: {},
        "post",
        _fields("claim", "value", "role", "remove"),
    ),
    "audit log": (
        "spr_lead",
        "audit:audit_log",
        lambda w: {},
        "get",
        _fields(
            "person", "action", "threat", "quarter", "page", **_date("since"), **_date("until")
        ),
    ),
}


def _ask(client, method, url, data):
    with transaction.atomic():
        response = getattr(client, method)(url, data)
        transaction.set_rollback(True)
    assert response.status_code < 500, (data, response.status_code)
    assert response.status_code in {200, 302, 400, 403, 404, 409}, (data, response.status_code)
    if response.get("Content-Type", "").startswith("text/html"):
        body = response.content.decode()
        assert SCRIPT not in body and IMAGE not in body, data


# In CI every odd value goes into every field of a target on its own. On a developer's machine
# field i takes the values j with (i + j) % SWEEP_STRIDE == 0: every value still reaches every
# target, every field still gets a share, and the target sends a quarter of the requests.
SWEEP_STRIDE = 1 if thoroughness.FULL else 4


def odd_values(fields: list[str]):
    """(field, value) pairs of the odd-value sweep, as thorough as tests/thoroughness.py says."""
    stride = min(SWEEP_STRIDE, len(fields))
    for i, field in enumerate(fields):
        for j, value in enumerate(ODD):
            if (i + j) % stride == 0:
                yield field, value


def test_the_quick_sweep_still_sends_every_value_to_every_target_and_every_field():
    for target, (*_, fields) in TARGETS.items():
        pairs = list(odd_values(list(fields)))
        assert {value for _, value in pairs} == set(ODD), target
        assert {field for field, _ in pairs} == set(fields), target


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_bad_input_never_gets_a_server_error(client, world, target):
    """First every odd value in every field on its own, then hypothesis's mixtures (as many as
    the hypothesis profile says: a few by default, the full number in CI; tests/conftest.py)."""
    who, name, kwargs, method, fields = TARGETS[target]
    if who:
        client.force_login(world["users"][WHO[who]])
    url = reverse(name, kwargs=kwargs(world))
    for field, value in odd_values(list(fields)):
        _ask(client, method, url, {field: value})

    @settings(
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=st.fixed_dictionaries({}, optional=fields))
    def probe(data):
        _ask(client, method, url, data)

    probe()

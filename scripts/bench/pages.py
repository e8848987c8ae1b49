"""The pages the benchmark drives, who opens each, and their SQL queries per request.

Each page is found in the data as it is (the open quarter's drafts, the latest published
report…), so the same list works on the demo and on the generated ten years. The counting is
in-process (Django's test client and CaptureQueriesContext); the load is wrk's (load.py).
"""

import statistics
import time
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.choices import Status
from assessments.models import Assessment, Quarter
from reports.models import BoardReport

SECTION = "capability"  # the section form the benchmark opens and saves
SPR_LEAD = "acc.security"


@dataclass
class Page:
    key: str
    label: str
    user: str  # a username, or "api" for the API token
    path: str
    method: str = "GET"
    form: dict = field(default_factory=dict)  # a POST's fields, revision last
    budgeted: bool = True  # exports of every quarter grow with the data by design
    connections: int = 0  # 0: the run's --connections
    # A POST: each connection saves a draft of its own (as many connections as open drafts),
    # so no save meets another's; without, --connections share the drafts and most conflict.
    draft_each: bool = False


def _open_quarter() -> Quarter:
    return Quarter.objects.open().get()


def lead_of(assessment) -> str:
    return assessment.threat.owning_department.leads.order_by("pk").first().username


def open_drafts() -> list[Assessment]:
    """The open quarter's drafts (prepare_open_quarter leaves five), in the board's order."""
    return list(
        Assessment.objects.for_quarter(_open_quarter())
        .filter(status=Status.DRAFT)
        .select_related("threat__owning_department")
        .order_by("threat__display_order", "threat__pk")
    )


def section_form(assessment) -> dict:
    from assessments.forms.lead import SectionForm

    form = SectionForm(assessment=assessment, section=SECTION)
    data = {name: form.initial.get(name) for name in form.fields if name != "revision"}
    return {**{k: "" if v is None else str(v) for k, v in data.items()}, "revision": ""}


def pages(api_token: str = "") -> list[Page]:
    """Every page of issue 15's list, on the data as it is now."""
    quarter = _open_quarter()
    draft = open_drafts()[0]
    lead = lead_of(draft)
    submitted = Assessment.objects.for_quarter(quarter).filter(status=Status.SUBMITTED).first()
    signed = (
        Assessment.objects.signed_off()
        .filter(threat__slug="terrorism")
        .order_by("-quarter__financial_year", "-quarter__number")
        .first()
    )
    closed = Quarter.objects.filter(is_open=False).newest_first().first()
    report = BoardReport.objects.published().order_by("-meeting_date").first()
    first = Quarter.objects.chronological().first()
    year_ago = Quarter.objects.filter(is_open=False).newest_first()[3]
    edit = reverse("assessments:assessment_section", args=[draft.pk, SECTION])
    return [
        Page("bare", "Bare page (reference)", SPR_LEAD, reverse("bench_bare")),
        Page("home", "Home", SPR_LEAD, reverse("home")),
        Page("my", "My assessments", lead, reverse("assessments:my_assessments")),
        Page("tasks", "Task list", lead, reverse("assessments:assessment_edit", args=[draft.pk])),
        Page("section", "Section form", lead, edit),
        Page("save", "Section form: save", lead, edit, "POST", section_form(draft)),
        Page(
            "save_own",
            "Section form: save, a draft a connection",
            lead,
            edit,
            "POST",
            section_form(draft),
            draft_each=True,
        ),
        Page(
            "board", "Quarter board (open)", SPR_LEAD, reverse("assessments:quarter_board_current")
        ),
        Page(
            "board_closed",
            "Quarter board (last closed)",
            SPR_LEAD,
            reverse("assessments:quarter_board", args=[closed.pk]),
        ),
        Page(
            "review",
            "Review",
            SPR_LEAD,
            reverse("assessments:assessment_review", args=[submitted.pk]),
        ),
        Page(
            "history",
            "History",
            SPR_LEAD,
            reverse("assessments:assessment_detail", args=[signed.pk]),
        ),
        Page(
            "compare",
            "Compare versions",
            SPR_LEAD,
            reverse("assessments:assessment_compare", args=[signed.pk]),
        ),
        Page("actions", "Actions register", SPR_LEAD, reverse("assessments:actions_register")),
        Page("reports", "Reports list", "pcc.office", reverse("reports:report_list")),
        Page("report", "Report page", SPR_LEAD, reverse("reports:report_detail", args=[report.pk])),
        Page(
            "pdf",
            "PDF download",
            "pcc.office",
            reverse("reports:report_download", args=[report.pk]),
        ),
        Page(
            "export_board",
            "Export: quarter board, last year (XLSX)",
            SPR_LEAD,
            reverse("assessments:board_export", args=["xlsx"])
            + f"?from={year_ago.pk}&to={closed.pk}",
        ),
        Page(
            "export_actions",
            "Export: actions register (CSV)",
            SPR_LEAD,
            reverse("assessments:actions_export", args=["csv"]),
        ),
        Page("api", "API: signed-off grades", "api", reverse("api-v1:signed_off_grades")),
        # Last, and with two connections: it takes seconds, and the requests wrk abandons at
        # the end of its run would still hold the workers while the next page is measured.
        Page(
            "export_all",
            "Export: quarter board, every quarter (XLSX)",
            SPR_LEAD,
            reverse("assessments:board_export", args=["xlsx"]) + f"?from={first.pk}&to={closed.pk}",
            budgeted=False,
            connections=2,
        ),
    ]


def api_token() -> str:
    from api.services import token_create

    user = get_user_model().objects.get(username=SPR_LEAD)
    _, raw = token_create(name="benchmark", scopes=["read:grades"], expires_in_days=30, actor=user)
    return raw


def signed_in_client(username: str) -> Client:
    """A client signed in as `username`, past the second step where the role needs one."""
    client = Client()
    user = get_user_model().objects.get(username=username)
    client.force_login(user)
    from accounts.second_factor import second_factor_required

    if second_factor_required(user):
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device, _ = TOTPDevice.objects.get_or_create(
            user=user, name="Benchmark", defaults={"confirmed": True}
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def current_revision(assessment_pk: int) -> int:
    return Assessment.objects.values_list("revision", flat=True).get(pk=assessment_pk)


def count_queries(page_list: list[Page], token: str) -> dict[str, int]:
    """SQL queries of one request of each page (after one warm-up request)."""
    clients: dict[str, Client] = {}
    counts = {}
    for page in page_list:
        user = SPR_LEAD if page.user == "api" else page.user
        client = clients.get(user) or clients.setdefault(user, signed_in_client(user))
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if page.user == "api" else {}
        if page.user == "api":
            client = Client()
        for _ in range(2):  # the second is counted: caches warm, as under load
            if page.method == "POST":
                draft = open_drafts()[0]
                data = {**page.form, "revision": str(current_revision(draft.pk))}
                with CaptureQueriesContext(connection) as queries:
                    response = client.post(page.path, data, **headers)
                expected = (302,)
            else:
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(page.path, **headers)
                expected = (200,)
            if response.status_code not in expected:
                raise AssertionError(f"{page.label}: {page.path} answered {response.status_code}")
        counts[page.key] = len(queries)
    return counts


def time_in_process(page_list: list[Page], token: str, repeat: int = 20) -> dict[str, dict]:
    """Where a GET page's time goes, in this process (no HTTP, no other requests): the median
    milliseconds of `repeat` requests, and how much of that was spent waiting for PostgreSQL
    (each cursor.execute timed); the rest is Python: middleware, building the queries and
    the objects, rendering the templates."""
    clients: dict[str, Client] = {}
    found = {}
    for page in page_list:
        if page.method != "GET" or not page.budgeted:
            continue
        user = SPR_LEAD if page.user == "api" else page.user
        if page.user == "api":
            client = Client()
        else:
            client = clients.get(user) or clients.setdefault(user, signed_in_client(user))
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if page.user == "api" else {}
        client.get(page.path, **headers)
        totals, waits = [], []
        for _ in range(repeat):
            waited = [0.0]

            def timed(execute, sql, params, many, context, waited=waited):
                start = time.perf_counter()
                try:
                    return execute(sql, params, many, context)
                finally:
                    waited[0] += time.perf_counter() - start

            start = time.perf_counter()
            with connection.execute_wrapper(timed):
                client.get(page.path, **headers)
            totals.append(time.perf_counter() - start)
            waits.append(waited[0])
        found[page.key] = {
            "ms": statistics.median(totals) * 1000,
            "sql_ms": statistics.median(waits) * 1000,
        }
    return found

"""Time every page of the app for the role that uses it, and count its queries."""

import statistics
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from assessments.models import Assessment, Quarter
from reports.models import BoardReport


def _signed_assessment():
    return Assessment.objects.get(
        threat__slug="terrorism", quarter__financial_year=2015, quarter__number=3
    )


def _published_report():
    return BoardReport.objects.published().order_by("-meeting_date").first()


def _full_history():
    """Every quarter, first to last: the export grows with the data, its queries must not."""
    quarters = Quarter.objects.chronological()
    return {"fmt": "xlsx", "?": f"from={quarters.first().pk}&to={quarters.last().pk}"}


def _api_grades():
    """The API's list of signed-off grades (its first page), with a token of the SPR lead."""
    from django.contrib.auth import get_user_model

    from api.services import token_create

    user = get_user_model().objects.get(username="acc.security")
    _, raw = token_create(name="benchmark", scopes=["read:grades"], expires_in_days=30, actor=user)
    return {"!": {"HTTP_AUTHORIZATION": f"Bearer {raw}"}}


# (label, username, URL name, function giving the URL's kwargs; "?" is a query string, "!"
# request headers)
PAGES = [
    ("Sign in", None, "login", dict),
    ("Home", "acc.security", "home", dict),
    ("My assessments", "lead.ops", "assessments:my_assessments", dict),
    ("Quarter board (open quarter)", "acc.security", "assessments:quarter_board_current", dict),
    (
        "Quarter board (2015/16 Q3)",
        "acc.security",
        "assessments:quarter_board",
        lambda: {"pk": Quarter.objects.get(financial_year=2015, number=3).pk},
    ),
    (
        "Quarter board, chief officer",
        "acc.crime",
        "assessments:quarter_board",
        lambda: {"pk": Quarter.objects.get(financial_year=2015, number=3).pk},
    ),
    (
        "Assessment with history",
        "acc.security",
        "assessments:assessment_detail",
        lambda: {"pk": _signed_assessment().pk},
    ),
    (
        "Compare versions",
        "acc.security",
        "assessments:assessment_compare",
        lambda: {"pk": _signed_assessment().pk},
    ),
    ("Actions register", "acc.security", "assessments:actions_register", dict),
    ("Quarters", "acc.security", "assessments:quarter_list", dict),
    (
        "Self-assessment (read-only)",
        "lead.ctu",
        "assessments:assessment_edit",
        lambda: {"pk": _signed_assessment().pk},
    ),
    ("Board reports", "pcc.office", "reports:report_list", dict),
    (
        "Board report",
        "acc.security",
        "reports:report_detail",
        lambda: {"pk": _published_report().pk},
    ),
    (
        "Board report preview (HTML)",
        "acc.security",
        "reports:report_preview",
        lambda: {"pk": _published_report().pk},
    ),
    (
        "Download PDF (stored)",
        "pcc.office",
        "reports:report_download",
        lambda: {"pk": _published_report().pk},
    ),
    (
        "Download Word (stored)",
        "pcc.office",
        "reports:report_download_docx",
        lambda: {"pk": _published_report().pk},
    ),
    ("Quarter board XLSX, full history", "acc.security", "assessments:board_export", _full_history),
    (
        "Actions register XLSX",
        "acc.security",
        "assessments:actions_export",
        lambda: {"fmt": "xlsx"},
    ),
    ("API: signed-off grades", None, "api-v1:signed_off_grades", _api_grades),
]


def _url(name, kwargs_of):
    try:
        kwargs = kwargs_of()
        query = kwargs.pop("?", "")
        headers = kwargs.pop("!", {})
        return reverse(name, kwargs=kwargs) + (f"?{query}" if query else ""), headers
    except (NoReverseMatch, AttributeError, Assessment.DoesNotExist):
        return None, {}


def measure_all(repeat: int) -> list[dict]:
    clients = {}
    rows = []
    for label, username, name, kwargs_of in PAGES:
        url, headers = _url(name, kwargs_of)
        if url is None:
            print(f"(skipped: {label} – no such page)")
            continue
        if username not in clients:
            client = Client()
            if username:
                from django.contrib.auth import get_user_model

                client.force_login(get_user_model().objects.get(username=username))
            clients[username] = client
        client = clients[username]
        response = client.get(url, **headers)  # warm-up
        assert response.status_code == 200, (label, url, response.status_code)
        times = []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url, **headers)
                times.append((time.perf_counter() - start) * 1000)
        times.sort()
        rows.append(
            {
                "page": label,
                "user": username or ("an API token" if headers else "anonymous"),
                "median_ms": statistics.median(times),
                "p95_ms": times[max(0, int(len(times) * 0.95) - 1)],
                "queries": len(queries),
                "kib": len(response.content) / 1024,
            }
        )
    return rows

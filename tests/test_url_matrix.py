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
from tests.url_expectations import ASSESSMENT, EXPECTED, REPORT

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
    if kind == "set-password link":
        return {"uidb64": "MQ", "token": "made-up-token"}
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

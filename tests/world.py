"""One world for the tests that walk many URLs: the URL × role matrix, the fuzz test and the
second force profile's pages.

It is built once per test module (publishing its report renders a PDF and a Word file, the
dearest thing a test can do), inside a transaction that is rolled back when the module ends.
Each test in the module runs in a savepoint of its own on top of it (pytest-django's `db`),
so every test starts from the same world and leaves nothing behind.

Users, threats and departments carry the same names as the role fixtures of
`tests/conftest.py`, so what a test asserts about "the business lead" means the same here.
"""

import datetime
import hashlib
from contextlib import contextmanager

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from api.services import token_create
from assessments import services
from assessments.models import EvidenceFile
from assessments.services.evidence import evidence_attach
from assessments.services.expectation_setup import expectation_add, measure_add
from assessments.services.recommendations import recommendation_record
from reports.assurance_models import (
    AssuranceStatement,
    RegardKind,
    StatementFile,
    StatementStatus,
)
from reports.frozen import statement_record
from reports.paper.statement import render_statement_docx, render_statement_pdf
from reports.services.regard import regard_record
from spr_portal.roles import Role
from tests import evidence_files
from tests.assessments.lead_support import add_action, submitted, submitted_in
from tests.factories import (
    ChiefOfficerPostFactory,
    DepartmentFactory,
    ImprovementActionFactory,
    QuarterFactory,
    ThreatFactory,
    UserFactory,
)
from tests.reports.support import new_report, publish, sign_off, signed_off_quarter_before
from tests.url_expectations import DRAFT
from threats.force_profile import ForceProfile

PDF = evidence_files.pdf()

# The world's people, by the short names the URL matrix declares its answers with.
ROLES = {
    "bl": ("lead.owner", [Role.BUSINESS_LEAD]),
    "obl": ("lead.other", [Role.BUSINESS_LEAD]),
    # A business lead of a cross-cutting department recorded as contributing to the own
    # department's assessments (not to the other department's).
    "cbl": ("lead.firearms", [Role.BUSINESS_LEAD]),
    "spr": ("acc.security", [Role.SPR_LEAD]),
    "co": ("acc.portfolio", [Role.CHIEF_OFFICER_LEAD]),
    "oco": ("acc.elsewhere", [Role.CHIEF_OFFICER_LEAD]),
    "pcc": ("pcc.office", [Role.POLICING_BODY_OFFICE]),
    "admin": ("it.admin", [Role.ADMINISTRATOR]),
    "none": ("no.role", []),
}


def evidence_upload(name: str = "evidence.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def build_world() -> dict:
    """Own (the business lead's department): a submitted assessment with an action and a file,
    and a draft of a second threat with both; Firearms (`cbl`'s department) contributes to
    both, with text in a section. Other (another department): a signed-off
    assessment with an action and a file, a draft of a second threat with both, and a submitted
    one of a third. A draft board report of the quarter, and a published one of the quarter
    before (when both first threats were signed off)."""
    users = {
        key: UserFactory(username=username, roles=roles, is_staff=key == "admin")
        for key, (username, roles) in ROLES.items()
    }
    own_department = DepartmentFactory(
        name="Public Protection Unit", short_name="PPU", leads=[users["bl"]]
    )
    other_department = DepartmentFactory(name="Force CID", short_name="CID", leads=[users["obl"]])
    firearms = DepartmentFactory(
        name="Firearms", short_name="Firearms", cross_cutting=True, leads=[users["cbl"]]
    )
    quarter = QuarterFactory()
    threat = ThreatFactory(
        name="Child Sexual Abuse",
        slug="child-sexual-abuse",
        owning_department=own_department,
        chief_officer_lead=ChiefOfficerPostFactory(title="ACC Crime", holder=users["co"]),
    )
    other_threat = ThreatFactory(
        name="Serious and Organised Crime",
        slug="serious-organised-crime",
        owning_department=other_department,
        chief_officer_lead=ChiefOfficerPostFactory(title="ACC Other", holder=users["oco"]),
    )
    published = _published_report_of_the_quarter_before(quarter, users, threat, other_threat)

    other = sign_off(threat=other_threat, quarter=quarter, lead=users["obl"], reviewer=users["spr"])
    own = services.assessment_start(threat=threat, quarter=quarter, actor=users["bl"])
    own_action = add_action(own, users["bl"])
    own_file = evidence_attach(
        assessment=own, section="capability", upload=evidence_upload(), actor=users["bl"]
    )
    other_file = EvidenceFile(
        assessment=other,
        section="capability",
        name="other.pdf",
        content_type="application/pdf",
        size=len(PDF),
        sha256="0" * 64,
        uploaded_by=users["obl"],
    )
    other_file.file.save("other.pdf", ContentFile(PDF), save=True)
    drafts = [
        _draft_of(each, quarter, lead)
        for each, lead in ((threat, users["bl"]), (other_threat, users["obl"]))
    ]
    for assessment in (own, drafts[0]["assessments"]):
        _contributed(assessment, users["bl"], firearms, users["cbl"])
    # A line of what the SPR expects for each threat of the quarter (none answered).
    expectations = tuple(
        expectation_add(
            actor=users["admin"],
            threat=each,
            edition=quarter.edition,
            level="local",
            wording="Trained staff to run the force's own response.",
            citation="Force capability plan, 1",
        )
        for each in (threat, other_threat, *(d["assessments"].threat for d in drafts))
    )[:2]
    measures = tuple(
        measure_add(
            actor=users["admin"],
            threat=each,
            name="Public order units available",
            unit="units",
            period="at_quarter_end",
            against="mobilisation plan requirement",
        )
        for each in (threat, other_threat)
    )
    submitted_threat = ThreatFactory(
        added_in=other_threat.added_in,
        owning_department=other_department,
        chief_officer_lead=other_threat.chief_officer_lead,
    )
    tokens = [
        token_create(name="BI", scopes=["read:grades"], expires_in_days=30, actor=lead)[0]
        for lead in (users["bl"], users["obl"])
    ]
    # A stand-in for the own department still to start: on the SPR lead's stand-ins page, and
    # giving nobody any access today.
    starts = timezone.localdate() + datetime.timedelta(days=60)
    stand_in = services.stand_in_name(
        department=own_department,
        person=users["none"],
        starts_on=starts,
        ends_on=starts + datetime.timedelta(days=13),
        reason="The head of department is on leave",
        actor=users["spr"],
    )
    recommendations = tuple(
        recommendation_record(
            actor=users["spr"],
            threats=[each],
            source_report="An inspection of the force's response to the SPR",
            published_on=timezone.localdate() - datetime.timedelta(days=30),
            reference=f"Recommendation {number}",
            text="The force should assess its capacity against the requirement.",
            owner=lead,
            policing_body_must_respond=True,
        )
        for number, (each, lead) in enumerate(
            ((threat, users["bl"]), (other_threat, users["obl"])), start=1
        )
    )
    meetings = _meetings(quarter, published.quarter, users, threat, other_threat)
    report_draft = new_report(quarter, users["spr"])
    question = regard_record(
        report=published, actor=users["pcc"], kind=RegardKind.QUESTION, text="Why?"
    )
    return {
        "users": users,
        "quarter": quarter,
        # Each concerning one department's threat, owned by its business lead.
        "recommendations": recommendations,
        # The quarter's meeting (a draft record, an action on each threat: the own one owned
        # by `bl`, the other by `obl`) and the meeting of the quarter before.
        "meetings": meetings["meetings"],
        "meeting_actions": meetings["actions"],
        # The policing body's question on the published paper, unanswered (the URL matrix
        # asks for it through the draft too: a 404).
        "regard": (report_draft, published),
        "question": question,
        "statements": _statements(users["pcc"]),
        "threats": (threat, other_threat),
        "assessments": (submitted(own, users["bl"]), other),
        "actions": (own_action, ImprovementActionFactory(threat=other_threat, raised_in=other)),
        "reports": (report_draft, published),
        "files": (own_file, other_file),
        "tokens": tuple(tokens),
        "stand_in": stand_in,
        # A line of what the SPR expects of each department's threat (the set-up page's).
        "expectations": expectations,
        "measures": measures,
        # Each department's draft of a second threat, with an action and a file: the URL
        # matrix's answers "on a draft" (tests/url_expectations.py) and the fuzz test's forms.
        DRAFT: {key: tuple(draft[key] for draft in drafts) for key in drafts[0]},
        # The other department's submission of a third threat, for the reviewer's forms.
        "submitted": submitted_in(submitted_threat, quarter, users["obl"]),
    }


def _statements(office) -> tuple:
    """An annual assurance statement in draft (2010/11) and a published one (2011/12) with its
    stored files, made directly (no four quarters needed): the services have their own
    tests."""
    force = ForceProfile.current()  # the profile saved before the world is built
    words = {"force_name": force.force_name, "body_name": force.body_name}
    draft = AssuranceStatement.objects.create(financial_year=2010, created_by=office, **words)
    published = AssuranceStatement(
        financial_year=2011,
        **words,
        created_by=office,
        status=StatementStatus.PUBLISHED,
        published_at=timezone.now(),
        published_by=office,
    )
    published.published_record = statement_record(published)
    published.save()
    # Its real files, which the pages that read every paper open (one render each).
    files = (
        ("pdf", render_statement_pdf(published).content),
        ("docx", render_statement_docx(published).content),
    )
    for kind, content in files:
        StatementFile.objects.create(
            statement=published,
            kind=kind,
            content=content,
            sha256=hashlib.sha256(content).hexdigest(),
            size=len(content),
            rendered_at=published.published_at,
        )
    return draft, published


def _draft_of(threat, quarter, lead) -> dict:
    """A draft of a second threat of `threat`'s department and chief officer lead."""
    second = ThreatFactory(
        added_in=threat.added_in,
        owning_department=threat.owning_department,
        chief_officer_lead=threat.chief_officer_lead,
    )
    draft = services.assessment_start(threat=second, quarter=quarter, actor=lead)
    return {
        "assessments": draft,
        "actions": add_action(draft, lead),
        "files": evidence_attach(
            assessment=draft, section="capability", upload=evidence_upload(), actor=lead
        ),
    }


def _contributed(assessment, owner, department, contributor) -> None:
    """`department` recorded as contributing to `assessment`, with its text in a section."""
    assessment.refresh_from_db()
    services.assessment_contributors_set(
        assessment=assessment, actor=owner, departments=[department], revision=assessment.revision
    )
    services.contribution_save(
        assessment=assessment,
        actor=contributor,
        department=department,
        section="capability",
        text="Firearms trained two more teams with the unit this quarter.",
        revision=0,
    )
    assessment.refresh_from_db()


def _meetings(quarter, earlier, users, threat, other_threat) -> dict:
    from assessments.services import meetings as meeting_services

    spr = users["spr"]
    this = meeting_services.meeting_create(quarter=quarter, actor=spr)
    before = meeting_services.meeting_create(quarter=earlier, actor=spr)
    actions = tuple(
        meeting_services.meeting_action_raise(
            meeting=this,
            actor=spr,
            threat=each,
            description="Exercise the mobilisation plan with the region",
            owner_user=owner,
            due_date=quarter.end_date + datetime.timedelta(days=90),
        )
        for each, owner in ((threat, users["bl"]), (other_threat, users["obl"]))
    )
    this.refresh_from_db()
    return {"meetings": (this, before), "actions": actions}


def _published_report_of_the_quarter_before(quarter, users, *threats):
    leads = zip(threats, (users["bl"], users["obl"]), strict=True)
    earlier = signed_off_quarter_before(quarter, leads=leads, reviewer=users["spr"])
    return publish(report=new_report(earlier, users["spr"]), actor=users["spr"])


@contextmanager
def kept_for_module(django_db_blocker, media_root):
    """A transaction for rows a whole test module shares, rolled back when the module ends
    (the tests' own savepoints sit on top of it); the demo force speaks until a test saves
    another profile."""
    from tests.conftest import FAST_HASHERS, demo_profile

    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS, MEDIA_ROOT=media_root),
        pytest.MonkeyPatch.context() as patch,
    ):
        patch.setattr(*demo_profile())
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield patch
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@contextmanager
def world_for_module(django_db_blocker, media_root, *, before=None):
    """The world, built once and rolled back at the end; `before` runs first (in the same
    transaction), e.g. to save another force's profile."""
    with kept_for_module(django_db_blocker, media_root):
        if before:
            before()
        yield build_world()

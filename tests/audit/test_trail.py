"""Every service write leaves exactly one audit row, in its transaction, saying who, what,
old → new and why; sign-ins are recorded; and nothing can change or remove a row."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from assessments import services
from assessments.models import AssessmentSnapshot
from assessments.workflow import TransitionNotAllowed
from audit.models import AppendOnly, AuditAction, AuditEvent
from reports.models import PublishedPdf
from reports.services import report_correct, report_section_update, report_update
from tests.assessments.lead_support import complete
from tests.databases import postgresql_only
from tests.factories import TEST_PASSWORD, QuarterFactory
from tests.reports.support import new_report, publish

pytestmark = pytest.mark.django_db


def _rows():
    return list(AuditEvent.objects.order_by("pk"))


def _only_new(before: int) -> AuditEvent:
    rows = _rows()[before:]
    assert len(rows) == 1, [r.get_action_display() for r in rows]
    return rows[0]


def test_the_assessment_workflow_is_on_the_trail_with_old_and_new(
    threat, quarter, business_lead, spr_lead
):
    assessment = services.assessment_start(threat=threat, quarter=quarter, actor=business_lead)
    started = _only_new(0)
    assert (started.action, started.actor, started.threat, started.quarter) == (
        AuditAction.ASSESSMENT_STARTED,
        business_lead,
        threat,
        quarter,
    )
    assert started.object_type == "assessment" and started.object_id == assessment.pk

    count = AuditEvent.objects.count()
    assessment = services.assessment_save_draft(
        assessment=assessment,
        actor=business_lead,
        data={"capability_grade": 4, "risks": "Staff turnover in the unit."},
        revision=assessment.revision,
    )
    saved = _only_new(count)
    assert saved.action == AuditAction.ASSESSMENT_SAVED
    assert "Capability grade: (empty) → Good" in saved.summary
    assert "Risks: (empty) → Staff turnover in the unit." in saved.summary

    assessment = complete(assessment, business_lead)
    count = AuditEvent.objects.count()
    long_text = "A much longer narrative about regional capacity. " * 5
    assessment = services.assessment_save_draft(
        assessment=assessment,
        actor=business_lead,
        data={"capacity_regional_narrative": long_text},
        revision=assessment.revision,
    )
    assert _only_new(count).summary == "Capacity – regional narrative changed"  # not the text

    count = AuditEvent.objects.count()
    assessment = services.assessment_submit(assessment=assessment, actor=business_lead)
    assert _only_new(count).summary.startswith("Draft → Submitted; version 1, SHA-256 ")

    count = AuditEvent.objects.count()
    assessment = services.assessment_return(
        assessment=assessment, actor=spr_lead, comment="Give the local numbers."
    )
    returned = _only_new(count)
    assert (returned.action, returned.actor, returned.reason) == (
        AuditAction.ASSESSMENT_RETURNED,
        spr_lead,
        "Give the local numbers.",
    )

    assessment = services.assessment_submit(assessment=assessment, actor=business_lead)
    count = AuditEvent.objects.count()
    assessment = services.assessment_sign_off(assessment=assessment, actor=spr_lead)
    signed = _only_new(count)
    assert signed.summary.endswith(assessment.signed_snapshot.fingerprint)

    count = AuditEvent.objects.count()
    services.assessment_reopen(assessment=assessment, actor=spr_lead, reason="Wrong grade.")
    reopened = _only_new(count)
    assert (reopened.action, reopened.reason) == (AuditAction.ASSESSMENT_REOPENED, "Wrong grade.")


def test_a_refused_write_leaves_no_row(draft, business_lead, spr_lead):
    count = AuditEvent.objects.count()
    with pytest.raises(ValidationError):
        services.assessment_submit(assessment=draft, actor=business_lead)  # incomplete
    with pytest.raises(TransitionNotAllowed):
        services.assessment_reopen(assessment=draft, actor=spr_lead, reason="x")  # not signed
    assert AuditEvent.objects.count() == count


def test_improvement_actions_are_on_the_trail(draft, business_lead):
    count = AuditEvent.objects.count()
    action = services.action_add(
        assessment=draft,
        actor=business_lead,
        description="Train the local teams.",
        owner="DCI PPU",
        due_date=datetime.date(2016, 6, 30),
    )
    added = _only_new(count)
    assert (added.action, added.object_type, added.summary) == (
        AuditAction.ACTION_ADDED,
        "improvement action",
        "Owner DCI PPU, due 30 June 2016",
    )
    count = AuditEvent.objects.count()
    services.action_update(assessment=draft, action=action, actor=business_lead, owner="DI PPU")
    assert _only_new(count).summary == "Owner: DCI PPU → DI PPU"
    count = AuditEvent.objects.count()
    services.action_close(assessment=draft, action=action, actor=business_lead)
    assert _only_new(count).summary == "Status: Open → Closed"


def test_board_report_writes_are_on_the_trail(signed_quarter, spr_lead):
    count = AuditEvent.objects.count()
    report = new_report(signed_quarter, spr_lead)
    assert _only_new(count).action == AuditAction.REPORT_CREATED

    count = AuditEvent.objects.count()
    report = report_update(
        report=report, actor=spr_lead, data={"agenda_item": "9"}, revision=report.revision
    )
    assert _only_new(count).summary.endswith("→ 9")

    count = AuditEvent.objects.count()
    section = report.threat_sections.first()
    report_section_update(section=section, actor=spr_lead, body="New.", revision=report.revision)
    assert _only_new(count).summary == f"Summary of {section.threat.name} changed"

    report.refresh_from_db()
    count = AuditEvent.objects.count()
    report = publish(report=report, actor=spr_lead)
    published = _only_new(count)
    assert published.action == AuditAction.REPORT_PUBLISHED
    assert published.summary.endswith(report.pdf.sha256)

    count = AuditEvent.objects.count()
    report_correct(report=report, actor=spr_lead, note="A wrong date.")
    correction = _only_new(count)
    assert (correction.action, correction.reason) == (
        AuditAction.REPORT_CORRECTION_STARTED,
        "A wrong date.",
    )


def test_sign_in_failure_and_sign_out_are_recorded_with_the_address(client, spr_lead):
    login = reverse("login")
    client.post(login, {"username": "acc.security", "password": "wrong"})
    client.post(login, {"username": "nobody.known", "password": "wrong"})
    client.post(login, {"username": "acc.security", "password": TEST_PASSWORD})
    client.post(reverse("logout"))
    rows = [(r.action, r.actor, r.actor_name, r.ip_address) for r in _rows()]
    assert rows == [
        (AuditAction.SIGN_IN_FAILED, spr_lead, "acc.security", "127.0.0.1"),
        (AuditAction.SIGN_IN_FAILED, None, "nobody.known", "127.0.0.1"),
        (AuditAction.SIGNED_IN, spr_lead, "acc.security", "127.0.0.1"),
        (AuditAction.SIGNED_OUT, spr_lead, "acc.security", "127.0.0.1"),
    ]


def test_the_application_never_changes_or_removes_a_row(draft):
    row = AuditEvent.objects.get()
    row.summary = "Rewritten."
    with pytest.raises(AppendOnly):
        row.save()
    with pytest.raises(AppendOnly):
        row.delete()
    with pytest.raises(AppendOnly):
        AuditEvent.objects.filter(pk=row.pk).update(summary="Rewritten.")
    with pytest.raises(AppendOnly):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get().summary == "Not started → Draft"


def _raw(sql: str, params) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@postgresql_only
def test_the_database_refuses_to_rewrite_history(signed_quarter, spr_lead):
    """On PostgreSQL (production) triggers refuse even raw SQL, beyond the application's own
    refusals (above)."""
    report = publish(report=new_report(signed_quarter, spr_lead), actor=spr_lead)
    snapshot = AssessmentSnapshot.objects.first()
    row = AuditEvent.objects.first()
    statements = [
        ("UPDATE audit_auditevent SET summary = %s WHERE id = %s", ["x", row.pk]),
        ("DELETE FROM audit_auditevent WHERE id = %s", [row.pk]),
        (
            "UPDATE assessments_assessmentsnapshot SET fingerprint = %s WHERE id = %s",
            ["0" * 64, snapshot.pk],
        ),
        ("UPDATE reports_publishedpdf SET sha256 = %s WHERE id = %s", ["0" * 64, report.pdf.pk]),
        ("DELETE FROM reports_publishedpdf WHERE id = %s", [report.pdf.pk]),
    ]
    for sql, params in statements:
        with pytest.raises(IntegrityError, match="append-only"):
            _raw(sql, params)
    assert AuditEvent.objects.filter(pk=row.pk, summary=row.summary).exists()
    assert PublishedPdf.objects.filter(sha256=report.pdf.sha256).exists()
    # A snapshot's timestamp is not evidence: the demo dates its history in its quarter.
    _raw(
        "UPDATE assessments_assessmentsnapshot SET created_at = %s WHERE id = %s",
        [datetime.datetime(2016, 1, 1, tzinfo=datetime.UTC), snapshot.pk],
    )
    snapshot.refresh_from_db()
    assert snapshot.created_at == datetime.datetime(2016, 1, 1, tzinfo=datetime.UTC)


def test_only_one_quarter_can_be_open_even_outside_the_services(quarter):
    assert quarter.is_open
    with pytest.raises(IntegrityError), transaction.atomic():
        QuarterFactory(financial_year=2016, number=1, is_open=True)


def test_a_refused_page_and_a_forged_form_are_recorded(client, business_lead):
    client.force_login(business_lead)
    assert client.get(reverse("audit:audit_log"), {"page": "2"}).status_code == 403
    refused = AuditEvent.objects.filter(action=AuditAction.ACCESS_REFUSED).get()
    assert (refused.actor, refused.summary, refused.ip_address) == (
        business_lead,
        "GET /audit/?page=2",
        "127.0.0.1",
    )
    assert refused.reason.startswith("The audit log is for the SPR lead")

    from django.test import Client

    forger = Client(enforce_csrf_checks=True)
    assert forger.post(reverse("login"), {"username": "x", "password": "y"}).status_code == 403
    forged = AuditEvent.objects.filter(action=AuditAction.ACCESS_REFUSED).latest("pk")
    assert (forged.actor, forged.actor_name, forged.summary) == (
        None,
        "(not signed in)",
        "POST /accounts/login/",
    )
    assert forged.reason.startswith("Cross-site request forgery check failed")

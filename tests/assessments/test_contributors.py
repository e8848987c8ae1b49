"""Contributing departments per threat and quarter: set by the threat's business lead or the
SPR lead while the quarter is open, audited, shown on the assessment and the board, and the
only source of what the board report says about contributors."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from assessments import services
from audit.models import AuditAction, AuditEvent
from reports.paper.drafting import draft_text
from reports.paper.pdf import render_report_pdf
from spr_portal.concurrency import ConcurrentEdit
from tests.factories import DepartmentFactory
from tests.reports.support import new_report, pdf_pages_text, sign_off

pytestmark = pytest.mark.django_db

SENTENCE = "Most recently this has included"


@pytest.fixture
def firearms(db):
    return DepartmentFactory(name="Firearms", short_name="Firearms", cross_cutting=True)


@pytest.fixture
def rocu(db):
    return DepartmentFactory(name="Regional Organised Crime Unit", short_name="ROCU")


@pytest.fixture
def draft(threat, quarter, business_lead):
    return services.assessment_start(threat=threat, quarter=quarter, actor=business_lead)


def _set(assessment, actor, *departments):
    assessment.refresh_from_db()
    return services.assessment_contributors_set(
        assessment=assessment, actor=actor, departments=departments, revision=assessment.revision
    )


def test_the_business_lead_sets_them_and_the_change_is_audited(draft, business_lead, firearms):
    _set(draft, business_lead, firearms)
    assert list(draft.contributing_departments.all()) == [firearms]
    event = AuditEvent.objects.get(action=AuditAction.CONTRIBUTORS_SET)
    assert event.actor == business_lead and event.threat_id == draft.threat_id
    assert event.summary == "Contributing departments: none → Firearms"


def test_the_spr_lead_sets_them_on_a_signed_off_assessment(
    threat, quarter, business_lead, spr_lead, firearms, rocu
):
    signed = sign_off(threat=threat, quarter=quarter, lead=business_lead, reviewer=spr_lead)
    fingerprint = signed.signed_snapshot.fingerprint
    _set(signed, spr_lead, firearms, rocu)
    signed.refresh_from_db()
    assert set(signed.contributing_departments.all()) == {firearms, rocu}
    assert signed.signed_snapshot.fingerprint == fingerprint  # not part of what was signed


def test_others_may_not_and_a_closed_quarter_refuses(
    draft, other_business_lead, chief_officer, pcc_office, spr_lead, firearms
):
    for someone in (other_business_lead, chief_officer, pcc_office):
        with pytest.raises(PermissionDenied):
            _set(draft, someone, firearms)
    draft.quarter.is_open = False
    draft.quarter.save()
    with pytest.raises(ValidationError, match="closed"):
        _set(draft, spr_lead, firearms)
    assert not draft.contributing_departments.exists()


def test_the_owning_department_is_not_a_contributor_and_stale_pages_are_refused(
    draft, business_lead, department, firearms
):
    with pytest.raises(ValidationError):
        _set(draft, business_lead, department)
    stale = draft.revision
    _set(draft, business_lead, firearms)
    with pytest.raises(ConcurrentEdit):
        services.assessment_contributors_set(
            assessment=draft, actor=business_lead, departments=[], revision=stale
        )


def test_the_page_saves_and_the_assessment_and_board_show_them(
    client, draft, business_lead, spr_lead, firearms
):
    client.force_login(business_lead)
    url = reverse("assessments:assessment_contributors", args=[draft.pk])
    page = client.get(url)
    assert "Firearms" in page.content.decode()
    response = client.post(url, {"departments": [firearms.pk], "revision": draft.revision})
    assert response.status_code == 302
    task_list = client.get(reverse("assessments:assessment_edit", args=[draft.pk])).content
    assert b"Contributing departments" in task_list and b"Firearms" in task_list
    client.force_login(spr_lead)
    detail = client.get(reverse("assessments:assessment_detail", args=[draft.pk])).content
    assert b"Firearms" in detail
    board = client.get(reverse("assessments:quarter_board_current")).content.decode()
    assert "With Firearms" in board


def test_a_bad_choice_shows_the_error_summary(client, draft, business_lead):
    client.force_login(business_lead)
    url = reverse("assessments:assessment_contributors", args=[draft.pk])
    response = client.post(url, {"departments": ["999999"], "revision": draft.revision})
    assert response.status_code == 200
    assert b"govuk-error-summary" in response.content
    assert b"Choose departments from the list" in response.content


def test_the_paper_names_contributors_only_when_set(
    signed_quarter, threat, spr_lead, firearms, rocu
):
    def closing():
        return draft_text(
            quarter=signed_quarter,
            meeting_date=datetime.date(2016, 4, 12),
            previous_report=None,
            board_name="the board",
            actor=spr_lead,
        )["summary_closing"]

    assert closing() == ""  # cross-cutting departments exist, but none is recorded
    report = new_report(signed_quarter, spr_lead)
    text = " ".join(pdf_pages_text(render_report_pdf(report).content))
    assert SENTENCE not in text and "Firearms" not in text

    assessment = threat.assessments.get(quarter=signed_quarter)
    _set(assessment, spr_lead, firearms, rocu)
    assert closing().endswith(f"{SENTENCE} Firearms and Regional Organised Crime Unit.")
    report = new_report(signed_quarter, spr_lead, meeting_date=datetime.date(2016, 5, 10))
    text = " ".join(" ".join(pdf_pages_text(render_report_pdf(report).content)).split())
    assert SENTENCE in text
    assert "Contributing departments" in text  # the annex's sign-off table


def test_a_stale_page_is_refused_with_what_is_saved_now(client, draft, business_lead, firearms):
    client.force_login(business_lead)
    url = reverse("assessments:assessment_contributors", args=[draft.pk])
    stale = draft.revision
    _set(draft, business_lead, firearms)
    response = client.post(url, {"departments": [], "revision": stale})
    assert response.status_code == 200
    assert b"Someone else changed this self-assessment" in response.content
    assert list(draft.contributing_departments.all()) == [firearms]

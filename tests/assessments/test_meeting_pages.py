"""The meeting's pages: bad input shown with the GOV.UK error summary and nothing lost,
access by role (business leads their own threats only), the owner's update, endorsement
within the portfolio, and the minutes' downloads."""

import datetime
import hashlib

import pytest
from django.urls import reverse

from assessments.choices import ActionStatus, Status
from assessments.models import ImprovementAction, Meeting
from assessments.models.meetings import Decision
from assessments.services import meetings as svc
from tests.factories import AssessmentFactory, QuarterFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(quarter, threat):
    return AssessmentFactory(threat=threat, quarter=quarter, submitted=True)


@pytest.fixture
def other_submitted(quarter, other_threat):
    return AssessmentFactory(threat=other_threat, quarter=quarter, submitted=True)


@pytest.fixture
def meeting(quarter, spr_lead, submitted, other_submitted):
    return svc.meeting_create(quarter=quarter, actor=spr_lead)


def test_spr_lead_records_the_meeting_from_the_list(client, quarter, spr_lead):
    client.force_login(spr_lead)
    page = client.get(reverse("assessments:meeting_list"))
    assert "Record the meeting" in page.content.decode()
    response = client.post(reverse("assessments:meeting_create", kwargs={"quarter_id": quarter.pk}))
    meeting = Meeting.objects.get(quarter=quarter)
    assert response.status_code == 302 and meeting.held_on == quarter.meeting_date


def test_attendance_without_a_name_keeps_what_was_typed(client, meeting, spr_lead):
    client.force_login(spr_lead)
    response = client.post(
        reverse("assessments:meeting_attendee", kwargs={"pk": meeting.pk}),
        {"attendance": "present", "user": "", "name": "", "post": "Regional coordinator"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in body and "Enter the person" in body
    assert 'value="Regional coordinator"' in body


def test_decision_page_refuses_a_stale_sign_off_and_keeps_the_rationale(
    client, meeting, submitted, spr_lead
):
    client.force_login(spr_lead)
    url = reverse(
        "assessments:meeting_decide", kwargs={"pk": meeting.pk, "threat_id": submitted.threat_id}
    )
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "threat": submitted.threat_id,
            "decision": Decision.SIGNED_OFF,
            "rationale": "Sound evidence",
            "revision": submitted.revision - 1,
        },
    )
    body = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in body
    assert "Sound evidence" in body
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED
    response = client.post(
        url,
        {
            "threat": submitted.threat_id,
            "decision": Decision.SIGNED_OFF,
            "rationale": "Sound evidence",
            "revision": submitted.revision,
        },
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Status.SIGNED_OFF


def test_action_with_a_bad_date_is_refused_with_the_summary(
    client, meeting, submitted, spr_lead, business_lead
):
    client.force_login(spr_lead)
    response = client.post(
        reverse("assessments:meeting_action", kwargs={"pk": meeting.pk}),
        {
            "threat": submitted.threat_id,
            "description": "Exercise the plan",
            "owner_user": business_lead.pk,
            "due_date_0": "31",
            "due_date_1": "2",
            "due_date_2": "2016",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in body
    assert "Exercise the plan" in body
    assert not ImprovementAction.objects.exists()


def test_business_leads_read_their_own_threats_decisions_only(
    client, meeting, submitted, other_submitted, spr_lead, business_lead
):
    svc.decision_record(
        meeting=meeting,
        actor=spr_lead,
        threat=submitted.threat,
        decision=Decision.DEFERRED,
        rationale="Own reason",
    )
    svc.decision_record(
        meeting=meeting,
        actor=spr_lead,
        threat=other_submitted.threat,
        decision=Decision.DEFERRED,
        rationale="Other reason",
    )
    client.force_login(business_lead)
    body = client.get(reverse("assessments:meeting", kwargs={"pk": meeting.pk})).content.decode()
    assert "Own reason" in body and "Other reason" not in body
    assert "Record attendance" not in body
    assert client.get(reverse("reports:minutes_pdf", kwargs={"pk": meeting.pk})).status_code == 403


def test_the_owner_closes_the_action_and_nobody_else_may(
    client, meeting, submitted, spr_lead, business_lead, other_business_lead
):
    action = svc.meeting_action_raise(
        meeting=meeting,
        actor=spr_lead,
        threat=submitted.threat,
        description="Brief the team",
        owner_user=business_lead,
        due_date=datetime.date(2016, 6, 30),
    )
    url = reverse("assessments:meeting_action_update", kwargs={"pk": action.pk})
    client.force_login(other_business_lead)
    assert client.get(url).status_code == 404
    client.force_login(business_lead)
    assert "Brief the team" in client.get(reverse("assessments:meeting_list")).content.decode()
    response = client.post(
        url, {"status": ActionStatus.CLOSED, "progress_note": "Done", "revision": action.revision}
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.CLOSED and action.progress_note == "Done"
    # A second tab at the old revision is refused, its note kept.
    response = client.post(
        url,
        {"status": ActionStatus.OPEN, "progress_note": "Reopen?", "revision": action.revision - 1},
    )
    assert response.status_code == 200 and "Reopen?" in response.content.decode()


def test_endorsement_within_the_portfolio_shows_on_the_board(
    client, quarter, submitted, other_submitted, chief_officer
):
    client.force_login(chief_officer)
    other = reverse("assessments:assessment_endorse", kwargs={"pk": other_submitted.pk})
    assert client.get(other).status_code == 404
    own = reverse("assessments:assessment_endorse", kwargs={"pk": submitted.pk})
    assert client.post(own, {"revision": submitted.revision}).status_code == 302
    board = client.get(reverse("assessments:quarter_board", kwargs={"pk": quarter.pk}))
    assert "Endorsed by" in board.content.decode()


def test_minutes_download_and_approval_serve_the_frozen_bytes(
    client, meeting, quarter, spr_lead, chief_officer
):
    earlier_quarter = QuarterFactory(
        financial_year=2016,
        number=1,
        edition=quarter.edition,
        is_open=False,
        submission_deadline=datetime.date(2016, 6, 10),
        meeting_date=datetime.date(2016, 6, 20),
    )
    client.force_login(spr_lead)
    draft = client.get(reverse("reports:minutes_pdf", kwargs={"pk": meeting.pk}))
    assert draft.status_code == 200 and draft.content.startswith(b"%PDF")
    later = svc.meeting_create(quarter=earlier_quarter, actor=spr_lead)
    page = client.get(reverse("assessments:meeting", kwargs={"pk": later.pk})).content.decode()
    assert "Approve the 2015/16 Q4 minutes" in page
    response = client.post(
        reverse("reports:minutes_approve", kwargs={"pk": meeting.pk}),
        {"revision": meeting.revision},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.is_approved
    client.force_login(chief_officer)
    pdf = client.get(reverse("reports:minutes_pdf", kwargs={"pk": meeting.pk}))
    word = client.get(reverse("reports:minutes_docx", kwargs={"pk": meeting.pk}))
    assert hashlib.sha256(pdf.content).hexdigest() == meeting.approved_files.pdf_sha256
    assert hashlib.sha256(word.content).hexdigest() == meeting.approved_files.docx_sha256
    assert pdf["ETag"] == f'"{meeting.approved_files.pdf_sha256}"'

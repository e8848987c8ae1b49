"""Closing a quarter and late submissions: the rules (services) and the deadline signals."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from assessments import services
from assessments.choices import Status
from assessments.deadlines import deadline_signal
from assessments.models import Assessment, LateSubmissionGrant
from assessments.models.records import WorkflowAction
from assessments.workflow import TransitionNotAllowed, may_act
from audit.models import AuditAction, AuditEvent
from tests.factories import complete_content

pytestmark = pytest.mark.django_db

# A late submission's deadline: a day in the future (each grant has one).
SOON = timezone.localdate() + datetime.timedelta(days=14)


def _filled(assessment, lead):
    return services.assessment_save_draft(
        assessment=assessment, actor=lead, data=complete_content(), revision=assessment.revision
    )


def _close(quarter, spr_lead):
    services.quarter_close(quarter=quarter, actor=spr_lead)
    quarter.refresh_from_db()


def test_after_closing_a_business_lead_can_neither_start_nor_submit(
    draft, other_threat, quarter, business_lead, other_business_lead, spr_lead
):
    draft = _filled(draft, business_lead)
    _close(quarter, spr_lead)
    with pytest.raises(TransitionNotAllowed, match="closed to submissions"):
        services.assessment_submit(assessment=draft, actor=business_lead)
    with pytest.raises(ValidationError, match="closed to submissions"):
        services.assessment_start(threat=other_threat, quarter=quarter, actor=other_business_lead)
    fresh = Assessment.objects.get(pk=draft.pk)
    assert not may_act(WorkflowAction.SUBMITTED, fresh, business_lead)


def test_after_closing_what_was_submitted_can_still_be_returned_and_signed_off(
    draft, threat, quarter, business_lead, spr_lead
):
    submitted = services.assessment_submit(
        assessment=_filled(draft, business_lead), actor=business_lead
    )
    _close(quarter, spr_lead)
    returned = services.assessment_return(assessment=submitted, actor=spr_lead, comment="More.")
    assert returned.status == Status.RETURNED
    # Returned after closing: resubmitting needs a late submission too.
    with pytest.raises(TransitionNotAllowed):
        services.assessment_submit(assessment=returned, actor=business_lead)
    services.late_submission_grant(
        deadline=SOON,
        quarter=quarter,
        threat=threat,
        reason="Returned at the meeting",
        actor=spr_lead,
    )
    resubmitted = services.assessment_submit(assessment=returned, actor=business_lead)
    signed = services.assessment_sign_off(assessment=resubmitted, actor=spr_lead)
    assert signed.status == Status.SIGNED_OFF


def test_a_granted_threat_may_start_and_submit_late_and_the_grant_is_recorded(
    threat, other_threat, quarter, business_lead, other_business_lead, spr_lead
):
    _close(quarter, spr_lead)
    grant = services.late_submission_grant(
        deadline=SOON,
        quarter=quarter,
        threat=threat,
        reason="Lead on a national deployment",
        actor=spr_lead,
    )
    assert (grant.granted_by, grant.reason) == (spr_lead, "Lead on a national deployment")
    assert grant.granted_at is not None
    audited = AuditEvent.objects.get(action=AuditAction.LATE_SUBMISSION_GRANTED)
    assert (audited.actor, audited.threat, audited.quarter, audited.reason) == (
        spr_lead,
        threat,
        quarter,
        "Lead on a national deployment",
    )
    started = services.assessment_start(threat=threat, quarter=quarter, actor=business_lead)
    submitted = services.assessment_submit(
        assessment=_filled(started, business_lead), actor=business_lead
    )
    assert submitted.status == Status.SUBMITTED
    # The grant is for that threat only.
    with pytest.raises(ValidationError):
        services.assessment_start(threat=other_threat, quarter=quarter, actor=other_business_lead)


def test_a_grant_needs_the_spr_lead_a_reason_a_closed_quarter_and_an_unsubmitted_threat(
    draft, threat, quarter, business_lead, spr_lead, chief_officer
):
    with pytest.raises(ValidationError, match="still open"):
        services.late_submission_grant(
            deadline=SOON, quarter=quarter, threat=threat, reason="x", actor=spr_lead
        )
    _close(quarter, spr_lead)
    with pytest.raises(PermissionDenied):
        services.late_submission_grant(
            deadline=SOON, quarter=quarter, threat=threat, reason="x", actor=business_lead
        )
    with pytest.raises(PermissionDenied):
        services.late_submission_grant(
            deadline=SOON, quarter=quarter, threat=threat, reason="x", actor=chief_officer
        )
    with pytest.raises(ValidationError, match="Enter why"):
        services.late_submission_grant(
            deadline=SOON, quarter=quarter, threat=threat, reason="  ", actor=spr_lead
        )
    services.late_submission_grant(
        deadline=SOON, quarter=quarter, threat=threat, reason="Once", actor=spr_lead
    )
    with pytest.raises(ValidationError, match="already has a late submission"):
        services.late_submission_grant(
            deadline=SOON, quarter=quarter, threat=threat, reason="Twice", actor=spr_lead
        )
    assert LateSubmissionGrant.objects.count() == 1


def test_a_submitted_threat_needs_no_grant(draft, threat, quarter, business_lead, spr_lead):
    services.assessment_submit(assessment=_filled(draft, business_lead), actor=business_lead)
    _close(quarter, spr_lead)
    with pytest.raises(ValidationError, match="already submitted"):
        services.late_submission_grant(
            deadline=SOON, quarter=quarter, threat=threat, reason="x", actor=spr_lead
        )


def test_grants_are_seen_by_the_spr_lead_and_the_owning_lead_only(
    threat, quarter, spr_lead, business_lead, other_business_lead, chief_officer, pcc_office
):
    _close(quarter, spr_lead)
    services.late_submission_grant(
        deadline=SOON, quarter=quarter, threat=threat, reason="x", actor=spr_lead
    )
    seen = {
        user.username: LateSubmissionGrant.objects.visible_to(user).count()
        for user in (spr_lead, business_lead, other_business_lead, chief_officer, pcc_office)
    }
    assert seen == {
        spr_lead.username: 1,
        business_lead.username: 1,
        other_business_lead.username: 0,
        chief_officer.username: 0,
        pcc_office.username: 0,
    }


# Deadline signals. The quarter fixture's deadline is 11 March 2016.
@pytest.mark.parametrize(
    ("status", "on", "key", "text"),
    [
        (None, datetime.date(2016, 2, 20), "due", "Due 11 March 2016"),
        (Status.DRAFT, datetime.date(2016, 3, 4), "due_soon", "Due soon: 11 March 2016"),
        (Status.RETURNED, datetime.date(2016, 3, 11), "due_soon", "Due soon: 11 March 2016"),
        (None, datetime.date(2016, 3, 12), "overdue", "Overdue: was due 11 March 2016"),
        (Status.DRAFT, datetime.date(2016, 4, 1), "overdue", "Overdue: was due 11 March 2016"),
    ],
)
def test_deadline_signals_before_submission(quarter, status, on, key, text):
    signal = deadline_signal(quarter, status, None, on=on)
    assert (signal.key, signal.text) == (key, text)


def test_a_submission_after_the_deadline_is_marked_late_with_its_date(quarter):
    late = timezone.make_aware(datetime.datetime(2016, 3, 14, 10, 0))
    on_time = timezone.make_aware(datetime.datetime(2016, 3, 11, 17, 0))
    signal = deadline_signal(quarter, Status.SUBMITTED, late, on=datetime.date(2016, 3, 20))
    assert (signal.key, signal.text) == ("late", "Submitted late on 14 March 2016")
    signed_late = deadline_signal(quarter, Status.SIGNED_OFF, late, on=datetime.date(2016, 5, 1))
    assert signed_late.text == "Submitted late on 14 March 2016"
    assert deadline_signal(quarter, Status.SUBMITTED, on_time, on=datetime.date(2016, 5, 1)) is None


def test_the_review_page_and_my_assessments_say_when_work_is_late_or_overdue(
    client, draft, threat, quarter, business_lead, spr_lead
):
    from django.urls import reverse

    client.force_login(business_lead)
    mine = client.get(reverse("assessments:my_assessments")).content.decode()
    assert "Overdue: was due 11 March 2016" in mine  # today is long after March 2016
    submitted = services.assessment_submit(
        assessment=_filled(draft, business_lead), actor=business_lead
    )
    client.force_login(spr_lead)
    review = client.get(reverse("assessments:assessment_review", kwargs={"pk": submitted.pk}))
    day = timezone.localdate().strftime("%-d %B %Y")
    assert f"Submitted late on {day}" in review.content.decode()


def test_the_record_page_says_late_to_those_who_run_the_process_only(
    client, draft, threat, quarter, business_lead, spr_lead, pcc_office
):
    from django.urls import reverse

    page = reverse("assessments:assessment_detail", kwargs={"pk": draft.pk})
    client.force_login(business_lead)
    assert "Overdue: was due 11 March 2016" in client.get(page).content.decode()
    submitted = services.assessment_submit(
        assessment=_filled(draft, business_lead), actor=business_lead
    )
    services.assessment_sign_off(assessment=submitted, actor=spr_lead)
    day = timezone.localdate().strftime("%-d %B %Y")
    client.force_login(spr_lead)
    assert f"Submitted late on {day}" in client.get(page).content.decode()
    # The policing body office reads signed-off results only, without the process signals.
    client.force_login(pcc_office)
    assert "Submitted late" not in client.get(page).content.decode()

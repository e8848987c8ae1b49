"""Late submissions carry a deadline of their own and expire after it; reopening a signed-off
self-assessment in a closed quarter grants one in the same step, with its deadline."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from assessments import services
from assessments.choices import Status
from assessments.deadlines import may_work_late
from assessments.models import Assessment, LateSubmissionGrant
from assessments.workflow import TransitionNotAllowed
from audit.models import AuditAction, AuditEvent
from tests.factories import complete_content
from tests.html import texts

pytestmark = pytest.mark.django_db

# The quarter fixture is 2015/16 Q4 (deadline 11 March 2016, meeting 24 March 2016).
MEETING_DAY = datetime.date(2016, 3, 24)


def _filled(assessment, lead):
    return services.assessment_save_draft(
        assessment=assessment, actor=lead, data=complete_content(), revision=assessment.revision
    )


def _close(quarter, spr_lead):
    services.quarter_close(quarter=quarter, actor=spr_lead)
    quarter.refresh_from_db()


def _date_fields(name: str, day: datetime.date | None) -> dict:
    if day is None:
        return {f"{name}_0": "", f"{name}_1": "", f"{name}_2": ""}
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


@pytest.mark.template_context
def test_a_late_submission_expires_at_the_end_of_its_deadline(
    clock, client, draft, threat, quarter, business_lead, spr_lead
):
    clock(datetime.date(2016, 3, 25))
    _close(quarter, spr_lead)
    grant = services.late_submission_grant(
        quarter=quarter,
        threat=threat,
        reason="Lead on a national deployment",
        deadline=datetime.date(2016, 3, 31),
        actor=spr_lead,
    )
    draft = _filled(draft, business_lead)
    assert may_work_late(quarter, threat.pk)

    clock(datetime.date(2016, 3, 31))  # its last day: still running
    assert may_work_late(quarter, threat.pk) and grant.is_active()

    clock(datetime.date(2016, 4, 1))  # the day after: expired, and every page says so
    assert not may_work_late(quarter, threat.pk) and not grant.is_active()
    with pytest.raises(TransitionNotAllowed, match="expired at the end of 31 March 2016"):
        services.assessment_submit(assessment=draft, actor=business_lead)
    assert Assessment.objects.get(pk=draft.pk).status == Status.DRAFT

    client.force_login(business_lead)
    mine = client.get(reverse("assessments:my_assessments"))
    assert "Late submission expired: it ended on 31 March 2016" in texts(mine, "td")[0]
    check = client.get(reverse("assessments:assessment_check", args=[draft.pk]), follow=True)
    assert "expired at the end of 31 March 2016" in check.content.decode()

    client.force_login(spr_lead)
    page = client.get(reverse("assessments:late_submissions", kwargs={"pk": quarter.pk}))
    assert "Expired: it ended on 31 March 2016" in page.content.decode()
    # An expired grant lets the SPR lead grant that threat again.
    assert page.context["grantable"] == [threat]
    again = services.late_submission_grant(
        quarter=quarter,
        threat=threat,
        reason="Still on deployment",
        deadline=datetime.date(2016, 4, 8),
        actor=spr_lead,
    )
    assert again.is_active() and may_work_late(quarter, threat.pk)
    submitted = services.assessment_submit(assessment=draft, actor=business_lead)
    assert submitted.status == Status.SUBMITTED


def test_a_running_grant_is_not_granted_twice(clock, threat, quarter, spr_lead):
    clock(datetime.date(2016, 3, 25))
    _close(quarter, spr_lead)
    services.late_submission_grant(
        quarter=quarter,
        threat=threat,
        reason="Once",
        deadline=MEETING_DAY.replace(day=31),
        actor=spr_lead,
    )
    with pytest.raises(ValidationError, match="until the end of 31 March 2016"):
        services.late_submission_grant(
            quarter=quarter,
            threat=threat,
            reason="Twice",
            deadline=datetime.date(2016, 4, 2),
            actor=spr_lead,
        )
    assert LateSubmissionGrant.objects.count() == 1


@pytest.mark.parametrize(
    ("deadline", "message"),
    [
        (None, "Enter the date the late submission ends"),
        (datetime.date(2016, 3, 24), "must be in the future"),  # today is not in the future
        (datetime.date(2016, 3, 1), "must be in the future"),
        (datetime.date(2017, 6, 1), "must be within a year of today"),
    ],
)
def test_a_grant_needs_a_deadline_in_the_future(
    clock, threat, quarter, spr_lead, deadline, message
):
    clock(MEETING_DAY)
    _close(quarter, spr_lead)
    with pytest.raises(ValidationError, match=message):
        services.late_submission_grant(
            quarter=quarter, threat=threat, reason="x", deadline=deadline, actor=spr_lead
        )
    assert not LateSubmissionGrant.objects.exists()


def test_the_grant_form_refuses_a_missing_or_past_deadline_with_the_error_summary(
    clock, client, threat, quarter, spr_lead
):
    clock(MEETING_DAY)
    _close(quarter, spr_lead)
    client.force_login(spr_lead)
    url = reverse("assessments:late_submissions", kwargs={"pk": quarter.pk})
    base = {"threat": threat.pk, "reason": "Lead on leave"}
    missing = client.post(url, base | _date_fields("deadline", None))
    assert missing.status_code == 200
    summary = texts(missing, ".govuk-error-summary a")
    assert summary == ["Enter the date the late submission ends"]
    assert 'href="#id_deadline_0"' in missing.content.decode()
    past = client.post(url, base | _date_fields("deadline", datetime.date(2016, 3, 20)))
    assert texts(past, ".govuk-error-summary a") == [
        "The date the late submission ends must be in the future"
    ]
    assert not LateSubmissionGrant.objects.exists()
    done = client.post(url, base | _date_fields("deadline", datetime.date(2016, 4, 1)))
    assert done.status_code == 302
    assert LateSubmissionGrant.objects.get().deadline == datetime.date(2016, 4, 1)
    audited = AuditEvent.objects.get(action=AuditAction.LATE_SUBMISSION_GRANTED)
    assert "until the end of 1 April 2016" in audited.summary


def test_a_grant_made_before_deadlines_stands_as_it_was_granted(threat, quarter, spr_lead):
    """The migration leaves the grants made before with no deadline: they do not expire."""
    _close(quarter, spr_lead)
    grant = LateSubmissionGrant.objects.create(
        quarter=quarter, threat=threat, reason="Granted long ago", granted_by=spr_lead
    )
    assert grant.is_active() and may_work_late(quarter, threat.pk)
    assert grant.ends == "No end date (granted before late submissions had one)"


@pytest.fixture
def signed_off_then_closed(clock, draft, quarter, business_lead, spr_lead):
    """Signed off at the meeting, then the quarter closed."""
    clock(MEETING_DAY)
    submitted = services.assessment_submit(
        assessment=_filled(draft, business_lead), actor=business_lead
    )
    signed = services.assessment_sign_off(assessment=submitted, actor=spr_lead)
    _close(quarter, spr_lead)
    return signed


def test_reopening_in_a_closed_quarter_grants_the_late_submission_in_the_same_step(
    signed_off_then_closed, threat, quarter, business_lead, spr_lead
):
    with pytest.raises(ValidationError) as refused:
        services.assessment_reopen(
            assessment=signed_off_then_closed, actor=spr_lead, reason="Figures wrong"
        )
    assert refused.value.message_dict == {"deadline": ["Enter the date the late submission ends"]}
    assert Assessment.objects.get(pk=signed_off_then_closed.pk).status == Status.SIGNED_OFF

    reopened = services.assessment_reopen(
        assessment=signed_off_then_closed,
        actor=spr_lead,
        reason="Figures wrong",
        late_deadline=datetime.date(2016, 4, 7),
    )
    assert reopened.status == Status.DRAFT
    grant = LateSubmissionGrant.objects.get()
    assert (grant.threat, grant.reason, grant.deadline, grant.granted_by) == (
        threat,
        "Figures wrong",
        datetime.date(2016, 4, 7),
        spr_lead,
    )
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True).reverse()[:2])
    assert actions == [AuditAction.LATE_SUBMISSION_GRANTED, AuditAction.ASSESSMENT_REOPENED]
    # The lead is not stranded: they edit and submit it again, within the deadline.
    resubmitted = services.assessment_submit(
        assessment=_filled(reopened, business_lead), actor=business_lead
    )
    assert resubmitted.status == Status.SUBMITTED


def test_reopening_in_an_open_quarter_grants_nothing(draft, quarter, business_lead, spr_lead):
    submitted = services.assessment_submit(
        assessment=_filled(draft, business_lead), actor=business_lead
    )
    signed = services.assessment_sign_off(assessment=submitted, actor=spr_lead)
    reopened = services.assessment_reopen(assessment=signed, actor=spr_lead, reason="Again")
    assert reopened.status == Status.DRAFT
    assert not LateSubmissionGrant.objects.exists()


def test_the_reopen_page_of_a_closed_quarter_explains_and_asks_for_the_deadline(
    client, signed_off_then_closed, quarter, spr_lead
):
    client.force_login(spr_lead)
    url = reverse("assessments:assessment_reopen", kwargs={"pk": signed_off_then_closed.pk})
    page = client.get(url)
    explained = texts(page, "#late-explained")[0]
    assert "can edit a reopened self-assessment but not submit it again" in explained
    assert "late submission" in explained and "expires" in explained
    assert texts(page, "legend") == ["Date the late submission ends"]

    empty_date = client.post(url, {"reason": "Figures wrong"} | _date_fields("late_deadline", None))
    assert empty_date.status_code == 200
    assert texts(empty_date, ".govuk-error-summary a") == [
        "Enter the date the late submission ends"
    ]
    assert 'href="#id_late_deadline_0"' in empty_date.content.decode()
    past = client.post(
        url, {"reason": "Figures wrong"} | _date_fields("late_deadline", datetime.date(2016, 3, 1))
    )
    assert texts(past, ".govuk-error-summary a") == [
        "The date the late submission ends must be in the future"
    ]
    assert Assessment.objects.get(pk=signed_off_then_closed.pk).status == Status.SIGNED_OFF

    done = client.post(
        url,
        {"reason": "Figures wrong"} | _date_fields("late_deadline", datetime.date(2016, 4, 7)),
        follow=True,
    )
    assert "may submit it again until the end of 7 April 2016" in done.content.decode()
    assert Assessment.objects.get(pk=signed_off_then_closed.pk).status == Status.DRAFT
    assert LateSubmissionGrant.objects.get().deadline == datetime.date(2016, 4, 7)


def test_the_reopen_page_of_an_open_quarter_asks_no_deadline(
    client, draft, quarter, business_lead, spr_lead
):
    submitted = services.assessment_submit(
        assessment=_filled(draft, business_lead), actor=business_lead
    )
    signed = services.assessment_sign_off(assessment=submitted, actor=spr_lead)
    client.force_login(spr_lead)
    page = client.get(reverse("assessments:assessment_reopen", kwargs={"pk": signed.pk}))
    assert "late_deadline" not in page.content.decode()
    assert not texts(page, "#late-explained")

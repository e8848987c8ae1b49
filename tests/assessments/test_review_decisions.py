"""The review page, the sign-off confirmation and reopening, through the views."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from assessments import services
from assessments.choices import Status
from assessments.models import AssessmentSnapshot, ReviewComment
from assessments.models.records import WorkflowAction
from assessments.workflow import TransitionNotAllowed
from spr_portal.roles import Role
from tests.assessments.lead_support import signed_off_the_quarter_before, submitted_in
from tests.factories import UserFactory
from tests.html import error_summary, one, select, text, texts, title

pytestmark = pytest.mark.django_db


@pytest.fixture
def last_quarter_signed(threat, quarter, business_lead, spr_lead):
    return signed_off_the_quarter_before(
        threat=threat, quarter=quarter, lead=business_lead, reviewer=spr_lead
    )


@pytest.fixture
def submitted(last_quarter_signed, threat, quarter, business_lead):
    return submitted_in(
        threat,
        quarter,
        business_lead,
        capacity_local_grade=5,
        capacity_local_narrative="Forty more specialist officers are now in post locally.",
    )


@pytest.fixture
def reviewer(client, spr_lead):
    client.force_login(spr_lead)
    return client


def _review_url(assessment):
    return reverse("assessments:assessment_review", kwargs={"pk": assessment.pk})


@pytest.mark.template_context
def test_the_review_shows_both_quarters_and_marks_what_changed(reviewer, submitted):
    response = reviewer.get(_review_url(submitted))
    words = text(response)
    assert response.status_code == 200
    assert "This quarter: 2015/16 Q4" in words and "Signed off: 2015/16 Q3" in words
    sections = {s.code: s for s in response.context["sections"]}
    assert sections["capacity_local"].changed and sections["capacity_local"].grade_changed
    assert not sections["capacity_regional"].changed
    assert "Up from Good" in words
    assert [run for run in texts(response, "ins") if run.startswith("Added: ")]
    assert [run for run in texts(response, "del") if run.startswith("Removed: ")]
    tags = texts(response, "strong.govuk-tag")
    assert tags.count("Changed") >= 2  # the explanation, then the section
    decisions = texts(response, 'button[name="decision"]')
    assert decisions == ["Return for revision", "Sign off"]


def test_return_without_an_overall_comment_shows_the_error_and_keeps_the_text(reviewer, submitted):
    response = reviewer.post(
        _review_url(submitted),
        {
            "decision": "return",
            "revision": submitted.revision,
            "comment": "   ",
            "comment_capacity_local": "How many of the forty are trained?",
        },
    )
    assert response.status_code == 200
    assert title(response).startswith("Error: ")
    assert error_summary(response) == [
        ("#id_comment", "Enter an overall comment saying what needs to be revised")
    ]
    kept = one(response, 'textarea[name="comment_capacity_local"]').get_text().strip()
    assert kept == "How many of the forty are trained?"
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_return_for_revision_sends_the_comments(reviewer, submitted, spr_lead):
    response = reviewer.post(
        _review_url(submitted),
        {
            "decision": "return",
            "revision": submitted.revision,
            "comment": "Say how the new officers change local capacity.",
            "comment_capacity_local": "How many of the forty are trained?",
            "comment_summary": "",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "assessments:assessment_detail", kwargs={"pk": submitted.pk}
    )
    submitted.refresh_from_db()
    assert submitted.status == Status.RETURNED
    event = submitted.events.latest("pk")
    assert (event.action, event.actor) == (WorkflowAction.RETURNED, spr_lead)
    comments = {c.section: c.body for c in ReviewComment.objects.filter(event=event)}
    assert comments == {
        "": "Say how the new officers change local capacity.",
        "capacity_local": "How many of the forty are trained?",
    }
    detail = text(reviewer.get(response["Location"]))
    assert "returned for revision" in detail
    assert "How many of the forty are trained?" in detail  # in the history


def test_sign_off_with_comments_typed_is_refused_and_keeps_them(reviewer, submitted):
    response = reviewer.post(
        _review_url(submitted),
        {"decision": "sign_off", "revision": submitted.revision, "comment_risks": "Keep this."},
    )
    assert response.status_code == 200
    assert "Comments reach the business lead only with a return for revision" in text(response)
    assert one(response, 'textarea[name="comment_risks"]').get_text().strip() == "Keep this."


def test_sign_off_goes_through_a_confirmation(reviewer, submitted, spr_lead):
    response = reviewer.post(
        _review_url(submitted), {"decision": "sign_off", "revision": submitted.revision}
    )
    sign_off_url = reverse("assessments:assessment_sign_off", kwargs={"pk": submitted.pk})
    assert response["Location"] == f"{sign_off_url}?revision={submitted.revision}"
    confirmation = reviewer.get(response["Location"])
    words = text(confirmation)
    assert "Sign off Child Sexual Abuse?" in words
    assert "nobody can change this self-assessment" in words
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED  # nothing happens until confirmed

    done = reviewer.post(sign_off_url, {"revision": submitted.revision})
    assert done.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Status.SIGNED_OFF
    assert submitted.signed_off_by == spr_lead
    detail = text(reviewer.get(done["Location"]))
    assert "You signed off Child Sexual Abuse (2015/16 Q4)." in detail
    assert submitted.signed_snapshot.fingerprint in detail
    assert "Checked now: the stored signed version still gives this fingerprint." in detail
    assert "Review: return for revision or sign off" not in detail
    assert "Edit the self-assessment" not in detail


def test_a_signed_off_assessment_cannot_be_changed_through_any_page(
    reviewer, submitted, spr_lead, business_lead
):
    signed = services.assessment_sign_off(assessment=submitted, actor=spr_lead)
    page = reviewer.get(_review_url(signed))
    assert "Return for revision" not in text(page) and not select(page, '[name="decision"]')
    response = reviewer.post(
        _review_url(signed), {"decision": "return", "revision": signed.revision, "comment": "x"}
    )
    assert response.status_code == 302
    signed.refresh_from_db()
    assert signed.status == Status.SIGNED_OFF
    sign_off_url = reverse("assessments:assessment_sign_off", kwargs={"pk": signed.pk})
    assert reviewer.post(sign_off_url, {"revision": signed.revision}).status_code == 302
    assert AssessmentSnapshot.objects.filter(assessment=signed).count() == 2
    with pytest.raises(TransitionNotAllowed):
        services.assessment_save_draft(
            assessment=signed, actor=business_lead, data={"risks": "x"}, revision=signed.revision
        )


def test_a_decision_on_a_version_the_reviewer_did_not_see_is_refused(
    reviewer, submitted, spr_lead, business_lead
):
    seen = submitted.revision
    # Meanwhile it is returned and resubmitted with other content.
    returned = services.assessment_return(assessment=submitted, actor=spr_lead, comment="More.")
    services.assessment_save_draft(
        assessment=returned, actor=business_lead, data={"risks": "New."}, revision=returned.revision
    )
    resubmitted = services.assessment_submit(assessment=returned, actor=business_lead)

    response = reviewer.post(
        _review_url(resubmitted),
        {"decision": "return", "revision": seen, "comment": "My comment on what I read."},
    )
    assert response.status_code == 200
    assert "changed after you opened it" in text(response)
    kept = one(response, 'textarea[name="comment"]').get_text().strip()
    assert kept == "My comment on what I read."
    resubmitted.refresh_from_db()
    assert resubmitted.status == Status.SUBMITTED

    sign_off_url = reverse("assessments:assessment_sign_off", kwargs={"pk": resubmitted.pk})
    response = reviewer.post(sign_off_url, {"revision": seen})
    assert response["Location"] == _review_url(resubmitted)
    resubmitted.refresh_from_db()
    assert resubmitted.status == Status.SUBMITTED


def test_an_spr_lead_who_leads_the_owning_department_may_return_but_not_sign_off(
    client, submitted, department
):
    both = UserFactory(username="acc.both", roles=[Role.SPR_LEAD, Role.BUSINESS_LEAD])
    department.leads.add(both)
    client.force_login(both)
    refusal = "another SPR lead must sign off its self-assessment"

    page = client.get(_review_url(submitted))
    assert texts(page, 'button[name="decision"]') == ["Return for revision"]
    assert refusal in text(page)
    assert not select(page, '[value="sign_off"]')

    sign_off_url = reverse("assessments:assessment_sign_off", kwargs={"pk": submitted.pk})
    response = client.post(sign_off_url, {"revision": submitted.revision}, follow=True)
    assert refusal in text(response)
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED
    with pytest.raises(PermissionDenied, match=refusal):
        services.assessment_sign_off(assessment=submitted, actor=both)

    services.assessment_return(assessment=submitted, actor=both, comment="Add the numbers.")
    submitted.refresh_from_db()
    assert submitted.status == Status.RETURNED


def test_the_sign_off_page_of_a_draft_sends_the_reviewer_back(
    reviewer, threat, quarter, business_lead
):
    draft = services.assessment_start(threat=threat, quarter=quarter, actor=business_lead)
    response = reviewer.get(reverse("assessments:assessment_sign_off", kwargs={"pk": draft.pk}))
    assert response.status_code == 302
    page = text(reviewer.get(_review_url(draft)))
    assert "there is nothing to decide until the business lead submits it" in page


# Last quarter is closed: reopening there grants a late submission until a day of its own.
_UNTIL = timezone.localdate() + datetime.timedelta(days=14)
LATE_UNTIL = {
    "late_deadline_0": _UNTIL.day,
    "late_deadline_1": _UNTIL.month,
    "late_deadline_2": _UNTIL.year,
}


def test_reopen_needs_a_reason(reviewer, last_quarter_signed):
    url = reverse("assessments:assessment_reopen", kwargs={"pk": last_quarter_signed.pk})
    response = reviewer.post(url, {"reason": ""} | LATE_UNTIL)
    assert response.status_code == 200
    assert title(response).startswith("Error: ")
    [(href, message)] = error_summary(response)
    assert href == "#id_reason" and message.startswith("Enter the reason for reopening")
    last_quarter_signed.refresh_from_db()
    assert last_quarter_signed.status == Status.SIGNED_OFF


def test_reopen_puts_it_back_to_draft_and_keeps_the_signed_version(reviewer, last_quarter_signed):
    snapshot = last_quarter_signed.signed_snapshot
    url = reverse("assessments:assessment_reopen", kwargs={"pk": last_quarter_signed.pk})
    response = reviewer.post(url, {"reason": "The regional figures were wrong."} | LATE_UNTIL)
    assert response.status_code == 302
    last_quarter_signed.refresh_from_db()
    assert last_quarter_signed.status == Status.DRAFT
    snapshot.refresh_from_db()
    assert last_quarter_signed.events.latest("pk").snapshot == snapshot
    detail = text(reviewer.get(response["Location"]))
    assert "The regional figures were wrong." in detail
    assert f"Version {snapshot.number}" in detail
    # Reopening it again is refused: it is a draft now.
    assert reviewer.get(url).status_code == 302


def test_user_text_is_escaped_never_run(reviewer, threat, quarter, business_lead):
    assessment = submitted_in(
        threat,
        quarter,
        business_lead,
        summary='<script>alert("x")</script> The force is in a good position now.',
    )
    page = reviewer.get(_review_url(assessment))
    assert not [element for element in select(page, "script") if "alert" in element.get_text()]
    assert '<script>alert("x")</script> The force is in a good position now.' in text(page)

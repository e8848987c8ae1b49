"""The register of inspection recommendations: who records, reads and updates what, the
56-day clock of the policing body's response, progress kept as history, and bad input."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from assessments.models import Recommendation, RecommendationUpdate
from assessments.services.recommendations import (
    recommendation_change,
    recommendation_close,
    recommendation_note_progress,
    recommendation_record,
    recommendation_record_response,
)
from audit.models import AuditAction, AuditEvent
from spr_portal.concurrency import ConcurrentEdit

pytestmark = pytest.mark.django_db


def today():
    """Read at each use, not at import: a run that passes midnight still agrees with the
    services' own today."""
    return timezone.localdate()


def _record(spr_lead, threats, **fields):
    values = {
        "source_report": "PEEL 2025: an inspection of the force",
        "published_on": today() - datetime.timedelta(days=50),
        "reference": "Recommendation 2",
        "text": "The force should assess its public order capacity against the plan.",
        "policing_body_must_respond": True,
    } | fields
    return recommendation_record(actor=spr_lead, threats=threats, **values)


def _text(response) -> str:
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


def test_the_response_clock_runs_56_days_from_the_report(spr_lead, threat):
    recommendation = _record(spr_lead, [threat])
    due = recommendation.published_on + datetime.timedelta(days=56)
    assert recommendation.response_due_on == due
    assert recommendation.response_state(due - datetime.timedelta(days=30))[0] == "blue"
    assert recommendation.response_state(due - datetime.timedelta(days=6)) == (
        "orange",
        f"Response due {due:%-d %B %Y} (in 6 days)",
    )
    assert recommendation.response_state(due + datetime.timedelta(days=1)) == (
        "red",
        f"Response overdue: was due {due:%-d %B %Y}",
    )
    none_due = _record(spr_lead, [threat], policing_body_must_respond=False)
    assert none_due.response_due_on is None and none_due.response_state(today()) is None


def test_the_office_records_its_response_and_the_register_says_so(
    client, spr_lead, pcc_office, threat
):
    recommendation = _record(spr_lead, [threat])
    client.force_login(pcc_office)
    page = client.get(reverse("assessments:recommendation_list"))
    assert "Response due" in _text(page)
    published = today() - datetime.timedelta(days=2)
    answer = client.post(
        reverse("assessments:recommendation_response", args=[recommendation.pk]),
        {
            "published_on_0": published.day,
            "published_on_1": published.month,
            "published_on_2": published.year,
        },
    )
    assert answer.status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.response_published_on == published
    assert recommendation.response_recorded_by == pcc_office
    assert f"Response published {published:%-d %B %Y}" in _text(
        client.get(reverse("assessments:recommendation_list"))
    )
    row = AuditEvent.objects.get(action=AuditAction.RECOMMENDATION_RESPONDED)
    assert row.actor == pcc_office and "Response published" in row.summary


def test_the_register_warns_of_an_overdue_response(client, spr_lead, threat):
    _record(spr_lead, [threat], published_on=today() - datetime.timedelta(days=60))
    client.force_login(spr_lead)
    text = _text(client.get(reverse("assessments:recommendation_list")))
    assert "response to 1 recommendation is overdue" in text
    assert "Response overdue" in text


def test_progress_is_kept_as_history_and_never_rewritten(spr_lead, business_lead, threat):
    recommendation = _record(spr_lead, [threat], owner=business_lead)
    first = recommendation_note_progress(
        recommendation=recommendation, actor=business_lead, text="Plan drafted."
    )
    recommendation_note_progress(
        recommendation=recommendation, actor=spr_lead, text="Plan agreed at the meeting."
    )
    assert [u.text for u in recommendation.updates.all()] == [
        "Plan drafted.",
        "Plan agreed at the meeting.",
    ]
    first.text = "Something else"
    with pytest.raises(ValidationError, match="kept as written"):
        first.save()
    with pytest.raises(ValidationError, match="kept as written"):
        first.delete()
    assert RecommendationUpdate.objects.get(pk=first.pk).text == "Plan drafted."


def test_only_its_owner_and_the_spr_lead_note_progress(
    spr_lead, business_lead, chief_officer, threat
):
    recommendation = _record(spr_lead, [threat], owner=None)
    for someone in (business_lead, chief_officer):
        with pytest.raises(PermissionDenied, match="owner or the SPR lead"):
            recommendation_note_progress(recommendation=recommendation, actor=someone, text="Done.")
    assert not recommendation.updates.exists()


def test_a_business_lead_sees_only_those_concerning_their_threats(
    client, spr_lead, business_lead, threat, other_threat
):
    mine = _record(spr_lead, [threat], reference="R1")
    theirs = _record(spr_lead, [other_threat], reference="R2")
    client.force_login(business_lead)
    text = _text(client.get(reverse("assessments:recommendation_list")))
    assert "R1" in text and "R2" not in text
    assert (
        client.get(reverse("assessments:recommendation_detail", args=[mine.pk])).status_code == 200
    )
    assert (
        client.get(reverse("assessments:recommendation_detail", args=[theirs.pk])).status_code
        == 404
    )


def test_bad_input_is_refused_with_the_error_summary_and_kept(client, spr_lead, threat):
    client.force_login(spr_lead)
    future = today() + datetime.timedelta(days=3)
    response = client.post(
        reverse("assessments:recommendation_new"),
        {
            "source_body": "HMICFRS",
            "source_report": "A report with a long title " * 4,
            "published_on_0": future.day,
            "published_on_1": future.month,
            "published_on_2": future.year,
            "kind": "recommendation",
            "text": "",
            "threats": [str(threat.pk)],
            "policing_body_must_respond": "yes",
        },
    )
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    summary = soup.select_one(".govuk-error-summary").get_text(" ")
    assert "Enter what the report says" in summary
    assert Recommendation.objects.count() == 0
    # What was typed is still there.
    assert soup.select_one("#id_source_report")["value"].startswith("A report with a long title")
    response = client.post(
        reverse("assessments:recommendation_new"),
        {
            "source_body": "HMICFRS",
            "source_report": "PEEL",
            "published_on_0": future.day,
            "published_on_1": future.month,
            "published_on_2": future.year,
            "kind": "recommendation",
            "text": "Something",
            "policing_body_must_respond": "no",
        },
    )
    assert "The report's date must be today or in the past" in _text(response)
    assert Recommendation.objects.count() == 0


def test_a_change_from_an_older_page_is_refused(spr_lead, threat, other_threat):
    recommendation = _record(spr_lead, [threat])
    recommendation_change(
        recommendation=recommendation,
        actor=spr_lead,
        revision=1,
        threats=[threat, other_threat],
        text="Reworded.",
    )
    with pytest.raises(ConcurrentEdit):
        recommendation_change(
            recommendation=recommendation,
            actor=spr_lead,
            revision=1,
            threats=[threat],
            text="Stale.",
        )
    recommendation.refresh_from_db()
    assert recommendation.text == "Reworded." and recommendation.revision == 2
    assert set(recommendation.threats.all()) == {threat, other_threat}
    changed = AuditEvent.objects.get(action=AuditAction.RECOMMENDATION_CHANGED)
    assert "Threats changed" in changed.summary


def test_closing_needs_a_reason_and_ends_progress(spr_lead, business_lead, threat):
    recommendation = _record(spr_lead, [threat], owner=business_lead)
    with pytest.raises(ValidationError, match="Enter why it is closed"):
        recommendation_close(recommendation=recommendation, actor=spr_lead, reason=" ")
    recommendation_close(recommendation=recommendation, actor=spr_lead, reason="Plan in place.")
    recommendation.refresh_from_db()
    assert recommendation.closed_on == today() and recommendation.closed_by == spr_lead
    assert recommendation.updates.last().text == "Closed: Plan in place."
    with pytest.raises(ValidationError, match="closed"):
        recommendation_note_progress(
            recommendation=recommendation, actor=business_lead, text="More."
        )


def test_a_response_needs_a_recommendation_that_asks_for_one(spr_lead, pcc_office, threat):
    recommendation = _record(spr_lead, [threat], policing_body_must_respond=False)
    with pytest.raises(ValidationError, match="needs no response"):
        recommendation_record_response(
            recommendation=recommendation, actor=pcc_office, published_on=today()
        )
    with pytest.raises(PermissionDenied):
        recommendation_record_response(
            recommendation=recommendation, actor=spr_lead, published_on=today()
        )


def test_an_improvement_action_cites_an_open_recommendation_of_its_threat(
    client, spr_lead, business_lead, draft, threat, other_threat
):
    mine = _record(spr_lead, [threat], reference="R1")
    theirs = _record(spr_lead, [other_threat], reference="R2")
    client.force_login(business_lead)
    page = client.get(reverse("assessments:action_add", args=[draft.pk]))
    options = [
        o.get_text()
        for o in BeautifulSoup(page.content, "html.parser").select("#id_recommendation option")
    ]
    assert options == ["No", str(mine)]
    due = today() + datetime.timedelta(days=40)
    form = {
        "description": "Review the mobilisation plan",
        "owner": "Supt Operations",
        "due_date_0": due.day,
        "due_date_1": due.month,
        "due_date_2": due.year,
    }
    refused = client.post(
        reverse("assessments:action_add", args=[draft.pk]), form | {"recommendation": theirs.pk}
    )
    assert "Select a recommendation from the list" in _text(refused)
    assert not draft.raised_actions.exists()
    client.post(
        reverse("assessments:action_add", args=[draft.pk]), form | {"recommendation": mine.pk}
    )
    action = draft.raised_actions.get()
    assert action.recommendation == mine
    client.force_login(spr_lead)
    detail = _text(client.get(reverse("assessments:recommendation_detail", args=[mine.pk])))
    assert "Improvement actions that answer it Review the mobilisation plan" in detail


def test_without_a_recommendation_the_action_form_is_as_before(client, business_lead, draft):
    client.force_login(business_lead)
    page = client.get(reverse("assessments:action_add", args=[draft.pk]))
    assert b"id_recommendation" not in page.content


def test_the_office_is_reminded_of_a_response_once_a_day_on_the_days_it_counts(
    spr_lead, pcc_office, business_lead, threat, mailoutbox
):
    from assessments.recommendation_reminders import send_recommendation_reminders

    recommendation = _record(
        spr_lead,
        [threat],
        published_on=today() - datetime.timedelta(days=49),  # 7 days left
        owner=business_lead,
        due_on=today() + datetime.timedelta(days=20),
    )
    sent, *_ = send_recommendation_reminders(today=today())
    assert [(r.kind, r.recipient) for r in sent] == [("response", pcc_office)]
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [pcc_office.email]
    assert "Response due" in message.subject and str(recommendation) in message.subject
    assert f"/recommendations/{recommendation.pk}/" in message.body
    # A second run the same day sends nothing more.
    sent, already, *_ = send_recommendation_reminders(today=today())
    assert sent == [] and len(already) == 1 and len(mailoutbox) == 1
    # Not on a day between the reminders; once a week when overdue; the owner on the due date.
    assert send_recommendation_reminders(today=today() + datetime.timedelta(days=3))[0] == []
    overdue = send_recommendation_reminders(today=today() + datetime.timedelta(days=14))[0]
    assert [r.kind for r in overdue] == ["response"]
    owner = send_recommendation_reminders(today=today() + datetime.timedelta(days=20))[0]
    assert [(r.kind, r.recipient) for r in owner] == [("due", business_lead)]
    assert "] Due " in mailoutbox[-1].subject

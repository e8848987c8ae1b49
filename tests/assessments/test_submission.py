"""Check your answers (declaration, carried-forward warning), withdrawal before review, the
stated narrative minimum and "Save and continue", through the views and the services."""

import pytest
from django.urls import reverse

from assessments import services
from assessments.choices import Status
from assessments.items import GRADED_ITEMS, SECTIONS
from assessments.models.records import WorkflowAction
from assessments.rules import MINIMUM_HINT, shortfall
from assessments.selectors.lead import latest_return
from assessments.workflow import TransitionNotAllowed
from audit.models import AuditAction, AuditEvent
from tests.assessments.lead_support import complete, signed_off_the_quarter_before, submitted
from tests.html import error_summary, select, text, texts, title

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead_client(client, business_lead):
    client.force_login(business_lead)
    return client


def check_url(assessment):
    return reverse("assessments:assessment_check", args=[assessment.pk])


def submit_url(assessment):
    return reverse("assessments:assessment_submit", args=[assessment.pk])


def withdraw_url(assessment):
    return reverse("assessments:assessment_withdraw", args=[assessment.pk])


# Check your answers -------------------------------------------------------------------------


def test_check_your_answers_summarises_every_section_with_change_links(
    lead_client, draft, business_lead
):
    draft = complete(draft, business_lead, risks="Two specialist officers retire in June.")
    page = lead_client.get(check_url(draft))
    assert page.status_code == 200
    headings = texts(page, "main h2.govuk-summary-card__title")
    assert headings == [label for _, label in SECTIONS]
    assert "Two specialist officers retire in June." in text(page)
    change_links = [a["href"] for a in select(page, "main a") if a.text.startswith("Change")]
    # One for each section (in its summary card's actions), and one for the evidence files.
    assert len(change_links) == len(SECTIONS) + 1
    assert reverse("assessments:evidence_list", args=[draft.pk]) in change_links
    assert reverse("assessments:assessment_section", args=[draft.pk, "capability"]) in (
        change_links
    )
    assert reverse("assessments:action_list", args=[draft.pk]) in change_links
    label = texts(page, "label[for=declaration]")
    assert label == [
        f"I confirm this is an accurate self-assessment of {draft.threat} for {draft.quarter.label}"
    ]


def test_submitting_without_the_declaration_is_an_error_and_submits_nothing(
    lead_client, draft, business_lead
):
    draft = complete(draft, business_lead)
    response = lead_client.post(submit_url(draft), {"revision": draft.revision})
    assert response.status_code == 200 and title(response).startswith("Error: ")
    assert error_summary(response) == [
        ("#declaration", "Confirm that this is an accurate self-assessment before you submit it")
    ]
    assert texts(response, "#declaration-error") == [
        "Error: Confirm that this is an accurate self-assessment before you submit it"
    ]
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_with_the_declaration_it_is_submitted(lead_client, draft, business_lead):
    draft = complete(draft, business_lead)
    response = lead_client.post(
        submit_url(draft), {"revision": draft.revision, "declaration": "on"}
    )
    assert response["Location"] == reverse("assessments:my_assessments")
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED


def test_a_declaration_on_an_out_of_date_page_submits_nothing(lead_client, draft, business_lead):
    draft = complete(draft, business_lead)
    opened_at = draft.revision
    draft = services.assessment_save_draft(
        assessment=draft, actor=business_lead, data={"risks": "Changed in a second tab."},
        revision=draft.revision,
    )  # fmt: skip
    response = lead_client.post(submit_url(draft), {"revision": opened_at, "declaration": "on"})
    assert response["Location"] == check_url(draft)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_an_incomplete_one_shows_what_is_missing_and_no_declaration(lead_client, draft):
    page = lead_client.get(check_url(draft))
    assert "You cannot submit it yet" in text(page)
    assert select(page, "#declaration") == []


def test_the_task_list_sends_the_lead_to_check_their_answers(lead_client, draft):
    page = lead_client.get(reverse("assessments:assessment_edit", args=[draft.pk]))
    links = [a["href"] for a in select(page, "a.govuk-button")]
    assert check_url(draft) in links
    assert "at least 4 words and 20 characters" in text(page)


@pytest.fixture
def carried_forward(threat, quarter, business_lead, spr_lead):
    """This quarter started from last quarter's signed-off self-assessment."""
    signed_off_the_quarter_before(
        threat=threat, quarter=quarter, lead=business_lead, reviewer=spr_lead
    )
    return services.assessment_start(
        threat=threat, quarter=quarter, actor=business_lead, from_previous=True
    )


def test_text_carried_forward_unchanged_is_named_in_a_warning(
    lead_client, carried_forward, business_lead
):
    page = lead_client.get(check_url(carried_forward))
    warning = texts(page, "#unchanged-warning li")
    # Every narrative and the summary came from last quarter (4 Ps and risks were empty).
    assert warning == [item.label for item in GRADED_ITEMS] + ["Summary for the board report"]

    changed = services.assessment_save_draft(
        assessment=carried_forward,
        actor=business_lead,
        data={"capability_narrative": "The national framework now covers all of the teams."},
        revision=carried_forward.revision,
    )
    warning = texts(lead_client.get(check_url(changed)), "#unchanged-warning li")
    assert "Capability" not in warning and "Capacity – local" in warning
    assert len(warning) == len(GRADED_ITEMS)


def test_no_warning_when_nothing_was_carried_forward(lead_client, draft, business_lead):
    draft = complete(draft, business_lead)
    assert select(lead_client.get(check_url(draft)), "#unchanged-warning") == []


# Withdrawal --------------------------------------------------------------------------------


def test_a_lead_withdraws_a_submission_nobody_has_started_reviewing(
    lead_client, draft, business_lead
):
    sent = submitted(draft, business_lead)
    read_only = lead_client.get(reverse("assessments:assessment_edit", args=[sent.pk]))
    assert withdraw_url(sent) in [a["href"] for a in select(read_only, "a.govuk-button")]
    assert lead_client.get(withdraw_url(sent)).status_code == 200
    response = lead_client.post(withdraw_url(sent), {"revision": sent.revision})
    assert response["Location"] == reverse("assessments:assessment_edit", args=[sent.pk])
    sent.refresh_from_db()
    assert sent.status == Status.DRAFT
    event = sent.events.latest("pk")
    assert (event.action, event.from_status, event.actor) == (
        WorkflowAction.WITHDRAWN, Status.SUBMITTED, business_lead,
    )  # fmt: skip
    audit = AuditEvent.objects.filter(action=AuditAction.ASSESSMENT_WITHDRAWN).get()
    assert audit.actor == business_lead and "Submitted → Draft" in audit.summary
    # The history says so, and the submitted version stays on record.
    lead_client.force_login(business_lead)
    history = text(lead_client.get(reverse("assessments:assessment_detail", args=[sent.pk])))
    assert "Withdrawn by the business lead" in history
    assert sent.snapshots.count() == 1


def test_opening_the_review_starts_it_and_withdrawal_is_then_refused(
    client, draft, business_lead, spr_lead, chief_officer
):
    sent = submitted(draft, business_lead)
    # A chief officer lead reads the review page but cannot decide: it starts nothing.
    client.force_login(chief_officer)
    client.get(reverse("assessments:assessment_review", args=[sent.pk]))
    sent.refresh_from_db()
    assert sent.review_started_at is None

    client.force_login(spr_lead)
    client.get(reverse("assessments:assessment_review", args=[sent.pk]))
    client.get(reverse("assessments:assessment_review", args=[sent.pk]))
    sent.refresh_from_db()
    assert sent.review_started_by == spr_lead and sent.review_started_at is not None
    assert AuditEvent.objects.filter(action=AuditAction.ASSESSMENT_REVIEW_STARTED).count() == 1

    client.force_login(business_lead)
    response = client.get(withdraw_url(sent))
    assert response["Location"] == reverse("assessments:assessment_edit", args=[sent.pk])
    page = text(client.get(response["Location"]))
    assert "has started reviewing this self-assessment, so it can no longer be withdrawn" in page
    assert client.post(withdraw_url(sent), {"revision": sent.revision}).status_code == 302
    with pytest.raises(TransitionNotAllowed):
        services.assessment_withdraw(assessment=sent, actor=business_lead, revision=sent.revision)
    sent.refresh_from_db()
    assert sent.status == Status.SUBMITTED


def test_a_resubmission_may_be_withdrawn_again_until_its_own_review_starts(
    draft, business_lead, spr_lead
):
    sent = submitted(draft, business_lead)
    services.assessment_review_start(assessment=sent, actor=spr_lead)
    returned = services.assessment_return(
        assessment=sent, actor=spr_lead, comment="Say more about regional capacity."
    )
    again = services.assessment_submit(assessment=returned, actor=business_lead)
    assert again.review_started_at is None
    withdrawn = services.assessment_withdraw(
        assessment=again, actor=business_lead, revision=again.revision
    )
    # Back to "returned", so the reviewer's comments stay on the task list.
    assert withdrawn.status == Status.RETURNED
    assert latest_return(withdrawn).overall == "Say more about regional capacity."


def test_a_stale_withdrawal_is_refused(draft, business_lead):
    sent = submitted(draft, business_lead)
    with pytest.raises(services.ConcurrentEdit):
        services.assessment_withdraw(
            assessment=sent, actor=business_lead, revision=sent.revision - 1
        )


# The minimum, said before it bites --------------------------------------------------------


def test_the_minimum_is_in_the_hint_of_each_narrative_and_the_summary(lead_client, draft):
    for section, field in (("capability", "capability_narrative"), ("summary", "summary")):
        url = reverse("assessments:assessment_section", args=[draft.pk, section])
        hint = texts(lead_client.get(url), f"#id_{field}-hint")
        assert hint and hint[0].endswith(MINIMUM_HINT), (section, hint)
    assert MINIMUM_HINT == "To submit, write at least 4 words and 20 characters."


@pytest.mark.parametrize(
    "typed, message",
    [
        ("", "Write the Risk narrative: at least 4 words and 20 characters"),
        (
            "tbc",
            "The Risk narrative has 1 word and 3 characters: write 3 more words and "
            "17 more characters (at least 4 words and 20 characters)",
        ),
        (
            "one two three four",
            "The Risk narrative has 4 words and 18 characters: write 2 more characters "
            "(at least 4 words and 20 characters)",
        ),
        (
            "Understaffed-specialist-teams-remain",
            "The Risk narrative has 1 word and 36 characters: write 3 more words "
            "(at least 4 words and 20 characters)",
        ),
        ("Four officers now trained.", ""),
    ],
)
def test_the_error_says_exactly_what_is_missing(typed, message):
    assert shortfall(typed, "the Risk narrative") == message


def test_an_early_submit_names_the_shortfall_on_the_field(lead_client, draft, business_lead):
    draft = complete(draft, business_lead, consistency_narrative="Same as before")
    url = reverse("assessments:assessment_section", args=[draft.pk, "consistency"])
    errors = texts(lead_client.get(url + "?check=1"), "#id_consistency_narrative-error")
    assert errors == [
        "Error: The Consistency narrative has 3 words and 14 characters: write 1 more word "
        "and 6 more characters (at least 4 words and 20 characters)"
    ]


# Save and continue ------------------------------------------------------------------------


def _save(client, assessment, section, then=None):
    assessment.refresh_from_db()
    data = {"revision": assessment.revision, "risks": "Staff leave.", "summary": "Fine."}
    if then:
        data["then"] = then
    url = reverse("assessments:assessment_section", args=[assessment.pk, section])
    return client.post(url, data)["Location"]


def test_save_and_continue_goes_to_the_next_section_in_task_list_order(lead_client, draft):
    def section(code):
        return reverse("assessments:assessment_section", args=[draft.pk, code])

    assert _save(lead_client, draft, "capacity-local", "continue") == section("capacity-regional")
    assert _save(lead_client, draft, "connectivity", "continue") == section("evidence")
    assert _save(lead_client, draft, "risks", "continue") == reverse(
        "assessments:action_list", args=[draft.pk]
    )
    assert _save(lead_client, draft, "summary", "continue") == check_url(draft)


def test_save_and_return_goes_to_the_task_list(lead_client, draft):
    task_list = reverse("assessments:assessment_edit", args=[draft.pk])
    assert _save(lead_client, draft, "risks", "task_list") == task_list
    assert _save(lead_client, draft, "risks") == task_list
    page = lead_client.get(reverse("assessments:assessment_section", args=[draft.pk, "risks"]))
    buttons = texts(page, "main form button")
    assert buttons == ["Save and continue", "Save and return to the task list"]
    draft.refresh_from_db()
    assert draft.risks == "Staff leave."

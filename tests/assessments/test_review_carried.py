"""Text carried forward from last quarter does not pass as new: "Start from last quarter"
marks each section it filled in "Check" until the lead opens and saves it, and the SPR lead
is told on the review page and the sign-off confirmation which text is unchanged since which
quarter (the rule of Check your answers, assessments/selectors/submission.py)."""

import pytest
from django.urls import reverse

from assessments import services
from assessments.choices import Status
from assessments.items import GRADED_ITEMS
from assessments.selectors.lead import CHECK, COMPLETED, task_groups
from tests.assessments.lead_support import signed_off_the_quarter_before
from tests.html import select, text, texts

pytestmark = pytest.mark.django_db

CARRIED = [item.code for item in GRADED_ITEMS] + ["evidence", "summary"]


@pytest.fixture
def carried_forward(threat, quarter, business_lead, spr_lead):
    """This quarter started from last quarter's signed-off self-assessment (2015/16 Q3)."""
    signed_off_the_quarter_before(
        threat=threat, quarter=quarter, lead=business_lead, reviewer=spr_lead
    )
    return services.assessment_start(
        threat=threat, quarter=quarter, actor=business_lead, from_previous=True
    )


def _states(assessment) -> dict[str, str]:
    groups = task_groups(assessment, statuses=[], note=None)
    return {task.code: task.state for _, tasks in groups for task in tasks}


def _task_list(client, assessment):
    return client.get(reverse("assessments:assessment_edit", args=[assessment.pk]))


def test_start_from_last_quarter_asks_the_lead_to_check_each_carried_section(
    client, carried_forward, business_lead
):
    assert carried_forward.carried_to_check == CARRIED
    states = _states(carried_forward)
    assert [code for code, state in states.items() if state == CHECK] == CARRIED
    client.force_login(business_lead)
    page = _task_list(client, carried_forward)
    tags = texts(page, ".govuk-task-list__status strong.govuk-tag")
    assert tags.count("Check") == len(CARRIED)
    assert "Completed" not in texts(page, ".govuk-task-list__status")
    assert "You have completed 0 of" in text(page)
    assert "11 sections still have the text carried forward" in text(page)


@pytest.mark.template_context
def test_opening_and_saving_a_section_confirms_it(client, carried_forward, business_lead):
    client.force_login(business_lead)
    url = reverse("assessments:assessment_section", args=[carried_forward.pk, "capability"])
    form = client.get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data["revision"] = carried_forward.revision
    response = client.post(url, data)
    assert response.status_code == 302
    carried_forward.refresh_from_db()
    assert "capability" not in carried_forward.carried_to_check
    assert len(carried_forward.carried_to_check) == len(CARRIED) - 1
    states = _states(carried_forward)
    assert states["capability"] == COMPLETED and states["summary"] == CHECK


def test_unchecked_sections_do_not_block_submission(carried_forward, business_lead):
    submitted = services.assessment_submit(assessment=carried_forward, actor=business_lead)
    assert submitted.status == Status.SUBMITTED


def test_a_fresh_start_has_nothing_to_check(draft):
    assert draft.carried_to_check == []
    assert CHECK not in _states(draft).values()


@pytest.fixture
def carried_and_submitted(carried_forward, business_lead):
    return services.assessment_submit(assessment=carried_forward, actor=business_lead)


def _unchanged(page) -> str:
    (warning,) = select(page, "#unchanged-text")
    return text(warning)


def test_the_review_page_says_which_text_is_unchanged_since_which_quarter(
    client, spr_lead, carried_and_submitted
):
    client.force_login(spr_lead)
    page = client.get(reverse("assessments:assessment_review", args=[carried_and_submitted.pk]))
    warning = _unchanged(page)
    assert "Unchanged since 2015/16 Q3" in warning
    assert "Summary for the board report" in warning and "Capability" in warning


def test_the_sign_off_confirmation_says_which_text_is_unchanged(
    client, spr_lead, carried_and_submitted
):
    client.force_login(spr_lead)
    url = reverse("assessments:assessment_sign_off", args=[carried_and_submitted.pk])
    page = client.get(f"{url}?revision={carried_and_submitted.revision}")
    assert "Unchanged since 2015/16 Q3" in _unchanged(page)


def test_no_unchanged_warning_once_the_text_is_rewritten(
    client, spr_lead, carried_forward, business_lead
):
    data = {item.narrative_field: f"New this quarter for {item.label}." for item in GRADED_ITEMS}
    data["summary"] = "The position changed this quarter: new teams are in post."
    changed = services.assessment_save_draft(
        assessment=carried_forward,
        actor=business_lead,
        data=data,
        revision=carried_forward.revision,
    )
    assert changed.carried_to_check == ["evidence"]
    sent = services.assessment_submit(assessment=changed, actor=business_lead)
    client.force_login(spr_lead)
    page = client.get(reverse("assessments:assessment_review", args=[sent.pk]))
    assert select(page, "#unchanged-text") == []

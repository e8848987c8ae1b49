"""The review of a resubmission compares with what the reviewer returned, and can switch to
last quarter; "Improvement actions: Changed" only when an action really changed."""

import pytest
from django.urls import reverse

from assessments import services
from assessments.selectors.comparison import compare_contents
from tests.assessments.lead_support import signed_off_the_quarter_before, submitted_in
from tests.html import text, texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def resubmitted(threat, quarter, business_lead, spr_lead):
    """Last quarter signed off; this quarter submitted with a new local grade, returned, then
    resubmitted with only the risks changed."""
    signed_off_the_quarter_before(
        threat=threat, quarter=quarter, lead=business_lead, reviewer=spr_lead
    )
    first = submitted_in(
        threat,
        quarter,
        business_lead,
        capacity_local_grade=5,
        capacity_local_narrative="Forty more specialist officers are now in post locally.",
    )
    returned = services.assessment_return(
        assessment=first, actor=spr_lead, comment="Name the risks to the new teams."
    )
    returned = services.assessment_save_draft(
        assessment=returned,
        actor=business_lead,
        data={"risks": "Two specialist officers retire in June and are not yet replaced."},
        revision=returned.revision,
    )
    return services.assessment_submit(assessment=returned, actor=business_lead)


def _changed(response) -> list[str]:
    return texts(response, ".review-changes-summary__list li")


@pytest.mark.template_context
def test_a_resubmission_is_compared_with_what_was_returned(client, spr_lead, resubmitted):
    client.force_login(spr_lead)
    url = reverse("assessments:assessment_review", args=[resubmitted.pk])
    response = client.get(url)
    words = text(response)
    assert "1 of 14 sections changed since you returned it:" in words
    assert _changed(response) == ["Risks"]
    assert "Returned: version 1" in words
    assert "Added: Two specialist officers retire in June" in " ".join(texts(response, "ins"))
    sections = {s.code: s for s in response.context["sections"]}
    assert not sections["capacity_local"].changed and not sections["actions"].changed

    since_quarter = client.get(url + "?since=quarter")
    assert "2 of 14 sections changed since last quarter:" in text(since_quarter)
    assert _changed(since_quarter) == ["Capacity – local", "Risks"]
    assert "Signed off: 2015/16 Q3" in text(since_quarter)
    # Each view links to the other.
    assert texts(response, 'nav[aria-label="Compare with"] a') == [
        "last quarter's signed-off self-assessment"
    ]
    assert texts(since_quarter, 'nav[aria-label="Compare with"] a') == [
        "what you returned (changed since you returned it)"
    ]


def test_a_first_submission_is_compared_with_last_quarter_only(
    client, spr_lead, threat, quarter, business_lead
):
    signed_off_the_quarter_before(
        threat=threat, quarter=quarter, lead=business_lead, reviewer=spr_lead
    )
    first = submitted_in(threat, quarter, business_lead)
    client.force_login(spr_lead)
    response = client.get(reverse("assessments:assessment_review", args=[first.pk]))
    assert "Nothing changed since the signed-off version." in text(response)
    assert texts(response, 'nav[aria-label="Compare with"]') == []


def test_a_deciding_post_keeps_the_comparison_of_a_resubmission(client, spr_lead, resubmitted):
    client.force_login(spr_lead)
    url = reverse("assessments:assessment_review", args=[resubmitted.pk])
    response = client.post(url, {"decision": "return", "revision": resubmitted.revision})
    assert response.status_code == 200  # the missing overall comment
    assert _changed(response) == ["Risks"]


def _action(pk, status="open", closed_on=None, description="Train the teams."):
    return {
        "id": pk,
        "description": description,
        "owner": "DCI",
        "due_date": "2016-06-30",
        "status": status,
        "closed_on": closed_on,
    }


def _actions_section(new_actions, old_actions):
    base = {"items": {}, "evidence_sources": [], "four_ps": []}
    sections = compare_contents({**base, "actions": new_actions}, {**base, "actions": old_actions})
    return next(s for s in sections if s.code == "actions")


def test_improvement_actions_are_changed_only_when_an_action_changed():
    same = _actions_section([_action(1)], [_action(1)])
    assert not same.changed
    # Closed last quarter, so not carried forward by design: no change.
    closed = _actions_section([_action(1)], [_action(1), _action(2, "closed", "2016-01-10")])
    assert not closed.changed
    assert [row["mark"] for row in closed.old.actions] == ["", ""]
    # An open action that disappeared, an edited one and a new one are changes.
    assert _actions_section([], [_action(1)]).changed
    edited = _actions_section([_action(1, description="Train all the teams.")], [_action(1)])
    assert edited.changed and edited.new.actions[0]["mark"] == "Changed"
    assert _actions_section([_action(1), _action(3)], [_action(1)]).changed

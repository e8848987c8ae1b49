"""The assessment page (content, sign-off record, history, versions) and comparing versions."""

import pytest
from django.urls import reverse
from django.utils import dateformat, timezone

from assessments import services
from assessments.items import SECTIONS
from assessments.models import AssessmentSnapshot
from assessments.selectors.comparison import ADDED, REMOVED, SAME, compare_contents, word_diff
from assessments.snapshots import build_snapshot
from tests.factories import complete_content
from tests.html import text, texts, title
from tests.tamper import tamper

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycled(threat, quarter, business_lead, spr_lead):
    """Submitted, returned with comments, revised, resubmitted and signed off."""
    assessment = services.assessment_start(threat=threat, quarter=quarter, actor=business_lead)
    assessment = services.assessment_save_draft(
        assessment=assessment,
        actor=business_lead,
        data=complete_content(),
        revision=assessment.revision,
    )
    assessment = services.assessment_submit(assessment=assessment, actor=business_lead)
    assessment = services.assessment_return(
        assessment=assessment,
        actor=spr_lead,
        comment="Give the local numbers.",
        section_comments={"capacity_local": "How many specialist officers?"},
    )
    assessment = services.assessment_save_draft(
        assessment=assessment,
        actor=business_lead,
        data={
            "capacity_local_narrative": "Forty specialist officers work on this threat locally.",
            "capacity_local_grade": 3,
        },
        revision=assessment.revision,
    )
    assessment = services.assessment_submit(assessment=assessment, actor=business_lead)
    return services.assessment_sign_off(assessment=assessment, actor=spr_lead)


def _detail(client, assessment):
    return client.get(reverse("assessments:assessment_detail", kwargs={"pk": assessment.pk}))


@pytest.mark.template_context
def test_history_shows_every_event_with_actor_time_and_comment(client, cycled, spr_lead):
    client.force_login(spr_lead)
    response = _detail(client, cycled)
    words = text(response)
    actions = [e.heading for e in response.context["events"]]
    assert actions == [
        "Started",
        "Saved 11 sections as draft: "
        + ", ".join(
            label for code, label in SECTIONS if code not in ("four_ps", "risks", "actions")
        ),
        "Submitted for review",
        "Returned for revision",
        "Saved Capacity – local as draft",
        "Submitted for review",
        "Signed off",
    ]
    assert "Give the local numbers." in words
    assert "Capacity – local: How many specialist officers?" in words
    event = response.context["events"][-1]
    assert dateformat.format(timezone.localtime(event.at), "j F Y, H:i") in words
    assert cycled.signed_snapshot.fingerprint in words


@pytest.mark.template_context
def test_the_pcc_office_sees_the_signed_result_but_not_the_workflow(client, cycled, pcc_office):
    client.force_login(pcc_office)
    response = _detail(client, cycled)
    words = text(response)
    assert response.status_code == 200
    assert cycled.signed_snapshot.fingerprint in words
    assert "Give the local numbers." not in words
    assert response.context["events"] == [] and response.context["snapshots"] == []


def test_the_page_shows_exactly_what_was_signed(client, cycled, spr_lead):
    """Later changes to carried-forward actions do not alter what the page says was signed."""
    client.force_login(spr_lead)
    tamper(
        AssessmentSnapshot,
        cycled.signed_snapshot_id,
        data={**cycled.signed_snapshot.data, "summary": "Altered after signing."},
    )
    words = text(_detail(client, cycled))
    assert "Altered after signing." in words
    assert "The stored signed version no longer gives this fingerprint" in words


def test_the_owning_lead_is_offered_the_edit_page_only_while_editable(
    client, threat, quarter, business_lead, cycled
):
    client.force_login(business_lead)
    assert "Edit the self-assessment" not in texts(_detail(client, cycled), "a")
    reopened = services.assessment_reopen(
        assessment=cycled, actor=cycled.signed_off_by, reason="Figures were wrong."
    )
    assert "Edit the self-assessment" in texts(_detail(client, reopened), "a")


@pytest.mark.template_context
def test_compare_defaults_to_the_last_two_versions(client, cycled, business_lead):
    client.force_login(business_lead)
    url = reverse("assessments:assessment_compare", kwargs={"pk": cycled.pk})
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["form"].cleaned_data == {"a": "2", "b": "3"}
    # Versions 2 (resubmitted) and 3 (signed off) have the same content.
    assert not any(s.changed for s in response.context["sections"])


@pytest.mark.template_context
def test_compare_any_two_versions_marks_the_changes(client, cycled, chief_officer):
    client.force_login(chief_officer)
    url = reverse("assessments:assessment_compare", kwargs={"pk": cycled.pk})
    response = client.get(url, {"a": "1", "b": "3"})
    sections = {s.code: s for s in response.context["sections"]}
    assert sections["capacity_local"].changed and sections["capacity_local"].grade_changed
    assert not sections["summary"].changed
    assert "Down from Good" in text(response)
    added = texts(response, "ins.review-diff--added")
    assert [run for run in added if run.startswith("Added: Forty")]


@pytest.mark.template_context
def test_compare_refuses_the_same_version_twice_or_an_unknown_one(client, cycled, spr_lead):
    client.force_login(spr_lead)
    url = reverse("assessments:assessment_compare", kwargs={"pk": cycled.pk})
    same = client.get(url, {"a": "2", "b": "2"})
    assert same.status_code == 200
    assert "Choose two different versions" in text(same)
    assert same.context["compared_html"] == ""  # nothing compared
    assert "review-section" not in same.content.decode()
    unknown = client.get(url, {"a": "1", "b": "99"})
    assert "Choose a version to compare" in text(unknown)
    assert title(unknown).startswith("Error: ")


@pytest.mark.template_context
def test_a_draft_compares_its_current_content_with_its_versions(
    client, cycled, spr_lead, business_lead
):
    draft = services.assessment_reopen(assessment=cycled, actor=spr_lead, reason="Wrong figures.")
    services.assessment_save_draft(
        assessment=draft,
        actor=business_lead,
        data={"risks": "A new risk."},
        revision=draft.revision,
    )
    client.force_login(spr_lead)
    url = reverse("assessments:assessment_compare", kwargs={"pk": draft.pk})
    response = client.get(url, {"a": "3", "b": "current"})
    sections = {s.code: s for s in response.context["sections"]}
    assert sections["risks"].changed


def test_word_diff_marks_added_and_removed_runs():
    old, new, changed = word_diff("Twenty officers work here.", "Forty officers work here now.")
    assert changed
    assert [(s.kind, s.text) for s in old] == [
        (REMOVED, "Twenty "),
        (SAME, "officers work "),
        (REMOVED, "here."),
    ]
    assert "".join(s.text for s in old) == "Twenty officers work here."
    assert "".join(s.text for s in new) == "Forty officers work here now."
    assert {s.kind for s in new} == {ADDED, SAME}
    old, new, changed = word_diff("Same words.", "Same words.")
    assert (old, new, changed) == (new, old, False) and [s.kind for s in new] == [SAME]


def test_compare_contents_covers_every_section(cycled):
    data = build_snapshot(cycled)
    sections = compare_contents(data, None)
    assert [s.code for s in sections][-5:] == ["evidence", "four_ps", "risks", "actions", "summary"]
    assert len(sections) == 14
    assert all(s.old is None and not s.changed for s in sections)
    other = {**data, "evidence_sources": [], "four_ps": ["prevent"], "actions": []}
    marked = {s.code: s for s in compare_contents(data, other)}
    assert marked["evidence"].changed and marked["four_ps"].changed
    assert [seg.kind for seg in marked["evidence"].new.choices] == [ADDED]

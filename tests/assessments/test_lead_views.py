"""The business lead's pages: My assessments, starting, sections, submitting, returns."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments import services
from assessments.choices import Status
from assessments.models import Assessment, WorkflowEvent
from spr_portal.roles import Role
from spr_portal.wording import person_name
from tests.assessments.lead_support import complete, past_quarter, signed_off, submitted
from tests.factories import ThreatFactory, UserFactory, complete_content
from tests.html import error_summary, one, select, text, texts, title

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead_client(client, business_lead):
    client.force_login(business_lead)
    return client


def section_url(assessment, section):
    return reverse("assessments:assessment_section", args=[assessment.pk, section])


def task_list_url(assessment):
    return reverse("assessments:assessment_edit", args=[assessment.pk])


def task(page, label: str):
    """The task list's item for the section called `label`."""
    [item] = [
        item
        for item in select(page, "li.govuk-task-list__item")
        if text(one(item, ".govuk-task-list__link")) == label
    ]
    return item


# --- My assessments -------------------------------------------------------------------------


def test_my_assessments_lists_each_owned_threat_with_status_and_deadline(
    lead_client, threat, department, quarter, other_threat, spr_lead
):
    second = ThreatFactory(name="Civil Emergencies", slug="civil", owning_department=department)
    services.assessment_start(threat=second, quarter=quarter, actor=department.leads.get())
    signed_off(threat=threat, quarter=past_quarter(2015, 3), reviewer=spr_lead)
    page = lead_client.get(reverse("assessments:my_assessments"))
    words = text(page)
    assert "2015/16 Q4: open for self-assessment" in words
    assert "11 March 2016" in words
    links = texts(page, "a")
    assert "Start the Child Sexual Abuse self-assessment" in links
    assert "Continue the Civil Emergencies self-assessment" in links
    assert "Not started" in words and "Draft" in words
    assert "2015/16 Q3" in words and "Signed off" in words  # last signed off, and past quarters
    assert other_threat.name not in words


def _count_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("assessments:my_assessments")).status_code == 200
    return len(queries)


def test_my_assessments_queries_do_not_grow_with_the_history(
    lead_client, threat, department, quarter, spr_lead, django_assert_max_num_queries
):
    second = ThreatFactory(name="Civil Emergencies", slug="civil", owning_department=department)
    signed_off(threat=threat, quarter=past_quarter(2015, 3), reviewer=spr_lead)
    with_one_quarter = _count_queries(lead_client)
    for year in range(2005, 2015):
        for number in (1, 2, 3, 4):
            past = past_quarter(year, number)
            signed_off(threat=threat, quarter=past, reviewer=spr_lead)
            signed_off(threat=second, quarter=past, reviewer=spr_lead)
    services.assessment_start(threat=second, quarter=quarter, actor=department.leads.get())
    with django_assert_max_num_queries(with_one_quarter):
        response = lead_client.get(reverse("assessments:my_assessments"))
    # 81 past assessments, 20 a page: the page's cost stays that of one page of them.
    assert [link.split()[0] for link in texts(response, "a")].count("View") == 20
    assert "Page 1 of 5" in text(response)
    last = lead_client.get(reverse("assessments:my_assessments") + "?page=5")
    assert [link.split()[0] for link in texts(last, "a")].count("View") == 1
    assert "Page 5 of 5" in text(last)
    assert not [link for link in texts(last, "a") if link.startswith("Next")]
    odd = lead_client.get(reverse("assessments:my_assessments") + "?page=x")
    assert odd.status_code == 200 and "Page 1 of 5" in text(odd)


def test_my_assessments_without_an_open_quarter(lead_client, threat, quarter):
    quarter.is_open = False
    quarter.save()
    page = lead_client.get(reverse("assessments:my_assessments"))
    assert "No quarter is open for self-assessment" in text(page)


# --- Starting -------------------------------------------------------------------------------


def test_start_offers_last_quarter_and_copies_it(lead_client, threat, quarter, spr_lead):
    previous = signed_off(
        threat=threat, quarter=past_quarter(2015, 3), reviewer=spr_lead, capability_grade=2
    )
    url = reverse("assessments:assessment_start", args=[quarter.pk, threat.slug])
    page = text(lead_client.get(url))
    assert "Start from last quarter" in page and "2015/16 Q3" in page

    refused = lead_client.post(url, {})
    assert refused.status_code == 200
    assert error_summary(refused) == [("#start_from", "Choose how to start the self-assessment")]
    # ...which is the first radio's id, described by its hint.
    first = one(refused, "#start_from")
    assert (first["type"], first["value"], first["aria-describedby"]) == (
        "radio",
        "previous",
        "start_from-item-hint",
    )
    assert one(refused, "#start_from-2")["value"] == "empty"
    assert not Assessment.objects.filter(quarter=quarter).exists()

    response = lead_client.post(url, {"start_from": "previous"})
    draft = Assessment.objects.get(threat=threat, quarter=quarter)
    assert response["Location"] == task_list_url(draft)
    assert draft.capability_grade == 2 and draft.summary == previous.summary
    # Starting again goes to the one that exists.
    assert lead_client.post(url, {"start_from": "empty"})["Location"] == task_list_url(draft)


def test_a_start_a_moment_after_a_colleagues_opens_the_one_they_started(
    lead_client, threat, quarter, department, monkeypatch
):
    """Both leads of the department asked to start; the colleague's start was written between
    this page's look for an existing one and its own start, which the service then refuses."""
    colleague = UserFactory(username="lead.colleague", roles=[Role.BUSINESS_LEAD])
    department.leads.add(colleague)
    start = services.assessment_start

    def colleague_first(**kwargs):
        start(**{**kwargs, "actor": colleague})
        return start(**kwargs)

    monkeypatch.setattr(services, "assessment_start", colleague_first)
    url = reverse("assessments:assessment_start", args=[quarter.pk, threat.slug])
    response = lead_client.post(url, {"start_from": "empty"})
    started = Assessment.objects.get(threat=threat, quarter=quarter)
    assert started.created_by == colleague
    assert response["Location"] == task_list_url(started)


def test_start_without_a_previous_assessment_starts_empty(lead_client, threat, quarter):
    url = reverse("assessments:assessment_start", args=[quarter.pk, threat.slug])
    assert "starts empty" in text(lead_client.get(url))
    lead_client.post(url, {"start_from": "empty"})
    assert Assessment.objects.get(threat=threat, quarter=quarter).summary == ""


# --- Sections -------------------------------------------------------------------------------


def test_a_section_shows_last_quarter_and_the_grade_definitions(
    lead_client, draft, threat, spr_lead
):
    signed_off(
        threat=threat,
        quarter=past_quarter(2015, 3),
        reviewer=spr_lead,
        capability_grade=2,
        capability_narrative="Last quarter: too few <b>trained</b> officers.",
    )
    page = lead_client.get(section_url(draft, "capability"))
    words = text(page)
    assert "Last signed off: 2015/16 Q3" in words
    assert "Requires improvement" in texts(page, ".portal-grade--2")
    assert "Last quarter: too few <b>trained</b> officers." in words  # escaped, not bold
    labels = texts(page, "label.govuk-radios__label")
    assert labels == ["Outstanding", "Good", "Adequate", "Requires improvement", "Inadequate"]
    assert "Performing exceptionally well" in words
    assert one(page, '[data-module="govuk-character-count"]')["data-maxlength"] == "2000"
    assert one(page, 'input[name="revision"]')["value"] == str(draft.revision)


def test_no_earlier_assessment_is_said_plainly(lead_client, draft):
    assert "No earlier assessment" in text(lead_client.get(section_url(draft, "capability")))


def test_save_as_draft_saves_the_section_and_returns_to_the_task_list(
    lead_client, draft, business_lead
):
    # Opened before the save (the task list is kept under the write stamp): the save shows.
    before = task(lead_client.get(task_list_url(draft)), "Capacity – local")
    assert text(one(before, ".govuk-task-list__status")) != "Completed"
    response = lead_client.post(
        section_url(draft, "capacity-local"),
        {
            "revision": draft.revision,
            "capacity_local_grade": "4",
            "capacity_local_narrative": "Two more specialist teams joined the unit.",
        },
    )
    assert response["Location"] == task_list_url(draft)
    draft.refresh_from_db()
    assert draft.capacity_local_grade == 4
    assert draft.events.last().action == "saved" and draft.events.last().actor == business_lead
    tasks = lead_client.get(task_list_url(draft))
    capacity = task(tasks, "Capacity – local")
    assert "Grade: Good" in text(one(capacity, ".govuk-task-list__hint"))
    assert text(one(capacity, ".govuk-task-list__status")) == "Completed"
    assert "You have completed 1 of 11 required sections." in text(tasks)


def test_a_partial_save_keeps_other_sections(lead_client, draft, business_lead):
    draft = complete(draft, business_lead)
    lead_client.post(
        section_url(draft, "risks"), {"revision": draft.revision, "risks": "New risks."}
    )
    draft.refresh_from_db()
    assert draft.risks == "New risks." and draft.summary == complete_content()["summary"]


def test_too_long_a_narrative_is_refused_and_the_text_kept(lead_client, draft):
    typed = "x" * 2001
    response = lead_client.post(
        section_url(draft, "consistency"),
        {"revision": draft.revision, "consistency_narrative": typed},
    )
    assert response.status_code == 200
    message = "The Consistency narrative must be 2,000 characters or fewer"
    assert error_summary(response) == [("#id_consistency_narrative", message)]
    assert texts(response, "#id_consistency_narrative-error") == [f"Error: {message}"]
    assert one(response, "textarea#id_consistency_narrative").get_text().strip() == typed
    assert title(response).startswith("Error: ")
    draft.refresh_from_db()
    assert draft.consistency_narrative == "" and draft.revision == 1


def test_line_breaks_count_once_as_the_character_count_counts_them(lead_client, draft):
    typed = ("x" * 9 + "\r\n") * 200  # 2,000 characters on screen, 2,200 as posted
    response = lead_client.post(
        section_url(draft, "risks"), {"revision": draft.revision, "risks": "a" * 2000 + typed}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert "\r" not in draft.risks and len(draft.risks) == 3999  # the last newline is stripped


def test_html_typed_in_text_is_shown_as_text(lead_client, draft, business_lead):
    # Closing the textarea first: unescaped, this would become a script element.
    script = '</textarea><script>alert("owned")</script>'
    lead_client.post(section_url(draft, "summary"), {"revision": draft.revision, "summary": script})
    draft.refresh_from_db()
    assert draft.summary == script  # stored as typed
    page = lead_client.get(section_url(draft, "summary"))
    assert not [element for element in select(page, "script") if "owned" in element.get_text()]
    assert one(page, 'textarea[name="summary"]').get_text().strip() == script


def test_a_stale_save_is_refused_with_both_texts_shown(lead_client, draft, business_lead):
    opened_at = draft.revision
    services.assessment_save_draft(
        assessment=draft,
        actor=business_lead,
        data={"risks": "Colleague's risks."},
        revision=opened_at,
    )
    response = lead_client.post(
        section_url(draft, "risks"), {"revision": opened_at, "risks": "My <em>own</em> risks."}
    )
    assert response.status_code == 409
    words = text(response)
    assert title(response).startswith("Error: ")
    assert "Someone else saved this self-assessment after you opened this page" in words
    assert "It was last saved by" in words
    # Their own text, read-only, escaped; the form holds what is saved, at the new revision.
    typed = one(response, "textarea#typed-risks")
    assert typed.has_attr("readonly") and typed.get_text().strip() == "My <em>own</em> risks."
    assert one(response, 'textarea[name="risks"]').get_text().strip() == "Colleague's risks."
    assert one(response, 'input[name="revision"]')["value"] == str(opened_at + 1)
    draft.refresh_from_db()
    assert draft.risks == "Colleague's risks."


def test_a_refused_save_names_who_saved_last_and_when(
    lead_client, draft, business_lead, department
):
    colleague = UserFactory(
        username="lead.colleague", first_name="Priya", last_name="Shah", roles=[Role.BUSINESS_LEAD]
    )
    department.leads.add(colleague)
    opened_at = draft.revision
    services.assessment_save_draft(
        assessment=draft, actor=colleague, data={"risks": "Theirs."}, revision=opened_at
    )
    started, saved = draft.events.order_by("pk")
    assert (started.actor, saved.actor) == (business_lead, colleague)

    def refusal_after(started_at, saved_at):
        WorkflowEvent.objects.filter(pk=started.pk).update(at=started_at)
        WorkflowEvent.objects.filter(pk=saved.pk).update(at=saved_at)
        response = lead_client.post(section_url(draft, "risks"), {"revision": opened_at})
        assert response.status_code == 409
        return text(response)

    morning = datetime(2016, 3, 2, 9, 5, tzinfo=UTC)  # GMT in March
    later = morning + timedelta(hours=5)
    # The newest event by its time, not by the order the rows were written…
    assert f"last saved by {person_name(business_lead)} at 2:05pm on 2 March 2016." in (
        refusal_after(later, morning)
    )
    # …and of two at the same moment, the one written last.
    assert "last saved by Priya Shah at 9:05am on 2 March 2016." in refusal_after(morning, morning)
    # Someone with no name yet is named by their user name, as everywhere.
    get_user_model().objects.filter(pk=colleague.pk).update(first_name="", last_name="")
    assert "last saved by lead.colleague at 9:05am" in refusal_after(morning, morning)


def test_a_save_after_submission_elsewhere_keeps_the_text(lead_client, draft, business_lead):
    opened_at = submitted(draft, business_lead).revision
    response = lead_client.post(
        section_url(draft, "risks"), {"revision": opened_at, "risks": "Late words."}
    )
    assert response.status_code == 409
    words = text(response)
    assert "can no longer be changed" in words and "Late words." in words
    assert lead_client.get(section_url(draft, "risks"))["Location"] == task_list_url(draft)


# --- Submitting -----------------------------------------------------------------------------


def test_an_early_submit_lists_every_missing_item_linking_to_its_field(lead_client, draft):
    response = lead_client.post(
        reverse("assessments:assessment_submit", args=[draft.pk]),
        {"declaration": "on", "revision": draft.revision},
    )
    assert response.status_code == 200
    assert title(response).startswith("Error: ") and "There is a problem" in text(response)
    links = error_summary(response)
    assert len(links) == 20
    assert links[0] == (
        section_url(draft, "capacity-local") + "?check=1#id_capacity_local_grade",
        "Choose a grade for Capacity – local",
    )
    assert links[-2][0] == section_url(draft, "evidence") + "?check=1#id_evidence_sources"
    assert links[-1][0] == section_url(draft, "summary") + "?check=1#id_summary"
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_following_an_error_link_shows_the_error_on_the_field(lead_client, draft):
    page = lead_client.get(section_url(draft, "capability") + "?check=1")
    assert title(page).startswith("Error: ")
    assert texts(page, "#id_capability_grade-error") == ["Error: Choose a grade for Capability"]


def test_a_complete_submit_goes_to_my_assessments(lead_client, draft, business_lead):
    draft = complete(draft, business_lead)
    response = lead_client.post(
        reverse("assessments:assessment_submit", args=[draft.pk]),
        {"declaration": "on", "revision": draft.revision},
    )
    assert response["Location"] == reverse("assessments:my_assessments")
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    page = text(lead_client.get(response["Location"]))
    assert "You submitted the Child Sexual Abuse self-assessment for 2015/16 Q4" in page
    read_only = text(lead_client.get(task_list_url(draft)))
    assert "Nobody has started reviewing it yet, so you can still withdraw it" in read_only
    assert "Submit for review" not in read_only


# --- Returned for revision --------------------------------------------------------------------


def test_a_returned_assessment_shows_the_comments_and_can_be_resubmitted(
    lead_client, draft, business_lead, spr_lead
):
    services.assessment_return(
        assessment=submitted(draft, business_lead),
        actor=spr_lead,
        comment="Say how the new teams change local capacity. <script>x()</script>",
        section_comments={"capacity_local": "Give the number of specialist officers."},
    )
    tasks = lead_client.get(task_list_url(draft))
    assert "Returned for revision" in text(tasks)
    assert "Say how the new teams change local capacity. <script>x()</script>" in text(tasks)
    assert texts(task(tasks, "Capacity – local"), ".portal-comment-flag") == ["Reviewer commented"]
    assert not select(task(tasks, "Capability"), ".portal-comment-flag")
    section = text(lead_client.get(section_url(draft, "capacity-local")))
    assert "Give the number of specialist officers." in section
    assert "Give the number" not in text(lead_client.get(section_url(draft, "capability")))

    draft.refresh_from_db()
    lead_client.post(
        section_url(draft, "capacity-local"),
        {
            "revision": draft.revision,
            "capacity_local_grade": "4",
            "capacity_local_narrative": "Forty-two specialist officers now work in the unit.",
        },
    )
    draft.refresh_from_db()
    lead_client.post(
        reverse("assessments:assessment_submit", args=[draft.pk]),
        {"declaration": "on", "revision": draft.revision},
    )
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert [e.action for e in draft.events.all()][-3:] == ["returned", "saved", "submitted"]


def test_start_warns_when_the_last_signed_off_version_is_more_than_a_year_old(
    lead_client, threat, quarter, spr_lead
):
    signed_off(threat=threat, quarter=past_quarter(2014, 3), reviewer=spr_lead)
    url = reverse("assessments:assessment_start", args=[quarter.pk, threat.slug])
    page = lead_client.get(url).text
    assert "more than a year before 2015/16 Q4" in page
    assert "Start from the 2014/15 Q3 version" in page


def test_start_does_not_warn_about_a_version_exactly_a_year_old(
    lead_client, threat, quarter, spr_lead
):
    signed_off(threat=threat, quarter=past_quarter(2014, 4), reviewer=spr_lead)
    page = lead_client.get(
        reverse("assessments:assessment_start", args=[quarter.pk, threat.slug])
    ).text
    assert "more than a year" not in page and "2014/15 Q4" in page

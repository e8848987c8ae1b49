"""The actions register: every open improvement action across threats, filters, overdue flag,
and a fixed number of queries."""

import datetime

import pytest
from django.urls import reverse

from assessments.choices import ActionStatus
from tests.factories import AssessmentFactory, ImprovementActionFactory
from tests.html import error_summary, one, select, text, texts

pytestmark = pytest.mark.django_db
URL = reverse("assessments:actions_register")


@pytest.fixture
def actions(threat, other_threat, quarter):
    mine = AssessmentFactory(threat=threat, quarter=quarter)
    theirs = AssessmentFactory(threat=other_threat, quarter=quarter)
    return {
        "overdue": ImprovementActionFactory(
            raised_in=mine, description="Overdue training plan", due_date=datetime.date(2016, 1, 31)
        ),
        "in_progress": ImprovementActionFactory(
            raised_in=theirs,
            description="Regional tasking review",
            status=ActionStatus.IN_PROGRESS,
            due_date=datetime.date.today() + datetime.timedelta(days=30),
        ),
        "closed": ImprovementActionFactory(
            raised_in=mine,
            description="Closed long ago",
            status=ActionStatus.CLOSED,
            closed_on=datetime.date(2016, 2, 1),
            closed_in=mine,
        ),
    }


@pytest.fixture
def reviewer(client, spr_lead):
    client.force_login(spr_lead)
    return client


@pytest.mark.template_context
def test_lists_open_actions_with_owner_due_date_and_overdue_flag(reviewer, actions):
    response = reviewer.get(URL)
    words = text(response)
    assert [a.description for a in response.context["actions"]] == [
        "Overdue training plan",
        "Regional tasking review",
    ]
    assert "Closed long ago" not in words
    rows = {text(row.td): row for row in select(response, "tbody tr")}
    assert "31 January 2016" in text(rows["Overdue training plan"])
    assert "Overdue" in texts(rows["Overdue training plan"], ".govuk-tag")
    assert texts(response, ".govuk-tag").count("Overdue") == 1
    assert "Head of department" in words
    assert "; 1 overdue (due before" in text(one(response, '[role="status"]'))


@pytest.mark.template_context
def test_filters_by_threat_status_and_overdue(reviewer, actions, threat, other_threat):
    by_threat = reviewer.get(URL, {"threat": other_threat.pk}).context["actions"]
    assert [a.description for a in by_threat] == ["Regional tasking review"]
    by_status = reviewer.get(URL, {"status": "open"}).context["actions"]
    assert [a.description for a in by_status] == ["Overdue training plan"]
    overdue = reviewer.get(URL, {"overdue": "on"}).context["actions"]
    assert [a.description for a in overdue] == ["Overdue training plan"]
    none = reviewer.get(URL, {"threat": threat.pk, "status": "in_progress"})
    assert none.context["actions"] == []
    assert "No open improvement action matches these filters" in text(none)


@pytest.mark.template_context
def test_a_bad_filter_shows_an_error_not_a_500(reviewer, actions):
    response = reviewer.get(URL, {"threat": "nonsense", "status": "closed"})
    assert response.status_code == 200
    assert error_summary(response)
    assert len(response.context["actions"]) == 2


@pytest.mark.parametrize("how_many", [1, 25])
@pytest.mark.template_context
def test_a_fixed_number_of_queries(reviewer, threat, quarter, how_many, django_assert_num_queries):
    assessment = AssessmentFactory(threat=threat, quarter=quarter)
    for n in range(how_many):
        ImprovementActionFactory(raised_in=assessment, description=f"Action {n}")
    # session, user, the cache's write stamp (spr_portal/cache_stamp.py), roles, whether
    # they stand in for a department today (the SPR lead's permissions), the threats for the
    # filter, the actions with their threat, department and quarter; the threats' names
    # under the quarters' editions (2); the force profile (the header names the force).
    with django_assert_num_queries(10):
        response = reviewer.get(URL)
    assert len(response.context["actions"]) == how_many
    # Opened again with nothing written since: session, user and the stamp alone (the rows
    # come as the table rendered the first time).
    with django_assert_num_queries(3):
        response = reviewer.get(URL)
    assert len(select(response, "tbody tr")) == how_many


def test_the_error_summary_names_each_bad_filter_by_its_label(reviewer):
    html = reviewer.get(URL, {"threat": "nonsense", "status": "lost"}).content.decode()
    threat = html.index('<li><a href="#id_threat">National threat: ')
    status = html.index('<li><a href="#id_status">Status: Select a valid choice.')
    assert threat < status  # in the form's order
    assert "<title>Error: Actions register" in html

"""The improvement actions section: list, add, change (refused from a stale form), close."""

import datetime

import pytest
from django.urls import reverse

from assessments import services
from assessments.choices import ActionStatus
from assessments.models import ImprovementAction
from tests.assessments.lead_support import submitted
from tests.html import error_summary, one, select, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead_client(client, business_lead):
    client.force_login(business_lead)
    return client


@pytest.fixture
def action(draft, business_lead):
    return services.action_add(
        assessment=draft,
        actor=business_lead,
        description="Open the remaining <hubs>.",
        owner="Head of PPU",
        due_date=datetime.date(2016, 6, 30),
    )


def _form(**overrides):
    data = {
        "description": "Complete the working strategy for the CSA threat.",
        "owner": "Head of Public Protection",
        "due_date_0": "31",
        "due_date_1": "3",
        "due_date_2": "2016",
    }
    return {**data, **overrides}


def test_the_list_shows_each_action_escaped_with_change_and_close(lead_client, draft, action):
    page = lead_client.get(reverse("assessments:action_list", args=[draft.pk]))
    words = text(page)
    assert "Open the remaining <hubs>." in words
    assert "30 June 2016" in words and "Raised in 2015/16 Q4" in words
    edit = reverse("assessments:action_edit", args=[draft.pk, action.pk])
    assert text(one(page, f'a[href="{edit}"]')) == "Change action: Open the remaining <hubs>."
    close = reverse("assessments:action_close", args=[draft.pk, action.pk])
    assert one(page, f'form[action="{close}"]')["method"] == "post"


def test_adding_an_action(lead_client, draft, business_lead):
    response = lead_client.post(reverse("assessments:action_add", args=[draft.pk]), _form())
    assert response["Location"] == reverse("assessments:action_list", args=[draft.pk])
    action = ImprovementAction.objects.get(raised_in=draft)
    assert (action.owner, action.due_date, action.created_by) == (
        "Head of Public Protection",
        datetime.date(2016, 3, 31),
        business_lead,
    )


@pytest.mark.parametrize(
    ("overrides", "message", "anchor"),
    [
        ({"description": "  "}, "Enter what needs to be done", "id_description"),
        ({"owner": ""}, "Enter who owns the action", "id_owner"),
        (
            {"due_date_0": "", "due_date_1": "", "due_date_2": ""},
            "Enter the due date",
            "id_due_date_0",
        ),
        ({"due_date_1": ""}, "The due date must include a month", "id_due_date_1"),
        (
            {"due_date_0": "31", "due_date_1": "2"},
            "The due date must be a real date",
            "id_due_date_0",
        ),
        (
            {"description": "x" * 1001},
            "What needs to be done must be 1,000 characters",
            "id_description",
        ),
    ],
)
def test_a_bad_action_is_refused_with_the_error_linked_and_text_kept(
    lead_client, draft, overrides, message, anchor
):
    data = _form(**overrides)
    response = lead_client.post(reverse("assessments:action_add", args=[draft.pk]), data)
    assert response.status_code == 200
    [(href, shown)] = error_summary(response)
    assert href == f"#{anchor}" and shown.startswith(message)
    # An empty box has no value attribute (Django renders none for "").
    assert one(response, 'input[name="owner"]').get("value", "") == data["owner"]
    assert not ImprovementAction.objects.exists()


def test_changing_an_action_and_closing_it_by_its_status(lead_client, draft, action):
    url = reverse("assessments:action_edit", args=[draft.pk, action.pk])
    page = lead_client.get(url)
    assert one(page, 'input[name="revision"]')["value"] == str(action.revision)
    response = lead_client.post(
        url, _form(status="closed", owner="DCI Public Protection", revision=action.revision)
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.owner, action.status, action.closed_in) == (
        "DCI Public Protection",
        ActionStatus.CLOSED,
        draft,
    )


def test_a_stale_action_form_is_refused_and_the_text_shown_back(
    lead_client, draft, action, business_lead
):
    opened = action.revision
    services.action_edit(
        assessment=draft, action=action, actor=business_lead, revision=opened, owner="Colleague"
    )
    response = lead_client.post(
        reverse("assessments:action_edit", args=[draft.pk, action.pk]),
        _form(status="open", description="My <i>better</i> wording.", revision=opened),
    )
    assert response.status_code == 409
    assert "Someone else changed this improvement action" in text(response)
    typed = one(response, "textarea#typed-description")
    assert typed.get_text().strip() == "My <i>better</i> wording." and not select(typed, "i")
    assert one(response, 'input[name="owner"]')["value"] == "Colleague"
    action.refresh_from_db()
    assert action.owner == "Colleague"


def test_the_close_button_closes_the_action(lead_client, draft, action):
    response = lead_client.post(reverse("assessments:action_close", args=[draft.pk, action.pk]))
    assert response["Location"] == reverse("assessments:action_list", args=[draft.pk])
    action.refresh_from_db()
    assert action.status == ActionStatus.CLOSED and action.closed_on is not None


def test_actions_of_a_submitted_assessment_cannot_be_changed(
    lead_client, draft, action, business_lead
):
    submitted(draft, business_lead)
    list_url = reverse("assessments:action_list", args=[draft.pk])
    assert lead_client.get(list_url)["Location"] == reverse(
        "assessments:assessment_edit", args=[draft.pk]
    )
    response = lead_client.post(reverse("assessments:action_add", args=[draft.pk]), _form())
    assert response.status_code == 200
    assert "cannot be edited" in text(response)
    assert one(response, 'input[name="owner"]')["value"] == "Head of Public Protection"
    close = lead_client.post(reverse("assessments:action_close", args=[draft.pk, action.pk]))
    assert close.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN
    assert ImprovementAction.objects.count() == 1

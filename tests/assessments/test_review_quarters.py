"""Quarters: the SPR lead creates them, moves their dates, opens and closes them, on record."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from assessments import services
from assessments.models import Quarter
from audit.models import AuditAction, AuditEvent
from tests.conftest import ROLE_FIXTURES
from tests.factories import EditionFactory, QuarterFactory
from tests.html import error_summary, one, text, title

pytestmark = pytest.mark.django_db


def _create(actor, **changes):
    values = {
        "financial_year": 2016,
        "number": 1,
        "edition": EditionFactory(),
        "submission_deadline": datetime.date(2016, 6, 10),
        "meeting_date": datetime.date(2016, 6, 23),
    } | changes
    return services.quarter_create(actor=actor, **values)


def test_the_spr_lead_creates_a_closed_quarter_on_record(spr_lead):
    quarter = _create(spr_lead)
    assert (quarter.label, quarter.is_open) == ("2016/17 Q1", False)
    entry = AuditEvent.objects.get(object_type="quarter", object_id=quarter.pk)
    assert (entry.actor, entry.action, entry.quarter) == (
        spr_lead,
        AuditAction.QUARTER_CREATED,
        quarter,
    )
    assert entry.summary == "Created 2016/17 Q1: deadline 10 June 2016, meeting 23 June 2016"


@pytest.mark.parametrize("role_fixture", [r for r in ROLE_FIXTURES if r != "spr_lead"])
def test_nobody_else_manages_quarters(request, role_fixture, quarter):
    user = request.getfixturevalue(role_fixture)
    with pytest.raises(PermissionDenied):
        _create(user)
    with pytest.raises(PermissionDenied):
        services.quarter_close(quarter=quarter, actor=user)
    with pytest.raises(PermissionDenied):
        services.quarter_open(quarter=quarter, actor=user)
    with pytest.raises(PermissionDenied):
        services.quarter_update(
            quarter=quarter,
            actor=user,
            submission_deadline=quarter.submission_deadline,
            meeting_date=quarter.meeting_date,
        )


def test_a_quarter_exists_once_and_its_meeting_follows_its_deadline(spr_lead, quarter):
    with pytest.raises(ValidationError) as duplicate:
        _create(spr_lead, financial_year=2015, number=4)
    assert duplicate.value.message_dict == {"number": ["2015/16 Q4 already exists"]}
    with pytest.raises(ValidationError) as order:
        _create(spr_lead, meeting_date=datetime.date(2016, 6, 1))
    assert "meeting_date" in order.value.message_dict


def test_one_open_quarter_at_a_time(spr_lead, quarter):
    new = _create(spr_lead)
    with pytest.raises(ValidationError, match="Close 2015/16 Q4 before opening 2016/17 Q1"):
        services.quarter_open(quarter=new, actor=spr_lead)
    services.quarter_close(quarter=quarter, actor=spr_lead)
    services.quarter_open(quarter=new, actor=spr_lead)
    assert list(Quarter.objects.open()) == [new]
    messages = list(
        AuditEvent.objects.filter(actor=spr_lead).order_by("pk").values_list("summary", flat=True)
    )
    assert messages[-2:] == ["Closed to submissions", "Opened for submissions"]
    with pytest.raises(ValidationError, match="already open"):
        services.quarter_open(quarter=new, actor=spr_lead)
    with pytest.raises(ValidationError, match="already closed"):
        services.quarter_close(quarter=quarter, actor=spr_lead)


def test_changing_the_dates_is_recorded(spr_lead, quarter):
    services.quarter_update(
        quarter=quarter,
        actor=spr_lead,
        submission_deadline=datetime.date(2016, 3, 18),
        meeting_date=datetime.date(2016, 3, 24),
    )
    quarter.refresh_from_db()
    assert quarter.submission_deadline == datetime.date(2016, 3, 18)
    entry = AuditEvent.objects.get(object_type="quarter", object_id=quarter.pk)
    assert (entry.action, entry.summary) == (
        AuditAction.QUARTER_CHANGED,
        "Changed deadline 11 March 2016 → 18 March 2016",
    )


# The pages


@pytest.fixture
def reviewer(client, spr_lead):
    client.force_login(spr_lead)
    return client


def test_create_a_quarter_through_the_form(reviewer, quarter):
    edition = quarter.edition
    response = reviewer.post(
        reverse("assessments:quarter_new"),
        {
            "financial_year": "2016",
            "number": "1",
            "edition": str(edition.pk),
            "submission_deadline_0": "10",
            "submission_deadline_1": "6",
            "submission_deadline_2": "2016",
            "meeting_date_0": "23",
            "meeting_date_1": "6",
            "meeting_date_2": "2016",
        },
    )
    assert response.status_code == 302
    assert Quarter.objects.filter(financial_year=2016, number=1, is_open=False).exists()
    listing = text(reviewer.get(response["Location"]))
    assert "2016/17 Q1 created" in listing
    assert "Created 2016/17 Q1" in listing


def test_bad_dates_are_shown_in_the_error_summary_and_kept(reviewer, quarter):
    response = reviewer.post(
        reverse("assessments:quarter_new"),
        {
            "financial_year": "2016",
            "number": "1",
            "edition": str(quarter.edition.pk),
            "submission_deadline_0": "31",
            "submission_deadline_1": "2",
            "submission_deadline_2": "2016",
            "meeting_date_0": "23",
            "meeting_date_1": "",
            "meeting_date_2": "2016",
        },
    )
    assert response.status_code == 200
    assert title(response).startswith("Error: ")
    errors = error_summary(response)
    assert ("#id_submission_deadline_0", "The submission deadline must be a real date") in errors
    assert ("#id_meeting_date_1", "The quarterly meeting date must include a month") in errors
    assert one(response, 'input[name="submission_deadline_0"]')["value"] == "31"
    assert not Quarter.objects.filter(financial_year=2016).exists()


def test_a_duplicate_quarter_is_an_error_on_the_form(reviewer, quarter):
    response = reviewer.post(
        reverse("assessments:quarter_new"),
        {
            "financial_year": "2015",
            "number": "4",
            "edition": str(quarter.edition.pk),
            "submission_deadline_0": "11",
            "submission_deadline_1": "3",
            "submission_deadline_2": "2016",
            "meeting_date_0": "24",
            "meeting_date_1": "3",
            "meeting_date_2": "2016",
        },
    )
    assert response.status_code == 200
    # The link lands on the first radio, whose id is the field's own (GOV.UK convention).
    assert ("#id_number", "2015/16 Q4 already exists") in error_summary(response)
    assert one(response, "#id_number")["value"] == "1"


def test_an_empty_form_lists_every_missing_answer(reviewer, quarter):
    response = reviewer.post(reverse("assessments:quarter_new"), {})
    errors = [message for _, message in error_summary(response)]
    for message in [
        "Select the financial year",
        "Select the quarter",
        "Select the SPR edition whose threats are assessed",
        "Enter the submission deadline",
        "Enter the quarterly meeting date",
    ]:
        assert message in errors


def test_change_the_dates_through_the_form(reviewer, quarter):
    url = reverse("assessments:quarter_edit", kwargs={"pk": quarter.pk})
    page = reviewer.get(url)
    assert one(page, 'input[name="submission_deadline_0"]')["value"] == "11"
    assert one(page, 'input[name="submission_deadline_2"]')["value"] == "2016"
    response = reviewer.post(
        url,
        {
            "submission_deadline_0": "25",
            "submission_deadline_1": "3",
            "submission_deadline_2": "2016",
            "meeting_date_0": "24",
            "meeting_date_1": "3",
            "meeting_date_2": "2016",
        },
    )
    assert response.status_code == 200
    assert "The quarterly meeting must be on or after the submission deadline" in text(response)


def test_open_and_close_through_the_list(reviewer, quarter):
    older = QuarterFactory(financial_year=2015, number=3, edition=quarter.edition, is_open=False)
    response = reviewer.post(reverse("assessments:quarter_open", kwargs={"pk": older.pk}))
    listing = text(reviewer.get(response["Location"]))
    assert "Close 2015/16 Q4 before opening 2015/16 Q3" in listing
    reviewer.post(reverse("assessments:quarter_close", kwargs={"pk": quarter.pk}))
    reviewer.post(reverse("assessments:quarter_open", kwargs={"pk": older.pk}))
    assert list(Quarter.objects.open()) == [older]

"""The one GOV.UK date input every form uses."""

import datetime

import pytest
from django import forms
from django.template.loader import render_to_string

from spr_portal.forms import GovukDateField, error_anchor
from tests.html import one, select, text


class DateForm(forms.Form):
    name = forms.CharField(required=False)
    due_date = GovukDateField(label="Due date", min_year=2000)


def _form(day, month, year):
    return DateForm({"due_date_0": day, "due_date_1": month, "due_date_2": year})


def test_three_boxes_make_one_date():
    form = _form(" 30 ", "6", "2016")
    assert form.is_valid()
    assert form.cleaned_data["due_date"] == datetime.date(2016, 6, 30)


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (("", "", ""), "Enter the due date"),
        (("30", "", "2016"), "The due date must include a month"),
        (("", "6", ""), "The due date must include a day and year"),
        (("31", "2", "2016"), "The due date must be a real date"),
        (("3O", "6", "2016"), "The due date must be a real date"),
        (("30", "6", "16"), "The due date must be a real date"),
        (("30", "6", "1999"), "The due date must be a real date"),  # before min_year
    ],
)
def test_a_bad_date_has_one_message_and_keeps_what_was_typed(parts, message):
    form = _form(*parts)
    assert not form.is_valid()
    assert form.errors["due_date"] == [message]
    assert [box["value"] for box in form["due_date"].boxes] == list(parts)


def test_a_message_can_be_overridden():
    field = GovukDateField(label="Meeting date", error_messages={"invalid": "Not a date"})
    with pytest.raises(forms.ValidationError, match="Not a date"):
        field.clean(["31", "2", "2016"])


def test_the_boxes_show_a_saved_date_and_the_summary_links_to_the_day_box():
    form = DateForm(initial={"due_date": datetime.date(2016, 6, 30)})
    boxes = form["due_date"].boxes
    assert [(b["id"], b["name"], b["label"], b["value"]) for b in boxes] == [
        ("id_due_date_0", "due_date_0", "Day", "30"),
        ("id_due_date_1", "due_date_1", "Month", "6"),
        ("id_due_date_2", "due_date_2", "Year", "2016"),
    ]
    assert error_anchor(form, "due_date") == "id_due_date_0"
    assert error_anchor(form, "name") == "id_name"


def test_the_template_marks_the_error_on_every_box_and_describes_the_fieldset():
    form = _form("31", "2", "2016")
    form.is_valid()
    html = render_to_string(
        "includes/date_input.html", {"field": form["due_date"], "hint": "For example, 30 6 2016"}
    )
    fieldset = one(html, "fieldset")
    assert fieldset["aria-describedby"] == "id_due_date-hint id_due_date-error"
    assert text(one(html, "#id_due_date-hint")) == "For example, 30 6 2016"
    assert text(one(html, "#id_due_date-error")) == "Error: The due date must be a real date"
    legend = one(fieldset, "legend")
    assert text(legend) == "Due date" and "govuk-fieldset__legend--s" in legend["class"]
    assert [box["id"] for box in select(html, "input.govuk-input--error")] == [
        "id_due_date_0",
        "id_due_date_1",
        "id_due_date_2",
    ]
    assert [(label["for"], text(label)) for label in select(html, "label")] == [
        ("id_due_date_0", "Day"),
        ("id_due_date_1", "Month"),
        ("id_due_date_2", "Year"),
    ]
    day = one(html, "input#id_due_date_0")
    assert (day["name"], day["type"], day["inputmode"], day["value"]) == (
        "due_date_0",
        "text",
        "numeric",
        "31",
    )


def test_a_missing_part_marks_and_links_only_the_empty_boxes():
    form = _form("30", "", "")
    form.is_valid()
    assert [box["error"] for box in form["due_date"].boxes] == [False, True, True]
    assert error_anchor(form, "due_date") == "id_due_date_1"
    html = render_to_string("includes/date_input.html", {"field": form["due_date"], "hint": ""})
    marked = [box["id"] for box in select(html, "input.govuk-input--error")]
    assert marked == ["id_due_date_1", "id_due_date_2"]  # the day box is not marked

"""The report forms' text inputs, as crispy-forms-gds renders them (includes/text_input.html)."""

import datetime
from types import SimpleNamespace

from django.template.loader import render_to_string

from reports.forms import ReportDetailsForm

SAVED = SimpleNamespace(
    agenda_item="7",
    meeting_date=datetime.date(2016, 2, 2),
    board_name="Strategic Policing and Crime Board",
    title="Strategic Policing Requirement",
    marking="official",
    revision=1,
)


def _html(data, name):
    form = ReportDetailsForm(data, report=SAVED)
    form.is_valid()
    return render_to_string("includes/text_input.html", {"field": form[name]})


def test_label_hint_and_error_are_tied_to_the_input():
    html = _html({"agenda_item": "12345678901"}, "agenda_item")
    assert '<label for="id_agenda_item" class="govuk-label govuk-label--s">' in html
    assert '<div id="id_agenda_item_hint" class="govuk-hint">' in html
    assert "The agenda item must be 10 characters or fewer" in html
    assert 'class="govuk-input govuk-input--width-4 govuk-input--error"' in html
    assert 'aria-describedby="id_agenda_item_hint id_agenda_item_1_error"' in html
    assert 'id="id_agenda_item"' in html  # the error summary's anchor


def test_the_browser_neither_cuts_nor_checks_what_is_typed():
    html = _html({"agenda_item": "7", "title": ""}, "title")
    assert "maxlength" not in html and " required" not in html
    assert "Enter the title of the report" in html

"""The one error summary builder, its template and the one mapping of a service's refusal."""

from django import forms
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from spr_portal.concurrency import ConcurrentEdit
from spr_portal.form_errors import CHANGED, add_service_errors, error_summary, form_saved
from spr_portal.forms import GovukDateField


class TripForm(forms.Form):
    title = forms.CharField(error_messages={"required": "Enter a title"})
    when = GovukDateField(label="Date of the trip")
    kind = forms.ChoiceField(
        choices=[("a", "A"), ("b", "B")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a kind"},
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self):
        raise ValidationError("Something about the whole form")


def test_entries_follow_the_fields_order_and_end_with_non_field_errors():
    form = TripForm({"when_0": "31", "when_1": "", "when_2": "2016"})
    assert not form.is_valid()
    assert error_summary(form) == [
        {"text": "Enter a title", "href": "#id_title"},
        # A date missing its month links to the month box, the first one in error.
        {"text": "The date of the trip must include a month", "href": "#id_when_1"},
        {"text": "Choose a kind", "href": "#id_kind"},
        {"text": "Something about the whole form", "href": ""},
    ]


def test_given_items_come_first_and_anchors_can_be_changed():
    form = TripForm({"title": "x", "kind": "a", "revision": "x", "when_0": ""})
    form.is_valid()
    entries = error_summary(
        form,
        items=[("Someone else saved it", "#your-text")],
        anchors={"revision": "#main-content", "when": ""},
        non_field_href="#id_title",
    )
    assert entries == [
        {"text": "Someone else saved it", "href": "#your-text"},
        {"text": "Enter the date of the trip", "href": ""},
        {"text": "Enter a whole number.", "href": "#main-content"},
        {"text": "Something about the whole form", "href": "#id_title"},
    ]


def test_items_alone_for_errors_on_other_pages():
    assert error_summary(items=[("Enter a grade", "/s/1?check=1#id_grade")]) == [
        {"text": "Enter a grade", "href": "/s/1?check=1#id_grade"}
    ]
    assert error_summary() == []


def test_the_template_links_entries_with_an_href_and_writes_the_others_as_text():
    html = render_to_string(
        "includes/error_summary.html",
        {"error_summary": [{"text": "Linked", "href": "#id_a"}, {"text": "Plain", "href": ""}]},
    )
    assert 'data-module="govuk-error-summary"' in html
    assert '<h2 class="govuk-error-summary__title">There is a problem</h2>' in html
    assert '<li><a href="#id_a">Linked</a></li>' in html
    assert "<li>Plain</li>" in html
    assert render_to_string("includes/error_summary.html", {"error_summary": []}).strip() == ""


class NoteForm(forms.Form):
    body = forms.CharField()


def test_a_service_refusal_goes_on_its_field_renamed_or_else_on_the_form():
    form = NoteForm({"body": "x"})
    form.is_valid()
    refusal = ValidationError(
        {"summary": ["Too long", "Not a sentence"], "quarter": "Quarter closed"}
    )
    add_service_errors(form, refusal, rename={"summary": "body"})
    assert form.errors["body"] == ["Too long", "Not a sentence"]
    assert form.non_field_errors() == ["Quarter closed"]

    form = NoteForm({"body": "x"})
    form.is_valid()
    add_service_errors(form, ValidationError(["First", "Second"]))
    assert form.non_field_errors() == ["First", "Second"]


def test_labelled_messages_name_their_field():
    form = TripForm({"title": "x", "when_0": "1", "when_1": "1", "when_2": "2016"})
    form.is_valid()
    assert error_summary(form, labelled=True)[0] == {
        "text": "Kind: Choose a kind",
        "href": "#id_kind",
    }


class NameForm(forms.Form):
    name = forms.CharField(error_messages={"required": "Enter a name"})


def _request(rf, method="post"):
    from django.contrib.messages.storage.fallback import FallbackStorage

    request = getattr(rf, method)("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def _said(request) -> list[str]:
    return [str(m) for m in request._messages]


def test_a_form_the_service_takes_says_so_and_gives_back_what_it_made(rf):
    request = _request(rf)
    saved = form_saved(
        request,
        NameForm({"name": "Ann"}),
        lambda data: {"made": data["name"]},
        done=lambda made: f"{made['made']} added.",
    )
    assert saved.result == {"made": "Ann"}
    assert _said(request) == ["Ann added."]
    # A service that returns nothing is still taken.
    assert form_saved(_request(rf), NameForm({"name": "Bo"}), lambda data: None, done="Saved.")


def test_a_refused_or_invalid_form_or_a_get_is_shown_again_with_nothing_said(rf):
    def refuse(data):
        raise ValidationError({"name": "That name is taken"})

    def stale(data):
        raise ConcurrentEdit(None, "name")

    calls = []
    request = _request(rf)
    refused = NameForm({"name": "Ann"})
    assert form_saved(request, refused, refuse, done="Saved.") is None
    assert refused.errors["name"] == ["That name is taken"]
    changed = NameForm({"name": "Ann"})
    assert form_saved(request, changed, stale, done="Saved.") is None
    assert changed.non_field_errors() == [CHANGED]
    invalid = NameForm({"name": ""})
    assert form_saved(request, invalid, calls.append, done="Saved.") is None
    assert form_saved(_request(rf, "get"), NameForm(), calls.append, done="Saved.") is None
    assert calls == [] and _said(request) == []

"""The shared form fields (spr_portal/forms.py) and the rule they carry: every field a person
types into or picks from says in GOV.UK's words what is wrong, never Django's own."""

import importlib
import inspect
import pkgutil

import pytest
from django import forms

from assessments.forms.recommendations import ProgressForm
from spr_portal.forms import KeyChoiceField, LineField, RevisionField, TextField

APPS = ("accounts", "api", "assessments", "audit", "onboarding", "reports", "threats")
DJANGO_REQUIRED = forms.Field.default_error_messages["required"]

# Fields a person never types into, whose emptiness the page words its own way.
NOT_TYPED = {
    ("ReviewForm", "decision"),  # the button pressed
    ("ConfirmImportForm", "sha256"),  # the dry run's button carries the file's checksum
}


class Fields(forms.Form):
    note = TextField(label="Note", max_length=20, rows=3)
    why = TextField(label="Why?", named="Why", max_length=20, required="Enter why")
    title = LineField(label="Title", named="The title", max_length=10, required="Enter the title")
    owner = KeyChoiceField(label="Owner")
    threat = KeyChoiceField(
        label="Threat", required="Select the threat", invalid="Select one of the threats"
    )
    revision = RevisionField(out_of_date="This page was out of date: open it again")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [("", "Nobody"), (7, "Ann")]
        self.fields["threat"].choices = [(3, "Child sexual abuse")]


def _errors(**data):
    form = Fields({"why": "because", "title": "A title", "threat": "3", "revision": "2", **data})
    form.is_valid()
    return form


def test_line_breaks_count_once_as_the_character_count_counts_them():
    form = _errors(note="abcd\r\n" * 4)  # 20 characters on screen, 24 as the browser posts
    assert form.is_valid(), form.errors
    assert form.cleaned_data["note"] == "abcd\nabcd\nabcd\nabcd"
    # A real form of the register: what its page's count says fits, it accepts.
    typed = ("x" * 9 + "\r\n") * 200  # 2,000 characters on screen, 2,200 as posted
    assert ProgressForm({"text": typed}).is_valid()


def test_text_over_its_limit_and_empty_text_in_govuk_words():
    form = _errors(note="x" * 21, why="", title="y" * 11)
    assert form.errors["note"] == ["Note must be 20 characters or fewer"]
    assert form.errors["why"] == ["Enter why"]
    assert form.errors["title"] == ["The title must be 10 characters or fewer"]
    assert _errors(title="").errors["title"] == ["Enter the title"]
    assert isinstance(Fields().fields["title"].widget, forms.TextInput)
    assert Fields().fields["note"].widget.attrs["rows"] == 3


def test_a_choice_by_key_is_a_number_or_none_and_refuses_what_is_not_offered():
    assert _errors(owner="7").cleaned_data["owner"] == 7
    assert _errors().cleaned_data["owner"] is None
    assert _errors(owner="8").errors["owner"] == ["Select someone from the list"]
    assert _errors(threat="").errors["threat"] == ["Select the threat"]
    assert _errors(threat="4").errors["threat"] == ["Select one of the threats"]
    assert _errors().cleaned_data["threat"] == 3


@pytest.mark.parametrize("revision", ["", "abc", "0", "²"])
def test_a_missing_or_broken_revision_says_the_page_was_out_of_date(revision):
    assert _errors(revision=revision).errors["revision"] == [
        "This page was out of date: open it again"
    ]


def _project_forms():
    found = set()
    for app in APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if "forms" not in module.name:
                continue
            for _, cls in inspect.getmembers(importlib.import_module(module.name), inspect.isclass):
                if issubclass(cls, forms.BaseForm) and cls.__module__.startswith(APPS):
                    found.add(cls)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__name__}")


def _fields(cls) -> dict:
    """The form's fields as a page shows them: made as the page makes it where it needs no
    arguments, or only the user (the password forms), so what its __init__ adds counts; else
    as declared."""
    for arguments in ((), (None,)):
        try:
            return cls(*arguments).fields
        except TypeError:
            continue
    return cls.base_fields


@pytest.mark.django_db
def test_no_field_a_person_fills_in_speaks_in_djangos_words():
    classes = _project_forms()
    assert len(classes) > 40  # the walk found the forms
    wrong = []
    for cls in classes:
        for name, field in _fields(cls).items():
            if field.widget.is_hidden or (cls.__name__, name) in NOT_TYPED:
                continue
            if getattr(field, "max_length", None) and "max_length" not in field.error_messages:
                wrong.append(f"{cls.__name__}.{name}: no message for text over its limit")
            if field.required and field.error_messages["required"] == DJANGO_REQUIRED:
                wrong.append(f"{cls.__name__}.{name}: Django's message when it is left empty")
    assert wrong == []


def test_a_field_the_service_checks_again_says_what_the_service_says():
    from django.core.exceptions import ValidationError

    from assessments.services.expectation_setup import clean_measure
    from onboarding.forms_expectations import MeasureForm

    typed = {"name": "n" * 121, "unit": "u" * 41, "against": "a" * 121}
    form = MeasureForm({**typed, "period": "x"})
    form.is_valid()
    with pytest.raises(ValidationError) as refused:
        clean_measure(**typed, period="quarter")
    for name in typed:
        assert form.errors[name] == refused.value.message_dict[name]

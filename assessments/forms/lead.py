"""The business lead's forms: one per section of the task list. Field names are the model's
own, so an error from the submission rules links straight to the field that shows it."""

from django import forms
from django.forms.utils import ErrorDict
from django.utils.formats import date_format
from django.utils.timezone import localtime

from assessments.choices import (
    GRADE_DEFINITIONS,
    CapabilityFramework,
    EvidenceSource,
    FourP,
    Grade,
)
from assessments.items import ITEMS_BY_CODE, LONG_TEXT_MAX_LENGTH, NARRATIVE_MAX_LENGTH
from spr_portal.forms import RevisionField, TextField

# Outstanding first: the order every police audience knows from PEEL reports.
GRADE_CHOICES = [(grade.value, grade.label) for grade in sorted(Grade, reverse=True)]


def grade_field(label: str) -> forms.TypedChoiceField:
    field = forms.TypedChoiceField(
        choices=GRADE_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        label=label,
        error_messages={"invalid_choice": f"Choose one of the five grades for {label}"},
    )
    field.hints = {str(grade.value): GRADE_DEFINITIONS[grade] for grade in Grade}
    return field


class SectionForm(forms.Form):
    """One section of a self-assessment, with the revision it was opened at."""

    revision = RevisionField(
        out_of_date="This page was out of date: open the section again from the task list"
    )

    def __init__(self, *args, assessment, section: str, **kwargs):
        """`assessment`: the saved values to start from; None for a save (a bound form,
        which the service applies to the row it reads under its lock)."""
        self.section = section
        initial = kwargs.pop("initial", None) or {}
        super().__init__(*args, initial=initial, **kwargs)
        fields = self.section_fields(section)
        self.fields.update(fields)
        if assessment is not None:
            for name in [*fields, "revision"]:
                self.initial.setdefault(name, getattr(assessment, name))
        # The revision line goes last so that errors and fields keep the page's order.
        self.order_fields([name for name in self.fields if name != "revision"])

    @staticmethod
    def section_fields(section: str) -> dict[str, forms.Field]:
        if section in ITEMS_BY_CODE:
            item = ITEMS_BY_CODE[section]
            return {
                item.grade_field: grade_field(item.label),
                item.narrative_field: TextField(
                    max_length=NARRATIVE_MAX_LENGTH, label=f"The {item.label} narrative"
                ),
            }
        if section == "evidence":
            framework = forms.ChoiceField(
                choices=CapabilityFramework.choices,
                required=False,
                widget=forms.RadioSelect,
                label="College of Policing capability framework",
            )
            return {
                "evidence_sources": forms.MultipleChoiceField(
                    choices=EvidenceSource.choices,
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                    label="Sources of evidence",
                ),
                "capability_framework": framework,
            }
        if section == "four_ps":
            return {
                "four_ps": forms.MultipleChoiceField(
                    choices=FourP.choices,
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                    label="The 4 Ps the threat strategy covers",
                ),
                "four_ps_narrative": TextField(
                    max_length=NARRATIVE_MAX_LENGTH, label="How the strategy aligns"
                ),
            }
        if section == "risks":
            return {"risks": TextField(max_length=LONG_TEXT_MAX_LENGTH, label="Risks")}
        if section == "summary":
            return {"summary": TextField(max_length=LONG_TEXT_MAX_LENGTH, label="The summary")}
        raise KeyError(section)

    def show_missing(self, missing: list[tuple[str, str]]) -> None:
        """Show what stops submission on this (unbound) section's fields, when the lead
        arrives from the error summary of an early submit. Form.errors has no public way
        to carry errors without a POST, hence _errors."""
        errors = {name: message for name, message in missing if name in self.fields}
        if errors:
            self._errors = ErrorDict(
                {name: self.error_class([message]) for name, message in errors.items()}
            )

    def draft_data(self) -> dict:
        """The section's values, ready for assessment_save_draft."""
        return {name: value for name, value in self.cleaned_data.items() if name != "revision"}

    def typed_values(self) -> list[dict]:
        """What the lead typed, to show back when the save was refused (nothing is lost)."""
        values = []
        for bound in self:
            if bound.name == "revision":
                continue
            raw = self.data.getlist(bound.name) if bound.name in self.multiple else None
            value = raw if raw is not None else self.data.get(bound.name, "")
            choices = dict((str(k), v) for k, v in getattr(bound.field, "choices", []))
            if choices:
                picked = value if isinstance(value, list) else [value] if value else []
                text = ", ".join(choices.get(v, v) for v in picked) or "Nothing chosen"
                values.append(
                    {"kind": "choice", "name": bound.name, "label": bound.label, "choice": text}
                )
            else:
                values.append(
                    {"kind": "text", "name": bound.name, "label": bound.label, "text": value}
                )
        return values

    @property
    def multiple(self) -> set[str]:
        return {
            name
            for name, field in self.fields.items()
            if isinstance(field, forms.MultipleChoiceField)
        }


class StartForm(forms.Form):
    """How to start a self-assessment. Without a signed-off one to start from it starts empty.
    Its ids are the bare field names (auto_id "%s"): the error summary links to #start_from."""

    CHOOSE = "Choose how to start the self-assessment"

    start_from = forms.ChoiceField(
        choices=[
            ("previous", "Start from last quarter"),
            ("empty", "Start with an empty self-assessment"),
        ],
        widget=forms.RadioSelect,
        label="How do you want to start?",
        error_messages={"required": CHOOSE, "invalid_choice": CHOOSE},
    )

    def __init__(self, data=None, *, previous, previous_is_old=False):
        if data is not None and previous is None:
            data = {"start_from": data.get("start_from", "empty")}
        super().__init__(data, auto_id="%s")
        if previous_is_old:
            # More than a year back, "last quarter" would be wrong: name the quarter.
            self.fields["start_from"].choices = [
                ("previous", f"Start from the {previous.quarter.label} version"),
                ("empty", "Start with an empty self-assessment"),
            ]
        self.fields["start_from"].hints = {
            "previous": (
                f"Copy the grades, narratives, evidence, 4 Ps, risks and summary of the "
                f"{previous.quarter.label} self-assessment, signed off on "
                f"{date_format(localtime(previous.signed_off_at), 'j F Y')}. "
                "Then change what has changed."
                if previous
                else ""
            ),
            "empty": "Last quarter's answers are still shown beside each question.",
        }

"""The set-up page's forms for what each SPR edition expects (the service checks again)."""

from django import forms

from assessments.services.expectation_setup import (
    AGAINST_MAX_LENGTH,
    EMPTY_CITATION,
    EMPTY_NAME,
    EMPTY_UNIT,
    EMPTY_WORDING,
    LONG_AGAINST,
    LONG_CITATION,
    LONG_NAME,
    LONG_UNIT,
    LONG_WORDING,
    NAME_MAX_LENGTH,
    NO_LEVEL,
    NO_PERIOD,
    UNIT_MAX_LENGTH,
)
from spr_portal.forms import LineField, RevisionField, TextField
from threats.expectations import CITATION_MAX_LENGTH, WORDING_MAX_LENGTH, Level, Period
from threats.models import NationalThreat, SprEdition

OUT_OF_DATE = "This page was out of date: open it again"
LEVEL_HINTS = {
    Level.LOCAL: "The force's own capability.",
    Level.REGIONAL: "Held with the region's forces, such as through the regional unit.",
    Level.NATIONAL: "The force's part in a national capability.",
}


def _threat(threats) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        queryset=threats,
        label="National threat",
        empty_label="Choose a threat",
        error_messages={"required": "Choose the threat", "invalid_choice": "Choose the threat"},
    )


class ExpectationForm(forms.Form):
    use_required_attribute = False

    level = forms.ChoiceField(
        choices=Level.choices,
        widget=forms.RadioSelect,
        label="Level",
        error_messages={"required": NO_LEVEL, "invalid_choice": NO_LEVEL},
    )
    wording = TextField(
        max_length=WORDING_MAX_LENGTH,
        label="What the edition expects",
        over_limit=LONG_WORDING,
        required=EMPTY_WORDING,
    )
    citation = LineField(
        max_length=CITATION_MAX_LENGTH,
        label="Source",
        over_limit=LONG_CITATION,
        required=EMPTY_CITATION,
        help_text="The edition's paragraph or section the line is taken from (for example the "
        "section and paragraph number), or the force's own plan that sets it. Enter words from "
        "the edition only as the edition prints them.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].hints = {str(k): v for k, v in LEVEL_HINTS.items()}


class ExpectationAddForm(ExpectationForm):
    edition = forms.ModelChoiceField(
        queryset=SprEdition.objects.order_by("-year"),
        label="SPR edition",
        empty_label=None,
        error_messages={
            "required": "Choose the SPR edition",
            "invalid_choice": "Choose the SPR edition",
        },
    )
    threat = _threat(NationalThreat.objects.all())
    field_order = ["edition", "threat", "level", "wording", "citation"]


class ExpectationChangeForm(ExpectationForm):
    revision = RevisionField(out_of_date=OUT_OF_DATE)


class MeasureForm(forms.Form):
    """A contribution figure the force records for a threat (the service checks again)."""

    use_required_attribute = False

    name = LineField(
        max_length=NAME_MAX_LENGTH,
        label="Name",
        over_limit=LONG_NAME,
        help_text="For example: public order units available.",
        required=EMPTY_NAME,
    )
    unit = LineField(
        max_length=UNIT_MAX_LENGTH,
        label="Unit",
        over_limit=LONG_UNIT,
        help_text="For example: units, officers or deployments.",
        required=EMPTY_UNIT,
    )
    period = forms.ChoiceField(
        choices=Period.choices,
        widget=forms.RadioSelect,
        label="Period",
        error_messages={"required": NO_PERIOD, "invalid_choice": NO_PERIOD},
    )
    against = LineField(
        max_length=AGAINST_MAX_LENGTH,
        label="Set against (optional)",
        over_limit=LONG_AGAINST,
        help_text="What the figure is set against, such as the mobilisation plan's requirement. "
        "The lead enters that number each quarter too; the portal ships none.",
    )


class MeasureAddForm(MeasureForm):
    threat = _threat(NationalThreat.objects.filter(retired_in__isnull=True))
    field_order = ["threat", "name", "unit", "period", "against"]


class MeasureChangeForm(MeasureForm):
    revision = RevisionField(out_of_date=OUT_OF_DATE)

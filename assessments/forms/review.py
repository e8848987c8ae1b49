"""Forms of the SPR lead's pages. Rendered with hand-written GOV.UK markup; each error message
is the one shown in the error summary and beside the field."""

import datetime

from django import forms
from django.core.exceptions import ValidationError

from assessments.choices import ActionStatus
from assessments.forms.late import DEADLINE_LABEL, checked_deadline
from assessments.items import SECTIONS
from assessments.models.quarter import Quarter, financial_year_label
from assessments.models.records import WorkflowAction
from assessments.workflow import check_comment
from spr_portal.forms import GovukDateField, TextField
from threats.models import SprEdition

COMMENT_MAX_LENGTH = 4000
SECTION_PREFIX = "comment_"


def section_field(code: str) -> str:
    return f"{SECTION_PREFIX}{code}"


class ReviewForm(forms.Form):
    """Comments per section and overall; which button was pressed is `decision`."""

    RETURN, SIGN_OFF = "return", "sign_off"

    decision = forms.ChoiceField(choices=[(RETURN, RETURN), (SIGN_OFF, SIGN_OFF)])
    revision = forms.IntegerField(widget=forms.HiddenInput)
    comment = TextField(max_length=COMMENT_MAX_LENGTH, named="Overall comment")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in SECTIONS:
            self.fields[section_field(code)] = TextField(
                max_length=COMMENT_MAX_LENGTH, label=f"Comment on {label}"
            )

    def section_comments(self) -> dict[str, str]:
        return {
            code: self.cleaned_data.get(section_field(code), "")
            for code, _ in SECTIONS
            if self.cleaned_data.get(section_field(code))
        }

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision == self.RETURN and "comment" not in self.errors:
            _check_comment(self, WorkflowAction.RETURNED, data.get("comment"))
        if decision == self.SIGN_OFF and (data.get("comment") or self.section_comments()):
            self.add_error(
                "comment",
                "Comments reach the business lead only with a return for revision: return it "
                "for revision, or clear the comments to sign it off",
            )
        return data


class SignOffForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput)


class ReopenForm(forms.Form):
    # Optional here: the workflow's rule says when a reason is needed, in its own words (clean).
    reason = TextField(max_length=COMMENT_MAX_LENGTH, named="Reason")
    # After the reason, as on the page, so the error summary keeps the page's order.
    confirm_published = forms.BooleanField(required=False)
    # Only in a closed quarter: the late submission the reopening grants ends on this day.
    late_deadline = GovukDateField(label=DEADLINE_LABEL, required=False)

    field_order = ["reason", "late_deadline", "confirm_published"]

    def __init__(self, *args, closed: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not closed:
            del self.fields["late_deadline"]

    def clean_late_deadline(self):
        return checked_deadline(self.cleaned_data.get("late_deadline"))

    def clean(self):
        data = super().clean()
        if "reason" not in self.errors:
            _check_comment(self, WorkflowAction.REOPENED, data.get("reason"))
        return data


def _check_comment(form, action, comment) -> None:
    """The workflow's rule that the step needs a comment or a reason, on the form's field."""
    try:
        check_comment(action, comment)
    except ValidationError as error:
        form.add_error(None, error)


class CompareForm(forms.Form):
    a = forms.ChoiceField(
        label="Earlier version",
        error_messages={
            "required": "Choose the earlier version",
            "invalid_choice": "Choose a version to compare",
        },
    )
    b = forms.ChoiceField(
        label="Later version",
        error_messages={
            "required": "Choose the later version",
            "invalid_choice": "Choose a version to compare",
        },
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["a"].choices = choices
        self.fields["b"].choices = choices

    def clean(self):
        data = super().clean()
        if data.get("a") and data.get("a") == data.get("b"):
            self.add_error("b", "Choose two different versions")
        return data


def _financial_years():
    this_year = datetime.date.today().year
    return [(y, financial_year_label(y)) for y in range(this_year - 12, this_year + 3)]


class QuarterDatesForm(forms.Form):
    submission_deadline = GovukDateField(label="Submission deadline")
    meeting_date = GovukDateField(label="Quarterly meeting date")

    def clean(self):
        data = super().clean()
        try:
            Quarter.check_dates(data.get("submission_deadline"), data.get("meeting_date"))
        except ValidationError as error:
            self.add_error(None, error)
        return data


class QuarterCreateForm(QuarterDatesForm):
    financial_year = forms.TypedChoiceField(
        coerce=int,
        choices=_financial_years,
        label="Financial year",
        error_messages={"required": "Select the financial year"},
    )
    number = forms.TypedChoiceField(
        coerce=int,
        choices=[
            (1, "Q1 (April to June)"),
            (2, "Q2 (July to September)"),
            (3, "Q3 (October to December)"),
            (4, "Q4 (January to March)"),
        ],
        widget=forms.RadioSelect,
        label="Quarter",
        error_messages={"required": "Select the quarter"},
    )
    edition = forms.ModelChoiceField(
        queryset=SprEdition.objects.order_by("-year"),
        empty_label=None,
        label="SPR edition",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the SPR edition whose threats are assessed"},
    )

    field_order = ["financial_year", "number", "edition", "submission_deadline", "meeting_date"]


class ActionFilterForm(forms.Form):
    threat = forms.TypedChoiceField(coerce=int, required=False, label="National threat")
    status = forms.ChoiceField(
        required=False,
        label="Status",
        choices=[
            ("", "Open and in progress"),
            (ActionStatus.OPEN.value, ActionStatus.OPEN.label),
            (ActionStatus.IN_PROGRESS.value, ActionStatus.IN_PROGRESS.label),
        ],
    )
    overdue = forms.BooleanField(required=False, label="Only overdue actions")

    def __init__(self, *args, threats, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["threat"].choices = [("", "All national threats")] + [
            (t.pk, t.name) for t in threats
        ]

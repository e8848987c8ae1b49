"""Forms of the board report pages. They only parse and check what was typed; the services
hold the rules. Templates render them as hand-written GOV.UK markup."""

from django import forms

from reports.assurance_models import (
    STATEMENT_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    RegardConclusion,
    RegardKind,
)
from reports.models import SECTION_MAX_LENGTH, BoardReport, meeting_date_refusal
from spr_portal.forms import GovukDateField, LineField, TextField
from threats.force_profile import Marking

MARKING_HINTS = {
    Marking.OFFICIAL: "For a paper to a board that meets in public.",
    Marking.OFFICIAL_SENSITIVE: "Need-to-know only: the paper is not published.",
}


def _marking():
    field = forms.ChoiceField(
        choices=Marking.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the protective marking"},
    )
    field.hints = {marking.value: hint for marking, hint in MARKING_HINTS.items()}
    return field


def _text(*, width: str = "", **kwargs) -> LineField:
    """A text input as crispy-forms-gds renders it (templates/includes/text_input.html). The
    browser gets no maxlength: it would cut what is typed or pasted without saying so, where
    the form's own check shows the GOV.UK error message."""
    field = LineField(**kwargs)
    field.widget.attrs.pop("maxlength", None)
    if width:
        field.widget.attrs["class"] = width
    return field


def _agenda_item():
    return _text(
        label="Agenda item",
        help_text="The number of the item on the board's agenda, for example 7.",
        width="govuk-input--width-4",
        max_length=10,
        named="The agenda item",
        required="Enter the agenda item number",
    )


def _meeting_date():
    return GovukDateField(label="Date of the board meeting")


def _before(quarter, other) -> bool:
    return (quarter.financial_year, quarter.number) < (other.financial_year, other.number)


class NewReportForm(forms.Form):
    use_required_attribute = False  # GOV.UK forms check on the server, not in the browser
    quarter = forms.ChoiceField(
        widget=forms.RadioSelect,
        error_messages={"required": "Select the quarter the report covers"},
    )
    # Asked only when the quarter is already reported in a published paper; after the
    # quarter, as on the page, so the error summary keeps the page's order.
    confirm_second = forms.BooleanField(required=False)
    previous_report = forms.ChoiceField(
        widget=forms.RadioSelect,
        required=False,
    )
    # Pre-filled from the chosen quarter's meeting date; left empty, that date is used.
    meeting_date = GovukDateField(label="Date of the board meeting", required=False)
    agenda_item = _agenda_item()
    marking = _marking()

    def __init__(
        self,
        *args,
        quarters,
        published_reports,
        chosen_quarter=None,
        default_quarter=None,
        default_marking=None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        if default_marking and "marking" not in self.initial:
            self.initial["marking"] = default_marking  # the force profile's, for a new paper
        self.quarters = {str(q.pk): q for q, _ in quarters}
        self.fields["quarter"].choices = [(str(q.pk), q.label) for q, _ in quarters]
        self.fields["quarter"].hints = {
            str(q.pk): f"{hint}. Quarterly meeting {q.meeting_date:%-d %B %Y}"
            for q, hint in quarters
        }
        # The quarter asked for, else the newest with everything signed off, else the newest.
        chosen = (
            self.quarters.get(str(chosen_quarter))
            or self.quarters.get(str(getattr(default_quarter, "pk", "")))
            or next(iter(self.quarters.values()), None)
        )
        if chosen is not None:
            self.initial.setdefault("quarter", str(chosen.pk))
            self.initial.setdefault("meeting_date", chosen.meeting_date)
        self.published_reports = list(published_reports)
        # Newest first, "None" last: a new report, chosen when no earlier quarter's paper exists.
        self.fields["previous_report"].choices = [
            *((str(r.pk), f"{r.meeting_date:%-d %B %Y}") for r in self.published_reports),
            ("", "None"),
        ]
        self.fields["previous_report"].hints = {
            **{str(r.pk): f"Reported {r.quarter.label}" for r in self.published_reports},
            "": "A new report that updates no earlier paper, such as the first to the board.",
        }
        # It updates the newest paper of an earlier quarter; with none, it is a new report (a
        # paper of the same quarter is not "the last report": a second one is confirmed).
        earlier = [r for r in self.published_reports if chosen and _before(r.quarter, chosen)]
        if "previous_report" not in self.initial:
            self.initial["previous_report"] = str(earlier[0].pk) if earlier else ""

    def clean(self):
        data = super().clean()
        quarter = self.quarters.get(data.get("quarter") or "")
        if data.get("meeting_date") is None and "meeting_date" not in self.errors and quarter:
            data["meeting_date"] = quarter.meeting_date
        refusal = meeting_date_refusal(quarter, data.get("meeting_date"))
        if refusal:
            self.add_error("meeting_date", refusal)
        return data


class ReportDetailsForm(forms.Form):
    use_required_attribute = False  # GOV.UK forms check on the server, not in the browser
    agenda_item = _agenda_item()
    meeting_date = _meeting_date()
    board_name = _text(
        label="Board",
        max_length=120,
        named="The name of the board",
        required="Enter the name of the board",
    )
    title = _text(
        label="Title",
        max_length=200,
        named="The title",
        required="Enter the title of the report",
    )
    marking = _marking()
    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, report: BoardReport, **kwargs):
        self.report = report
        kwargs.setdefault(
            "initial",
            {
                "agenda_item": report.agenda_item,
                "meeting_date": report.meeting_date,
                "board_name": report.board_name,
                "title": report.title,
                "marking": report.marking,
                "revision": report.revision,
            },
        )
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        refusal = meeting_date_refusal(
            getattr(self.report, "quarter", None), data.get("meeting_date")
        )
        if refusal:
            self.add_error("meeting_date", refusal)
        return data

    def service_data(self) -> dict:
        fields = ("agenda_item", "board_name", "title", "marking", "meeting_date")
        return {name: self.cleaned_data[name] for name in fields}


class SectionTextForm(forms.Form):
    body = TextField(
        rows=16,
        max_length=SECTION_MAX_LENGTH,
        strip=False,
        named="The section",
        required="Enter the text of the section",
    )
    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].required = required


class PublishForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput)


class CorrectionForm(forms.Form):
    note = TextField(
        rows=5,
        max_length=2000,
        named="What it corrects",
        required="Say what the new version corrects",
    )


class CrestForm(forms.Form):
    """The crest's file; its type is checked from its bytes by the service."""

    crest = forms.FileField(
        required=True,
        error_messages={
            "required": "Select a PNG, JPEG or SVG image",
            "empty": "The selected file is empty",
            "invalid": "Select a PNG, JPEG or SVG image",
        },
    )


PAPER_MAX_BYTES = 20 * 1024 * 1024


class VerifyPaperForm(forms.Form):
    """A PDF to check against the published papers and the force's signature."""

    paper = forms.FileField(
        label="Upload the PDF to check",
        help_text="A board paper as a PDF, up to 20 MB. Nothing you upload here is kept.",
        error_messages={
            "required": "Select the PDF to check",
            "empty": "The selected file is empty",
            "invalid": "Select the PDF to check",
        },
    )

    def clean_paper(self):
        paper = self.cleaned_data["paper"]
        if paper.size > PAPER_MAX_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 20 MB")
        head = paper.read(5)
        paper.seek(0)
        if head != b"%PDF-":
            raise forms.ValidationError("The selected file must be a PDF")
        return paper


# The policing body's regard and the annual assurance statement (reports/services/regard.py,
# reports/services/statements.py hold the rules).
REGARD_KIND_HINTS = {
    RegardKind.RECEIPT: "The paper has reached the office.",
    RegardKind.QUESTION: "The force's SPR lead is told and answers in the portal.",
    RegardKind.CONCLUSION: "What the body concludes from the paper.",
}


class RegardForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[
            (k.value, k.label)
            for k in (RegardKind.RECEIPT, RegardKind.QUESTION, RegardKind.CONCLUSION)
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what you are recording"},
    )
    conclusion = forms.ChoiceField(
        choices=RegardConclusion.choices, widget=forms.RadioSelect, required=False
    )
    text = TextField(rows=5, max_length=TEXT_MAX_LENGTH, named="The text")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].hints = {k.value: h for k, h in REGARD_KIND_HINTS.items()}


class RegardAnswerForm(forms.Form):
    text = TextField(
        rows=5,
        max_length=TEXT_MAX_LENGTH,
        named="The answer",
        required="Enter the force's answer",
    )


class StatementStartForm(forms.Form):
    year = forms.TypedChoiceField(
        coerce=int, widget=forms.RadioSelect, error_messages={"required": "Choose the year"}
    )

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, f"{y}/{(y + 1) % 100:02d}") for y in years]


def _statement_text(label):
    return TextField(label=label, rows=8, max_length=STATEMENT_MAX_LENGTH)


class StatementForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput)
    title = _text(
        label="Title",
        max_length=200,
        named="The title",
        required="Enter the title",
    )
    marking = forms.ChoiceField(
        choices=Marking.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the protective marking"},
    )
    introduction = _statement_text("Introduction")
    grades_commentary = _statement_text("Commentary on the grades")
    risks = _statement_text("Main risks")
    actions = _statement_text("Open improvement actions")
    contribution = _statement_text("The force's contribution")
    conclusions = _statement_text("Conclusions of the policing body")

    def service_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "revision"}

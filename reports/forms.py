"""Forms of the board report pages. They only parse and check what was typed; the services
hold the rules. Templates render them as hand-written GOV.UK markup."""

from django import forms

from reports.models import SECTION_MAX_LENGTH, BoardReport, Marking
from spr_portal.forms import GovukDateField

MARKING_HINTS = {
    Marking.OFFICIAL: "For a paper to a board that meets in public.",
    Marking.OFFICIAL_SENSITIVE: "Need-to-know only: the paper is not published.",
}


def _meeting_date():
    return GovukDateField(label="Date of the board meeting")


class NewReportForm(forms.Form):
    quarter = forms.ChoiceField(
        widget=forms.RadioSelect,
        error_messages={"required": "Select the quarter the report covers"},
    )
    previous_report = forms.ChoiceField(
        widget=forms.RadioSelect,
        required=False,
    )
    meeting_date = _meeting_date()
    agenda_item = forms.CharField(
        max_length=10,
        error_messages={
            "required": "Enter the agenda item number",
            "max_length": "The agenda item must be 10 characters or fewer",
        },
    )
    marking = forms.ChoiceField(
        choices=Marking.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the protective marking"},
    )

    # Asked only when the quarter is already reported in a published paper.
    confirm_second = forms.BooleanField(required=False)

    def __init__(self, *args, quarters, published_reports, **kwargs):
        super().__init__(*args, **kwargs)
        self.quarter_options = quarters  # [(quarter, hint)]
        self.fields["quarter"].choices = [(str(q.pk), q.label) for q, _ in quarters]
        self.published_reports = list(published_reports)
        self.fields["previous_report"].choices = [("", "None")] + [
            (str(r.pk), str(r)) for r in self.published_reports
        ]
        if self.published_reports and "previous_report" not in self.initial:
            self.initial["previous_report"] = str(self.published_reports[0].pk)


class ReportDetailsForm(forms.Form):
    agenda_item = forms.CharField(
        max_length=10,
        error_messages={
            "required": "Enter the agenda item number",
            "max_length": "The agenda item must be 10 characters or fewer",
        },
    )
    meeting_date = _meeting_date()
    board_name = forms.CharField(
        max_length=120,
        error_messages={
            "required": "Enter the name of the board",
            "max_length": "The name of the board must be 120 characters or fewer",
        },
    )
    title = forms.CharField(
        max_length=200,
        error_messages={
            "required": "Enter the title of the report",
            "max_length": "The title must be 200 characters or fewer",
        },
    )
    marking = forms.ChoiceField(
        choices=Marking.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the protective marking"},
    )
    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, report: BoardReport, **kwargs):
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

    def service_data(self) -> dict:
        fields = ("agenda_item", "board_name", "title", "marking", "meeting_date")
        return {name: self.cleaned_data[name] for name in fields}


class SectionTextForm(forms.Form):
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 16}),
        max_length=SECTION_MAX_LENGTH,
        strip=False,
        error_messages={
            "required": "Enter the text of the section",
            "max_length": f"The section must be {SECTION_MAX_LENGTH:,} characters or fewer",
        },
    )
    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].required = required


class PublishForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput)


class CorrectionForm(forms.Form):
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        error_messages={
            "required": "Say what the new version corrects",
            "max_length": "What it corrects must be 2,000 characters or fewer",
        },
    )

"""Forms of the board report pages. They only parse and check what was typed; the services
hold the rules. Templates render them as hand-written GOV.UK markup."""

import datetime

from django import forms

from reports.models import SECTION_MAX_LENGTH, BoardReport, Marking

MARKING_HINTS = {
    Marking.OFFICIAL: "For a paper to a board that meets in public.",
    Marking.OFFICIAL_SENSITIVE: "Need-to-know only: the paper is not published.",
}


class MeetingDateMixin:
    """A GOV.UK date input: three boxes (day, month, year) that make one date."""

    date_error_anchor = "meeting_date-day"

    def _add_date_fields(self, initial: datetime.date | None):
        for part, label, width in (("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4)):
            self.fields[f"meeting_date_{part}"] = forms.CharField(
                required=False, label=label, max_length=width
            )
            if initial:
                self.initial.setdefault(f"meeting_date_{part}", getattr(initial, part))

    def _clean_date(self, cleaned):
        """The date, or None with the error on the day box (the error summary links there)."""
        names = ("day", "month", "year")
        parts = [str(cleaned.get(f"meeting_date_{p}") or "").strip() for p in names]
        error = ""
        if not any(parts):
            error = "Enter the date of the board meeting"
        elif not all(parts):
            wanted = ("a day", "a month", "a year")
            missing = [n for n, v in zip(wanted, parts, strict=True) if not v]
            error = f"The date of the board meeting must include {' and '.join(missing)}"
        elif not all(p.isdigit() for p in parts) or len(parts[2]) != 4:
            error = "The date of the board meeting must be a real date"
        else:
            try:
                return datetime.date(int(parts[2]), int(parts[1]), int(parts[0]))
            except ValueError:
                error = "The date of the board meeting must be a real date"
        self.date_error = error
        self.add_error("meeting_date_day", error)
        return None

    @property
    def date_parts(self):
        return [self[f"meeting_date_{p}"] for p in ("day", "month", "year")]


class NewReportForm(MeetingDateMixin, forms.Form):
    quarter = forms.ChoiceField(
        widget=forms.RadioSelect,
        error_messages={"required": "Select the quarter the report covers"},
    )
    previous_report = forms.ChoiceField(
        widget=forms.RadioSelect,
        required=False,
    )
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

    def __init__(self, *args, quarters, published_reports, **kwargs):
        super().__init__(*args, **kwargs)
        self.date_error = ""
        self._add_date_fields(None)
        self.quarter_options = quarters  # [(quarter, hint)]
        self.fields["quarter"].choices = [(str(q.pk), q.label) for q, _ in quarters]
        self.published_reports = list(published_reports)
        self.fields["previous_report"].choices = [("", "None")] + [
            (str(r.pk), str(r)) for r in self.published_reports
        ]
        if self.published_reports and "previous_report" not in self.initial:
            self.initial["previous_report"] = str(self.published_reports[0].pk)

    def clean(self):
        cleaned = super().clean()
        cleaned["meeting_date"] = self._clean_date(cleaned)
        return cleaned


class ReportDetailsForm(MeetingDateMixin, forms.Form):
    agenda_item = forms.CharField(
        max_length=10,
        error_messages={
            "required": "Enter the agenda item number",
            "max_length": "The agenda item must be 10 characters or fewer",
        },
    )
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
                "board_name": report.board_name,
                "title": report.title,
                "marking": report.marking,
                "revision": report.revision,
            },
        )
        super().__init__(*args, **kwargs)
        self.date_error = ""
        self._add_date_fields(report.meeting_date)

    def clean(self):
        cleaned = super().clean()
        cleaned["meeting_date"] = self._clean_date(cleaned)
        return cleaned

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

"""The lead's answers to what the SPR edition expects: for each line in force, the answer,
the evidence and the answer's revision as the page showed it. Field names are the service's
(assessments/services/expectations.py), so its errors land on the fields."""

from django import forms

from assessments.items import NARRATIVE_MAX_LENGTH
from assessments.models.expectations import Answer
from assessments.services.expectations import (
    LONG_EVIDENCE,
    NO_ANSWER,
    FigurePosted,
    Posted,
    against_field,
    answer_field,
    evidence_field,
    value_field,
)
from assessments.snapshots import plain_number
from spr_portal.forms import RevisionField, TextField

OUT_OF_DATE = "This page was out of date: open it again"


def revision_field(expectation_id) -> str:
    return f"revision-{expectation_id}"


def figure_revision_field(measure_id) -> str:
    return f"figure-revision-{measure_id}"


class ExpectationsForm(forms.Form):
    use_required_attribute = False

    def __init__(self, *args, checklist, figures=(), **kwargs):
        initial = {}
        for line in figures:
            pk = line.measure.pk
            initial[figure_revision_field(pk)] = line.revision
            if line.figure:
                initial[value_field(pk)] = plain_number(line.figure.value)
                initial[against_field(pk)] = plain_number(line.figure.against_value) or ""
        for entry in checklist:
            pk = entry.line.pk
            initial[revision_field(pk)] = entry.revision
            if entry.answer:
                initial[answer_field(pk)] = entry.answer.answer
                initial[evidence_field(pk)] = entry.answer.evidence
        super().__init__(*args, initial=initial, **kwargs)
        self.checklist = checklist
        self.figures = list(figures)
        for line in self.figures:
            pk, measure = line.measure.pk, line.measure
            self.fields[value_field(pk)] = forms.CharField(
                required=False, max_length=20, label=f"{measure.name} ({measure.unit})"
            )
            if measure.against:
                self.fields[against_field(pk)] = forms.CharField(
                    required=False, max_length=20, label=f"{measure.against} ({measure.unit})"
                )
            self.fields[figure_revision_field(pk)] = RevisionField(
                out_of_date=OUT_OF_DATE, min_value=0
            )
        for entry in checklist:
            pk = entry.line.pk
            self.fields[answer_field(pk)] = forms.ChoiceField(
                choices=Answer.choices,
                required=False,
                widget=forms.RadioSelect,
                label="Is it in place?",
                error_messages={"invalid_choice": NO_ANSWER},
            )
            self.fields[evidence_field(pk)] = TextField(
                max_length=NARRATIVE_MAX_LENGTH, label="Evidence", over_limit=LONG_EVIDENCE
            )
            self.fields[revision_field(pk)] = RevisionField(out_of_date=OUT_OF_DATE, min_value=0)

    def rows(self):
        """Each line with its bound fields, for the template."""
        return [
            {
                "entry": entry,
                "number": number,
                "subject": f"line {number}",
                "answer": self[answer_field(entry.line.pk)],
                "evidence": self[evidence_field(entry.line.pk)],
                "revision": self[revision_field(entry.line.pk)],
            }
            for number, entry in enumerate(self.checklist, start=1)
        ]

    def figure_rows(self):
        return [
            {
                "line": line,
                "value": self[value_field(line.measure.pk)],
                "against": self[against_field(line.measure.pk)] if line.measure.against else None,
                "revision": self[figure_revision_field(line.measure.pk)],
            }
            for line in self.figures
        ]

    def posted_figures(self) -> list[FigurePosted]:
        data = self.cleaned_data
        return [
            FigurePosted(
                measure_id=line.measure.pk,
                value=data.get(value_field(line.measure.pk)) or "",
                against=data.get(against_field(line.measure.pk)) or "",
                revision=data[figure_revision_field(line.measure.pk)],
            )
            for line in self.figures
        ]

    def posted(self) -> list[Posted]:
        data = self.cleaned_data
        return [
            Posted(
                expectation_id=entry.line.pk,
                answer=data.get(answer_field(entry.line.pk)) or "",
                evidence=data.get(evidence_field(entry.line.pk)) or "",
                revision=data[revision_field(entry.line.pk)],
            )
            for entry in self.checklist
        ]

    def typed_values(self) -> list[dict]:
        """What the lead sent, line by line, in the shape of the section page's "Your text"
        (assessments/lead/includes/typed_text.html): shown back when a save is refused."""
        typed = []
        labels = dict(Answer.choices)
        for number, entry in enumerate(self.checklist, start=1):
            pk = entry.line.pk
            answer = labels.get(self.data.get(answer_field(pk)), "")
            evidence = (self.data.get(evidence_field(pk)) or "").strip()
            if answer:
                typed.append({"kind": "choice", "label": f"Line {number}", "choice": answer})
            if evidence:
                typed.append(
                    {
                        "kind": "text",
                        "name": evidence_field(pk),
                        "label": f"Line {number}, evidence",
                        "text": evidence,
                    }
                )
        for line in self.figures:
            pk, measure = line.measure.pk, line.measure
            for name, label in (
                (value_field(pk), measure.name),
                (against_field(pk), measure.against),
            ):
                value = (self.data.get(name) or "").strip()
                if value:
                    typed.append({"kind": "choice", "label": label, "choice": value})
        return typed

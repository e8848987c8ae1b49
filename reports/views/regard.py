"""The policing body's regard to a published paper: the office records a step, the SPR lead
answers a question. The exchange itself is shown on the paper's page (`report_detail`)."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from reports.assurance_models import RegardEntry, RegardKind
from reports.forms import RegardAnswerForm, RegardForm
from reports.services.regard import regard_answer, regard_record
from reports.views.common import get_report
from spr_portal.access import Can, get_for_user, require
from spr_portal.form_errors import error_summary, form_saved


def _published(request, pk):
    report = get_report(request, pk)
    if report.is_draft:
        raise Http404("A draft has not gone to the board.")
    return report


@require_http_methods(["GET", "POST"])
def regard_record_view(request, pk):
    report = _published(request, pk)
    require(request.user, Can.RECORD_REGARD)
    form = RegardForm(request.POST or None)
    recorded = form_saved(
        request,
        form,
        lambda data: regard_record(
            report=report,
            actor=request.user,
            kind=data["kind"],
            text=data["text"],
            conclusion=data["conclusion"],
        ),
        done=lambda entry: f"{entry.heading} recorded.",
    )
    if recorded:
        return redirect(f"{report.get_absolute_url()}#regard")
    return render(
        request,
        "reports/regard_record.html",
        {"report": report, "form": form, "error_summary": error_summary(form)},
    )


@require_http_methods(["GET", "POST"])
def regard_answer_view(request, pk, entry_pk):
    report = _published(request, pk)
    require(request.user, Can.ANSWER_REGARD)
    question = get_for_user(
        RegardEntry.objects.filter(report=report, kind=RegardKind.QUESTION),
        request.user,
        pk=entry_pk,
    )
    answered = question.answers.exists()
    form = RegardAnswerForm(request.POST or None)
    if not answered and form_saved(
        request,
        form,
        lambda data: regard_answer(question=question, actor=request.user, text=data["text"]),
        done="Answer recorded.",
    ):
        return redirect(f"{report.get_absolute_url()}#regard")
    return render(
        request,
        "reports/regard_answer.html",
        {
            "report": report,
            "question": question,
            "answered": answered,
            "form": form,
            "error_summary": error_summary(form),
        },
    )

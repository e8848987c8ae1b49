"""The set-up pages of what each SPR edition expects of the force for each threat: the lines
by edition and threat, adding one, changing or retiring one; and the force's contribution
figures of each threat, likewise (assessments/services/expectation_setup.py). Administrators only
(`Can.SET_UP_FORCE`). The portal ships no line and no figure: each line is entered from the
edition's text, or the force's own plan, with its source."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from assessments.services.expectation_setup import (
    expectation_add,
    expectation_change,
    expectation_retire,
    measure_add,
    measure_change,
    measure_retire,
)
from onboarding.forms_expectations import (
    ExpectationAddForm,
    ExpectationChangeForm,
    MeasureAddForm,
    MeasureChangeForm,
)
from spr_portal.access import Can, get_for_user, requires
from spr_portal.concurrency import ConcurrentEdit
from spr_portal.form_errors import add_service_errors, error_summary, form_saved
from spr_portal.params import id_param
from threats.models import ContributionMeasure, EditionExpectation, SprEdition

CONFLICT = (
    "Someone else changed this line after you opened this page, so your change has not been "
    "saved. The form now shows the line as it is: make your change again."
)


def _edition(request):
    """The edition asked for (`?edition=<year>`), else the latest."""
    editions = SprEdition.objects.order_by("-year")
    asked = id_param(request.GET.get("edition"))
    return (editions.filter(year=asked).first() if asked else None) or editions.first()


@require_GET
@requires(Can.SET_UP_FORCE)
def expectation_list(request):
    edition = _edition(request)
    threats = list(edition.threats()) if edition else []
    lines = (
        EditionExpectation.objects.filter(edition=edition).in_force().in_checklist_order()
        if edition
        else []
    )
    by_threat, measures = {}, {}
    for line in lines:
        by_threat.setdefault(line.threat_id, []).append(line)
    for measure in ContributionMeasure.objects.in_force().order_by("position", "pk"):
        measures.setdefault(measure.threat_id, []).append(measure)
    return render(
        request,
        "onboarding/expectations.html",
        {
            "edition": edition,
            "editions": SprEdition.objects.order_by("-year"),
            "rows": [
                (threat, by_threat.get(threat.pk, []), measures.get(threat.pk, []))
                for threat in threats
            ],
        },
    )


def _edit_summary(form, refusal: str | None) -> list[dict]:
    """A refused change (someone else saved first) is the summary's one entry, pointing at the
    page's warning; otherwise the form's errors, a stale revision's at the page too."""
    return error_summary(
        None if refusal else form,
        items=[(refusal, "#main-content")] if refusal else (),
        anchors={"revision": "#main-content"},
    )


def _list_url(edition) -> str:
    return f"{reverse('onboarding:expectations')}?edition={edition.year}"


@require_http_methods(["GET", "POST"])
@requires(Can.SET_UP_FORCE)
def expectation_add_page(request):
    edition = _edition(request)
    initial = {"edition": edition}
    threat = id_param(request.GET.get("threat"))
    if threat:
        initial["threat"] = threat
    form = ExpectationAddForm(request.POST or None, initial=initial)
    added = form_saved(
        request,
        form,
        lambda data: expectation_add(actor=request.user, **data),
        done=lambda line: f"Line added to {line.threat.name}.",
    )
    if added:
        return redirect(_list_url(added.result.edition))
    return render(
        request,
        "onboarding/expectation_form.html",
        {"form": form, "line": None, "error_summary": error_summary(form), "edition": edition},
    )


@require_http_methods(["GET", "POST"])
@requires(Can.SET_UP_FORCE)
def expectation_edit(request, pk):
    line = get_for_user(
        EditionExpectation.objects.select_related("threat", "edition"), request.user, pk=pk
    )
    initial = {
        "level": line.level,
        "wording": line.wording,
        "citation": line.citation,
        "revision": line.revision,
    }
    form = ExpectationChangeForm(request.POST or None, initial=initial)
    refusal = ""
    if request.method == "POST" and form.is_valid():
        revision = form.cleaned_data["revision"]
        try:
            if "retire" in request.POST:
                expectation_retire(actor=request.user, line=line, revision=revision)
                messages.success(request, f"Line retired from {line.threat.name}.")
            else:
                expectation_change(
                    actor=request.user,
                    line=line,
                    level=form.cleaned_data["level"],
                    wording=form.cleaned_data["wording"],
                    citation=form.cleaned_data["citation"],
                    revision=revision,
                )
                messages.success(request, f"Line of {line.threat.name} saved.")
        except ConcurrentEdit:
            line.refresh_from_db()
            refusal = CONFLICT
            form = ExpectationChangeForm(
                initial={
                    "level": line.level,
                    "wording": line.wording,
                    "citation": line.citation,
                    "revision": line.revision,
                }
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(_list_url(line.edition))
    summary = _edit_summary(form, refusal)
    return render(
        request,
        "onboarding/expectation_form.html",
        {
            "form": form,
            "line": line,
            "edition": line.edition,
            "refusal": refusal,
            "error_summary": summary,
        },
        status=409 if refusal else 200,
    )


MEASURE_CONFLICT = (
    "Someone else changed this figure after you opened this page, so your change has not "
    "been saved. The form now shows the figure as it is: make your change again."
)


@require_http_methods(["GET", "POST"])
@requires(Can.SET_UP_FORCE)
def measure_add_page(request):
    threat = id_param(request.GET.get("threat"))
    form = MeasureAddForm(request.POST or None, initial={"threat": threat} if threat else None)
    if form_saved(
        request,
        form,
        lambda data: measure_add(actor=request.user, **data),
        done=lambda measure: f"Figure defined for {measure.threat.name}.",
    ):
        return redirect("onboarding:expectations")
    return render(
        request,
        "onboarding/measure_form.html",
        {"form": form, "measure": None, "error_summary": error_summary(form)},
    )


def _measure_initial(measure) -> dict:
    return {
        "name": measure.name,
        "unit": measure.unit,
        "period": measure.period,
        "against": measure.against,
        "revision": measure.revision,
    }


@require_http_methods(["GET", "POST"])
@requires(Can.SET_UP_FORCE)
def measure_edit(request, pk):
    measure = get_for_user(
        ContributionMeasure.objects.select_related("threat"), request.user, pk=pk
    )
    form = MeasureChangeForm(request.POST or None, initial=_measure_initial(measure))
    refusal = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if "retire" in request.POST:
                measure_retire(actor=request.user, measure=measure, revision=data["revision"])
                messages.success(request, f"Figure retired from {measure.threat.name}.")
            else:
                measure_change(
                    actor=request.user,
                    measure=measure,
                    name=data["name"],
                    unit=data["unit"],
                    period=data["period"],
                    against=data["against"],
                    revision=data["revision"],
                )
                messages.success(request, f"Figure of {measure.threat.name} saved.")
        except ConcurrentEdit:
            measure.refresh_from_db()
            refusal = MEASURE_CONFLICT
            form = MeasureChangeForm(initial=_measure_initial(measure))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("onboarding:expectations")
    summary = _edit_summary(form, refusal)
    return render(
        request,
        "onboarding/measure_form.html",
        {"form": form, "measure": measure, "refusal": refusal, "error_summary": summary},
        status=409 if refusal else 200,
    )

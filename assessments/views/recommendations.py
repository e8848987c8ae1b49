"""The register of inspection recommendations (assessments/services/recommendations.py): the
list, one recommendation with its history, and the forms of the SPR lead (record, change,
close), of its owner (progress) and of the policing body's office (its response)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessments.forms.recommendations import (
    CloseForm,
    ProgressForm,
    RecommendationForm,
    ResponseForm,
)
from assessments.models.recommendations import Recommendation
from assessments.selectors.recommendations import recommendation_page, register, threat_names
from assessments.services import recommendations as services
from assessments.views.review_common import posted
from spr_portal.access import Can, get_for_user, may, requires
from spr_portal.concurrency import ConcurrentEdit
from spr_portal.form_errors import add_service_errors, error_summary, form_saved, service_applied
from threats.models import NationalThreat

CONFLICT = (
    "Someone else changed this recommendation after you opened this page, so your changes "
    "have not been saved. The form now shows what they saved; the text you typed is below it."
)


def _people():
    return list(
        get_user_model()
        .objects.filter(is_active=True, role_assignments__isnull=False)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def _threat_choices():
    return list(threat_names().items())


def _threats(ids):
    return list(NationalThreat.objects.filter(pk__in=ids or []))


@require_GET
@requires(Can.READ_RECOMMENDATIONS)
def recommendation_list(request):
    show_closed = request.GET.get("closed") == "yes"
    rows = register(request.user, show_closed=show_closed)
    return render(
        request,
        "assessments/recommendations/list.html",
        {
            "recommendations": rows,
            "show_closed": show_closed,
            "overdue_responses": sum(1 for r in rows if r.response and r.response[0] == "red"),
        },
    )


def _form_page(request, form, recommendation=None, refusal="", typed=""):
    return render(
        request,
        "assessments/recommendations/form.html",
        {
            "form": form,
            "recommendation": recommendation,
            "refusal": refusal,
            "typed": typed,
            "error_summary": error_summary(form, items=[(refusal, "")] if refusal else ()),
        },
    )


def _initial(recommendation) -> dict:
    initial = {name: getattr(recommendation, name) for name in (*services.FIELDS, "revision")}
    initial["owner"] = recommendation.owner_id
    initial["threats"] = list(recommendation.threats.values_list("pk", flat=True))
    initial["policing_body_must_respond"] = (
        "yes" if recommendation.policing_body_must_respond else "no"
    )
    return initial


@require_http_methods(["GET", "POST"])
@requires(Can.MANAGE_RECOMMENDATIONS)
def recommendation_new(request):
    people = _people()
    form = RecommendationForm(posted(request), threats=_threat_choices(), people=people)
    saved = form_saved(
        request,
        form,
        lambda data: services.recommendation_record(
            actor=request.user, threats=_threats(data["threats"]), **form.service_fields(people)
        ),
        done=lambda recommendation: f"{recommendation} is on the register.",
    )
    if saved:
        return redirect("assessments:recommendation_detail", saved.result.pk)
    return _form_page(request, form)


@require_http_methods(["GET", "POST"])
@requires(Can.MANAGE_RECOMMENDATIONS)
def recommendation_edit(request, pk):
    recommendation = get_for_user(Recommendation.objects.all(), request.user, pk=pk)
    people = _people()
    form = RecommendationForm(
        posted(request), threats=_threat_choices(), people=people, initial=_initial(recommendation)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.recommendation_change(
                recommendation=recommendation,
                actor=request.user,
                revision=form.cleaned_data["revision"] or 0,
                threats=_threats(form.cleaned_data["threats"]),
                **form.service_fields(people),
            )
        except ConcurrentEdit:
            recommendation.refresh_from_db()
            fresh = RecommendationForm(
                threats=_threat_choices(), people=people, initial=_initial(recommendation)
            )
            return _form_page(
                request, fresh, recommendation, refusal=CONFLICT, typed=request.POST.get("text")
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Recommendation saved.")
            return redirect("assessments:recommendation_detail", recommendation.pk)
    return _form_page(request, form, recommendation)


def _detail(request, recommendation, *, progress=None, response=None, close=None):
    forms = [f for f in (progress, response, close) if f is not None and f.errors]
    page = recommendation_page(recommendation)
    return render(
        request,
        "assessments/recommendations/detail.html",
        {
            "recommendation": page,
            "may_note_progress": services.may_note_progress(request.user, recommendation),
            "may_manage": may(request.user, Can.MANAGE_RECOMMENDATIONS),
            "may_record_response": may(request.user, Can.RECORD_POLICING_BODY_RESPONSE)
            and recommendation.policing_body_must_respond,
            "progress_form": progress or ProgressForm(),
            "response_form": response
            or ResponseForm(initial={"published_on": recommendation.response_published_on}),
            "close_form": close or CloseForm(),
            "error_summary": error_summary(forms[0]) if forms else [],
        },
    )


@require_GET
@requires(Can.READ_RECOMMENDATIONS)
def recommendation_detail(request, pk):
    recommendation = get_for_user(
        Recommendation.objects.select_related("owner", "closed_by"), request.user, pk=pk
    )
    return _detail(request, recommendation)


def _applied(request, recommendation, form, act, *, done: str, slot: str):
    """A form of the recommendation's page posted: through the service (`act`, given the
    cleaned data), then back to the page saying `done`; refused, the page again with the
    form's errors in its `slot`."""
    if form.is_valid() and service_applied(form, lambda: act(form.cleaned_data)):
        messages.success(request, done)
        return redirect("assessments:recommendation_detail", recommendation.pk)
    return _detail(request, recommendation, **{slot: form})


@require_POST
@requires(Can.READ_RECOMMENDATIONS)
def recommendation_progress(request, pk):
    recommendation = get_for_user(Recommendation.objects.all(), request.user, pk=pk)
    if not services.may_note_progress(request.user, recommendation):
        raise PermissionDenied(services.PROGRESS_REFUSAL)
    return _applied(
        request,
        recommendation,
        ProgressForm(request.POST),
        lambda data: services.recommendation_note_progress(
            recommendation=recommendation, actor=request.user, text=data["text"]
        ),
        done="Progress noted.",
        slot="progress",
    )


@require_POST
@requires(Can.RECORD_POLICING_BODY_RESPONSE)
def recommendation_response(request, pk):
    recommendation = get_for_user(Recommendation.objects.all(), request.user, pk=pk)
    return _applied(
        request,
        recommendation,
        ResponseForm(request.POST),
        lambda data: services.recommendation_record_response(
            recommendation=recommendation, actor=request.user, published_on=data["published_on"]
        ),
        done="The date of the response is recorded.",
        slot="response",
    )


@require_POST
@requires(Can.MANAGE_RECOMMENDATIONS)
def recommendation_close(request, pk):
    recommendation = get_for_user(Recommendation.objects.all(), request.user, pk=pk)
    return _applied(
        request,
        recommendation,
        CloseForm(request.POST),
        lambda data: services.recommendation_close(
            recommendation=recommendation, actor=request.user, reason=data["reason"]
        ),
        done=f"{recommendation} is closed.",
        slot="close",
    )

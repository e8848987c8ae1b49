"""The set-up pages: the guided set-up (the task list of `onboarding/steps.py`), the force
profile, the SPR editions and the single sign-on mappings. Administrators only
(`Can.SET_UP_FORCE`, which the `createsuperuser` account has too)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import ClaimRoleMapping
from onboarding.editions import shipped
from onboarding.forms_force import ForceProfileForm, MappingForm
from onboarding.services.force import (
    force_profile_save,
    spr_editions_load,
    sso_mapping_add,
    sso_mapping_remove,
)
from onboarding.steps import steps_with_states
from spr_portal.access import Can, requires
from spr_portal.form_errors import error_summary, form_saved
from spr_portal.params import id_param
from threats.models import ForceProfile, NationalThreat, SprEdition
from threats.naming import names_by_year


@require_GET
@requires(Can.SET_UP_FORCE)
def setup(request):
    steps = steps_with_states()
    done = sum(1 for _, state, _ in steps if state.done)
    return render(request, "onboarding/setup.html", {"steps": steps, "done": done})


@require_http_methods(["GET", "POST"])
@requires(Can.SET_UP_FORCE)
def force_profile(request):
    profile = ForceProfile.objects.defer("crest").first()
    form = ForceProfileForm(request.POST or None, instance=profile)
    if form_saved(
        request,
        form,
        lambda data: force_profile_save(
            actor=request.user, data={name: data[name] for name in form.fields}
        ),
        done="Force profile saved.",
    ):
        return redirect("onboarding:setup")
    return render(
        request,
        "onboarding/force_profile.html",
        {"form": form, "profile": profile, "error_summary": error_summary(form)},
    )


@require_http_methods(["GET", "POST"])
@requires(Can.SET_UP_FORCE)
def editions(request):
    if request.method == "POST":
        result = spr_editions_load(actor=request.user)
        messages.success(request, result.summary())
        return redirect("onboarding:editions")
    editions = list(SprEdition.objects.order_by("year"))
    names = names_by_year(e.year for e in editions)
    threats = list(
        NationalThreat.objects.select_related(
            "added_in", "retired_in", "succeeds", "owning_department", "chief_officer_lead"
        )
    )
    rows = [
        {
            "edition": edition,
            "threats": [
                {"threat": t, "name": names[edition.year][t.pk]}
                for t in threats
                if t.added_in.year <= edition.year
                and (t.retired_in is None or edition.year < t.retired_in.year)
            ],
        }
        for edition in editions
    ]
    return render(
        request,
        "onboarding/editions.html",
        {"rows": rows, "shipped": shipped(), "threats": threats},
    )


@require_http_methods(["GET", "POST"])
@requires(Can.SET_UP_FORCE)
def sso_mappings(request):
    form = MappingForm(None if "remove" in request.POST else (request.POST or None))
    if request.method == "POST" and "remove" in request.POST:
        mapping = get_object_or_404(ClaimRoleMapping, pk=id_param(request.POST["remove"]) or 0)
        sso_mapping_remove(actor=request.user, mapping=mapping)
        messages.success(request, f"Mapping removed: {mapping.claim} = {mapping.value}.")
        return redirect("onboarding:sso_mappings")
    if form_saved(
        request,
        form,
        lambda data: sso_mapping_add(actor=request.user, **data),
        done="Mapping added.",
    ):
        return redirect("onboarding:sso_mappings")
    return render(
        request,
        "onboarding/sso_mappings.html",
        {
            "form": form,
            "mappings": ClaimRoleMapping.objects.order_by("claim", "value", "role"),
            "error_summary": error_summary(form),
        },
    )

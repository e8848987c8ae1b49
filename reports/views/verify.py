"""Checking a copy of a board paper: exactly as published here, and signed by the force."""

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from reports.forms import VerifyPaperForm
from reports.signing import SigningUnavailable, signing_identity, spaced_fingerprint
from reports.verification import verify_paper
from spr_portal.access import Can, requires
from spr_portal.form_errors import error_summary


@require_http_methods(["GET", "POST"])
@requires(Can.READ_REPORTS)
def verify_paper_view(request):
    posted = request.method == "POST"  # an empty POST is a form with errors too
    form = VerifyPaperForm(request.POST if posted else None, request.FILES if posted else None)
    result = None
    if posted and form.is_valid():
        result = verify_paper(form.cleaned_data["paper"].read(), request.user)
    try:
        identity = signing_identity()
    except SigningUnavailable:
        identity = None
    return render(
        request,
        "reports/verify.html",
        {
            "form": form,
            "result": result,
            "identity": identity,
            "fingerprint": spaced_fingerprint(identity.fingerprint) if identity else "",
            "error_summary": error_summary(form),
        },
    )

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from assessments.selectors.waiting import returned_to, submitted_for_review
from audit.services import audit_refusal
from reports.selectors_published import NEWLY_PUBLISHED_DAYS, newly_published
from spr_portal.access import has_any_role


@require_GET
def home(request):
    """Each role's starting points (from `may`, the access table); the pages themselves check
    access again."""
    user = request.user
    return render(
        request,
        "home.html",
        {
            "has_no_role": not has_any_role(user),
            # What waits for this person: a fixed number of queries, however many there are.
            "returned_to_me": returned_to(user),
            "for_my_review": submitted_for_review(user),
            "newly_published": newly_published(user),
            "newly_published_days": NEWLY_PUBLISHED_DAYS,
        },
    )


@login_not_required
@require_GET
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


def permission_denied(request, exception=None):
    """The 403 page; every refusal is on the audit trail (failed authorisation attempts)."""
    audit_refusal(request, str(exception or "") or "Not part of the user's role")
    return render(request, "403.html", status=403)


@login_not_required
def csrf_failure(request, reason=""):
    """A form posted without its CSRF token (forged, or from a page left open too long)."""
    audit_refusal(request, f"Cross-site request forgery check failed: {reason}")
    return render(request, "403_csrf.html", status=403)

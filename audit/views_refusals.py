"""The refusal pages: the 403 page and the failed CSRF check. They live with the audit trail
because showing a refusal and recording it are one step (failed authorisation attempts are
audited); the root URLconf and the settings point here."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render

from audit.services import audit_refusal


def permission_denied(request, exception=None):
    """The 403 page; every refusal is on the audit trail (failed authorisation attempts)."""
    reason = str(exception or "")
    audit_refusal(request, reason or "Not part of the user's role")
    # The reason is written for the person refused (spr_portal/access.py `Can`, the services'
    # refusals): whose the page is, or why the force keeps it from this role.
    return render(request, "403.html", {"reason": reason}, status=403)


@login_not_required
def csrf_failure(request, reason=""):
    """A form posted without its CSRF token (forged, or from a page left open too long)."""
    audit_refusal(request, f"Cross-site request forgery check failed: {reason}")
    return render(request, "403_csrf.html", status=403)

"""The integrity check, run from a page by the SPR lead (the same as verify_integrity)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from reports.integrity import verify_integrity
from spr_portal.access import Can, requires


@require_GET
@requires(Can.VERIFY_INTEGRITY)
def integrity(request):
    return render(request, "reports/integrity.html", {"result": verify_integrity()})

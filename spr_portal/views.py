from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from spr_portal.access import has_any_role


@require_GET
def home(request):
    """Each role's starting points (from `may`, the access table); the pages themselves check
    access again."""
    return render(request, "home.html", {"has_no_role": not has_any_role(request.user)})


@login_not_required
@require_GET
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")

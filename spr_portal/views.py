from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from spr_portal.roles import Role, roles_of


@require_GET
def home(request):
    """Each role's starting points; the pages themselves check access again."""
    roles = roles_of(request.user)
    return render(
        request,
        "home.html",
        {
            "is_spr_lead": Role.SPR_LEAD in roles,
            "is_business_lead": Role.BUSINESS_LEAD in roles,
            "is_chief_officer_lead": Role.CHIEF_OFFICER_LEAD in roles,
            "is_pcc_office": Role.PCC_OFFICE in roles,
            "is_administrator": Role.ADMINISTRATOR in roles or request.user.is_superuser,
            "has_no_role": not roles and not request.user.is_superuser,
        },
    )


@login_not_required
@require_GET
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")

"""The benchmark's reference page (scripts/benchmark.py): what Django itself costs here.

Behind the same middleware as every page (session, sign-in, second factor, CSP…), it reads one
small table (the signed-in user's own roles) and renders a small template. It is mounted only
by spr_portal/urls_bench.py, which settings use when SPR_BENCH_PAGE is on (the benchmark's
server); a deployment never serves it, so it adds nothing to the URL matrix's exposure.
"""

from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def bare(request):
    roles = list(request.user.role_assignments.values_list("role", flat=True))
    return render(request, "bench/bare.html", {"roles": roles})

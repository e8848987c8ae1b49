"""The URLs of the benchmark's server: every URL of the portal, plus the bare reference page
(spr_portal/views_bench.py). Used as ROOT_URLCONF only when SPR_BENCH_PAGE is on."""

from django.urls import path

from spr_portal import views_bench
from spr_portal.urls import handler403  # noqa: F401  (the same 403 page)
from spr_portal.urls import urlpatterns as portal_urlpatterns

urlpatterns = [
    *portal_urlpatterns,
    path("bench/bare/", views_bench.bare, name="bench_bare"),
]

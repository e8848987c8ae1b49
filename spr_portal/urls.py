from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from accounts.forms import SignInForm
from accounts.views_tasks import failed_tasks
from api.urls import urls as api_urls
from spr_portal import operations, service_pages, views

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "accounts/login/",
        login_not_required(
            auth_views.LoginView.as_view(
                template_name="accounts/login.html",
                authentication_form=SignInForm,
                redirect_authenticated_user=True,
            )
        ),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/signed-out/", service_pages.signed_out, name="signed_out"),
    path("help/", service_pages.help_and_contact, name="help"),
    path("accessibility/", service_pages.accessibility, name="accessibility"),
    path("privacy/", service_pages.privacy, name="privacy"),
    path("accounts/", include("accounts.urls")),
    path("healthz", operations.live, name="healthz"),
    path("readyz", operations.ready, name="readyz"),
    path("operations/failed-tasks/", failed_tasks, name="failed_tasks"),
    path("admin/", admin.site.urls),
    path("", include("assessments.urls")),
    path("reports/", include("reports.urls")),
    path("audit/", include("audit.urls")),
    path("set-up/", include("onboarding.urls")),
    path("api-tokens/", include("api.urls_pages")),
    path("api/v1/", api_urls),
]

admin.site.site_header = "SPR Portal administration"
admin.site.site_title = "SPR Portal administration"

handler403 = "audit.views_refusals.permission_denied"

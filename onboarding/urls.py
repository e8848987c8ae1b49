from django.urls import path

from onboarding import views_setup_import
from onboarding.views import history
from onboarding.views import setup as views

app_name = "onboarding"

urlpatterns: list = [
    path("", views.setup, name="setup"),
    path("force-profile/", views.force_profile, name="force_profile"),
    path("editions/", views.editions, name="editions"),
    path("single-sign-on/", views.sso_mappings, name="sso_mappings"),
    path("import/", views_setup_import.setup_import, name="setup_import"),
    path("import/confirm/", views_setup_import.setup_import_confirm, name="setup_import_confirm"),
    path("import/template.xlsx", views_setup_import.setup_template, name="setup_template"),
    path(
        "import/template-<slug:table>.csv",
        views_setup_import.setup_template_csv,
        name="setup_template_csv",
    ),
    path("history/", history.history_import_page, name="history_import"),
    path("history/template.xlsx", history.history_template, name="history_template"),
]

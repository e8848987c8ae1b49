from django.urls import path

from onboarding.views import history, setup, setup_import

app_name = "onboarding"

urlpatterns: list = [
    path("", setup.setup, name="setup"),
    path("force-profile/", setup.force_profile, name="force_profile"),
    path("editions/", setup.editions, name="editions"),
    path("single-sign-on/", setup.sso_mappings, name="sso_mappings"),
    path("import/", setup_import.setup_import, name="setup_import"),
    path("import/confirm/", setup_import.setup_import_confirm, name="setup_import_confirm"),
    path("import/template.xlsx", setup_import.setup_template, name="setup_template"),
    path(
        "import/template-<slug:table>.csv",
        setup_import.setup_template_csv,
        name="setup_template_csv",
    ),
    path("history/", history.history_import_page, name="history_import"),
    path("history/template.xlsx", history.history_template, name="history_template"),
]

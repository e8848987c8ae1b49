from django.urls import path

from onboarding.views import expectations, history, setup, setup_import
from spr_portal import params  # noqa: F401  (registers the <id:…> converter)

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
    path("what-the-spr-expects/", expectations.expectation_list, name="expectations"),
    path(
        "what-the-spr-expects/add/",
        expectations.expectation_add_page,
        name="expectation_add",
    ),
    path(
        "what-the-spr-expects/<id:pk>/",
        expectations.expectation_edit,
        name="expectation_edit",
    ),
    path("contribution-figures/add/", expectations.measure_add_page, name="measure_add"),
    path("contribution-figures/<id:pk>/", expectations.measure_edit, name="measure_edit"),
    path("history/", history.history_import_page, name="history_import"),
    path("history/template.xlsx", history.history_template, name="history_template"),
]

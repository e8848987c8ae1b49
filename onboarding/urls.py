from django.urls import path

from onboarding.views import history

app_name = "onboarding"

urlpatterns: list = [
    path("history/", history.history_import_page, name="history_import"),
    path("history/template.xlsx", history.history_template, name="history_template"),
]

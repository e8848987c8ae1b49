from django.urls import path

from onboarding.views import setup as views

app_name = "onboarding"

urlpatterns: list = [
    path("", views.setup, name="setup"),
    path("force-profile/", views.force_profile, name="force_profile"),
    path("editions/", views.editions, name="editions"),
    path("single-sign-on/", views.sso_mappings, name="sso_mappings"),
]

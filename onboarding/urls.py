from django.urls import path  # noqa: F401  (each set-up page adds its path here)

app_name = "onboarding"

urlpatterns: list = []

from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("session/stay/", views.stay_signed_in, name="stay_signed_in"),
]

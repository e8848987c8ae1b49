from django.urls import path

import spr_portal.params  # noqa: F401  (registers the <id:…> converter)
from accounts import oidc, views, views_mfa, views_users

app_name = "accounts"

urlpatterns = [
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("email/", views.email_settings_view, name="email_settings"),
    path("session/stay/", views.stay_signed_in, name="stay_signed_in"),
    path("two-factor/setup/", views_mfa.two_factor_setup, name="two_factor_setup"),
    path("two-factor/", views_mfa.two_factor_verify, name="two_factor_verify"),
    path("sso/start/", oidc.sso_start, name="sso_start"),
    path("sso/callback/", oidc.sso_callback, name="sso_callback"),
    path("users/", views_users.user_list, name="user_list"),
    path("users/<id:pk>/", views_users.user_detail, name="user_detail"),
    path("users/<id:pk>/deactivate/", views_users.user_deactivate_view, name="user_deactivate"),
    path("users/<id:pk>/password-link/", views_users.user_password_link, name="user_password_link"),
    path("set-password/<uidb64>/<token>/", views.PasswordSetView.as_view(), name="password_set"),
]

from django.urls import path

from api import views
from spr_portal import params  # noqa: F401  (registers the <id:…> converter)

app_name = "api"
urlpatterns = [
    path("", views.token_list, name="tokens"),
    path("<id:pk>/revoke/", views.token_revoke_view, name="token_revoke"),
]

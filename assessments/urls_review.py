# Placeholder routes: the SPR lead's pages (issue: ACC Security reviews).
from django.http import HttpResponse
from django.urls import path


def _todo(request, *args, **kwargs):
    return HttpResponse("Not built yet", status=501)


urlpatterns = [
    path("quarters/current/", _todo, name="quarter_board_current"),
    path("actions/", _todo, name="actions_register"),
]

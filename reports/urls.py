# Placeholder routes: board reports (issue: the board report).
from django.http import HttpResponse
from django.urls import path


def _todo(request, *args, **kwargs):
    return HttpResponse("Not built yet", status=501)


app_name = "reports"
urlpatterns = [
    path("", _todo, name="report_list"),
]

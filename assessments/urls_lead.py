# Placeholder routes: the business lead's pages (issue: business leads submit).
from django.http import HttpResponse
from django.urls import path


def _todo(request, *args, **kwargs):
    return HttpResponse("Not built yet", status=501)


urlpatterns = [
    path("my-assessments/", _todo, name="my_assessments"),
]

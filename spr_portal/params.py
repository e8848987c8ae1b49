"""Numbers from the query string and the path, read one way everywhere; no NUL character in
any value that a query could carry to the database.

`str.isdigit()` accepts "²" and "٣", which `int()` then refuses: a 500 waiting to happen. An id
is 1 to 9 ASCII digits, which every database's integer column holds; anything else is not an
id, so a page answers 404 (or ignores an optional parameter) instead of failing.
"""

from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string
from django.urls import register_converter

MAX_ID_DIGITS = 9


def id_param(value: str | None) -> int | None:
    """The id written in `value`, or None if it is not one."""
    if value and value.isascii() and value.isdigit() and len(value) <= MAX_ID_DIGITS:
        return int(value)
    return None


class IdConverter:
    """`<id:pk>` in URL patterns: like `<int:pk>`, but never a number the database overflows on."""

    regex = f"[0-9]{{1,{MAX_ID_DIGITS}}}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


register_converter(IdConverter, "id")


def has_nul(querydict) -> bool:
    """Does any key or value hold a NUL? PostgreSQL refuses NUL in text, so a filter on one
    is a 500 (SQLite stores it)."""
    return any(
        "\x00" in key or any("\x00" in v for v in values) for key, values in querydict.lists()
    )


class RefuseNulMiddleware:
    """A query string or a form with a NUL anywhere is a 400, before any view reads it: no
    person types one, and no page, filter or API parameter can then pass one to the database.
    (CsrfViewMiddleware reads the posted form before any view anyway; no view changes the
    upload handlers.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        posted = request.method == "POST" and has_nul(request.POST)
        if posted or has_nul(request.GET):
            return HttpResponseBadRequest(render_to_string("400.html", request=request))
        return self.get_response(request)

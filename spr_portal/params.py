"""Numbers from the query string and the path, read one way everywhere.

`str.isdigit()` accepts "²" and "٣", which `int()` then refuses: a 500 waiting to happen. An id
is 1 to 9 ASCII digits, which every database's integer column holds; anything else is not an
id, so a page answers 404 (or ignores an optional parameter) instead of failing.
"""

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

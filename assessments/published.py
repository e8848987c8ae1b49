"""Which published papers report a self-assessment. Board reports live in the reports app,
which depends on this one and not the other way round, so reports registers its finder here
when it starts (reports/apps.py); without it, nothing is published."""

from collections.abc import Callable

_finders: list[Callable] = []


def register(finder: Callable) -> None:
    """`finder(assessment)` returns the names of the published papers that report it."""
    if finder not in _finders:
        _finders.append(finder)


def published_in(assessment) -> list[str]:
    return [name for finder in _finders for name in finder(assessment)]


def confirm_message(papers: list[str]) -> str:
    named = "; ".join(papers)
    return (
        f"This self-assessment is reported in the published paper {named}. Confirm that you "
        "want to reopen it: the paper stays as published and may need a correction"
    )

"""The portal's own sentences, written once: number agreement ("1 grade has risen", "2 grades
have risen", "0 grades have risen") and a date as a sentence gives it ("11 March 2016")."""

import datetime

from django.utils import dateformat


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """`count` with its noun in the number that agrees: "1 grade", "0 grades", "3 summaries"."""
    return f"{count} {singular if count == 1 else (plural or singular + 's')}"


def agreeing(count: int, singular: str, plural: str) -> str:
    """The word that agrees with `count`: agreeing(1, "has", "have") is "has"."""
    return singular if count == 1 else plural


def day(value: datetime.date) -> str:
    """A date as the pages, e-mails and audit trail write it in a sentence: "11 March 2016"."""
    return dateformat.format(value, "j F Y")


def person_name(user) -> str:
    """A person as the pages, e-mails, papers and audit trail name them: their full name, else
    their user name (an account made by single sign-on or a spreadsheet may have no name yet)."""
    return user.get_full_name() or user.get_username()


def too_long(named: str, max_length: int) -> str:
    """GOV.UK's words for text over its limit: "The title must be 200 characters or fewer"."""
    return f"{named} must be {max_length:,} characters or fewer"

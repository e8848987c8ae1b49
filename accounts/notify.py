"""E-mails that tell people about a workflow step that concerns them: one message per person
per event, sent only once the step's transaction commits (a rolled-back step sends nothing),
and not to people who turned that kind off on their e-mail settings page (never for a
return). The apps compose the words; this module decides who gets them and sends them.

The text names the service, not the force or its policing body, so that it reads right for
any force.
"""

import contextlib
import contextvars
import logging

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage
from django.db import transaction

from accounts.models import OPTIONAL_NOTICES, EmailOptOut, Notice

logger = logging.getLogger(__name__)
_silenced = contextvars.ContextVar("notifications_silenced", default=False)


@contextlib.contextmanager
def notifications_silenced():
    """Loading the demo replays past quarters: nobody should be told about them."""
    token = _silenced.set(True)
    try:
        yield
    finally:
        _silenced.reset(token)


def recipients(notice: Notice, people, *, actor=None) -> list:
    """Each person once, active, with an address, not the one who did it, and (unless it is a
    return) not someone who turned this kind of e-mail off."""
    chosen = {}
    for person in people:
        if person.is_active and person.email and getattr(actor, "pk", None) != person.pk:
            chosen.setdefault(person.pk, person)
    if notice in OPTIONAL_NOTICES and chosen:
        off = set(
            EmailOptOut.objects.filter(user_id__in=chosen, notice=notice).values_list(
                "user_id", flat=True
            )
        )
        chosen = {pk: person for pk, person in chosen.items() if pk not in off}
    return sorted(chosen.values(), key=lambda person: person.username)


def notify(*, notice: Notice, people, actor, subject: str, lines: list[str], path: str) -> list:
    """Queue one e-mail to each person concerned, sent after the transaction commits. Returns
    the people it will go to."""
    if _silenced.get():
        return []
    chosen = recipients(notice, people, actor=actor)
    link = settings.SPR_PORTAL_URL.rstrip("/") + path
    messages = [
        EmailMessage(
            subject=subject,
            body="\n".join(
                [
                    f"Dear {person.get_full_name() or person.username},",
                    "",
                    *lines,
                    "",
                    f"Open SPR Portal: {link}",
                    "",
                    "You can choose which e-mails SPR Portal sends you on your e-mail settings "
                    "page" + ("." if notice in OPTIONAL_NOTICES else " (this one always goes)."),
                ]
            ),
            to=[person.email],
        )
        for person in chosen
    ]
    if messages:
        transaction.on_commit(lambda: _send(messages))
    return chosen


def _send(messages) -> None:
    """The step has happened: a mail server that refuses one message must not undo it, nor
    stop the others; nor must a deployment that has no mail server set up yet (no EMAIL_HOST,
    which `check --deploy` warns of: accounts/checks.py) turn the step's answer into an error."""
    for message in messages:
        try:
            message.send()
        except OSError:  # smtplib's errors are OSErrors
            logger.exception("Could not send %r to %s", message.subject, message.to)
        except ImproperlyConfigured as error:
            logger.error("E-mail is not set up (%s): %r not sent", error, message.subject)

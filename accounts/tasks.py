"""E-mail sent in the background (django.tasks; spr_portal/background.py): a page or a step
never waits on the mail server, and a message the server refuses is tried again later, then
kept as a failed task for administrators (never lost in silence).

A message travels as its parts (subject, text, HTML, addresses), all JSON, as a task's
arguments must be; `accounts/notify.py` `compose` wrote it and `queue` hands it over."""

import logging

from django.core.exceptions import ImproperlyConfigured
from django.tasks import task

from spr_portal.background import retry_or_fail

logger = logging.getLogger(__name__)


def as_data(message) -> dict:
    html = next(
        (content for content, mimetype in message.alternatives if mimetype == "text/html"), ""
    )
    return {
        "subject": message.subject,
        "body": message.body,
        "html": html,
        "to": list(message.to),
        "from_email": message.from_email,
    }


def from_data(data: dict):
    from accounts.notify import PlainMessage

    message = PlainMessage(
        subject=data["subject"], body=data["body"], to=data["to"], from_email=data["from_email"]
    )
    if data.get("html"):
        message.attach_alternative(data["html"], "text/html")
    return message


@task
def send_email(message: dict, attempt: int = 1) -> str:
    email = from_data(message)
    try:
        email.send()
    except ImproperlyConfigured as error:
        # No mail server set up yet (`check --deploy` warns of it): kept as failed, said why.
        logger.error("E-mail is not set up (%s): %r not sent", error, email.subject)
        raise
    except OSError as error:  # smtplib's errors are OSErrors
        logger.warning("Could not send %r to %s: %s", email.subject, email.to, error)
        retry_or_fail(send_email, attempt, error, message)
        return "retrying"
    return "sent"

"""Every e-mail the portal sends is written here (`compose`): the workflow's notices (`notify`),
the deadline reminders (assessments/reminders.py) and the set-password link
(accounts/services.py).

A notice tells people about a workflow step that concerns them: one message per person per
event, sent only once the step's transaction commits (a rolled-back step sends nothing), and
not to people who turned that kind off on their e-mail settings page (never for a return). The
apps compose the words; this module decides who gets them and how they are sent.

Each message is UTF-8 plain text sent as it is (8bit, or 7bit when it is all ASCII: never
quoted-printable, so that "–" and long lines read cleanly on the console and in any client),
with an HTML alternative of the same content in the GOV.UK Notify style
(templates/emails/message.html). The portal's protective marking starts the subject and the
first line of each. The text names the service, not the force or its policing body, so that it
reads right for any force.
"""

import contextlib
import contextvars
import email.policy
import logging
import textwrap

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string

from accounts.models import OPTIONAL_NOTICES, RECEIVED_WITH, EmailOptOut, Notice
from spr_portal.access import may
from spr_portal.wording import person_name
from threats.force_profile import PORTAL_MARKING

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


def notices_for(user) -> list[Notice]:
    """The kinds of e-mail that can reach this user: those whose capability one of their roles
    grants (`RECEIVED_WITH`), in the order `Notice` lists them."""
    return [notice for notice in Notice if may(user, RECEIVED_WITH[notice])]


def notify(*, notice: Notice, people, actor, subject: str, lines: list[str], path: str) -> list:
    """Queue one e-mail to each person concerned, sent after the transaction commits. Returns
    the people it will go to."""
    if _silenced.get():
        return []
    chosen = recipients(notice, people, actor=actor)
    link = settings.SPR_PORTAL_URL.rstrip("/") + path
    footer = "You can choose which e-mails SPR Portal sends you on your e-mail settings page" + (
        "." if notice in OPTIONAL_NOTICES else " (this one always goes)."
    )
    messages = [
        compose(
            to=person,
            subject=subject,
            lines=lines,
            link=link,
            link_text="Open SPR Portal",
            footer=[footer],
        )
        for person in chosen
    ]
    if messages:
        transaction.on_commit(lambda: queue(messages))
    return chosen


# Lines of a plain-text body stay within SMTP's 998 octets, so that the body goes as it is
# (8bit) rather than quoted-printable; a line is wrapped only when it would not.
_LONGEST_LINE = 900


class PlainMessage(EmailMultiAlternatives):
    """Django writes text parts with the email package's content manager, which chooses 7bit
    or 8bit only when every line fits the policy's `max_line_length` (78 for SMTP and the
    console) and quoted-printable otherwise (`publ=ished`). Paragraphs are one line each
    (clients wrap them), so the body is judged against SMTP's own limit instead."""

    def message(self, *, policy=email.policy.default):
        return super().message(policy=policy.clone(max_line_length=998))


def _wrapped(line: str) -> list[str]:
    if len(line.encode()) <= _LONGEST_LINE:
        return [line]
    return textwrap.wrap(line, width=_LONGEST_LINE // 4, break_on_hyphens=False) or [""]


def _blocks(lines: list[str]) -> list[dict]:
    """Paragraphs and bulleted lists ("- " lines), for the HTML part."""
    blocks: list[dict] = []
    for line in lines:
        if line.startswith("- "):
            if blocks and "bullets" in blocks[-1]:
                blocks[-1]["bullets"].append(line[2:])
            else:
                blocks.append({"bullets": [line[2:]]})
        elif line.strip():
            blocks.append({"text": line})
    return blocks


def compose(
    *,
    to,
    subject: str,
    lines: list[str],
    link: str,
    link_text: str,
    footer: list[str] = (),
    greet: bool = True,
) -> EmailMultiAlternatives:
    """One e-mail to the user `to`: the marking, "Dear …", `lines` (paragraphs, "" between
    them; "- " lines make a list), the link, then the `footer` lines. Text and HTML say the
    same."""
    marking = str(PORTAL_MARKING)
    name = person_name(to)
    greeting = [f"Dear {name},", ""] if greet else []
    text_lines = [
        marking,
        "",
        *greeting,
        *lines,
        "",
        f"{link_text}: {link}",
        *([""] + list(footer) if footer else []),
        "",
        marking,
    ]
    body = "\n".join(part for line in text_lines for part in _wrapped(line)) + "\n"
    html = render_to_string(
        "emails/message.html",
        {
            "marking": marking,
            "heading": subject,
            "greeting": greeting[0] if greeting else "",
            "blocks": _blocks(lines),
            "link": link,
            "link_text": link_text,
            "footer": [line for line in footer if line],
        },
    )
    message = PlainMessage(subject=f"[{marking}] {subject}", body=body, to=[to.email])
    message.attach_alternative(html, "text/html")
    return message


def queue(messages) -> None:
    """Hand each message to the background (accounts/tasks.py `send_email`), one task each:
    the step has happened, so a mail server that refuses one message must not undo it, nor
    stop the others; nor must a deployment that has no mail server set up yet (no EMAIL_HOST,
    which `check --deploy` warns of: accounts/checks.py) turn the step's answer into an error.
    Call it once the step's transaction commits (a rolled-back step sends nothing)."""
    from accounts.tasks import as_data, send_email

    for message in messages:
        try:
            send_email.enqueue(as_data(message))
        except Exception:  # noqa: BLE001 - the queue itself unreachable: said, never raised
            logger.exception("Could not queue %r to %s", message.subject, message.to)

"""The e-mails as people receive them: through a real SMTP server (aiosmtpd, started here on a
free port) and on the console the demo prints them to. They used to arrive quoted-printable
("Capacity =E2=80=93 local", "publ=ished") with no marking in the subject: now UTF-8 text as it
is (8bit, or 7bit when all ASCII), an HTML part saying the same, the marking in the subject
and on the first line."""

import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller
from django.test import override_settings

from accounts.services import password_link_send
from assessments import services
from tests.factories import AssessmentFactory
from threats.demo import FORCE_PROFILE
from threats.models import ForceProfile

LONG_COMMENT = (
    "Say how many officers are trained in each of the three levels of the response, and "
    "give the date of the last table-top exercise – the published figures no longer match."
)


class _Inbox:
    def __init__(self):
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append(envelope.content)
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    inbox = _Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    mailer = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 10},
        }
    }
    try:
        with override_settings(MAILERS=mailer):
            yield inbox
    finally:
        controller.stop()


@pytest.fixture
def returned(threat, quarter, business_lead, spr_lead, django_capture_on_commit_callbacks):
    """A real return, with a comment on "Capacity – local", sent by the service."""

    def send():
        assessment = AssessmentFactory(
            threat=threat, quarter=quarter, submitted=True, lead=business_lead
        )
        with django_capture_on_commit_callbacks(execute=True):
            services.assessment_return(
                assessment=assessment,
                actor=spr_lead,
                comment=LONG_COMMENT,
                section_comments={"capacity_local": "How many are trained?"},
            )
        return assessment

    return send


def _parts(raw: bytes):
    message = email.message_from_bytes(raw, policy=email.policy.default)
    return message, {part.get_content_type(): part for part in message.walk()}


def test_a_return_arrives_as_readable_utf8_text_and_html_with_the_marking(
    smtp_server, returned, business_lead
):
    ForceProfile.objects.create(**{**FORCE_PROFILE, "review_text_in_emails": True})
    returned()
    [raw] = smtp_server.received
    assert b"=E2=80=93" not in raw and b"quoted-printable" not in raw
    assert b"Content-Transfer-Encoding: 8bit" in raw
    assert b"Content-Transfer-Encoding: base64" not in raw
    assert "Capacity – local: How many are trained?".encode() in raw
    assert LONG_COMMENT.encode() in raw  # one line, as written: the client wraps it

    message, parts = _parts(raw)
    assert message["Subject"] == (
        "[OFFICIAL-SENSITIVE] Returned for revision: Child Sexual Abuse, 2015/16 Q4"
    )
    assert message.get_content_type() == "multipart/alternative"
    text, html = parts["text/plain"], parts["text/html"]
    assert text.get_content_charset() == "utf-8" and html.get_content_charset() == "utf-8"
    assert text["Content-Transfer-Encoding"] == "8bit"
    body = text.get_content()
    assert body.splitlines()[:3] == [
        "OFFICIAL-SENSITIVE",
        "",
        f"Dear {business_lead.get_full_name()},",
    ]
    assert "Capacity – local: How many are trained?" in body
    page = html.get_content()
    assert '<html lang="en-GB">' in page
    assert "OFFICIAL-SENSITIVE</p>" in page.split("<h1", 1)[0]  # the marking comes first
    assert ">Returned for revision: Child Sexual Abuse, 2015/16 Q4</h1>" in page
    assert "Capacity – local: How many are trained?</li>" in page
    assert ">Revise it and submit it again for review.</p>" in page
    assert page.count("<li") == 1  # the one section comment: paragraphs are paragraphs
    assert '">Open SPR Portal</a>' in page


def test_by_default_the_return_arrives_without_its_comments(smtp_server, returned):
    assessment = returned()
    [raw] = smtp_server.received
    assert LONG_COMMENT.encode() not in raw and b"How many are trained?" not in raw
    message, parts = _parts(raw)
    assert message["Subject"].startswith("[OFFICIAL-SENSITIVE] ")
    assert parts["text/plain"]["Content-Transfer-Encoding"] in {"7bit", "8bit"}
    body = parts["text/plain"].get_content()
    assert "Read their comments in SPR Portal." in body
    assert f"/my-assessments/{assessment.pk}/" in body


def test_the_console_prints_the_return_as_it_reads(returned, capsys):
    ForceProfile.objects.create(**{**FORCE_PROFILE, "review_text_in_emails": True})
    console = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
    with override_settings(MAILERS=console):
        returned()
    printed = capsys.readouterr().out
    assert "Subject: [OFFICIAL-SENSITIVE] Returned for revision: Child Sexual Abuse" in printed
    assert "- Capacity – local: How many are trained?" in printed
    assert LONG_COMMENT in printed
    assert "=E2=80=93" not in printed and "quoted-printable" not in printed
    assert "Content-Type: text/html" in printed


def test_the_set_password_link_arrives_whole(
    smtp_server, administrator, business_lead, django_capture_on_commit_callbacks
):
    """Its link is longer than a 78-character line: it still arrives in one piece."""
    with django_capture_on_commit_callbacks(execute=True):
        password_link_send(user=business_lead, actor=administrator)
    [raw] = smtp_server.received
    assert b"quoted-printable" not in raw and b"base64" not in raw
    message, parts = _parts(raw)
    assert message["Subject"] == "[OFFICIAL-SENSITIVE] Set your SPR Portal password"
    lines = parts["text/plain"].get_content().splitlines()
    assert lines[0] == "OFFICIAL-SENSITIVE"
    [link] = [line for line in lines if line.startswith("Set your password: http")]
    assert len(link) > 78 and "/accounts/" in link
    assert link.split(": ", 1)[1] in parts["text/html"].get_content()

"""Switching the force profile changes every page and the paper: each page a role reaches in
the URL matrix's world, and the draft and published papers (PDF through pdftotext, Word), speak
of the chosen force in its own words and never of the other force."""

import datetime
import html
import io
import re

import docx
import pytest

from reports.paper.pdf import render_report_pdf
from reports.services import report_create
from tests.reports.support import pdf_pages_text
from tests.test_url_matrix import _url, cases, sign_in_as
from tests.world import world_for_module
from threats.demo import FORCE_PROFILE, MAYORAL_FORCE_PROFILE
from threats.models import ForceProfile

pytestmark = pytest.mark.django_db

# Not pages of the portal: the admin, the health checks, and uploaded evidence files.
SKIPPED = {"admin", "healthz", "readyz", "assessments:evidence_download"}
# Papers every reader is given alike (the minutes are the whole record, whoever reads them):
# read once, by the first role that may, rather than drawn again for each.
SAME_FOR_EVERY_READER = {"reports:minutes_pdf", "reports:minutes_docx"}
PROFILES = {"pcc": FORCE_PROFILE, "mayoral": MAYORAL_FORCE_PROFILE}


def _distinct_words(profile: dict) -> list[str]:
    return [
        profile["force_name"],
        profile["board_name"],
        profile["office_role_label"],
        profile["body_name"],
    ]


# The demo force's words that no page, e-mail or paper of another force may carry: its
# profile, the post that chairs its meetings, and the paper's own abbreviation of it.
DEMO_WORDS = [
    FORCE_PROFILE[key]
    for key in (
        "force_name",
        "body_name",
        "office_name",
        "office_role_label",
        "board_name",
        "report_of",
        "contact_officer",
    )
] + ["West Midlands", "ACC Security", "WMOPCC"]
DEMO_SHORT = re.compile(rf"\b{FORCE_PROFILE['short_name']}\b")
# Random tokens in a page's markup (CSRF, nonces) are not words of any force.
TOKENS = re.compile(r'(?:value|nonce|content)="[A-Za-z0-9+/=_-]{20,}"')


def demo_words_in(text: str) -> list[str]:
    found = [word for word in DEMO_WORDS if word in text]
    return found + DEMO_SHORT.findall(TOKENS.sub("", text))


def _text(response) -> str:
    kind = response.get("Content-Type", "")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if kind.startswith("text/html"):
        return html.unescape(content.decode())
    if kind == "application/pdf":
        return _text_of_pdf(content)
    if "wordprocessingml" in kind:
        document = docx.Document(io.BytesIO(content))
        return "\n".join(p.text for p in document.paragraphs)
    return ""  # data exports (CSV, spreadsheets, JSON) carry no words of the force


@pytest.fixture(scope="module", params=sorted(PROFILES))
def chosen(request):
    return request.param


@pytest.fixture(scope="module")
def world(chosen, django_db_setup, django_db_blocker, tmp_path_factory):
    """The shared world, made after the chosen profile is saved."""

    def save_the_chosen_profile():
        ForceProfile.objects.all().delete()
        ForceProfile.objects.create(**PROFILES[chosen])

    media = tmp_path_factory.mktemp("media")
    with world_for_module(django_db_blocker, media, before=save_the_chosen_profile) as built:
        yield built


def test_every_page_and_paper_speaks_of_the_chosen_force(chosen, client, world):
    users = world["users"]
    own = PROFILES[chosen]
    other = PROFILES["mayoral" if chosen == "pcc" else "pcc"]
    problems, pages, papers = [], 0, 0
    sessions = {}  # user pk → session key (`sign_in_as`)
    read = set()
    for name, kind, variant, method, role, code in cases():
        if method != "GET" or code != 200 or role not in users or name in SKIPPED:
            continue
        if name in SAME_FOR_EVERY_READER:
            if (name, kind, variant) in read:
                continue
            read.add((name, kind, variant))
        # once a user: a sign-in is a write, which empties caches
        sign_in_as(client, users[role], sessions)
        url = _url(name, world, kind, variant)
        text = _text(client.get(url))
        if not text:
            continue
        pages += 1
        papers += "AGENDA ITEM" in text.upper() and "Report of" in text
        if own["force_name"] not in text:
            problems.append(f"{url} as {role}: no {own['force_name']}")
        problems += [f"{url} as {role}: {word}" for word in _distinct_words(other) if word in text]
        if chosen == "mayoral":
            problems += [f"{url} as {role}: {word}" for word in demo_words_in(text)]
    assert problems == []
    assert pages > 40 and papers >= 2  # pages, and the paper as PDF and Word


def test_the_paper_carries_the_body_board_author_block_and_marking(chosen, world):
    own = PROFILES[chosen]
    report = report_create(
        actor=world["users"]["spr"],
        quarter=world["quarter"],
        meeting_date=datetime.date(2016, 4, 12),
        agenda_item="7",
    )
    assert report.marking == own["default_marking"]  # a new paper starts with the profile's
    assert report.board_name == own["board_name"]
    text = _text_of_pdf(render_report_pdf(report).content)
    for words in (
        own["force_name"],
        own["body_name"],
        own["board_name"],
        own["report_of"],
        own["contact_officer"],
        own["default_marking"],
    ):
        assert words in text, words
    assert ("Commissioner" in text) == (chosen == "pcc")
    assert ("Mayor" in text) == (chosen == "mayoral")


def _text_of_pdf(content: bytes) -> str:
    """pdftotext's words, with the line breaks of the layout as spaces."""
    return " ".join(" ".join(pdf_pages_text(content)).split())


def test_no_e_mail_of_the_mayoral_force_speaks_of_the_demo_force(
    chosen, world, mailoutbox, django_capture_on_commit_callbacks
):
    """Every kind of e-mail the portal sends, written for the second force."""
    from accounts.services import password_link_send
    from assessments.models import ReminderLog
    from assessments.notifications import (
        notify_quarter_opened,
        notify_reopened,
        notify_resubmitted,
        notify_returned,
        notify_signed_off,
        notify_submitted,
    )
    from assessments.reminders import Reminder, compose
    from reports.notifications import notify_published

    if chosen != "mayoral":
        pytest.skip("the demo force's own e-mails may name it")
    users, quarter = world["users"], world["quarter"]
    submitted = world["assessments"][0]
    reminders = [
        compose(Reminder(quarter, kind, users["bl"], [("Child Sexual Abuse", "Not started")]))
        for kind in ReminderLog.Kind.values
    ]
    with django_capture_on_commit_callbacks(execute=True):
        notify_returned(submitted, users["spr"], "More evidence, please.", {"capability": "Why?"})
        notify_resubmitted(submitted, users["bl"])
        notify_submitted(submitted, users["bl"])
        notify_reopened(submitted, users["spr"], "The figures need correcting.")
        opened = notify_quarter_opened(quarter, users["spr"])
        notify_signed_off(submitted, users["spr"])
        notify_published(world["reports"][1], users["spr"])
        password_link_send(user=users["bl"], actor=users["admin"])
    messages = reminders + list(mailoutbox)
    assert len(messages) >= len(ReminderLog.Kind.values) + 8
    assert opened, "nobody was told the quarter opened"
    problems = [
        (message.subject, word)
        for message in messages
        for word in demo_words_in(f"{message.subject}\n{message.body}")
    ]
    assert problems == []
    assert all(MAYORAL_FORCE_PROFILE["force_name"] in m.body for m in reminders)
    assert any(
        m.subject.startswith("[OFFICIAL-SENSITIVE] Open for submissions")
        and MAYORAL_FORCE_PROFILE["force_name"] in m.body
        for m in mailoutbox
    )


def test_the_password_rule_refuses_the_force_s_own_name_not_another_s(chosen, world):
    from django.core.exceptions import ValidationError

    from accounts.passwords import ContextWordsValidator

    own, other = PROFILES[chosen], PROFILES["mayoral" if chosen == "pcc" else "pcc"]
    validator = ContextWordsValidator()
    for guess in (
        own["force_name"].replace(" Police", "").replace(" ", "-") + "-2026",
        own["short_name"].lower() + "!Spring2026x",
    ):
        with pytest.raises(ValidationError):
            validator.validate(guess)
    validator.validate(other["force_name"].replace(" Police", "").replace(" ", "") + "!Spring26")

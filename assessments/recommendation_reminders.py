"""Reminders about inspection recommendations, sent by the daily `send_reminders` run: the
policing body's office, of a response to publish within its 56 days; a recommendation's owner,
of its due date. Each is sent 14 and 7 days before, the day before and on the day, then once a
week while it is overdue, so that a daily run never becomes a daily nag."""

import datetime
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.urls import reverse

from accounts.notify import compose as compose_email
from assessments.models.recommendations import Recommendation, RecommendationReminderLog
from assessments.reminders import SENT, send_once
from spr_portal.roles import Role, holders_of
from spr_portal.wording import day
from threats.models import ForceProfile

BEFORE = (14, 7, 1, 0)  # days before the date on which a reminder goes
WEEK = 7


def reminds_on(due: datetime.date, today: datetime.date) -> bool:
    left = (due - today).days
    return left in BEFORE or (left < 0 and -left % WEEK == 0)


@dataclass
class RecommendationReminder:
    recommendation: Recommendation
    kind: str
    recipient: object
    due: datetime.date


def due_recommendation_reminders(today: datetime.date) -> list[RecommendationReminder]:
    found = []
    open_ones = Recommendation.objects.still_open().select_related("owner")
    office = list(holders_of(Role.POLICING_BODY_OFFICE))
    for recommendation in open_ones.filter(
        policing_body_must_respond=True, response_published_on__isnull=True
    ):
        due = recommendation.response_due_on
        if reminds_on(due, today):
            kind = RecommendationReminderLog.Kind.RESPONSE
            found += [RecommendationReminder(recommendation, kind, who, due) for who in office]
    for recommendation in open_ones.filter(due_on__isnull=False, owner__is_active=True):
        if reminds_on(recommendation.due_on, today):
            found.append(
                RecommendationReminder(
                    recommendation,
                    RecommendationReminderLog.Kind.DUE,
                    recommendation.owner,
                    recommendation.due_on,
                )
            )
    return found


def compose(reminder: RecommendationReminder, today: datetime.date):
    force = ForceProfile.current()
    recommendation, due = reminder.recommendation, day(reminder.due)
    overdue = reminder.due < today
    if reminder.kind == RecommendationReminderLog.Kind.RESPONSE:
        subject = (
            f"Response overdue: {recommendation}"
            if overdue
            else f"Response due {due}: {recommendation}"
        )
        opening = (
            f"{force.body_short_name[:1].upper()}{force.body_short_name[1:]}'s comments on "
            f"this inspection recommendation {'were' if overdue else 'are'} due on {due}, 56 "
            f"days after the report was published on {day(recommendation.published_on)}."
        )
        closing = "Record the date the response was published"
    else:
        subject = f"{'Overdue' if overdue else 'Due ' + due}: {recommendation}"
        opening = (
            f"You own this inspection recommendation. It {'was' if overdue else 'is'} due on {due}."
        )
        closing = "Note its progress, or ask the SPR lead to close it"
    return compose_email(
        to=reminder.recipient,
        subject=subject,
        lines=[
            opening,
            "",
            f"- {recommendation.source_report}: {recommendation.reference}".rstrip(": "),
        ],
        link=settings.SPR_PORTAL_URL.rstrip("/")
        + reverse("assessments:recommendation_detail", args=[recommendation.pk]),
        link_text=closing,
        footer=[f"SPR Portal, {force.force_name}"],
    )


def send_recommendation_reminders(*, today: datetime.date, dry_run: bool = False):
    """(sent, already sent today, without an e-mail address, failed with the error)."""
    sent, already, no_email, failed = [], [], [], []
    for reminder in due_recommendation_reminders(today):
        if not reminder.recipient.email:
            no_email.append(reminder)
            continue
        log = {
            "recommendation": reminder.recommendation,
            "recipient": reminder.recipient,
            "kind": reminder.kind,
            "sent_on": today,
        }
        message = partial(compose, reminder, today)
        try:
            outcome = send_once(RecommendationReminderLog, log, message, dry_run=dry_run)
        except OSError as error:
            failed.append((reminder, str(error)))
        else:
            (sent if outcome == SENT else already).append(reminder)
    return sent, already, no_email, failed

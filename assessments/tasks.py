"""The deadline reminders and escalations (assessments/reminders.py) and the reminders about
inspection recommendations (assessments/recommendation_reminders.py) on a schedule, run by
the background worker: no cron line. `send_daily_reminders` sends today's reminders, then
queues its own next run for the next day at SPR_REMINDER_HOUR (spr_portal/background.py
`keep_scheduled`); `manage.py schedule_tasks` queues the first (safe to run at every deploy).

Each reminder goes once: its ReminderLog row (unique per quarter, recipient, kind and day) is
written in the transaction that sends it, so two workers running it at once send one e-mail
per person (the second waits on the unique index, then finds the row)."""

import datetime
import logging

from django.conf import settings
from django.tasks import task
from django.utils import timezone

from assessments.recommendation_reminders import send_recommendation_reminders
from assessments.reminders import send_reminders
from spr_portal.background import keep_scheduled

logger = logging.getLogger(__name__)


def next_run(now: datetime.datetime) -> datetime.datetime:
    """The next SPR_REMINDER_HOUR o'clock, local time, after `now`."""
    local = timezone.localtime(now)
    at = local.replace(hour=settings.SPR_REMINDER_HOUR, minute=0, second=0, microsecond=0)
    return at if at > local else at + datetime.timedelta(days=1)


@task
def send_daily_reminders(today: str = "", reschedule: bool = True) -> dict:
    """Today's reminders (or those of `today`, YYYY-MM-DD), then the next day's run queued."""
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    run = send_reminders(today=day, days_before=settings.SPR_REMINDER_DAYS)
    summary = {
        "sent": len(run.sent),
        "already_sent": len(run.already_sent),
        "failed": len(run.failed),
        "nobody": len(run.nobody),
    }
    sent, already, _, failed = send_recommendation_reminders(today=day)
    summary |= {
        "recommendations_sent": len(sent),
        "recommendations_already_sent": len(already),
        "recommendations_failed": len(failed),
    }
    logger.info("Reminders for %s: %s", day.isoformat(), summary)
    if reschedule:
        keep_scheduled(send_daily_reminders, next_run(timezone.now()))
    if run.failed:
        # Sent to the others; these stay unsent (no log row) until the next run: said loudly.
        logger.error("Reminders not sent: %s", [str(error) for _, error in run.failed])
    return summary

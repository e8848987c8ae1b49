"""E-mail the business leads whose self-assessments for the open quarter are not submitted, in
the days before the deadline and every day after it, and the reminders about inspection
recommendations (assessments/recommendation_reminders.py). The task worker runs it daily
(assessments/tasks.py); this command runs it by hand (catching up a day, a dry run)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from assessments.recommendation_reminders import send_recommendation_reminders
from assessments.reminders import send_reminders


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"--today must be a date like 2016-03-04, not {text!r}") from error


class Command(BaseCommand):
    help = (
        "E-mail reminders to business leads whose self-assessments for the open quarter are not "
        "submitted: from --days days before the deadline, and overdue ones after it. At most one "
        "reminder of each kind per lead per day, however often it runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=7,
            help="Start reminding this many days before the deadline (default 7).",
        )
        parser.add_argument(
            "--today",
            type=_date,
            default=None,
            help="Act as if today were this date (YYYY-MM-DD); for tests and catching up.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say who would be reminded; send nothing."
        )

    def handle(self, *args, days, today, dry_run, **options):
        if days < 0:
            raise CommandError("--days cannot be negative")
        today = today or timezone.localdate()
        run = send_reminders(today=today, days_before=days, dry_run=dry_run)
        verb = "Would send" if dry_run else "Sent"
        for reminder in run.sent:
            threats = ", ".join(name for name, _ in reminder.threats)
            self.stdout.write(
                f"{verb} {reminder.kind.replace('_', ' ')} reminder for {reminder.quarter} to "
                f"{reminder.recipient.username} ({threats})"
            )
        for reminder in run.already_sent:
            self.stdout.write(
                f"Already reminded today: {reminder.recipient.username} ({reminder.kind})"
            )
        for reminder in run.no_email:
            self.stderr.write(f"No e-mail address for {reminder.recipient.username}: not reminded")
        for reminder, error in run.failed:
            self.stderr.write(f"Could not e-mail {reminder.recipient.username}: {error}")
        for reminder in run.nobody:
            for name, standing in reminder.threats:
                self.stderr.write(
                    f"Nobody to remind of {name} for {reminder.quarter} ({standing}): no chief "
                    "officer lead holds its post and nobody holds the SPR lead role"
                )
        self.stdout.write(
            f"{today:%Y-%m-%d}: {len(run.sent)} {'to send' if dry_run else 'sent'}, "
            f"{len(run.already_sent)} already sent today, "
            f"{len(run.no_email)} without an e-mail address, {len(run.failed)} failed"
            + (f", {len(run.nobody)} with nobody to remind." if run.nobody else ".")
        )
        sent, already, no_email, failed = send_recommendation_reminders(
            today=today, dry_run=dry_run
        )
        for reminder in sent:
            self.stdout.write(
                f"{verb} recommendation reminder ({reminder.kind}) to "
                f"{reminder.recipient.username}: {reminder.recommendation}"
            )
        for reminder in no_email:
            self.stderr.write(f"No e-mail address for {reminder.recipient.username}: not reminded")
        for reminder, error in failed:
            self.stderr.write(f"Could not e-mail {reminder.recipient.username}: {error}")
        self.stdout.write(
            f"Inspection recommendations: {len(sent)} {'to send' if dry_run else 'sent'}, "
            f"{len(already)} already sent today, {len(no_email)} without an e-mail address, "
            f"{len(failed)} failed."
        )
        if run.failed or failed:
            raise CommandError(f"{len(run.failed) + len(failed)} reminder(s) could not be sent")

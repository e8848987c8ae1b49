"""Queue the periodic background tasks (the daily reminders) unless they are queued already:
run it at every deployment, after `migrate`; nothing happens twice if it runs twice."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from assessments.tasks import next_run, send_daily_reminders
from spr_portal.background import keep_scheduled


class Command(BaseCommand):
    help = "Queue the daily reminders' next run for the background worker (if not queued)."

    def handle(self, *args, **options):
        when = next_run(timezone.now())
        if keep_scheduled(send_daily_reminders, when):
            self.stdout.write(
                f"Daily reminders queued for {timezone.localtime(when):%Y-%m-%d %H:%M}"
            )
        else:
            self.stdout.write("Daily reminders already queued (or tasks run immediately)")

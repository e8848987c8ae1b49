"""Load the demo of PRODUCT.md. Safe to run again: it only adds what is
missing, and never changes an existing account's password unless asked to."""

import os
import secrets
import shlex
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.notify import notifications_silenced
from assessments.demo import seed_assessments, seed_quarters
from assessments.demo.recommendations import seed_recommendations
from reports.demo import seed_reports
from reports.demo_assurance import seed_regard, seed_statement
from reports.demo_meetings import seed_meetings
from threats.demo import ACCOUNTS, missing_accounts, seed_accounts, seed_reference_data


class Command(BaseCommand):
    help = "Load the demo force: profile, threats, accounts, quarters, assessments, reports."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Give every demo account a new password (SPR_DEMO_PASSWORD, or a generated one).",
        )

    def handle(self, *args, reset_passwords=False, **options):
        chosen = os.environ.get("SPR_DEMO_PASSWORD", "")
        missing = missing_accounts()
        password = chosen or secrets.token_urlsafe(12)
        reset = bool(chosen) or reset_passwords
        # The demo replays past quarters: nobody is e-mailed about them.
        with notifications_silenced(), transaction.atomic():
            seed_reference_data()
            created = seed_accounts(password=password, reset_existing=reset)
            quarters = seed_quarters()
            assessments = seed_assessments(quarters)
            reports = seed_reports()
            seed_recommendations()
            meetings = seed_meetings()
            # The policing body's regard and the annual statement: rows of their own, after
            # the papers (whose stored bytes they never touch).
            seed_regard()
            seed_statement()
        self.stdout.write(
            f"Demo loaded: {len(created)} accounts, {assessments} self-assessments and "
            f"{reports} board reports and {meetings} quarterly meetings added (nothing added "
            "means it was already there)."
        )
        self.stdout.write("Demo log-ins: " + ", ".join(ACCOUNTS))
        if chosen:
            self.stdout.write("Password: the value of SPR_DEMO_PASSWORD.")
        elif missing or reset_passwords:
            self.stdout.write(self.style.WARNING(f"Password (shown once): {password}"))
        else:
            self.stdout.write(
                "Password: the one printed when the demo was first loaded "
                f"(run `{reset_command()}` for a new one)."
            )


def reset_command() -> str:
    """The command that gives the demo accounts a new password, as typed in the project's
    folder, with the environment it needs on this machine: the settings refuse to start
    without a SECRET_KEY unless DEBUG or the demo (SPR_DEMO) says otherwise."""
    if settings.DEMO:
        environment = "SPR_DEMO=true "
    elif settings.DEBUG:
        environment = "DEBUG=true "
    else:
        environment = ""  # the deployment's own environment holds its SECRET_KEY
    database = os.environ.get("DATABASE_URL", "")
    if database and not urlsplit(database).password:
        environment += f"DATABASE_URL={shlex.quote(database)} "
    return f"{environment}.venv/bin/python manage.py seed_demo --reset-passwords"

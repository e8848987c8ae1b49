"""manage.py import_history FILE [--dry-run] [--by USERNAME]: a force's past quarters, their
signed-off self-assessments and published papers, from the file the set-up page takes
(onboarding/history/layout.py). All or nothing: any problem is printed on stderr with its
row, nothing changes and the exit code is 1. The same file imported twice changes nothing."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from onboarding.history.reading import HistoryRefused
from onboarding.services.history import history_check, history_import
from spr_portal.access import Can, may
from spr_portal.roles import Role, holders_of


class Command(BaseCommand):
    help = "Import a force's history (an .xlsx workbook, or a .zip of it and its PDF papers)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The history workbook (.xlsx) or ZIP file (.zip).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be created; change nothing."
        )
        parser.add_argument(
            "--by",
            metavar="USERNAME",
            help="The administrator recorded as importing it (default: the only one there is).",
        )

    def _actor(self, username):
        users = get_user_model().objects.filter(is_active=True)
        if username:
            actor = users.filter(username=username).first()
            if actor is None:
                raise CommandError(f"There is no active account “{username}”.")
        else:
            admins = list(holders_of(Role.ADMINISTRATOR).filter(is_active=True)[:2])
            if len(admins) != 1:
                raise CommandError("Name the administrator importing it with --by USERNAME.")
            actor = admins[0]
        if not may(actor, Can.SET_UP_FORCE):
            raise CommandError(f"{actor.get_username()}: {Can.SET_UP_FORCE.value}")
        return actor

    def handle(self, *args, file, dry_run=False, by=None, **options):
        actor = self._actor(by)
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{file} cannot be read: {error.strerror}.") from error
        step = history_check if dry_run else history_import
        try:
            plan = step(actor=actor, data=data, filename=path.name)
        except HistoryRefused as refused:
            for problem in refused.problems:
                self.stderr.write(problem)
            raise CommandError(
                f"Nothing was imported: {len(refused.problems)} problem(s) in {path.name}."
            ) from refused
        if plan.already_imported is not None:
            self.stdout.write(plan.summary)
            return
        for quarter, assessed, papers in plan.by_quarter():
            self.stdout.write(
                f"{quarter.label} ({quarter.edition.title}): {assessed} self-assessment(s), "
                f"{papers} paper(s)"
            )
        verb = "Would import" if dry_run else "Imported"
        self.stdout.write(f"{verb} {plan.summary} from {plan.source_name}.")

"""manage.py verify_integrity: recompute every fingerprint and checksum; exit 1 naming each
mismatch, so a scheduled run or an auditor can trust (or distrust) the stored evidence."""

from django.core.management.base import BaseCommand, CommandError

from reports.integrity import verify_integrity


class Command(BaseCommand):
    help = "Check every signed snapshot's fingerprint and every stored PDF's checksum."

    def handle(self, *args, **options):
        result = verify_integrity()
        for problem in result.problems:
            self.stderr.write(problem)
        summary = f"{result.snapshots} signed or submitted versions, {result.pdfs} stored PDFs"
        if not result.holds:
            raise CommandError(f"{len(result.problems)} problem(s) in {summary}.")
        self.stdout.write(f"Integrity holds: {summary} checked, no mismatch.")

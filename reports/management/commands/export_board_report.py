"""Write a board report's PDF to a file: the stored, published bytes, or (for a draft, with
--render) a fresh rendering marked DRAFT.

    manage.py export_board_report --latest --output 2016-02-02-spr-board-report.pdf
    manage.py export_board_report --id 3 --render --output draft.pdf
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports.models import BoardReport
from reports.paper.pdf import render_report_pdf


class Command(BaseCommand):
    help = "Write the latest (or a given) published board report's stored PDF to a file."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument(
            "--latest", action="store_true", help="The latest published board report."
        )
        which.add_argument("--id", type=int, help="The board report with this id.")
        parser.add_argument(
            "--output", help="The file to write (default: the report's own file name)."
        )
        parser.add_argument(
            "--render",
            action="store_true",
            help="For a draft: render it afresh (marked DRAFT). Published reports are "
            "always written exactly as stored.",
        )

    def handle(self, *args, latest=False, id=None, output=None, render=False, **options):
        report = self._find(latest, id)
        if report.is_draft:
            if not render:
                raise CommandError(
                    f"Report {report.pk} is a draft: it has no published PDF. "
                    "Add --render to render the draft afresh."
                )
            content, how = render_report_pdf(report, draft=True).content, "rendered draft"
        else:
            if render:
                raise CommandError(
                    f"Report {report.pk} is published: its PDF is written exactly as stored, "
                    "so --render does not apply."
                )
            content, how = bytes(report.pdf.content), f"stored PDF, SHA-256 {report.pdf.sha256}"
        path = Path(output or report.pdf_filename)
        try:
            path.write_bytes(content)
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error.strerror}") from error
        self.stdout.write(f"Wrote {path} ({len(content):,} bytes, {how}): {report}")

    def _find(self, latest: bool, pk: int | None) -> BoardReport:
        if latest:
            report = (
                BoardReport.objects.currently_published()
                .order_by("-meeting_date", "-version")
                .first()
            )
            if report is None:
                raise CommandError("No board report has been published yet.")
            return report
        try:
            return BoardReport.objects.get(pk=pk)
        except BoardReport.DoesNotExist:
            raise CommandError(f"There is no board report with id {pk}.") from None

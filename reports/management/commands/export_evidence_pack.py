"""manage.py export_evidence_pack --quarter 2025/26-Q3 [--threat slug] -o FILE: the
inspection evidence pack of a quarter, or of a threat (across every quarter without
--quarter), as one zip with a signed manifest (reports/evidence_pack.py)."""

import time

from django.core.management.base import BaseCommand, CommandError

from assessments.models import Quarter
from reports.evidence_pack import build_evidence_pack, quarter_of
from threats.models import NationalThreat


class Command(BaseCommand):
    help = "Write the inspection evidence pack of a quarter and/or a threat as a zip."

    def add_arguments(self, parser):
        parser.add_argument("--quarter", help="like 2025/26-Q3")
        parser.add_argument("--threat", help="the threat's slug, e.g. serious-organised-crime")
        parser.add_argument("-o", "--output", required=True, help="the zip file to write")

    def handle(self, *args, quarter, threat, output, **options):
        if not quarter and not threat:
            raise CommandError("Give --quarter, --threat, or both.")
        try:
            quarter = quarter_of(quarter) if quarter else None
        except Quarter.DoesNotExist as error:
            raise CommandError(str(error) or f"No quarter {quarter}") from None
        try:
            threat = NationalThreat.objects.get(slug=threat) if threat else None
        except NationalThreat.DoesNotExist:
            raise CommandError(f"No national threat with the slug {threat!r}") from None
        start = time.perf_counter()
        with open(output, "wb") as out:
            summary = build_evidence_pack(out, quarter=quarter, threat=threat)
        seconds = time.perf_counter() - start
        signed = "manifest signed" if summary.signed else "manifest NOT signed (no certificate)"
        self.stdout.write(
            f"{output}: {summary.files} files, {summary.size / 1024:.0f} KiB, {signed}, "
            f"built in {seconds:.1f} s"
        )

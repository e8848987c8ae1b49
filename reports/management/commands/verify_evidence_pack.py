"""manage.py verify_evidence_pack FILE: check a pack offline against its manifest and the
portal's own signing certificate; exit 1 naming every missing, extra or changed member.
The same check as the standalone scripts/verify_evidence_pack.py (standard library and
pyHanko only), which an inspector runs without the portal."""

from django.core.management.base import BaseCommand, CommandError

from reports.signing import configured_certificates
from scripts.verify_evidence_pack import check_pack


class Command(BaseCommand):
    help = "Check an evidence pack: every file's SHA-256 and the manifest's signature."

    def add_arguments(self, parser):
        parser.add_argument("pack")

    def handle(self, *args, pack, **options):
        trusted = configured_certificates()
        result = check_pack(pack, trusted=trusted or None)
        if not trusted and result.signed:
            result.signature_trusted = False  # nothing configured to trust it against
        for line in result.lines():
            self.stdout.write(line)
        if not result.holds:
            raise CommandError("The evidence pack does not hold.")

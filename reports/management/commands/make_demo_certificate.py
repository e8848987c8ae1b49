"""Make the demo's self-signed signing certificate (`make run` calls it), so that the demo
signs its papers and packs. Never for a force's real papers: theirs comes from the force's PKI
and is named by SPR_SIGNING_P12."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports.signing import make_self_signed_p12


class Command(BaseCommand):
    help = "Write a self-signed demo signing certificate and key as PKCS#12."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the PKCS#12 file to write, e.g. var/demo-signing.p12")
        parser.add_argument("--passphrase", required=True)
        parser.add_argument("--force", action="store_true", help="replace an existing file")

    def handle(self, *args, path, passphrase, force, **options):
        target = Path(path)
        if target.exists() and not force:
            raise CommandError(f"{target} exists; --force replaces it.")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(
            make_self_signed_p12(
                common_name="SPR Portal demo signing (not a real force certificate)",
                organisation="SPR Portal demo",
                passphrase=passphrase,
            )
        )
        target.chmod(0o600)
        self.stdout.write(f"Demo signing certificate written to {target}")

from django.core.management.base import BaseCommand

from onboarding.services.force import spr_editions_load


class Command(BaseCommand):
    help = (
        "Load the SPR editions that ship with the portal (2012, 2015, 2023): their threats, "
        "each edition's wording and the successions. Idempotent: what exists is kept."
    )

    def handle(self, *args, **options):
        result = spr_editions_load()
        self.stdout.write(result.summary())
        for kept in result.kept:
            self.stdout.write(f"Kept as it is: {kept}")

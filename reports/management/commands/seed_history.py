"""Grow the demo into a generated history (the benchmark's data set): run after seed_demo."""

import time

from django.core.management.base import BaseCommand

from reports.history_seed import seed_history


class Command(BaseCommand):
    help = (
        "Add generated quarters of signed-off self-assessments, actions, review comments and "
        "published board reports after the demo's, up to --depth quarters (40: ten years)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--depth", type=int, default=40, help="quarters in all (default 40)")
        parser.add_argument(
            "--reports", type=int, default=4, help="published reports to add (default 4)"
        )

    def handle(self, *args, depth=40, reports=4, **options):
        start = time.perf_counter()
        added = seed_history(depth=depth, reports=reports)
        seconds = time.perf_counter() - start
        self.stdout.write(
            f"History generated in {seconds:.1f} s: {added['quarters']} quarters, "
            f"{added['assessments']} self-assessments and {added['reports']} board reports added."
        )

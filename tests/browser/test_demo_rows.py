"""The journeys' demo rows (tests/browser/conftest.py `DemoRows`) load back exactly as dumped:
the fast loader leaves the database as `loaddata` of the same file would."""

import json

from django.core.management import call_command

from tests.browser.conftest import NOT_DUMPED


def test_the_demo_loads_back_exactly_as_it_was_dumped(current_demo, seeded_demo):
    again = seeded_demo.path.with_name("loaded-again.json")
    excluded = [f"--exclude={label}" for label in NOT_DUMPED]
    call_command("dumpdata", "--natural-foreign", *excluded, output=str(again))

    def rows(path):
        # The cache's write stamp moves with every write, the loading's too: not demo data.
        return [row for row in json.loads(path.read_text()) if row["model"] != "audit.cachestamp"]

    loaded, dumped = rows(again), rows(seeded_demo.path)
    assert len(loaded) == len(dumped) > 1000
    assert loaded == dumped

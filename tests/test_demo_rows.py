"""The demo's rows (tests/demo_rows.py `DemoRows`), which the journeys and the demo modules
start from, load back exactly as dumped: the fast loader leaves the database as `loaddata` of
the same file would."""

import json
import re

from django.core.management import call_command

from tests.demo_rows import NOT_DUMPED

WHOLE_SECOND = re.compile(r'(T\d\d:\d\d:\d\d)\.000(?=Z|[+-]\d\d:\d\d")')


def test_the_demo_loads_back_exactly_as_it_was_dumped(transactional_db, demo_as_seeded):
    demo = demo_as_seeded.rows
    demo.load()
    again = demo.path.with_name("loaded-again.json")
    excluded = [f"--exclude={label}" for label in NOT_DUMPED]
    call_command("dumpdata", "--natural-foreign", *excluded, output=str(again))

    def rows(path):
        # The cache's write stamp moves with every write, the loading's too: not demo data.
        # A time dumped with a whole second and a few microseconds reads "…:57.000Z" (the
        # dump keeps milliseconds); loaded back it is "…:57Z", the same instant.
        text = WHOLE_SECOND.sub(r"\1", path.read_text())
        return [row for row in json.loads(text) if row["model"] != "audit.cachestamp"]

    loaded, dumped = rows(again), rows(demo.path)
    assert len(loaded) == len(dumped) > 1000
    assert loaded == dumped

"""No page's SQL query count grows with the history: every page the benchmark drives
(scripts/bench/pages.py, the list of issue 15) is counted on the demo, then again after
`seed_history` has added quarters, actions, review comments and a published report. The
benchmark does the same at ten years (40 quarters); CI guards it at a smaller depth."""

import pytest

from assessments.models import Quarter
from reports.history_seed import prepare_open_quarter, seed_history
from reports.models import BoardReport
from scripts.bench import pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, demo_as_seeded):
    settings.ROOT_URLCONF = "spr_portal.urls_bench"  # the bare page is on the list too
    demo_as_seeded.rows.load()  # as seed_demo made it (tests/demo_rows.py)
    prepare_open_quarter()


def test_every_page_costs_the_same_queries_on_a_longer_history(demo):
    token = pages.api_token()
    before = pages.count_queries(pages.pages(), token)
    reports_before = BoardReport.objects.published().count()

    added = seed_history(depth=Quarter.objects.count() + 5, reports=1)

    assert added["quarters"] == 5 and added["reports"] == 1
    assert BoardReport.objects.published().count() == reports_before + 1
    after = pages.count_queries(pages.pages(), token)
    assert set(before) == set(after) and len(before) >= 18
    assert after == before

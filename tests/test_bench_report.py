"""`make bench` writes one document from two runs: the run with Redis puts its pages into the
first run's document as the "With Redis" section (scripts/bench/report.py `with_section`), in
place of any earlier one, before the part kept from run to run."""

import pytest

from scripts.bench.report import TAIL_HEADING, not_measured, with_section

FIRST_RUN = f"""# Benchmarks

## Pages

| page | requests/s |
| Bare page | 600 |

## Summary

bench: 19 pages vs bare 600 req/s

{TAIL_HEADING}

    make bench

## Why the pages that miss still miss

Kept from run to run.
"""

SECTION = """## With Redis

The same benchmark with `REDIS_URL=redis://127.0.0.1:6379/1`.

| page | requests/s |
| Bare page | 650 |

bench: 19 pages vs bare 650 req/s
"""


def test_the_section_goes_between_the_runs_figures_and_the_kept_part():
    document = with_section(FIRST_RUN, SECTION)
    summary = document.index("bench: 19 pages vs bare 600")
    redis = document.index("## With Redis")
    tail = document.index(TAIL_HEADING)
    assert summary < redis < document.index("bare 650") < tail
    assert document.count("## With Redis") == 1
    # Nothing of the first run or the kept part is lost.
    assert document.replace(SECTION.rstrip("\n") + "\n\n", "") == FIRST_RUN


def test_a_second_run_replaces_the_section_rather_than_adding_one():
    once = with_section(FIRST_RUN, SECTION)
    newer = SECTION.replace("650", "700")
    twice = with_section(once, newer)
    assert twice.count("## With Redis") == 1
    assert "bare 700" in twice and "bare 650" not in twice
    assert "Kept from run to run." in twice and "bare 600" in twice


def test_when_redis_did_not_answer_the_section_says_so_in_place_of_old_figures():
    document = with_section(
        with_section(FIRST_RUN, SECTION),
        not_measured("redis://127.0.0.1:6379/1", "Redis did not answer: Connection refused"),
    )
    assert "bare 650" not in document
    assert "Not measured in this run: Redis did not answer: Connection refused" in document
    assert document.index("## With Redis") < document.index(TAIL_HEADING)


def test_a_document_without_the_kept_part_is_refused():
    with pytest.raises(ValueError, match="How to run"):
        with_section("# Benchmarks\n\n## Summary\n", SECTION)

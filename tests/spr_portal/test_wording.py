"""Number agreement, written once (spr_portal/wording.py) and used by the paper's sentences."""

from types import SimpleNamespace

import pytest

from reports.paper import figures
from spr_portal.wording import agreeing, counted


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "0 grades have"), (1, "1 grade has"), (2, "2 grades have"), (11, "11 grades have")],
)
def test_a_count_agrees_with_its_noun_and_verb(count, expected):
    assert f"{counted(count, 'grade')} {agreeing(count, 'has', 'have')}" == expected


def test_an_irregular_plural_is_given_once():
    assert [counted(n, "summary", "summaries") for n in (0, 1, 3)] == [
        "0 summaries",
        "1 summary",
        "3 summaries",
    ]


@pytest.mark.parametrize(
    ("up", "down", "expected"),
    [
        (0, 0, "0 grades have risen and 0 have fallen."),
        (1, 1, "1 grade has risen and 1 has fallen."),
        (2, 1, "2 grades have risen and 1 has fallen."),
        (1, 5, "1 grade has risen and 5 have fallen."),
    ],
)
def test_the_conclusion_s_counts_agree_in_number(monkeypatch, up, down, expected):
    counts = {"assessed": 1, "graded": 1, "good_or_better": 1, "below_adequate": 0}
    monkeypatch.setattr(figures, "grade_counts", lambda q, b: {**counts, "up": up, "down": down})
    quarter, base = SimpleNamespace(label="2026/27 Q1"), SimpleNamespace(label="2025/26 Q4")
    sentence = figures.counts_sentence(quarter, base)
    assert sentence == (
        "Of the 1 graded item of the 1 signed-off self-assessment for 2026/27 Q1, 1 is graded "
        "Good or Outstanding and 0 Requires improvement or Inadequate (Annex A). Since "
        f"2025/26 Q4, {expected}"
    )
    assert figures.COUNTS_SENTENCE.fullmatch(sentence)


def test_a_draft_s_sentence_in_the_old_words_is_still_found_for_updating():
    old = (
        "Of the 63 graded items of the 7 signed-off self-assessments for 2015/16 Q3, 40 are "
        "graded Good or Outstanding and 3 Requires improvement or Inadequate (Annex A). Since "
        "2014/15 Q3, 1 grades have risen and 0 have fallen."
    )
    assert figures.COUNTS_SENTENCE.fullmatch(old)

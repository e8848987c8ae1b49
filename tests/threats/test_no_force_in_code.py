"""No page, e-mail, paper or pre-filled text names a force or a policing body: they come from
the force profile. Only the demo's own seed data, the 2 February 2016 reference paper's words
(reports/demo_paper.py), migrations (history) and the model that lists the kinds of policing
body may name them."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ["accounts", "api", "assessments", "audit", "reports", "spr_portal", "threats"]
SCANNED_FILES = ["templates", "static/js", "static/scss", "static/pdf"]

# The demo's seed data and the reference paper's words; migrations record history.
EXEMPT = {
    "threats/demo.py",
    "reports/demo.py",
    "reports/demo_paper.py",
}
EXEMPT_DIRS = ("assessments/demo/", "reports/demo_papers/", "/migrations/")

FORCE_NAMES = re.compile(
    r"West Midlands|\bWMP\b|\bWMOPCC\b|Greater Manchester|\bGMP\b|Metropolitan Police"
)
BODY_WORDS = re.compile(
    # (the Information Commissioner's Office is the data protection regulator, not a body)
    r"\bP[F]?CCs?\b|\bOPCC\b|(?<!Information )Commissioner|\bMayor|Policing and Crime Board"
    r"|Crime Panel"
    r"|PCC office"
)
# Defines the kinds of policing body and gives the administrator examples of their words.
BODY_WORDS_ALLOWED_IN = {"threats/force_profile.py", "threats/admin.py"}


def _files():
    for folder in SCANNED:
        yield from (ROOT / folder).rglob("*.py")
    for folder in SCANNED_FILES:
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in {".html", ".txt", ".mjs", ".js", ".scss", ".css"}:
                yield path


def _hits(pattern, allowed=frozenset()):
    hits = []
    for path in _files():
        name = path.relative_to(ROOT).as_posix()
        if name in EXEMPT or name in allowed or any(d in f"/{name}" for d in EXEMPT_DIRS):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                hits.append(f"{name}:{number}: {line.strip()}")
    return hits


def test_no_force_is_named_in_templates_or_code():
    assert _hits(FORCE_NAMES) == []


def test_no_policing_body_is_named_in_templates_or_code():
    assert _hits(BODY_WORDS, BODY_WORDS_ALLOWED_IN) == []


def test_the_scan_would_catch_a_hard_coded_name(tmp_path):
    # The patterns themselves: each of the words the issue found hard-coded is caught.
    for words in ["West Midlands Police", "the PCC", "the Commissioner", "WMP", "PCC office"]:
        assert FORCE_NAMES.search(words) or BODY_WORDS.search(words), words
    assert not BODY_WORDS.search("the Information Commissioner's Office")
    assert list(_files()), "the scan must read some files"

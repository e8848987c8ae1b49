"""Playwright against Debian's Chromium and pytest-django's live server.

These tests never skip: a missing Chromium is an error, so CI cannot go green without them.
"""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django must allow ORM calls in it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
DEMO_PASSWORD = "demo-password-for-browser-tests"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"Chromium not found at {CHROMIUM}: install Debian's chromium package")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--headless",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # axe-core is injected as a script tag, which the app's own CSP would rightly block.
    return {**browser_context_args, "bypass_csp": True, "locale": "en-GB"}


# Not part of the demo's data: made by migrations (and again by each flush), or kept per visit.
NOT_DUMPED = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "axes"]


@pytest.fixture(scope="session")
def seeded_demo(django_db_setup, django_db_blocker, tmp_path_factory) -> Path:
    """What `seed_demo` makes, made once per test worker and kept as a data file.

    seed_demo takes every demo assessment through the real workflow and publishes two papers
    (about seven seconds); loading its data takes about one, and each journey starts from
    exactly the same rows. It runs inside a transaction rolled back, so the database is as it
    was for whatever test runs next."""
    from django.core.management import call_command
    from django.db import transaction
    from django.test import override_settings

    from tests.conftest import FAST_HASHERS, demo_profile
    from tests.render_memo import renders_kept

    path = tmp_path_factory.mktemp("demo") / "demo.json"
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
        pytest.MonkeyPatch.context() as patch,
        open(os.devnull, "w") as quiet,
    ):
        patch.setenv("SPR_DEMO_PASSWORD", DEMO_PASSWORD)
        patch.setattr(*demo_profile())
        with transaction.atomic(), renders_kept():
            call_command("seed_demo", stdout=quiet)
            excluded = [f"--exclude={label}" for label in NOT_DUMPED]
            call_command("dumpdata", "--natural-foreign", *excluded, output=str(path))
            transaction.set_rollback(True)
    return path


@pytest.fixture
def current_demo(transactional_db, seeded_demo):
    """The whole West Midlands Police demo as seeded, with a known password for every account:
    the current SPR, the quarter containing today's date open."""
    from django.core.management import call_command

    from tests.tamper import triggers_off

    # Loaded as rows, the published papers' parts arrive after their papers: on PostgreSQL
    # the triggers that keep a published paper unchanged would refuse them.
    with triggers_off(), open(os.devnull, "w") as quiet:
        call_command("loaddata", str(seeded_demo), stdout=quiet)


@pytest.fixture
def demo(current_demo):
    """The demo as it stood in March 2016, for the journeys around the reference paper:
    2015/16 Q4 is the open quarter (today's is closed)."""
    from assessments.demo import open_march_2016

    open_march_2016()


@pytest.fixture
def sign_in(page, live_server):
    def _sign_in(username: str, password: str = DEMO_PASSWORD):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()

    return _sign_in


def axe_violations(page) -> list[dict]:
    """Run axe-core (WCAG 2.0/2.1/2.2 A and AA, and axe's best practice: every part of the
    page in a landmark, headings in order…) on the page; return its violations."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa',
                     'best-practice']}})"""
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]


def assert_accessible(page, name: str | None = None) -> None:
    """Fail with axe's findings if the page has any violation; keep a screenshot."""
    if name:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    violations = axe_violations(page)
    assert violations == [], f"axe-core violations on {page.url}: {violations}"

"""Playwright against Debian's Chromium and pytest-django's live server.

These tests never skip: a missing Chromium is an error, so CI cannot go green without them.
"""

import functools
import os
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django must allow ORM calls in it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Debian's headless shell: the same Blink as its Chromium without the browser's own user
# interface and services (what Playwright runs headless by default too); the journeys take about
# a fifth less time on it. The full browser serves where only it is installed.
CHROMIUM = (
    os.environ.get("CHROMIUM_PATH")
    or shutil.which("chromium-headless-shell")
    or shutil.which("chromium")
    or "/usr/bin/chromium-headless-shell"
)
AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# Screenshots only when SPR_SCREENSHOTS names a folder: a full-page one costs a tenth of a
# second, and the journeys take over a hundred.
SHOTS = os.environ.get("SPR_SCREENSHOTS")
DEMO_PASSWORD = "demo-password-for-browser-tests"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        raise RuntimeError(
            f"Chromium not found at {CHROMIUM}: install Debian's chromium-headless-shell package"
        )
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


@pytest.fixture
def current_demo(transactional_db, demo_as_seeded):
    """The whole West Midlands Police demo as seeded, with a known password for every account:
    the current SPR, the quarter containing today's date open."""
    demo_as_seeded.rows.load()
    demo_as_seeded.give_every_account(DEMO_PASSWORD)


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
    # A click that follows a link returns once the next page has started to load, when it
    # may have no <head> yet to add axe to. (The full-page screenshot every check used to
    # take waited for the load by itself.)
    page.wait_for_load_state()
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(url=_axe_url())
    # resultTypes: only the violations are wanted, so axe lists one node of each passing or
    # incomplete rule instead of every node (its documented way to run faster); the rules run
    # are the same. Only what the report needs crosses back from the page.
    return page.evaluate(
        """async () => {
            const result = await axe.run(document, {
                runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',
                                                'wcag22aa', 'best-practice']},
                resultTypes: ['violations'],
            });
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target),
            }));
        }"""
    )


@functools.cache
def _axe_url() -> str:
    """Where this worker serves axe-core from, cacheable: a journey checks a dozen pages or more,
    and a script the browser has loaded by URL before comes from its cache already compiled,
    where one added as inline text is sent down the pipe and compiled again on every page. That
    halved the time axe took in the lead's journey (0.49 s a page to 0.28 s)."""
    script = AXE_SCRIPT.read_bytes()

    class AxeOnly(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path != "/axe.min.js":
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/javascript")
            self.send_header("Content-Length", str(len(script)))
            self.send_header("Cache-Control", "public, max-age=86400")
            self.end_headers()
            self.wfile.write(script)

        def log_message(self, format, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), AxeOnly)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}/axe.min.js"


def keep_screenshot(page, name: str, *, full_page: bool = True) -> None:
    """`name`.png in the SPR_SCREENSHOTS folder; nothing when it names none."""
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=full_page)


def assert_accessible(page, name: str | None = None) -> None:
    """Fail with axe's findings if the page has any violation; keep a screenshot of it as
    `name` when asked (SPR_SCREENSHOTS)."""
    if name:
        keep_screenshot(page, name)
    violations = axe_violations(page)
    assert violations == [], f"axe-core violations on {page.url}: {violations}"

"""Playwright against Debian's Chromium and pytest-django's live server.

These tests never skip: a missing Chromium is an error, so CI cannot go green without them.
"""

import copy
import functools
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django must allow ORM calls in it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
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
def seeded_demo(django_db_setup, django_db_blocker, tmp_path_factory) -> "DemoRows":
    """What `seed_demo` makes, made once per test worker and kept as a data file (read once).

    seed_demo takes every demo assessment through the real workflow and publishes two papers
    (about seven seconds); loading its rows takes a fraction of a second, and each journey
    starts from exactly the same rows. It runs inside a transaction rolled back, so the
    database is as it was for whatever test runs next."""
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
            # Read back while the users its natural keys name are still there.
            rows = DemoRows.read(path)
            transaction.set_rollback(True)
    return rows


@dataclass(frozen=True)
class DemoRows:
    """The demo's data file, read once: each model's rows (in the file's order, so a row comes
    after the rows it refers to) and its many-to-many links.

    `loaddata` would parse the file and look every user up by name again for each journey,
    then try an UPDATE before each INSERT (about a second a journey). These rows are written
    as it writes them (raw: every value as dumped, `auto_now` fields included; no signals),
    a model's rows in a few INSERTs."""

    path: Path
    models: tuple  # ((model, (instance, …)), …)
    links: tuple  # ((through model, (row, …)), …)

    @classmethod
    def read(cls, path: Path) -> "DemoRows":
        from django.core import serializers

        by_model, links = {}, {}
        with open(path) as data:
            for deserialized in serializers.deserialize("json", data):
                instance = deserialized.object
                by_model.setdefault(type(instance), []).append(instance)
                for name, targets in (deserialized.m2m_data or {}).items():
                    field = instance._meta.get_field(name)
                    through = field.remote_field.through
                    source = field.m2m_field_name() + "_id"
                    target = field.m2m_reverse_field_name() + "_id"
                    links.setdefault(through, []).extend(
                        {source: instance.pk, target: pk} for pk in targets
                    )
        return cls(
            path=path,
            models=tuple((model, tuple(rows)) for model, rows in by_model.items()),
            links=tuple((through, tuple(rows)) for through, rows in links.items()),
        )

    def load(self) -> None:
        """Write every row, as `loaddata` would: in one transaction, the constraints checked
        at the end, the sequences moved past the ids written."""
        from django.core.management.color import no_style
        from django.db import connection, transaction

        from tests.tamper import triggers_off

        fields_of = {model: model._meta.local_concrete_fields for model, _ in self.models}
        with transaction.atomic(), connection.constraint_checks_disabled():
            # Loaded as rows, the published papers' parts arrive after their papers: on
            # PostgreSQL the triggers that keep a published paper unchanged would refuse them.
            with triggers_off():
                for model, rows in self.models:
                    rows = [copy.copy(row) for row in rows]
                    # A row the migrations made already (the cache's write stamp) is updated.
                    present = set(
                        model._base_manager.filter(pk__in=[row.pk for row in rows]).values_list(
                            "pk", flat=True
                        )
                    )
                    for row in rows:
                        if row.pk in present:
                            row.save_base(raw=True)
                    rows = [row for row in rows if row.pk not in present]
                    fields = fields_of[model]
                    size = connection.ops.bulk_batch_size(fields, rows) or len(rows) or 1
                    for start in range(0, len(rows), size):
                        batch = rows[start : start + size]
                        model._base_manager._insert(batch, fields=fields, raw=True)
                for through, rows in self.links:
                    through._base_manager.bulk_create(through(**row) for row in rows)
            tables = [model._meta.db_table for model, _ in self.models + self.links]
            connection.check_constraints(table_names=tables)
        models = [model for model, _ in self.models]
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)


@pytest.fixture
def current_demo(transactional_db, seeded_demo):
    """The whole West Midlands Police demo as seeded, with a known password for every account:
    the current SPR, the quarter containing today's date open."""
    seeded_demo.load()


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
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(content=_axe_source())
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
def _axe_source() -> str:
    return AXE_SCRIPT.read_text()


def assert_accessible(page, name: str | None = None) -> None:
    """Fail with axe's findings if the page has any violation; keep a screenshot of it as
    `name` when asked (SPR_SCREENSHOTS)."""
    if name and SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)
    violations = axe_violations(page)
    assert violations == [], f"axe-core violations on {page.url}: {violations}"

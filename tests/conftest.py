"""Role fixtures: one user per role of PRODUCT.md, around one threat in one open quarter."""

import os

import pytest
from django.db import connection
from django.template.base import PartialTemplate, Template
from hypothesis import settings as hypothesis_settings

from spr_portal.roles import Role
from tests import thoroughness
from tests.factories import (
    ChiefOfficerPostFactory,
    DepartmentFactory,
    QuarterFactory,
    ThreatFactory,
    UserFactory,
)

# The longest tests, run first: with `--dist worksteal` a worker that ends its own share
# takes over the other's remaining tests, so what is left at the end is short and both
# workers finish together (a 40-90 s test started last would otherwise run alone). A module
# moves whole, in its own order, so its module-scoped fixtures are still built once.
LONGEST_FIRST = (
    "tests/spr_portal/test_demo_console.py",
    "tests/browser/test_page_widths.py",
    "tests/browser/test_lead_journey.py",
    "tests/browser/test_review_journey.py",
    "tests/browser/",
)


def pytest_collection_modifyitems(items):
    """After pytest-django's own order (tryfirst), which it keeps otherwise."""

    def path(item) -> str:
        return str(item.path).replace(os.sep, "/")

    def rank(item) -> int:
        where = path(item)
        return next(
            (i for i, long in enumerate(LONGEST_FIRST) if f"/{long}" in where), len(LONGEST_FIRST)
        )

    if os.environ.get("PYTEST_XDIST_WORKER"):
        items.sort(key=rank)
    else:
        # One process (`make test TEST_WORKERS=0`): the browser journeys last. Once one has run,
        # Playwright's sync API keeps an event loop running on this thread for the rest of the
        # session, and pyHanko's signing (asyncio.run) refuses to start inside it: every test
        # that publishes a signed paper after a journey would fail. (Under xdist the journeys
        # head the first worker's share, and the tests that sign fall in the second's.)
        items.sort(key=lambda item: "/tests/browser/" in path(item))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, tmp_path_factory):
    """On SQLite, keep a copy of the migrated test database (`migrated_sqlite_file`). On
    PostgreSQL, end the sessions the live server's request threads may still hold when the run
    ends, so that the test database can be dropped (otherwise pytest warns that it "is being
    accessed by other users" and leaves it behind)."""
    if connection.vendor == "sqlite":
        # The freshly migrated database, copied to a file before any test writes to it: what
        # `manage.py migrate` makes of an empty SQLite file (`migrated_sqlite_file`).
        import sqlite3

        copy = sqlite3.connect(_migrated_sqlite(tmp_path_factory))
        with django_db_blocker.unblock():
            connection.ensure_connection()
            connection.connection.backup(copy)
        copy.close()
    yield
    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


def _migrated_sqlite(tmp_path_factory):
    return tmp_path_factory.getbasetemp() / "migrated.sqlite3"  # each xdist worker its own


@pytest.fixture
def migrated_sqlite_file(django_db_setup, tmp_path_factory):
    """A file of the test database as migrations left it, on SQLite (None on PostgreSQL):
    copy it rather than run `manage.py migrate` on a new file again."""
    path = _migrated_sqlite(tmp_path_factory)
    return path if path.exists() else None


# Hypothesis's examples per property: a few on a developer's machine, the full number in CI
# (tests/thoroughness.py).
hypothesis_settings.register_profile("ci", max_examples=25)
hypothesis_settings.register_profile("dev", max_examples=5)
hypothesis_settings.load_profile(thoroughness.PROFILE)

# Role fixtures hash a password each; the production hasher is slow on purpose.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS


def demo_profile():
    """Until a test saves a force profile, the portal speaks as the demo's force (West Midlands
    Police), whose words the tests check; a saved profile (e.g. the mayoral one) wins.
    (target, name, value) for `monkeypatch.setattr`."""
    from threats.demo import FORCE_PROFILE
    from threats.force_profile import ForceProfile

    return ForceProfile, "placeholder", classmethod(lambda cls: cls(**FORCE_PROFILE))


@pytest.fixture(autouse=True)
def fresh_cache():
    """Nothing cached by one test reaches the next (spr_portal/cache_stamp.py): the cache is
    emptied and this thread's part of the write stamp forgotten before and after each test."""
    from tests.cold_cache import empty_cache

    empty_cache()
    yield
    empty_cache()


# Each template's own render, taken before pytest-django's test environment replaces it (a
# session fixture, after this module is imported) with Django's instrumented one.
PLAIN_RENDER = {kind: kind.__dict__["_render"] for kind in (Template, PartialTemplate)}


@pytest.fixture(autouse=True)
def template_context_only_when_read(request, monkeypatch):
    """Django's test environment has every template render tell the test client, which keeps
    a copy of each context for `response.context` and `.templates`: about a tenth of a page's
    time in the URL matrix. Only the tests that read them (`@pytest.mark.template_context`)
    keep that; the others render as the site does. A test that reads `response.context`
    without the marker gets None and fails: it cannot pass by mistake."""
    if request.node.get_closest_marker("template_context"):
        return
    for kind, render in PLAIN_RENDER.items():
        monkeypatch.setattr(kind, "_render", render)


@pytest.fixture(scope="session", autouse=True)
def static_files_found_when_asked():
    """WhiteNoise serving from the source folders (WHITENOISE_USE_FINDERS) lists every static
    file each time a request handler starts, and every test's client starts one: a seventh of
    a second each, a fifth of the URL matrix's time. The tests find a file when it is asked
    for instead, as WhiteNoise does in development (its autorefresh); the test that serves a
    file as the demo does turns it back off."""
    from django.conf import settings

    settings.WHITENOISE_AUTOREFRESH = True


@pytest.fixture(autouse=True)
def demo_force_by_default(monkeypatch):
    monkeypatch.setattr(*demo_profile())


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The shared world of `tests/world.py`, built once for the module that asks for it."""
    from tests.world import world_for_module

    with world_for_module(django_db_blocker, tmp_path_factory.mktemp("media")) as built:
        yield built


@pytest.fixture
def business_lead(db):
    return UserFactory(username="lead.owner", roles=[Role.BUSINESS_LEAD])


@pytest.fixture
def other_business_lead(db):
    return UserFactory(username="lead.other", roles=[Role.BUSINESS_LEAD])


@pytest.fixture
def spr_lead(db):
    return UserFactory(username="acc.security", roles=[Role.SPR_LEAD])


@pytest.fixture
def chief_officer(db):
    return UserFactory(username="acc.portfolio", roles=[Role.CHIEF_OFFICER_LEAD])


@pytest.fixture
def other_chief_officer(db):
    return UserFactory(username="acc.elsewhere", roles=[Role.CHIEF_OFFICER_LEAD])


@pytest.fixture
def pcc_office(db):
    return UserFactory(username="pcc.office", roles=[Role.POLICING_BODY_OFFICE])


@pytest.fixture
def administrator(db):
    # The Administrator's admin permissions follow from the role, in code
    # (accounts/permissions.py): nothing to give here, and nothing a flush can take away.
    return UserFactory(username="it.admin", roles=[Role.ADMINISTRATOR], is_staff=True)


@pytest.fixture
def no_role_user(db):
    return UserFactory(username="no.role")


@pytest.fixture
def department(business_lead):
    return DepartmentFactory(name="Public Protection Unit", short_name="PPU", leads=[business_lead])


@pytest.fixture
def other_department(other_business_lead):
    return DepartmentFactory(name="Force CID", short_name="CID", leads=[other_business_lead])


@pytest.fixture
def quarter(db):
    return QuarterFactory()


@pytest.fixture
def threat(department, chief_officer):
    return ThreatFactory(
        name="Child Sexual Abuse",
        slug="child-sexual-abuse",
        owning_department=department,
        chief_officer_lead=ChiefOfficerPostFactory(title="ACC Crime", holder=chief_officer),
    )


@pytest.fixture
def other_threat(other_department, other_chief_officer):
    return ThreatFactory(
        name="Serious and Organised Crime",
        slug="serious-organised-crime",
        owning_department=other_department,
        chief_officer_lead=ChiefOfficerPostFactory(title="ACC Other", holder=other_chief_officer),
    )


# Every role, for tests that walk all of them.
ROLE_FIXTURES = [
    "business_lead",
    "other_business_lead",
    "spr_lead",
    "chief_officer",
    "other_chief_officer",
    "pcc_office",
    "administrator",
    "no_role_user",
]


@pytest.fixture
def signed_quarter(quarter, threat, other_threat, business_lead, other_business_lead, spr_lead):
    """The open quarter with both threats' self-assessments signed off."""
    from tests.reports.support import sign_off

    sign_off(threat=threat, quarter=quarter, lead=business_lead, reviewer=spr_lead)
    sign_off(threat=other_threat, quarter=quarter, lead=other_business_lead, reviewer=spr_lead)
    return quarter


@pytest.fixture
def report_of_the_quarter_before(
    quarter, threat, other_threat, business_lead, other_business_lead, spr_lead
):
    """A board report published for 2015/16 Q3, when both threats were signed off."""
    from tests.reports.support import new_report, publish, signed_off_quarter_before

    leads = ((threat, business_lead), (other_threat, other_business_lead))
    earlier = signed_off_quarter_before(quarter, leads=leads, reviewer=spr_lead)
    return publish(report=new_report(earlier, spr_lead), actor=spr_lead)


TEST_P12_PASSPHRASE = "a-test-passphrase"


@pytest.fixture(scope="session")
def signing_certificate(tmp_path_factory):
    """The test suite's own signing certificate (self-signed), made once: its PKCS#12 file."""
    from reports.signing import make_self_signed_p12

    path = tmp_path_factory.mktemp("signing") / "test-signing.p12"
    path.write_bytes(
        make_self_signed_p12(
            common_name="SPR Portal test signing",
            organisation="Test Constabulary",
            passphrase=TEST_P12_PASSPHRASE,
        )
    )
    return path


@pytest.fixture
def signing(settings, signing_certificate):
    """Papers and packs signed with the test certificate (off unless a test asks for it, so
    that the rest of the suite keeps publishing byte-reproducible papers)."""
    settings.SPR_SIGNING_P12 = str(signing_certificate)
    settings.SPR_SIGNING_P12_PASSPHRASE = TEST_P12_PASSPHRASE
    settings.SPR_TSA_URL = ""
    from reports.signing import signing_identity

    return signing_identity()


@pytest.fixture
def database_tasks(settings, monkeypatch):
    """Background tasks queued in the database, as in production, and run by its worker
    (tests/background_tasks.py `work`); retries due at once."""
    from tests.background_tasks import use_database_tasks

    use_database_tasks(settings, monkeypatch)


@pytest.fixture(scope="session")
def demo_as_seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """One run of `seed_demo` for this test worker, kept as rows (tests/demo_rows.py)."""
    from tests.demo_rows import seed_once

    return seed_once(django_db_blocker, tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="module")
def demo_seeded_once(demo_as_seeded, django_db_blocker):
    """The demo as `seed_demo` made it on a new laptop (no SPR_DEMO_PASSWORD: a password
    printed once), for the module that asks for it: its rows loaded once, rolled back when the
    module ends. What the run printed and left to send is on the returned `SeededDemo`."""
    from tests.world import kept_for_module

    with kept_for_module(django_db_blocker, demo_as_seeded.media_root) as patch:
        patch.delenv("SPR_DEMO_PASSWORD", raising=False)
        demo_as_seeded.rows.load()
        yield demo_as_seeded

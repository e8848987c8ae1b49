"""The shared cache of what rarely changes, and the write stamp that keeps it true.

Everything cached here (the force profile, who holds which role, the second-factor list, the
threats' names under each edition, the quarter board's rows) is stored under a key that
carries the *write stamps* of the apps it reads; any write to an app's tables changes that
app's stamp, so the next read of anything built from them misses and builds afresh. Nothing is
ever invalidated by hand, view by view. An entry reads every app unless it names fewer
(`cached(…, reads=("accounts",))`): then a draft's save, a write to `assessments`, leaves who
holds which role cached. With DEBUG on (the tests), each query of such an entry's builder is
checked against the apps it names, so an entry cannot read an app it is not keyed by.
An entry that reads only what a draft's save cannot change names the settled stamp
(`SETTLED`) instead of `assessments`, and is kept across the saves too.

The one place every write passes through is the database connection: `watch_writes` (on every
connection: audit/apps.py connects it) sees each INSERT, UPDATE and DELETE that Django
sends, whatever sent it (a service, `QuerySet.update`, `bulk_create`, the admin, a fixture, a
migration) and bumps the stamp of the app whose table it touches: the portal's apps and
django.contrib.auth. Sessions, the audit trail, sign-in attempts, second-factor devices and API
tokens are not among them: they change on every sign-in or request and feed nothing cached.

The stamp has two parts:
- the *shared* part, changed when the writing transaction commits (`transaction.on_commit`):
  in the cache itself when the cache is shared between processes (Redis), else in a database
  row per app (`audit.CacheStamp`), so that local memory in several gunicorn workers is
  still never stale; read once a request, every app's at once (`StampMiddleware`);
- a *local* part, per thread, changed at once by each write, so that the writing request (or
  test, inside its transaction) reads its own writes before they are committed. It is
  cleared when the transaction commits, so every process shares the same keys again.

Entries built while this thread's writes are uncommitted carry the local part and are seen
by nobody else; a rolled-back transaction's entries are abandoned at the next request.
Per-user answers are keyed by the user's id as well (`cached(("roles", user.pk), …)`).

With Redis, each process keeps a near copy of the entries it reads (in its own memory):
what a key holds never changes, as the key carries the stamps, so the copy cannot be stale;
another server's write moves the shared stamp, and the next request asks for another key.
"""

import atexit
import contextlib
import contextvars
import functools
import hashlib
import itertools
import os
import re
import threading
import uuid
from typing import NamedTuple

from django.apps import apps
from django.conf import settings
from django.core.cache import cache, caches
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone

# Apps whose writes change something cached: the portal's own and the auth tables. Each has
# its own stamp; an entry is keyed by the stamps of the apps it reads (`cached(reads=…)`).
# The order is fixed: in the database, an app's shared stamp is the row whose id is its place.
WATCHED_APPS = ("threats", "assessments", "reports", "accounts", "onboarding", "auth")
# A stamp apart from the apps': every write to `assessments` but a draft's content (the write
# people make most, many times a minute in a busy quarter). What the owning app registers as
# a draft's content (`draft_content`) leaves it where it is: an UPDATE of a table that sets
# only its content columns, an INSERT into a table of its drafting record. An entry that
# reads only what such a write cannot change (the signed-off rows, which PostgreSQL freezes
# and no service edits; contributions) names it instead of `assessments`.
SETTLED = "settled"
STAMPS = (*WATCHED_APPS, SETTLED)
SHARED_KEY = "spr:stamp:"  # + the app's label, when the cache is shared (Redis)
TIMEOUT = 60 * 60  # an hour: entries of an old stamp age out by themselves
# With a shared cache, each process's own copy of the entries it has read (settings
# `caches_for`): safe because a key, stamps included, always holds the same value.
NEAR = "near"

_request_shared: contextvars.ContextVar[dict[str, str] | None] = contextvars.ContextVar(
    "spr_cache_stamp", default=None
)
_local = threading.local()
_serial = itertools.count(1)
_app_of_table: dict[str, str] | None = None


def _cache_is_shared() -> bool:
    backend = settings.CACHES["default"]["BACKEND"]
    return not backend.endswith(("LocMemCache", "DummyCache"))


def _stamp_model():
    # By name, as the settings name apps' classes: spr_portal imports no app.
    return apps.get_model("audit", "CacheStamp")


def _row_of(app: str) -> int:
    return STAMPS.index(app) + 1


def _read_shared() -> dict[str, str]:
    """Every app's shared stamp, in one read."""
    if _cache_is_shared():
        keys = [SHARED_KEY + app for app in STAMPS]
        found = cache.get_many(keys)
        for key in keys:
            if key not in found:
                cache.add(key, uuid.uuid4().hex[:12], timeout=None)
                found[key] = cache.get(key)
        return {app: str(found[SHARED_KEY + app]) for app in STAMPS}
    with connection.cursor() as cursor:
        cursor.execute(_stamp_sql().read)
        rows = dict(cursor.fetchall())
    return {app: str(rows.get(_row_of(app), 0)) for app in STAMPS}


class _StampStatements(NamedTuple):
    read: str  # every stamp row's id and value
    raise_rows: str  # + 1 to the rows named in {rows} (as many %s as rows)


@functools.cache
def _stamp_sql() -> _StampStatements:
    """The read of every stamp row and the raise of some, written out: the read is on every
    request and the raise after every write, and Django took longer to build either than the
    database to run it (0.15 and 0.36 ms, 0.05 and 0.13 written out; docs/benchmarks.md)."""
    meta, quote = _stamp_model()._meta, connection.ops.quote_name
    table, pk = quote(meta.db_table), quote(meta.pk.column)
    value = quote(meta.get_field("value").column)
    return _StampStatements(
        read=f"SELECT {pk}, {value} FROM {table}",  # noqa: S608 - the model's names only
        raise_rows=f"UPDATE {table} SET {value} = {value} + 1 WHERE {pk} IN ({{rows}})",  # noqa: S608
    )


def _bump_shared() -> None:
    written = getattr(_local, "written", set())
    if _cache_is_shared():
        cache.set_many({SHARED_KEY + app: uuid.uuid4().hex[:12] for app in written}, None)
    elif written:
        CacheStamp = _stamp_model()  # noqa: N806
        rows = [_row_of(app) for app in written]
        try:
            with connection.cursor() as cursor:
                placeholders = ", ".join(["%s"] * len(rows))
                cursor.execute(_stamp_sql().raise_rows.format(rows=placeholders), rows)
                raised = cursor.rowcount
            if raised < len(rows):
                for row in rows:
                    CacheStamp.objects.get_or_create(pk=row, defaults={"value": 1})
        except DatabaseError:
            # Only while migrating, before the stamp's table exists (no transaction is open
            # here: this runs after a commit or outside one); nothing is cached yet.
            pass
    forget_local()


def stamp(reads=WATCHED_APPS) -> str:
    """The write stamp now of the apps in `reads`: each app's shared part (read once a
    request) and this thread's own."""
    flush_pending()
    shared = _request_shared.get()
    if shared is None:
        shared = _read_shared()
        if _in_request.get():
            _request_shared.set(shared)
    local = getattr(_local, "parts", {})
    return ".".join(f"{shared[app]}{local.get(app, '')}" for app in reads)


def bump(app: str, using: str = "default") -> None:
    """Something cached from `app`'s tables may have changed: this thread reads afresh at
    once, every process once the transaction commits (outside a transaction: before this
    thread's next statement, read of the stamp or the end of its request, never inside the
    statement that wrote, which on SQLite may still be running: an INSERT … RETURNING)."""
    if not hasattr(_local, "parts"):
        _clear_local()
    _local.parts[app] = f"-{os.getpid()}-{next(_serial)}"
    _local.written.add(app)
    connection = connections[using]
    if connection.in_atomic_block:
        if not any(func is _bump_shared for _, func, _ in connection.run_on_commit):
            transaction.on_commit(_bump_shared, using=using)
    else:
        _local.pending = True


def flush_pending() -> None:
    """Move the shared stamp for a write made outside a transaction, if one is waiting."""
    if getattr(_local, "pending", False):
        _local.pending = False
        _bump_shared()


def _clear_local() -> None:
    """This thread's own part of each app's stamp, and the apps it wrote, forgotten."""
    _local.parts, _local.written = {}, set()


def forget_local() -> None:
    """Start afresh in this thread (a test's fixture: its transaction was rolled back; the
    shared stamps once this thread's writes are shared)."""
    _clear_local()
    _request_shared.set(None)


def cached(key, builder, timeout: int = TIMEOUT, *, reads=WATCHED_APPS):
    """The value of `builder()` under the stamps of the apps it `reads`, built once and
    shared. `key`: a string or a tuple of plain values (a user's id, a quarter's id…).

    `reads` names every watched app whose tables the builder reads: by default all of them.
    Naming fewer keeps the entry across writes to the others (a draft's save does not
    rebuild everyone's roles); with DEBUG on (the tests), every query the builder sends is
    checked against it, and a table of an app not named is refused (`_checked_reads`)."""
    parts = key if isinstance(key, tuple) else (key,)
    now = stamp(reads)
    if len(now) > 40:  # several apps' stamps: kept short, for the cache's key
        now = hashlib.blake2b(now.encode(), digest_size=12).hexdigest()
    full = "spr:" + ":".join(str(part) for part in parts) + "@" + now
    near = caches[NEAR] if NEAR in settings.CACHES else None
    value = _MISSING if near is None else near.get(full, _MISSING)
    if value is not _MISSING:
        return value
    value = cache.get(full, _MISSING)
    if value is _MISSING:
        checked = settings.DEBUG and tuple(reads) != WATCHED_APPS
        with _checked_reads(full, reads) if checked else contextlib.nullcontext():
            value = builder()
            cache.set(full, value, timeout)  # storing may evaluate what was built
    if near is not None:
        near.set(full, value, timeout)
    return value


def cached_for(user, key, builder, timeout: int = TIMEOUT, *, reads=WATCHED_APPS):
    """A page's answer for one user today, under this stamp: keyed by the user's id (what
    they may see is theirs alone; their roles and grants are writes, which move the stamp)
    and by the day (deadlines, stand-ins and late grants run by the date)."""
    parts = key if isinstance(key, tuple) else (key,)
    return cached(
        ("u", user.pk, timezone.localdate().isoformat(), *parts), builder, timeout, reads=reads
    )


# The tables a statement reads: each name after FROM or JOIN (subqueries' too).
_READ = re.compile(r"\b(?:from|join)\s+[\"`\[]?(\w+)", re.I)


@contextlib.contextmanager
def _checked_reads(key: str, reads):
    """Refuse a builder that reads a watched table of an app it did not name in `reads`:
    its entry would outlive a write to that table and show stale data."""
    allowed = set(reads)

    def check(execute, sql, params, many, context):
        if isinstance(sql, str):
            for table in _READ.findall(sql):
                app = _app_of(table.lower())
                if app == "assessments" and SETTLED in allowed:
                    # The settled stamp stays for a draft's content, never for its record.
                    if table.lower() not in _draft_inserts:
                        continue
                if app is not None and app not in allowed:
                    raise ImproperlyConfigured(
                        f"The cached {key.split('@')[0]!r} reads {table} but names only "
                        f"{', '.join(reads)}: add {app!r} to its reads."
                    )
        return execute(sql, params, many, context)

    with connection.execute_wrapper(check):
        yield


def _app_of(table: str) -> str | None:
    """The watched app a table belongs to, or None (sessions, the audit trail, …)."""
    global _app_of_table
    if _app_of_table is None:
        found = {}
        for label in WATCHED_APPS:
            try:
                config = apps.get_app_config(label)
            except LookupError:
                continue
            for model in config.get_models(include_auto_created=True):
                found[model._meta.db_table.lower()] = label
        _app_of_table = found
    return _app_of_table.get(table)


_MISSING = object()
_in_request: contextvars.ContextVar[bool] = contextvars.ContextVar("spr_in_request", default=False)


# INSERT (SQLite's "INSERT OR IGNORE" too, which Django sends for a many-to-many add),
# UPDATE and DELETE, and the table they write.
_WRITE = re.compile(r"^\s*(insert(?:\s+or\s+\w+)?\s+into|update|delete\s+from)\s+(\S+)", re.I)
# A statement of data-modifying WITH clauses (spr_portal/together.py) writes each table it
# names after "AS (UPDATE", "AS (INSERT INTO" or "AS (DELETE FROM".
_WRITE_WITH = re.compile(r"\bAS\s*\(\s*(insert\s+into|update|delete\s+from)\s+(\S+)", re.I)
# An UPDATE's assignments (up to its WHERE or RETURNING), and the column each one sets.
_UPDATE_SET = re.compile(
    r"\bUPDATE\s+(\S+)\s+SET\s+(.*?)(?=\sWHERE\s|\sRETURNING\s|$)", re.I | re.S
)
_ASSIGNED = re.compile(r"[\"`\[]?(\w+)[\"`\]]?\s*=")

# A draft's content, as the app that owns it registers it (`draft_content`): per table, the
# columns a draft's save sets; the tables it inserts its record into.
_draft_columns: dict[str, frozenset[str]] = {}
_draft_inserts: set[str] = set()


def draft_content(*, table: str, columns, record: str) -> None:
    """What leaves the settled stamp where it is (SETTLED): an UPDATE of `table` that sets
    only `columns`, an INSERT into `record`. Registered once, by the app that owns them."""
    _draft_columns[table] = frozenset(columns)
    _draft_inserts.add(record)


def _writes(sql: str) -> list[tuple[str, str]]:
    """("insert" | "update" | "delete", table) of each write the statement makes."""
    if sql.lstrip()[:4].upper() == "WITH":
        found = _WRITE_WITH.findall(sql)
    else:
        found = [match.groups()] if (match := _WRITE.match(sql[:300])) else []
    return [(kind.split()[0].lower(), table.strip('"`[]').lower()) for kind, table in found]


def _only_draft_content(sql: str, writes) -> bool:
    """Is every write of this statement a draft's content (`draft_content`)? Any doubt is
    a no: a column not registered, an assignment the pattern cannot name, a value read by a
    subquery (its WHERE would end the assignments early), a DELETE."""
    assigned = {
        table.strip('"`[]').lower(): set(_ASSIGNED.findall(sets))
        for table, sets in _UPDATE_SET.findall(sql)
        if "select" not in sets.lower()
    }
    for kind, table in writes:
        if kind == "insert" and table in _draft_inserts:
            continue
        columns = assigned.get(table)
        if kind == "update" and columns and columns <= _draft_columns.get(table, frozenset()):
            continue
        return False
    return True


def watch_writes(execute, sql, params, many, context):
    """A connection's execute wrapper: bump the stamp after a write to a watched table."""
    flush_pending()  # an earlier write's, now that its statement has finished
    result = execute(sql, params, many, context)
    settled = []  # the writes to `assessments`, which may move the settled stamp too
    for kind, table in _writes(sql) if isinstance(sql, str) else ():
        app = _app_of(table)
        if app is not None:
            bump(app, context["connection"].alias)
        if app == "assessments":
            settled.append((kind, table))
    if settled and not _only_draft_content(sql, settled):
        bump(SETTLED, context["connection"].alias)
    return result


def connect(sender, connection, **kwargs) -> None:
    """`connection_created` receiver: watch every new database connection's writes."""
    if watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(watch_writes)


class StampMiddleware:
    """Reads the shared stamp at most once a request; forgets a rolled-back transaction's
    local part at the start of the next request (no transaction is open then)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not connections["default"].in_atomic_block:
            _clear_local()
        token = _in_request.set(True)
        shared = _request_shared.set(None)
        try:
            return self.get_response(request)
        finally:
            flush_pending()
            _request_shared.reset(shared)
            _in_request.reset(token)


@atexit.register
def _flush_at_exit() -> None:
    """A management command's last write outside a transaction still reaches the others."""
    # The connection may be gone at exit: then there is nothing left to tell.
    with contextlib.suppress(Exception):
        flush_pending()

"""The shared cache of what rarely changes, and the write stamp that keeps it true.

Everything cached here (the force profile, who holds which role, the second-factor list, the
threats' names under each edition, the quarter board's rows) is stored under a key that
carries the *write stamp*; any write to the portal's own tables changes the stamp, so the next
read misses and builds afresh. Nothing is ever invalidated by hand, view by view.

The one place every write passes through is the database connection: `watch_writes` (on every
connection: audit/apps.py connects it) sees each INSERT, UPDATE and DELETE that Django
sends, whatever sent it (a service, `QuerySet.update`, `bulk_create`, the admin, a fixture, a
migration) and bumps the stamp when it touches a table of the portal's apps or of
django.contrib.auth. Sessions, the audit trail, sign-in attempts, second-factor devices and API
tokens are not among them: they change on every sign-in or request and feed nothing cached.

The stamp has two parts:
- the *shared* part, changed when the writing transaction commits (`transaction.on_commit`):
  in the cache itself when the cache is shared between processes (Redis), else in a database
  row (`audit.CacheStamp`), so that local memory in several gunicorn workers is still never
  stale; read once a request (`StampMiddleware`);
- a *local* part, per thread, changed at once by each write, so that the writing request (or
  test, inside its transaction) reads its own writes before they are committed. It is
  cleared when the transaction commits, so every process shares the same keys again.

Entries built while this thread's writes are uncommitted carry the local part and are seen
by nobody else; a rolled-back transaction's entries are abandoned at the next request.
Per-user answers are keyed by the user's id as well (`cached(("roles", user.pk), …)`).
"""

import atexit
import contextlib
import contextvars
import itertools
import os
import re
import threading
import uuid

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connections, transaction
from django.db.models import F
from django.utils import timezone

# Tables whose writes change something cached: the portal's own apps and the auth tables.
WATCHED_APPS = ("threats", "assessments", "reports", "accounts", "onboarding", "auth")
SHARED_KEY = "spr:stamp"
TIMEOUT = 60 * 60  # an hour: entries of an old stamp age out by themselves

_request_shared: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "spr_cache_stamp", default=None
)
_local = threading.local()
_serial = itertools.count(1)
_watched: frozenset[str] | None = None


def _cache_is_shared() -> bool:
    backend = settings.CACHES["default"]["BACKEND"]
    return not backend.endswith(("LocMemCache", "DummyCache"))


def _stamp_model():
    # By name, as the settings name apps' classes: spr_portal imports no app.
    return apps.get_model("audit", "CacheStamp")


def _read_shared() -> str:
    if _cache_is_shared():
        value = cache.get(SHARED_KEY)
        if value is None:
            value = uuid.uuid4().hex
            cache.add(SHARED_KEY, value, timeout=None)
            value = cache.get(SHARED_KEY, value)
        return str(value)
    return str(_stamp_model().objects.filter(pk=1).values_list("value", flat=True).first() or 0)


def _bump_shared() -> None:
    if _cache_is_shared():
        cache.set(SHARED_KEY, uuid.uuid4().hex, timeout=None)
    else:
        CacheStamp = _stamp_model()  # noqa: N806
        try:
            if not CacheStamp.objects.filter(pk=1).update(value=F("value") + 1):
                CacheStamp.objects.get_or_create(pk=1, defaults={"value": 1})
        except DatabaseError:
            # Only while migrating, before the stamp's table exists (no transaction is open
            # here: this runs after a commit or outside one); nothing is cached yet.
            pass
    _local.part = ""
    _request_shared.set(None)


def stamp() -> str:
    """The write stamp now: the shared part (once a request) and this thread's own."""
    flush_pending()
    shared = _request_shared.get()
    if shared is None:
        shared = _read_shared()
        if _in_request.get():
            _request_shared.set(shared)
    return f"{shared}.{getattr(_local, 'part', '')}"


def bump(using: str = "default") -> None:
    """Something cached may have changed: this thread reads afresh at once, every process
    once the transaction commits (outside a transaction: before this thread's next statement,
    read of the stamp or the end of its request, never inside the statement that wrote, which
    on SQLite may still be running: an INSERT … RETURNING)."""
    _local.part = f"{os.getpid()}-{next(_serial)}"
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


def forget_local() -> None:
    """Start afresh in this thread (a test's fixture: its transaction was rolled back)."""
    _local.part = ""
    _request_shared.set(None)


def cached(key, builder, timeout: int = TIMEOUT):
    """The value of `builder()` under this stamp, built once and shared. `key`: a string or
    a tuple of plain values (a user's id, a quarter's id…)."""
    parts = key if isinstance(key, tuple) else (key,)
    full = "spr:" + ":".join(str(part) for part in parts) + "@" + stamp()
    value = cache.get(full, _MISSING)
    if value is _MISSING:
        value = builder()
        cache.set(full, value, timeout)
    return value


def cached_for(user, key, builder, timeout: int = TIMEOUT):
    """A page's answer for one user today, under this stamp: keyed by the user's id (what
    they may see is theirs alone; their roles and grants are writes, which move the stamp)
    and by the day (deadlines, stand-ins and late grants run by the date)."""
    parts = key if isinstance(key, tuple) else (key,)
    return cached(("u", user.pk, timezone.localdate().isoformat(), *parts), builder, timeout)


_MISSING = object()
_in_request: contextvars.ContextVar[bool] = contextvars.ContextVar("spr_in_request", default=False)


def _watched_tables() -> frozenset[str]:
    global _watched
    if _watched is None:
        tables = set()
        for label in WATCHED_APPS:
            try:
                config = apps.get_app_config(label)
            except LookupError:
                continue
            for model in config.get_models(include_auto_created=True):
                tables.add(model._meta.db_table.lower())
        _watched = frozenset(tables)
    return _watched


# INSERT (SQLite's "INSERT OR IGNORE" too, which Django sends for a many-to-many add),
# UPDATE and DELETE, and the table they write.
_WRITE = re.compile(r"^\s*(?:insert(?:\s+or\s+\w+)?\s+into|update|delete\s+from)\s+(\S+)", re.I)


def _table_written(sql: str) -> str | None:
    found = _WRITE.match(sql[:300])
    return found.group(1).strip('"`[]').lower() if found else None


def watch_writes(execute, sql, params, many, context):
    """A connection's execute wrapper: bump the stamp after a write to a watched table."""
    flush_pending()  # an earlier write's, now that its statement has finished
    result = execute(sql, params, many, context)
    table = _table_written(sql) if isinstance(sql, str) else None
    if table is not None and table in _watched_tables():
        bump(context["connection"].alias)
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
            _local.part = ""
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

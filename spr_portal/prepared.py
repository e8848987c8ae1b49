"""A read PostgreSQL plans once per connection (PREPARE, then EXECUTE), for the statement of a
page people use so often that planning it again each time is a large part of the page.

The save's locked read (assessments/services/assessments.py `lock_to_save`) took 0.6 ms to
plan and 0.2 ms to run; prepared, it runs in a third of the time (docs/benchmarks.md).
Django's ORM prepares nothing (psycopg2 binds on the client), so this is for a statement
written out, and only for a read: the cache's stamps see a write by its SQL text
(spr_portal/cache_stamp.py `watch_writes`), which an EXECUTE does not show. Nor for a cached
builder: the check of what it reads reads the text too.

A prepared statement lasts as long as the database connection (a transaction rolled back
keeps it): it is prepared again on the next connection. It is prepared only where the
connection outlives the request (CONN_MAX_AGE, settings DB_CONN_MAX_AGE, not 0): behind a
pooler in transaction mode (docs/deployment.md: DB_CONN_MAX_AGE 0) the next transaction may
meet another server connection, holding none of this one's statements or its own under the
same name, and a connection closed after each request would prepare for one run. SQLite,
and a connection closed after each request, run the statement as it is.
"""

import hashlib
import re

from django.db import connections

_PLACEHOLDER = re.compile(r"%s")
_READ_ONLY = re.compile(r"^\s*SELECT\b", re.I)
# A write anywhere in the text; "FOR UPDATE" and "FOR NO KEY UPDATE" lock rows read.
_WRITES = re.compile(r"\b(INSERT|DELETE|MERGE|TRUNCATE)\b|(?<!\bFOR )(?<!\bKEY )\bUPDATE\b", re.I)


def execute_prepared(cursor, sql: str, params, using: str = "default") -> None:
    """Run the SELECT `sql` (%s placeholders, as for `cursor.execute`) on `cursor`, prepared
    on its connection the first time and executed by name from then on."""
    name, numbered = _prepared_form(sql)  # refuses a write on either database
    connection = connections[using]
    if connection.vendor != "postgresql" or not connection.settings_dict["CONN_MAX_AGE"]:
        cursor.execute(sql, params)
        return
    held = getattr(connection, "_spr_prepared", None)
    if held is None or held[0] is not connection.connection:
        held = (connection.connection, set())  # a new connection holds no statement yet
        connection._spr_prepared = held
    if name not in held[1]:
        cursor.execute(f"PREPARE {name} AS {numbered}")
        held[1].add(name)
    cursor.execute(f"EXECUTE {name}({', '.join(['%s'] * len(params))})", params)


_forms: dict[str, tuple[str, str]] = {}


def _prepared_form(sql: str) -> tuple[str, str]:
    """The statement's name (from its text, so one text is one statement) and its text with
    PostgreSQL's numbered parameters ($1, $2…) for the %s placeholders."""
    form = _forms.get(sql)
    if form is None:
        if not _READ_ONLY.match(sql) or _WRITES.search(sql) or "%%" in sql or "$" in sql:
            raise ValueError("Only a SELECT with %s placeholders is prepared: " + sql[:80])
        numbers = iter(range(1, sql.count("%s") + 1))
        numbered = _PLACEHOLDER.sub(lambda _: f"${next(numbers)}", sql)
        name = "spr_" + hashlib.blake2b(sql.encode(), digest_size=8).hexdigest()
        form = _forms[sql] = (name, numbered)
    return form

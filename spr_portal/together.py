"""One statement for a change and the rows that record it, where the database can.

A step that updates one row and inserts the rows recording it (a section's save: the
self-assessment, its workflow event, its audit row) sends each as a statement of its own
through the ORM: on PostgreSQL a round trip and Django's building of a query each, a third of
a save's time under load (docs/benchmarks.md). PostgreSQL runs data-modifying WITH clauses,
so there the update and the inserts go as one statement, all or nothing like the rest of the
transaction; SQLite cannot, and gets the ORM's statements, as before. Either way the values
are the fields' own (`pre_save`, `get_db_prep_save`: `auto_now` and `auto_now_add` set as a
save sets them), and the inserted rows get their ids. The cache's write stamp sees the
statement's tables like any other write (spr_portal/cache_stamp.py `watch_writes`).
"""

from django.db import DatabaseError, connections, models
from django.db.transaction import TransactionManagementError


def update_and_insert(
    instance: models.Model, fields, rows: list[models.Model], using: str = "default"
) -> None:
    """Write `fields` of `instance` (a saved row, read under the caller's lock) and insert
    `rows` (new, unsaved), in one statement on PostgreSQL. Inside the caller's transaction
    (it holds the lock), so that a row not there to update takes the inserts with it when the
    error rolls the transaction back."""
    connection = connections[using]
    if not connection.in_atomic_block:
        raise TransactionManagementError("update_and_insert runs inside the lock's transaction")
    if connection.vendor != "postgresql":
        instance.save(update_fields=list(fields), using=using)
        for row in rows:
            row.save(force_insert=True, using=using)
        return
    meta, quote = instance._meta, connection.ops.quote_name
    updated = [meta.get_field(name) for name in fields]
    # The SQL names only the models' tables and columns (quoted); every value is a parameter.
    parts = [
        f"changed AS (UPDATE {quote(meta.db_table)} SET "  # noqa: S608 - names, see above
        + ", ".join(f"{quote(f.column)} = %s" for f in updated)
        + f" WHERE {quote(meta.pk.column)} = %s RETURNING 1)"
    ]
    params = [f.get_db_prep_save(f.pre_save(instance, False), connection) for f in updated]
    params.append(instance.pk)
    for number, row in enumerate(rows):
        columns = [f for f in row._meta.concrete_fields if not f.primary_key]
        parts.append(
            f"row{number} AS (INSERT INTO {quote(row._meta.db_table)} ("  # noqa: S608
            + ", ".join(quote(f.column) for f in columns)
            + ") VALUES ("
            + ", ".join(["%s"] * len(columns))
            + f") RETURNING {quote(row._meta.pk.column)})"
        )
        params += [f.get_db_prep_save(f.pre_save(row, True), connection) for f in columns]
    selected = ["(SELECT count(*) FROM changed)"]
    selected += [f"(SELECT * FROM row{number})" for number in range(len(rows))]  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute("WITH " + ", ".join(parts) + " SELECT " + ", ".join(selected), params)
        found, *ids = cursor.fetchone()
    if found != 1:
        raise DatabaseError(f"{meta.label} {instance.pk} was not there to update")
    for row, pk in zip(rows, ids, strict=True):
        row.pk = pk
        row._state.adding, row._state.db = False, using

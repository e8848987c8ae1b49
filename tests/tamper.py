"""Rewriting stored evidence behind the application's back, for the tests that prove such a
rewrite is detected. On PostgreSQL the append-only triggers refuse it, so this first does
what only a database superuser could: run the statement with triggers switched off."""

from contextlib import contextmanager

from django.db import connection


@contextmanager
def triggers_off():
    """On PostgreSQL, the statements inside run as replication would: no trigger fires (the
    append-only ones, nor the foreign keys' checks). Elsewhere it changes nothing."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = DEFAULT")


def tamper(model, pk, **fields) -> None:
    with triggers_off():
        model.objects.filter(pk=pk).update(**fields)


def tamper_delete(model, pk) -> None:
    """Delete a row as a database superuser could (on PostgreSQL, with triggers switched off)."""
    with triggers_off():
        model.objects.filter(pk=pk).delete()

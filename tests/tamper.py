"""Rewriting stored evidence behind the application's back, for the tests that prove such a
rewrite is detected. On PostgreSQL the append-only triggers refuse it, so this first does
what only a database superuser could: run the statement with triggers switched off."""

from django.db import connection


def tamper(model, pk, **fields) -> None:
    if connection.vendor != "postgresql":
        model.objects.filter(pk=pk).update(**fields)
        return
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
    try:
        model.objects.filter(pk=pk).update(**fields)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = DEFAULT")


def tamper_delete(model, pk) -> None:
    """Delete a row as a database superuser could (on PostgreSQL, with triggers switched off)."""
    if connection.vendor != "postgresql":
        model.objects.filter(pk=pk).delete()
        return
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
    try:
        model.objects.filter(pk=pk).delete()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = DEFAULT")

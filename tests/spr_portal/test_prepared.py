"""A read prepared once a connection (spr_portal/prepared.py): the same answer as the
statement run as written, planned once, prepared again on a new connection, never a write."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from assessments import services
from audit.models import CacheStamp
from spr_portal.prepared import execute_prepared
from tests.databases import postgresql_only

pytestmark = pytest.mark.django_db

# A connection keeps what it prepared from one test to the next: each test reads with its
# own text (the alias), which is a statement of its own.
READ = (
    'SELECT "id", "value" AS {alias} FROM "audit_cachestamp" WHERE "id" >= %s AND "id" <= %s '
    "ORDER BY 1"
)


@pytest.fixture(autouse=True)
def persistent_connections(monkeypatch):
    """Connections kept between requests, as production has them (DB_CONN_MAX_AGE 60)."""
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 60)


@pytest.fixture(autouse=True)
def stamps(db):
    """Rows to read: the cache's stamps (a table no stamp watches), three of them."""
    for row in (1, 2, 3):
        CacheStamp.objects.update_or_create(pk=row, defaults={"value": 10 * row})


def _rows(sql, params, prepared: bool):
    with connection.cursor() as cursor:
        if prepared:
            execute_prepared(cursor, sql, params)
        else:
            cursor.execute(sql, params)
        return cursor.fetchall()


def test_a_prepared_read_answers_as_the_statement_written():
    read = READ.format(alias="answers")
    for params in ([1, 3], [2, 2], [5, 1]):
        assert _rows(read, params, prepared=True) == _rows(read, params, prepared=False)
    assert _rows(read, [1, 3], prepared=True) == [(1, 10), (2, 20), (3, 30)]


@postgresql_only
def test_it_is_prepared_once_a_connection_then_run_by_name():
    read = READ.format(alias="once")
    with CaptureQueriesContext(connection) as first:
        _rows(read, [1, 2], prepared=True)
    with CaptureQueriesContext(connection) as then:
        _rows(read, [2, 3], prepared=True)
        _rows(read, [3, 4], prepared=True)
    assert [q["sql"].split()[0] for q in first.captured_queries] == ["PREPARE", "EXECUTE"]
    assert [q["sql"].split()[0] for q in then.captured_queries] == ["EXECUTE", "EXECUTE"]
    name = then.captured_queries[0]["sql"].split()[1].split("(")[0]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans + custom_plans FROM pg_prepared_statements WHERE name = %s",
            [name],
        )
        assert cursor.fetchall() == [(3,)]


@postgresql_only
def test_a_rolled_back_transaction_keeps_what_it_prepared():
    read = READ.format(alias="rolled")
    with pytest.raises(RuntimeError), transaction.atomic():
        _rows(read, [1, 2], prepared=True)
        raise RuntimeError("rolled back")
    with CaptureQueriesContext(connection) as then:
        assert _rows(read, [1, 2], prepared=True) == _rows(read, [1, 2], prepared=False)
    assert then.captured_queries[0]["sql"].startswith("EXECUTE ")


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_new_connection_prepares_it_again():
    read = READ.format(alias="again")
    expected = _rows(read, [1, 9], prepared=True)
    connection.close()  # as CONN_MAX_AGE ends a connection: PostgreSQL forgets its statements
    with CaptureQueriesContext(connection) as again:
        assert _rows(read, [1, 9], prepared=True) == expected
    assert [q["sql"].split()[0] for q in again.captured_queries] == ["PREPARE", "EXECUTE"]


@pytest.mark.parametrize(
    "statement",
    [
        'UPDATE "audit_cachestamp" SET "value" = 1 WHERE "id" = %s',
        'WITH gone AS (DELETE FROM "audit_cachestamp" WHERE "id" = %s) SELECT 1',
        'SELECT 1 FROM "audit_cachestamp" WHERE "id" = %s; INSERT INTO "x" VALUES (1)',
        "SELECT '100%%' WHERE 1 = %s",
        "SELECT $1::int WHERE 1 = %s",
    ],
)
def test_only_a_plain_read_is_prepared(statement):
    # The cache's stamps see a write by its text, which an EXECUTE would hide from them.
    with connection.cursor() as cursor, pytest.raises(ValueError, match="Only a SELECT"):
        execute_prepared(cursor, statement, [1])


@postgresql_only
def test_a_read_that_locks_rows_is_a_read():
    with transaction.atomic():
        rows = _rows(
            READ.format(alias="locks").replace("ORDER BY 1", "FOR UPDATE"), [1, 1], prepared=True
        )
    assert [row[0] for row in rows] == [1]


@postgresql_only
def test_a_connection_closed_after_each_request_runs_it_as_written(monkeypatch):
    # DB_CONN_MAX_AGE 0, as behind a pooler in transaction mode (docs/deployment.md): the next
    # transaction may meet another server connection, which holds other statements or none.
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 0)
    read = READ.format(alias="pooled")
    with CaptureQueriesContext(connection) as run:
        assert _rows(read, [1, 3], prepared=True) == [(1, 10), (2, 20), (3, 30)]
        _rows(read, [1, 3], prepared=True)
    assert [q["sql"].split()[0] for q in run.captured_queries] == ["SELECT", "SELECT"]


@postgresql_only
def test_a_save_reads_its_draft_through_the_prepared_statement(threat, quarter, business_lead):
    draft = services.assessment_start(threat=threat, quarter=quarter, actor=business_lead)
    with CaptureQueriesContext(connection) as saves:
        for n in (1, 2):
            saved = services.assessment_save_draft(
                assessment=draft.pk,
                actor=business_lead,
                data={"risks": f"Risk {n}."},
                revision=draft.revision + n - 1,
            )
    assert [q["sql"].split()[0] for q in saves.captured_queries].count("EXECUTE") == 2
    assert (saved.risks, saved.revision) == ("Risk 2.", draft.revision + 2)
    with pytest.raises(services.ConcurrentEdit) as refused:
        services.assessment_save_draft(
            assessment=draft.pk, actor=business_lead, data={"risks": "Stale."}, revision=1
        )
    assert refused.value.current.risks == "Risk 2."

"""Tests of what only the production database does (PostgreSQL triggers, settings, row locks).

CI runs the whole suite on PostgreSQL too (.ci/run), so these run there; on the embedded
SQLite database they are skipped, and say so, rather than passing without asserting."""

import pytest
from django.db import connection

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL only: SQLite has no such triggers, settings or row locks (CI runs it there)",
)

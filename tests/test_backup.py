"""The documented backup and restore (scripts/backup.sh, scripts/restore.sh), run for real on
the database the suite uses: back up, restore into an empty database, and verify_integrity
holds there; a backup altered afterwards is refused."""

import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from assessments.models import AssessmentSnapshot
from audit.models import AuditEvent
from tests.reports.support import new_report, publish

ROOT = Path(__file__).resolve().parent.parent


def _run(script: str, folder: Path, database_url: str, media: Path):
    env = os.environ | {
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media),
        "PY": sys.executable,
        "DEBUG": "true",
    }
    return subprocess.run(
        [str(ROOT / "scripts" / script), str(folder)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _postgres_url(name: str) -> str:
    db = settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def _live_url(live) -> str:
    """On SQLite, the suite's in-memory database written to the file a service would have."""
    if connection.vendor == "postgresql":
        return live
    with sqlite3.connect(live) as copy:
        connection.ensure_connection()
        connection.connection.backup(copy)
    return f"sqlite:///{live}"


@pytest.fixture
def live_database(tmp_path):
    """The database as the running service sees it, and an empty one to restore into."""
    if connection.vendor == "postgresql":
        empty = f"spr_restore_{uuid.uuid4().hex[:8]}"
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{empty}"')
        yield _postgres_url(connection.settings_dict["NAME"]), _postgres_url(empty)
        connection.close()  # so the drop is not refused by an open session of ours
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE "{empty}" WITH (FORCE)')
    else:
        # The suite's SQLite database lives in memory: write it to a file first, which is
        # what a running service has.
        live = tmp_path / "live.sqlite3"
        yield live, f"sqlite:///{tmp_path / 'restored.sqlite3'}"


@pytest.mark.django_db(transaction=True)
def test_backup_restore_and_integrity_holds(tmp_path, live_database, signed_quarter, spr_lead):
    publish(report=new_report(signed_quarter, spr_lead), actor=spr_lead)
    live = _live_url(live_database[0])
    target = live_database[1]
    media = tmp_path / "media"
    (media / "evidence").mkdir(parents=True)
    (media / "evidence" / "note.txt").write_text("An uploaded file.")
    backup = tmp_path / "backup"

    made = _run("backup.sh", backup, live, media)
    assert made.returncode == 0, made.stderr
    assert (backup / "SHA256SUMS").read_text().count("\n") == 2  # database and media

    restored_media = tmp_path / "restored-media"
    restored = _run("restore.sh", backup, target, restored_media)
    assert restored.returncode == 0, restored.stderr
    snapshots = AssessmentSnapshot.objects.count()
    assert f"Integrity holds: {snapshots} signed or submitted versions, 1 stored PDFs" in (
        restored.stdout
    )
    assert (restored_media / "evidence" / "note.txt").read_text() == "An uploaded file."
    assert AuditEvent.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_an_altered_backup_is_refused(tmp_path, live_database, signed_quarter):
    live = _live_url(live_database[0])
    target = live_database[1]
    backup = tmp_path / "backup"
    assert _run("backup.sh", backup, live, tmp_path / "none").returncode == 0
    dump = next(backup.glob("database.*"))
    dump.write_bytes(dump.read_bytes() + b"\0")
    refused = _run("restore.sh", backup, target, tmp_path / "media")
    assert refused.returncode != 0
    assert "FAILED" in refused.stdout + refused.stderr

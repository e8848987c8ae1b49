#!/usr/bin/env bash
# Back up the whole service into a new folder: the database (PostgreSQL with pg_dump, or the
# SQLite file through SQLite's online backup), the uploaded files (under MEDIA_ROOT, or every
# evidence file in the bucket when AWS_STORAGE_BUCKET_NAME is set: objects.tar, through the
# storage API), and a SHA256SUMS of them. Safe while the service runs: the database first, so
# every file it names was stored before it (an evidence file is written before its row).
#   scripts/backup.sh /var/backups/spr-portal/2026-11-29
# Reads DATABASE_URL and MEDIA_ROOT as the service does (SQLite db.sqlite3 and media/ when unset).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: scripts/backup.sh FOLDER}
mkdir -p "$out"
[ -z "$(ls -A "$out")" ] || { echo "$out is not empty" >&2; exit 1; }
PY=${PY:-.venv/bin/python}

case "${DATABASE_URL:-}" in
  postgres://*|postgresql://*)
    pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" \
      --file="$out/database.dump" ;;
  ""|sqlite://*)
    "$PY" - "$out/database.sqlite3" <<'PYTHON'
import os, sqlite3, sys
url = os.environ.get("DATABASE_URL", "")
source = url.removeprefix("sqlite:///") if url else "db.sqlite3"
with sqlite3.connect(source) as live, sqlite3.connect(sys.argv[1]) as copy:
    live.backup(copy)
PYTHON
    ;;
  *) echo "Unknown DATABASE_URL scheme" >&2; exit 1 ;;
esac

if [ -n "${AWS_STORAGE_BUCKET_NAME:-}" ]; then
  DATABASE_URL=${DATABASE_URL:-} "$PY" manage.py backup_objects "$out/objects.tar"
else
  media=${MEDIA_ROOT:-media}
  if [ -d "$media" ]; then tar -C "$media" -czf "$out/media.tar.gz" .; fi
fi
(cd "$out" && sha256sum -- * > SHA256SUMS)
echo "Backed up to $out:"
cat "$out/SHA256SUMS"

#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into an EMPTY database (created beforehand, e.g.
# `createdb spr_portal`, or a SQLite path that does not exist yet) and MEDIA_ROOT (or the
# bucket named by AWS_STORAGE_BUCKET_NAME, for a backup that holds objects.tar), then run
# manage.py verify_integrity: the restore counts only if every fingerprint and checksum holds.
#   DATABASE_URL=postgres://…/spr_portal scripts/restore.sh /var/backups/spr-portal/2026-11-29
set -euo pipefail
cd "$(dirname "$0")/.."
from=${1:?usage: scripts/restore.sh FOLDER}
PY=${PY:-.venv/bin/python}
(cd "$from" && sha256sum --check --quiet SHA256SUMS)

case "${DATABASE_URL:-}" in
  postgres://*|postgresql://*)
    pg_restore --no-owner --no-privileges --exit-on-error --dbname="$DATABASE_URL" \
      "$from/database.dump" ;;
  ""|sqlite://*)
    target=${DATABASE_URL:+${DATABASE_URL#sqlite:///}}
    target=${target:-db.sqlite3}
    [ ! -e "$target" ] || { echo "$target exists: restore into a new file" >&2; exit 1; }
    cp "$from/database.sqlite3" "$target" ;;
  *) echo "Unknown DATABASE_URL scheme" >&2; exit 1 ;;
esac

if [ -f "$from/objects.tar" ]; then
  "$PY" manage.py backup_objects --restore "$from/objects.tar"
fi
if [ -f "$from/media.tar.gz" ]; then
  media=${MEDIA_ROOT:-media}
  mkdir -p "$media"
  tar -C "$media" -xzf "$from/media.tar.gz"
fi
"$PY" manage.py verify_integrity

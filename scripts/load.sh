#!/usr/bin/env bash
# Load test of SPR Portal as production serves it: gunicorn (DEBUG off, WhiteNoise, collected
# static) on the demo data, driven by wrk over loopback only, a bounded 10 s per page.
# Needs wrk (Debian package `wrk`). Prints requests per second and latency per page.
#   scripts/load.sh [workers] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
WORKERS=${1:-3}
CONNECTIONS=${2:-8}
PORT=8400
DB=/tmp/spr-portal-load.sqlite3
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }

export DATABASE_URL="sqlite:///$DB" DEBUG=false ALLOWED_HOSTS=127.0.0.1
export SECRET_KEY="load-test-only-$(head -c 24 /dev/urandom | base64)"
export SECURE_SSL_REDIRECT=false SECURE_COOKIES=false SECURE_HSTS_SECONDS=0
export SPR_DEMO_PASSWORD="load-test-$RANDOM$RANDOM"
rm -f "$DB"
.venv/bin/python manage.py migrate -v 0
.venv/bin/python manage.py seed_demo >/dev/null
.venv/bin/python manage.py collectstatic --noinput -v 0

session_of() {
  .venv/bin/python manage.py shell -v 0 -c "
from django.contrib.auth import get_user_model
from django.test import Client
client = Client()
client.force_login(get_user_model().objects.get(username='$1'))
print(client.cookies['sessionid'].value)"
}

.venv/bin/gunicorn spr_portal.wsgi --bind "127.0.0.1:$PORT" --workers "$WORKERS" \
  --log-level warning &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done

report_id=$(.venv/bin/python manage.py shell -v 0 -c "
from reports.models import BoardReport
print(BoardReport.objects.published().order_by('-meeting_date').first().pk)")
spr=$(session_of acc.security)
pcc=$(session_of pcc.office)
lead=$(session_of lead.ops)

run() {  # label, session, path
  printf '\n### %s (%s)\n' "$1" "$3"
  # Warm every worker first: the first request of each loads templates and opens the database.
  for _ in $(seq $((WORKERS * 3))); do
    curl -fs -o /dev/null -H "Cookie: sessionid=$2" "http://127.0.0.1:$PORT$3"
  done
  wrk -t 2 -c "$CONNECTIONS" -d 10s --latency -H "Cookie: sessionid=$2" \
    "http://127.0.0.1:$PORT$3" | grep -E "Requests/sec|50%|99%|Non-2xx"
}
echo "gunicorn $WORKERS workers, wrk 2 threads, $CONNECTIONS connections, 10 s each"
run "Quarter board" "$spr" /board/
run "My assessments" "$lead" /my-assessments/
run "Board reports" "$pcc" /reports/
run "Download PDF" "$pcc" "/reports/$report_id/download/"
run "Stylesheet" "$pcc" /static/build/app.css

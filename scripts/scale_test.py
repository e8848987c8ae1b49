"""`make scale-test`: the portal as many instances on this machine, proven through nginx.

Starts, as processes of its own (all stopped on exit, whatever happens): a PostgreSQL
database of its own on the running server (SCALE_DATABASE_URL), Redis's db SCALE_REDIS_DB on
the running server (emptied first), an S3 API (moto's server mode) with one bucket, an SMTP
sink (aiosmtpd, writing a Maildir), two gunicorn instances of the portal ("a" and "b"), two
task workers (`manage.py db_worker`), and nginx balancing between the instances. Then runs
the checks of docs/deployment.md ("What make scale-test proves") through nginx with
`requests`, measures with wrk, and prints one summary line last. Exit status 0 when every
check holds.

  make scale-test                       # or: .venv/bin/python scripts/scale_test.py
  SCALE_SECONDS=5 SCALE_REDIS_DB=2 SCALE_DATABASE_URL=postgres://…/spr_scale make scale-test
"""

import contextlib
import hashlib
import hmac
import io
import json
import mailbox
import os
import re
import secrets
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import boto3
import requests

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
BIN = Path(PY).parent
DATABASE_URL = os.environ.get(
    "SCALE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/spr_portal_scale"
)
REDIS_URL = f"redis://127.0.0.1:6379/{int(os.environ.get('SCALE_REDIS_DB', '14'))}"
SECONDS = int(os.environ.get("SCALE_SECONDS", "8"))
BUCKET = "spr-portal-scale"

results: list[tuple[str, bool, str]] = []
processes: dict[str, subprocess.Popen] = {}


def say(text: str) -> None:
    print(f"[scale-test {time.strftime('%H:%M:%S')}] {text}", flush=True)


def check(name: str, ok: bool, detail: str = "") -> bool:
    results.append((name, ok, detail))
    say(f"{'PASS' if ok else 'FAIL'} {name}{': ' + detail if detail else ''}")
    return ok


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 90, expect=(200,)) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(requests.RequestException):
            if requests.get(url, timeout=2).status_code in expect:
                return
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {seconds}s")


class Stack:
    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.ports = {name: free_port() for name in ("a", "b", "s3", "smtp", "nginx", "nginx_one")}
        self.maildir = tmp / "mail"
        self.secret = secrets.token_urlsafe(40)
        self.env = os.environ | {
            "DEBUG": "false",
            "SPR_DEMO": "false",
            "SECRET_KEY": self.secret,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_COOKIES": "false",  # plain HTTP between this client and nginx
            "SECURE_HSTS_SECONDS": "0",
            "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
            "DATABASE_URL": DATABASE_URL,
            "REDIS_URL": REDIS_URL,
            "AWS_STORAGE_BUCKET_NAME": BUCKET,
            "AWS_S3_ENDPOINT_URL": f"http://127.0.0.1:{self.ports['s3']}",
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": "scale-test",
            "AWS_SECRET_ACCESS_KEY": "scale-test-secret",  # noqa: S105 - moto's, local only
            "SPR_TASKS": "database",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.ports["smtp"]),
            "SPR_PORTAL_URL": f"http://127.0.0.1:{self.ports['nginx']}",
            "LOG_FORMAT": "json",
            "MEDIA_ROOT": str(tmp / "media"),  # must stay empty: files go to the bucket
            "DB_CONN_MAX_AGE": "0",
            "PYTHONUNBUFFERED": "1",
        }
        self.env.pop("SPR_SENDFILE", None)
        self.drained: set[str] = set()

    def balance(self, *, drained: set[str]) -> None:
        """Rewrite nginx's configuration with these instances marked down, and reload it
        (graceful: the requests in flight finish on the old workers)."""
        self.drained = drained
        conf = self.nginx_conf()
        subprocess.run(  # noqa: S603
            [self.nginx, "-p", str(conf.parent), "-c", str(conf), "-s", "reload"],
            check=True,
            capture_output=True,
        )
        time.sleep(1)

    # --- processes -------------------------------------------------------------------
    def start(self, name: str, argv: list[str], **env) -> subprocess.Popen:
        log = open(self.tmp / f"{name}.log", "ab")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(  # noqa: S603
            argv,
            cwd=ROOT,
            env=self.env | env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped with its children
        )
        processes[name] = process
        return process

    def stop(self, name: str, sig=signal.SIGTERM, wait: float = 20) -> None:
        process = processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(wait)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)

    def manage(self, *args: str, check_ok=True) -> str:
        done = subprocess.run(  # noqa: S603
            [PY, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, text=True
        )
        if check_ok and done.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)}: {done.stderr[-2000:]}")
        return done.stdout

    def portal(self, *args: str) -> dict:
        done = subprocess.run(  # noqa: S603
            [PY, "scripts/scale/portal_side.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
        )
        if done.returncode:
            raise RuntimeError(f"portal_side {args}: {done.stderr[-2000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])

    def start_instance(self, name: str) -> None:
        self.start(
            f"gunicorn-{name}",
            [
                str(BIN / "gunicorn"),
                "-c",
                "python:spr_portal.gunicorn_conf",
                "--bind",
                f"127.0.0.1:{self.ports[name]}",
                "--workers",
                "2",
                "--no-control-socket",
                "--graceful-timeout",
                "20",
                "spr_portal.wsgi",
            ],
            SPR_INSTANCE=name,
        )
        wait_for(f"http://127.0.0.1:{self.ports[name]}/healthz")

    def drain_and_stop(self, name: str, drained: threading.Event) -> None:
        """As an upgrade does it (docs/deployment.md): out of the balancer (`drained` set
        once nginx has reloaded), then stopped."""
        self.balance(drained={name})
        drained.set()
        self.stop(f"gunicorn-{name}")

    def start_worker(self, name: str) -> None:
        self.start(
            name,
            [PY, "manage.py", "db_worker", "--interval", "0.2", "--worker-id", name],
            SPR_INSTANCE=name,
        )

    def database(self, action: str) -> bool:
        """drop, create (empty), save-seed (keep the seeded demo as a template, for
        SCALE_REUSE_SEED=1 runs), from-seed (create from it; False when there is none)."""
        name = urlsplit(DATABASE_URL).path.lstrip("/")
        seed = f"{name}_seeded"
        admin = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
        statements = {
            "drop": [f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'],
            "create": [f'CREATE DATABASE "{name}"'],
            "save-seed": [
                f'DROP DATABASE IF EXISTS "{seed}"',
                f'CREATE DATABASE "{seed}" TEMPLATE "{name}"',
            ],
            "from-seed": [f'CREATE DATABASE "{name}" TEMPLATE "{seed}"'],
        }[action]
        done = subprocess.run(  # noqa: S603
            ["psql", admin, "-q", *(f"--command={sql}" for sql in statements)],  # noqa: S607
            capture_output=True,
            text=True,
        )
        if done.returncode and action != "from-seed":
            raise RuntimeError(f"psql: {done.stderr}")
        return done.returncode == 0

    def nginx_conf(self) -> Path:
        prefix = self.tmp / "nginx"
        # nginx's workers drop root for "nobody": they must reach their temporary folders.
        self.tmp.chmod(0o755)
        for folder in ("logs", "client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (prefix / folder).mkdir(parents=True, exist_ok=True)
            (prefix / folder).chmod(0o777)
        a, b = self.ports["a"], self.ports["b"]
        upstream_args = "max_fails=1 fail_timeout=5s"
        down_a = " down" if "a" in self.drained else ""
        conf = f"""
worker_processes 1;
error_log {prefix}/logs/error.log warn;
pid {prefix}/nginx.pid;
events {{ worker_connections 512; }}
http {{
    access_log {prefix}/logs/access.log;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    client_max_body_size 25m;
    upstream portal {{
        server 127.0.0.1:{a} {upstream_args}{down_a};
        server 127.0.0.1:{b} {upstream_args};
        keepalive 16;
    }}
    upstream portal_one {{
        server 127.0.0.1:{a};
        keepalive 16;
    }}
    # A request refused before it reached an instance (connection refused, 502) is tried
    # on the other; one an instance has received is never sent twice (non_idempotent off).
    proxy_next_upstream error timeout http_502 http_503;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $http_host;
    proxy_set_header X-Request-ID $request_id;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    server {{
        listen 127.0.0.1:{self.ports["nginx"]};
        location / {{ proxy_pass http://portal; }}
    }}
    server {{
        listen 127.0.0.1:{self.ports["nginx_one"]};
        location / {{ proxy_pass http://portal_one; }}
    }}
}}
"""
        path = prefix / "nginx.conf"
        path.write_text(conf)
        return path


# --- the client ------------------------------------------------------------------------
def totp(key_hex: str, at: float | None = None) -> str:
    """RFC 6238, 30-second steps, 6 digits (django-otp's defaults)."""
    counter = int((at or time.time()) // 30)
    digest = hmac.new(bytes.fromhex(key_hex), struct.pack(">Q", counter), "sha1").digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{code:06d}"


def csrf(session: requests.Session, html: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return found.group(1) if found else session.cookies.get("csrftoken", "")


def sign_in(base: str, username: str, password: str, totp_key: str | None = None):
    session = requests.Session()
    page = session.get(f"{base}/accounts/login/", timeout=30)
    answer = session.post(
        f"{base}/accounts/login/",
        data={
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": csrf(session, page.text),
        },
        headers={"Referer": f"{base}/accounts/login/"},
        timeout=30,
    )
    if totp_key and "/accounts/" in answer.url and "code" in answer.text:
        answer = session.post(
            answer.url,
            data={"code": totp(totp_key), "csrfmiddlewaretoken": csrf(session, answer.text)},
            headers={"Referer": answer.url},
            timeout=30,
        )
    return session, answer


def pdf_bytes(size: int) -> bytes:
    """A real PDF (one blank page) of about `size` bytes: random text in its metadata."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Subject": secrets.token_hex(size // 2)})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def wait_queue(stack: Stack, seconds: float = 120) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        counts = stack.portal("queue")
        if not counts.get("ready") and not counts.get("running"):
            return counts
        time.sleep(0.5)
    return stack.portal("queue")


def wrk(url: str, cookie: str, tmp: Path, seconds: int) -> dict:
    script = tmp / "p95.lua"
    script.write_text(
        "done = function(summary, latency, requests)\n"
        '  io.write(string.format("P95 %d\\nREQ %d\\nERR %d\\n", latency:percentile(95), '
        "summary.requests, summary.errors.status + summary.errors.connect + "
        "summary.errors.read + summary.errors.write + summary.errors.timeout))\n"
        "end\n"
    )
    done = subprocess.run(  # noqa: S603
        [
            shutil.which("wrk") or "wrk",
            "-t2",
            "-c4",
            f"-d{seconds}s",
            "--timeout",
            "20s",
            "-s",
            str(script),
            "-H",
            f"Cookie: {cookie}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    found = dict(re.findall(r"^(P95|REQ|ERR) (\d+)$", done.stdout, re.M))
    return {
        "p95_ms": int(found["P95"]) / 1000,
        "rps": int(found["REQ"]) / seconds,
        "errors": int(found["ERR"]),
    }


def run_checks(stack: Stack, tmp: Path) -> dict:
    base = f"http://127.0.0.1:{stack.ports['nginx']}"
    info = stack.portal("prepare")
    password, key = info["password"], info["totp_key"]
    numbers: dict[str, object] = {}

    # 1. One sign-in, requests on both instances, the session (second factor included) held.
    spr, answer = sign_in(base, info["spr"], password, key)
    served, held = set(), 0
    for _ in range(20):
        page = spr.get(f"{base}/board/", timeout=60, allow_redirects=False)
        served.add(page.headers.get("X-Served-By"))
        held += page.status_code == 200
    check(
        "session holds across instances, second factor included",
        served == {"a", "b"} and held == 20,
        f"20 board pages, {held} answered 200, served by {sorted(map(str, served))}",
    )

    # 2. Evidence uploaded through one instance, downloaded through the other.
    lead, _ = sign_in(base, info["lead"], password)
    evidence_url = f"{base}/my-assessments/{info['draft']}/evidence/"
    content = pdf_bytes(300_000)
    page = lead.get(evidence_url, timeout=60)
    uploaded = None
    section = re.search(r'<option value="([a-z_]+)"', page.text)
    if section:
        uploaded = lead.post(
            evidence_url,
            data={"section": section.group(1), "csrfmiddlewaretoken": csrf(lead, page.text)},
            files={"file": ("scale-test-evidence.pdf", content, "application/pdf")},
            headers={"Referer": evidence_url},
            timeout=60,
        )
    upload_by = (
        uploaded.history[0].headers.get("X-Served-By") if uploaded and uploaded.history else None
    )
    sums = stack.portal("checksums")
    new_id = max(sums["evidence"], key=int) if sums["evidence"] else None
    got, got_by = b"", None
    for _ in range(6):  # until the other instance answers
        response = spr.get(f"{base}/evidence/{new_id}/", timeout=60)
        got, got_by = response.content, response.headers.get("X-Served-By")
        if got_by and got_by != upload_by:
            break
    stored_name = stack.portal("evidence-key", str(new_id))["name"] if new_id else ""
    s3 = stack.s3
    in_bucket = s3.get_object(Bucket=BUCKET, Key=stored_name)["Body"].read() if new_id else b""
    on_disk = [p for p in (tmp / "media").rglob("*") if p.is_file()]
    check(
        "evidence uploaded on one instance downloads on the other, from the bucket",
        bool(upload_by)
        and bool(got_by)
        and upload_by != got_by
        and got == content
        and sha(got) == sums["evidence"][new_id] == sha(content)
        and in_bucket == content
        and not on_disk,
        f"{len(content)} bytes up via {upload_by}, down via {got_by}, SHA-256 "
        f"{sha(got)[:12]}…, in bucket as {stored_name}, files on disk: {len(on_disk)}",
    )

    # 3. A paper published through one instance downloads byte-identical through the other.
    report = info["report"]
    correct_url = f"{base}/reports/{report}/correct/"
    page = spr.get(correct_url, timeout=60)
    corrected = spr.post(
        correct_url,
        data={
            "note": "Scale test: a correction published through one instance.",
            "csrfmiddlewaretoken": csrf(spr, page.text),
        },
        headers={"Referer": correct_url},
        timeout=120,
    )
    draft_id = re.search(r"/reports/(\d+)/", corrected.url)
    draft_id = draft_id.group(1) if draft_id else ""
    publish_url = f"{base}/reports/{draft_id}/publish/"
    page = spr.get(publish_url, timeout=120)
    revision = re.search(r'name="revision" value="(\d+)"', page.text)
    published = spr.post(
        publish_url,
        data={
            "revision": revision.group(1) if revision else "",
            "csrfmiddlewaretoken": csrf(spr, page.text),
        },
        headers={"Referer": publish_url},
        timeout=300,
    )
    publish_by = (
        published.history[0].headers.get("X-Served-By")
        if published.history
        else published.headers.get("X-Served-By")
    )
    wait_queue(stack)
    sums = stack.portal("checksums")
    paper_sha = sums["papers"].get(draft_id)
    pdf_url = f"{base}/reports/{draft_id}/download/"
    downloads = {}
    for _ in range(6):
        response = spr.get(pdf_url, timeout=120)
        downloads[response.headers.get("X-Served-By")] = response.content
    copies = [item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])]
    check(
        "a paper published on one instance downloads byte-identical on the other",
        bool(paper_sha)
        and set(downloads) == {"a", "b"}
        and all(sha(body) == paper_sha for body in downloads.values())
        and f"published-pdf/{paper_sha}.pdf" in copies,
        f"published via {publish_by}, SHA-256 {str(paper_sha)[:12]}…, downloaded via "
        f"{sorted(map(str, downloads))}, copy in bucket: "
        f"{f'published-pdf/{paper_sha}.pdf' in copies}",
    )
    numbers["pdf_url"] = pdf_url

    # 3b. A draft saved through one instance reads so at once through the other, though each
    # had its near copy of the page's cache entries (spr_portal/cache_stamp.py) warm.
    section_url = f"{base}/my-assessments/{info['draft']}/sections/capability/"
    seen_by = set()
    for _ in range(10):  # until both instances have built the page
        page = lead.get(section_url, timeout=60)
        seen_by.add(page.headers.get("X-Served-By"))
        if seen_by == {"a", "b"}:
            break
    revision = re.search(r'name="revision" value="(\d+)"', page.text)
    words = f"Scale test: saved through one instance ({secrets.token_hex(4)})."
    saved = lead.post(
        section_url,
        data={
            "capability_grade": "3",
            "capability_narrative": words,
            "revision": revision.group(1) if revision else "",
            "csrfmiddlewaretoken": csrf(lead, page.text),
        },
        headers={"Referer": section_url},
        timeout=60,
    )
    saved_by = saved.history[0].headers.get("X-Served-By") if saved.history else None
    read_by, read = None, ""
    for _ in range(6):  # until the other instance answers
        page = lead.get(section_url, timeout=60)
        read_by, read = page.headers.get("X-Served-By"), page.text
        if read_by and read_by != saved_by:
            break
    check(
        "a draft saved on one instance reads so at once on the other, its cache warm",
        seen_by == {"a", "b"} and bool(saved_by) and read_by != saved_by and words in read,
        f"page built by {sorted(map(str, seen_by))}, saved via {saved_by}, read via {read_by}: "
        f"{'the saved words' if words in read else 'NOT the saved words'}",
    )

    # 4. Stop one instance in the middle of a run of requests.
    tokens_url = f"{base}/api-tokens/"
    answers, prefix, first = [], f"scale-{secrets.token_hex(3)}-", 20
    page = lead.get(tokens_url, timeout=60)
    token = csrf(lead, page.text)
    drained = threading.Event()
    stopper = threading.Thread(target=stack.drain_and_stop, args=("a", drained))
    # `first` writes, then the drain starts and the writes go on: each is marked by whether
    # nginx had taken "a" out when it was sent, until ten were sent after that.
    while sum(sent_after for *_, sent_after in answers) < 10 and len(answers) < 400:
        if len(answers) == first:
            stopper.start()
        sent_after = drained.is_set()
        try:
            response = lead.post(
                tokens_url,
                data={
                    "name": f"{prefix}{len(answers)}",
                    "scopes": "read:grades",
                    "expires_in_days": "30",
                    "csrfmiddlewaretoken": token,
                },
                headers={"Referer": tokens_url},
                timeout=60,
            )
            answers.append((response.status_code, response.headers.get("X-Served-By"), sent_after))
        except requests.RequestException as error:
            answers.append((0, str(error), sent_after))
    stopper.join()
    made = stack.portal("tokens", prefix)["tokens"]
    after = [by for _, by, sent_after in answers if sent_after]
    check(
        "one instance stopped mid-run: nginx moves on, nothing lost, nothing done twice",
        all(code == 200 for code, *_ in answers)
        and len(made) == len(answers)
        and all(count == 1 for count in made.values())
        and set(after) == {"b"},
        f"{len(answers)} writes, {sum(c == 200 for c, *_ in answers)} answered 200, "
        f"{len(made)} stored, duplicates {sum(c > 1 for c in made.values())}, "
        f"the {len(after)} sent after the drain served by {sorted(set(map(str, after)))}",
    )
    stack.start_instance("a")
    stack.balance(drained=set())

    # 4b. An instance that dies (SIGKILL, not drained) in a run of reads: nginx tries each
    # read it could not get from it on the other instance.
    reads, total = [], 30
    for number in range(total):
        if number == total // 2:
            stack.stop("gunicorn-b", sig=signal.SIGKILL)
        try:
            response = spr.get(f"{base}/board/", timeout=60, allow_redirects=False)
            reads.append((response.status_code, response.headers.get("X-Served-By")))
        except requests.RequestException as error:
            reads.append((0, str(error)))
    after = [by for _, by in reads[total // 2 :]]
    check(
        "one instance killed mid-run of reads: nginx moves to the other, every read answered",
        all(code == 200 for code, _ in reads) and set(after) == {"a"},
        f"{total} reads, {sum(c == 200 for c, _ in reads)} answered 200, after the kill "
        f"served by {sorted(set(map(str, after)))}",
    )
    stack.start_instance("b")

    # 5. Two workers, a reminder due: exactly one e-mail per person and reminder.
    wait_queue(stack)
    before = set(mailbox.Maildir(stack.maildir).keys())
    day = info["reminder_day"]
    stack.portal("enqueue-reminders", day, "2")
    wait_queue(stack)
    time.sleep(1)
    box = mailbox.Maildir(stack.maildir)
    new = [box[key] for key in box.keys() if key not in before]
    sent_to = [(m["To"], m["Subject"]) for m in new]
    logged = stack.portal("reminders", day)["sent"]
    per_person: dict[str, int] = {}
    for to, _ in sent_to:
        per_person[to] = per_person.get(to, 0) + 1
    check(
        "two workers, reminders due: one e-mail per person and reminder",
        bool(logged)
        and len(sent_to) == len(logged)
        and len(set(sent_to)) == len(sent_to)
        and sorted(per_person) == sorted({email for email, _ in logged}),
        f"{len(logged)} reminders logged, {len(sent_to)} e-mails received by "
        f"{len(per_person)} people, duplicates {len(sent_to) - len(set(sent_to))}",
    )

    # 6. Backup, wipe, restore: the database and the bucket together.
    stack.stop("worker-1")
    stack.stop("worker-2")
    before_sums = stack.portal("checksums")
    backup = tmp / "backup"
    subprocess.run(  # noqa: S603
        [str(ROOT / "scripts/backup.sh"), str(backup)],
        cwd=ROOT,
        env=stack.env | {"PY": PY},
        check=True,
        capture_output=True,
    )
    stack.database("drop")
    stack.database("create")
    for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        s3.delete_object(Bucket=BUCKET, Key=item["Key"])
    wiped = not s3.list_objects_v2(Bucket=BUCKET).get("Contents")
    restored = subprocess.run(  # noqa: S603
        [str(ROOT / "scripts/restore.sh"), str(backup)],
        cwd=ROOT,
        env=stack.env | {"PY": PY},
        capture_output=True,
        text=True,
    )
    after_sums = stack.portal("checksums")
    spr, _ = sign_in(base, info["spr"], password, key)
    mismatched = []
    for pk, expected in after_sums["evidence"].items():
        if sha(spr.get(f"{base}/evidence/{pk}/", timeout=60).content) != expected:
            mismatched.append(f"evidence {pk}")
    for pk, expected in after_sums["papers"].items():
        if sha(spr.get(f"{base}/reports/{pk}/download/", timeout=120).content) != expected:
            mismatched.append(f"paper {pk}")
    check(
        "backup, wipe, restore: verify_integrity holds, every download matches its checksum",
        wiped
        and restored.returncode == 0
        and "holds" in (restored.stdout + restored.stderr).lower()
        and after_sums == before_sums
        and not mismatched,
        f"{len(after_sums['evidence'])} evidence files, {len(after_sums['papers'])} papers; "
        f"verify_integrity: {(restored.stdout.strip().splitlines() or ['?'])[-1][:80]}; "
        f"mismatches {mismatched or 'none'}",
    )
    numbers["cookie"] = "; ".join(f"{k}={v}" for k, v in spr.cookies.items())
    return numbers


def measure(stack: Stack, numbers: dict, tmp: Path) -> str:
    if not shutil.which("wrk"):
        check("wrk measurement", False, "wrk is not installed")
        return ""
    cookie = numbers["cookie"]
    two = f"http://127.0.0.1:{stack.ports['nginx']}"
    one = f"http://127.0.0.1:{stack.ports['nginx_one']}"
    pdf_path = urlsplit(numbers["pdf_url"]).path
    lines = []
    for label, path in (("board", "/board/"), ("pdf", pdf_path)):
        for instances, base in (("1", one), ("2", two)):
            result = wrk(base + path, cookie, tmp, SECONDS)
            lines.append(
                f"{label} x{instances}: p95 {result['p95_ms']:.0f} ms, "
                f"{result['rps']:.1f} req/s, errors {result['errors']}"
            )
            say(lines[-1])
    return "; ".join(lines)


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="spr-scale-"))
    stack = Stack(tmp)

    def stop_everything(*_):
        for name in list(processes)[::-1]:
            stack.stop(name, wait=10)
        with contextlib.suppress(Exception):
            stack.database("drop")
        with contextlib.suppress(Exception):
            import redis

            redis.Redis.from_url(REDIS_URL).flushdb()

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    measured = ""
    try:
        say(f"working in {tmp}; database {DATABASE_URL}; Redis {REDIS_URL}")
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()
        stack.database("drop")
        reuse = os.environ.get("SCALE_REUSE_SEED") == "1" and stack.database("from-seed")
        if not reuse:
            stack.database("create")
        stack.start(
            "moto", [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(stack.ports["s3"])]
        )
        wait_for(f"http://127.0.0.1:{stack.ports['s3']}/moto-api/", expect=(200, 404))
        stack.s3 = boto3.client(
            "s3",
            endpoint_url=stack.env["AWS_S3_ENDPOINT_URL"],
            region_name="us-east-1",
            aws_access_key_id="scale-test",
            aws_secret_access_key="scale-test-secret",  # noqa: S106
        )
        stack.s3.create_bucket(Bucket=BUCKET)
        stack.maildir.mkdir()
        for folder in ("cur", "new", "tmp"):
            (stack.maildir / folder).mkdir()
        stack.start(
            "smtp",
            [
                str(BIN / "aiosmtpd"),
                "-n",
                "-l",
                f"127.0.0.1:{stack.ports['smtp']}",
                "-c",
                "aiosmtpd.handlers.Mailbox",
                str(stack.maildir),
            ],
        )
        say("migrating and loading the demo")
        stack.manage("migrate", "--noinput", "-v", "0")
        if not reuse:
            stack.manage("seed_demo")
            if os.environ.get("SCALE_REUSE_SEED") == "1":
                stack.database("save-seed")
        stack.manage("schedule_tasks")
        say("starting two instances, two workers and nginx")
        stack.start_instance("a")
        stack.start_instance("b")
        stack.start_worker("worker-1")
        stack.start_worker("worker-2")
        conf = stack.nginx_conf()
        stack.nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        stack.start(
            "nginx",
            [stack.nginx, "-p", str(conf.parent), "-c", str(conf), "-g", "daemon off;"],
        )
        wait_for(f"http://127.0.0.1:{stack.ports['nginx']}/readyz")
        ready = requests.get(f"http://127.0.0.1:{stack.ports['nginx']}/readyz", timeout=30)
        check("readiness through nginx (database, cache, both storages)", ready.ok, ready.text)
        numbers = run_checks(stack, tmp)
        measured = measure(stack, numbers, tmp)
    except Exception as error:  # noqa: BLE001 - reported as a failed check, then cleaned up
        import traceback

        traceback.print_exc()
        check("the run itself", False, f"{type(error).__name__}: {error}")
    finally:
        stop_everything()
        if os.environ.get("SCALE_KEEP") != "1":
            shutil.rmtree(tmp, ignore_errors=True)
    passed = sum(ok for _, ok, _ in results)
    failed = [name for _, ok, name in ((n, ok, n) for n, ok, _ in results) if not ok]
    print(
        f"scale-test: {passed}/{len(results)} checks passed"
        + (f" (failed: {'; '.join(failed)})" if failed else "")
        + (f"; wrk {SECONDS}s, 4 connections: {measured}" if measured else ""),
        flush=True,
    )
    return 0 if not failed and results else 1


if __name__ == "__main__":
    sys.exit(main())

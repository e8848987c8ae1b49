#!/usr/bin/env python
"""`make bench`: SPR Portal under load as production serves it, on ten years of data.

1. A fresh PostgreSQL database (BENCH_DATABASE_URL, default spr_portal_bench on localhost):
   migrate, the demo, the open quarter's drafts; SQL queries of every page counted.
2. The generated history (manage.py seed_history: 40 quarters, seven threats, realistic text,
   actions, review comments, published reports), timed; the queries counted again.
3. The board paper of 2 February 2016 rendered in this warm process (median of 5).
4. gunicorn (3 workers, DEBUG off, a random SECRET_KEY, WhiteNoise, collected static) and wrk
   over loopback, signed in, 16 connections: every page, each followed by the bare page.
5. docs/benchmarks.md written; the last line printed is the one-line summary.
6. With `--redis URL` (make bench: redis://127.0.0.1:6379/1), all of it again in a process of
   its own with REDIS_URL set, whose pages become the document's "With Redis" section.

    .venv/bin/python scripts/benchmark.py [--depth 40] [--seconds 10] [--connections 16]
        [--redis redis://127.0.0.1:6379/1]
"""

import argparse
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/spr_portal_bench"


def _environment(port: int) -> dict[str, str]:
    """Production settings, but plain HTTP on loopback and the bench page mounted."""
    return {
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB),
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        "SPR_BENCH_PAGE": "true",
        "SPR_DEMO_PASSWORD": secrets.token_urlsafe(16),
        "DJANGO_SETTINGS_MODULE": "spr_portal.settings",
        "LOG_LEVEL": "WARNING",
        "BENCH_PORT": str(port),
        # wrk asks far faster than the API's per-token limit (120/minute) lets anyone: the
        # benchmark measures the answer, so the limit is raised out of its way.
        "SPR_API_RATE": "1000000/m",
        # The saves and the generated history would send e-mails; nobody is to receive them.
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }


def _fresh_database(url: str) -> None:
    import psycopg2
    from psycopg2 import sql

    name = url.rsplit("/", 1)[1]
    admin = psycopg2.connect(url.rsplit("/", 1)[0] + "/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    admin.close()


def _quiet_command(*args, **kwargs) -> None:
    from django.core.management import call_command

    with open(os.devnull, "w") as devnull:
        call_command(*args, stdout=devnull, **kwargs)


def _serve(env: dict, port: int, workers: int, extra_env: dict | None = None):
    """gunicorn in the background; its log (the refused saves' warnings) goes to a file."""
    log = tempfile.NamedTemporaryFile(
        "w", prefix="spr-bench-gunicorn-", suffix=".log", delete=False
    )  # noqa: SIM115
    server = subprocess.Popen(  # noqa: S603
        [str(ROOT / ".venv/bin/gunicorn"), "spr_portal.wsgi", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", str(workers), "--log-level", "warning", "--timeout", "60"],
        cwd=ROOT,
        env={**os.environ, **env, **(extra_env or {})},
        stdout=log,
        stderr=log,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)  # noqa: S310
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--depth", type=int, default=40, help="quarters of history (40)")
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration per page")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8400)))
    parser.add_argument("--output", default=str(ROOT / "docs" / "benchmarks.md"))
    parser.add_argument(
        "--redis", default="", help="a Redis URL: measure again with it (the With Redis section)"
    )
    parser.add_argument(
        "--redis-section-in",
        default="",
        help="(the run with Redis) write only the With Redis section, into this document",
    )
    args = parser.parse_args()
    if args.redis_section_in and not os.environ.get("REDIS_URL"):
        parser.error("--redis-section-in is for the run with REDIS_URL set")
    env = _environment(args.port)
    os.environ.update(env)
    _fresh_database(env["DATABASE_URL"])

    import django

    django.setup()
    from django.middleware.csrf import _get_new_csrf_string
    from django.templatetags.static import static
    from django.urls import reverse

    from reports.history_seed import prepare_open_quarter, seed_history
    from scripts.bench import load, pages, pdf, report, signing

    print("Database, demo and the open quarter's drafts…", flush=True)
    _quiet_command("migrate")
    _quiet_command("seed_demo")
    _quiet_command("collectstatic", interactive=False)
    prepare_open_quarter()
    token = pages.api_token()
    demo_counts = pages.count_queries(pages.pages(), token)

    print(f"Generating {args.depth} quarters of history…", flush=True)
    start = time.perf_counter()
    added = seed_history(depth=args.depth)
    generation_seconds = time.perf_counter() - start
    # Fresh planner statistics and no dead rows, as a database in service has: otherwise
    # autovacuum wakes up to the churn of the generation in the middle of the measurements.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")
    page_list = pages.pages()
    deep_counts = pages.count_queries(page_list, token)
    sizes = report.data_size()
    print("Where each page's time goes, in-process…", flush=True)
    in_process = pages.time_in_process(page_list, token)

    print("Board paper, warm process…", flush=True)
    paper = pdf.measure_demo()
    print("Signing a paper and building evidence packs…", flush=True)
    signing_lines = signing.measure()

    base = f"http://127.0.0.1:{args.port}"
    clients = {p.user: pages.signed_in_client(p.user) for p in page_list if p.user != "api"}
    csrf = _get_new_csrf_string()

    def cookie(username: str) -> str:
        return f"sessionid={clients[username].cookies['sessionid'].value}; csrftoken={csrf}"

    def headers_of(page) -> dict:
        if page.user == "api":
            return {"Authorization": f"Bearer {token}"}
        return {"Cookie": cookie(page.user)}

    print(f"gunicorn ({args.workers} workers) and wrk ({args.connections} connections)…")
    load_before = os.getloadavg()
    server = _serve(env, args.port, args.workers)
    results, bare_runs = {}, []
    bare = page_list[0]
    # The bare page again after every page: each page's ratio is to the bare runs either side
    # of it, as the machine's speed drifts by a quarter within minutes.
    between = max(3, args.seconds // 2)
    try:
        for page in page_list:
            if page.method == "POST":
                drafts = pages.open_drafts()
                for draft in drafts:  # each lead signs in; a session per draft's lead
                    lead = pages.lead_of(draft)
                    clients.setdefault(lead, pages.signed_in_client(lead))
                targets = [
                    (
                        reverse("assessments:assessment_section", args=[d.pk, pages.SECTION]),
                        cookie(pages.lead_of(d)),
                        pages.current_revision(d.pk),
                    )
                    for d in drafts
                ]
                form = urlencode({**page.form, "csrfmiddlewaretoken": csrf}).removesuffix(
                    "&revision="
                )
                connections = len(targets) if page.draft_each else args.connections
                result = load.drive_save(base, targets, form, connections, args.seconds)
                result["connections"] = connections
            else:
                result = load.drive_get(
                    base + page.path,
                    headers_of(page),
                    page.connections or args.connections,
                    args.seconds,
                )
            results[page.key] = result
            bare_runs.append(
                result
                if page is bare
                else load.drive_get(base + bare.path, headers_of(bare), args.connections, between)
            )
            result["bare_rps"] = statistics.mean(run["rps"] for run in bare_runs[-2:])
            after = "" if page is bare else f"; the bare page after it {bare_runs[-1]['rps']:.0f}/s"
            print(
                f"  {page.label}: {result['rps']:.0f}/s, p95 {result['p95']:.0f} ms, "
                f"{result['bad_status'] + result['socket_errors']} errors{after}",
                flush=True,
            )
        static_result = load.drive_get(
            base + static("build/app.css"), {}, args.connections, args.seconds
        )
    finally:
        server.terminate()
        server.wait()
    accel_server = _serve(
        env,
        args.port + 10,
        args.workers,
        {
            "SPR_SENDFILE": "x-accel-redirect",
            "SPR_SENDFILE_ROOT": tempfile.mkdtemp(prefix="spr-bench-pdf-"),
        },
    )
    try:
        pdf_page = next(p for p in page_list if p.key == "pdf")
        accel_result = load.drive_get(
            f"http://127.0.0.1:{args.port + 10}{pdf_page.path}",
            headers_of(pdf_page),
            args.connections,
            args.seconds,
        )
    finally:
        accel_server.terminate()
        accel_server.wait()
    load_after = os.getloadavg()

    bare_rps = statistics.mean(run["rps"] for run in bare_runs)
    results[bare.key]["bare_rps"] = bare_rps
    written = report.write(
        page_list=page_list,
        results=results,
        bare_runs=bare_runs,
        bare_rps=bare_rps,
        demo_counts=demo_counts,
        deep_counts=deep_counts,
        in_process=in_process,
        static_result=static_result,
        accel_result=accel_result,
        paper=paper,
        signing_lines=signing_lines,
        added=added,
        sizes=sizes,
        generation_seconds=generation_seconds,
        load=(load_before, load_after),
        args=args,
    )
    if args.redis_section_in:
        document = Path(args.redis_section_in)
        document.write_text(report.with_section(document.read_text(), written.redis_section))
        print(written.redis_section)
        print(written.summary)
        return
    Path(args.output).write_text(written.text)
    print(written.text)
    print(written.summary)
    if not os.environ.get("REDIS_URL"):
        _run_with_redis(args.redis, args.output)


def _run_with_redis(url: str, output: str) -> None:
    """The whole benchmark again in a process of its own (the settings read REDIS_URL once,
    at start), its pages written into `output` as the With Redis section. If Redis does not
    answer, the section says so rather than keep a previous run's figures."""
    import redis

    from scripts.bench import report

    why = "" if url else "no Redis URL given (make bench: BENCH_REDIS_URL is empty)"
    if url:
        try:
            redis.Redis.from_url(url, socket_timeout=2).ping()
        except (redis.RedisError, ValueError) as error:
            why = f"Redis did not answer: {error}"
    if why:
        document = Path(output)
        section = report.not_measured(url, why)
        document.write_text(report.with_section(document.read_text(), section))
        print(f"With Redis: not measured: {why}", flush=True)
        return
    print(f"The same again with REDIS_URL={url}…", flush=True)
    subprocess.run(  # noqa: S603
        [sys.executable, __file__, *sys.argv[1:], "--redis-section-in", output],
        env={**os.environ, "REDIS_URL": url},
        check=True,
    )


if __name__ == "__main__":
    main()

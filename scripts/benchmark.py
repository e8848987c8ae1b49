#!/usr/bin/env python
"""Benchmark SPR Portal's pages and board report PDF on the demo data.

Not a test: it measures and writes the figures to docs/benchmarks.md (and prints them).
Each page is requested in-process through Django's test client, signed in as the role that
uses it: server time (median and 95th percentile over --repeat requests after a warm-up),
SQL queries per request, and the size of the HTML. It then adds --extra-quarters of signed-off
history and measures again, to show that no page's query count grows with the data. Last, it
renders the demo's February 2016 board report to PDF in a warm process.

    .venv/bin/python scripts/benchmark.py [--repeat 20] [--extra-quarters 12]

Uses a throw-away SQLite file unless DATABASE_URL is set.
"""

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _configure_environment() -> str:
    if "DATABASE_URL" not in os.environ:
        path = Path(tempfile.gettempdir()) / "spr-portal-benchmark.sqlite3"
        path.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    # Production-like: DEBUG off (no debug toolbar-like overheads), plain static storage so
    # that no collectstatic is needed.
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SPR_ALLOW_INSECURE_KEY", "true")
    os.environ["STATICFILES_BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
    os.environ["SECURE_SSL_REDIRECT"] = "false"
    os.environ["SECURE_COOKIES"] = "false"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["SPR_DEMO_PASSWORD"] = "benchmark-demo-password"  # noqa: S105
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spr_portal.settings")
    return os.environ["DATABASE_URL"].split(":", 1)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--extra-quarters", type=int, default=12)
    parser.add_argument("--output", default=str(ROOT / "docs" / "benchmarks.md"))
    args = parser.parse_args()

    engine = _configure_environment()
    import django

    django.setup()
    from django.core.management import call_command

    from scripts.bench import history, pages, pdf

    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115

    demo_rows = pages.measure_all(args.repeat)
    history.add_signed_off_quarters(args.extra_quarters)
    grown_rows = pages.measure_all(max(5, args.repeat // 4))
    pdf_figures = pdf.measure()

    lines = [
        "# Benchmarks",
        "",
        f"Measured {time.strftime('%Y-%m-%d')} with `python scripts/benchmark.py` on "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{engine}. Server time in-process through Django's test client (no network), "
        f"DEBUG off; {args.repeat} requests per page after one warm-up.",
        "",
        "## Pages",
        "",
        f"Queries are counted on the demo data and again after adding {args.extra_quarters} "
        "more quarters of signed-off self-assessments: they must not grow.",
        "",
        "| page | signed in as | median ms | p95 ms | queries (demo) | queries (+history) | KiB |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    grown = {(row["page"], row["user"]): row for row in grown_rows}
    for row in demo_rows:
        other = grown.get((row["page"], row["user"]), {})
        lines.append(
            f"| {row['page']} | {row['user']} | {row['median_ms']:.1f} | {row['p95_ms']:.1f} | "
            f"{row['queries']} | {other.get('queries', '–')} | {row['kib']:.1f} |"
        )
    lines += ["", "## Board report PDF", "", *pdf_figures, ""]
    text = "\n".join(lines)
    Path(args.output).write_text(text)
    print(text)
    growing = [
        r for r in demo_rows if grown.get((r["page"], r["user"]), r)["queries"] != r["queries"]
    ]
    if growing:
        print("\nQuery counts that grew with the data:", [r["page"] for r in growing])
        sys.exit(1)


if __name__ == "__main__":
    main()

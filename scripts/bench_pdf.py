#!/usr/bin/env python
"""Measure the board report PDF alone and render its pages to PNG for looking at.

    .venv/bin/python scripts/bench_pdf.py [--runs 5] [--png-dir /tmp/spr-board-report]

Loads the demo into a throw-away SQLite file (unless DATABASE_URL is set), renders the
2 February 2016 report in a warm process (scripts/bench/pdf.py, also used by
scripts/benchmark.py), writes the stored PDF and `pdftoppm -r 60` PNGs of every page.
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--png-dir", default=str(Path(tempfile.gettempdir()) / "spr-board-report"))
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        path = Path(tempfile.gettempdir()) / "spr-portal-bench-pdf.sqlite3"
        path.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("SPR_DEMO_PASSWORD", "benchmark-demo-password")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spr_portal.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from scripts.bench import pdf

    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    print("\n".join(pdf.measure(args.runs)))

    from reports.models import BoardReport

    report = BoardReport.objects.get(meeting_date="2016-02-02", version=1)
    out = Path(args.png_dir)
    out.mkdir(parents=True, exist_ok=True)
    target = out / report.pdf_filename
    target.write_bytes(bytes(report.pdf.content))
    subprocess.run(  # noqa: S603
        ["pdftoppm", "-r", "60", "-png", str(target), str(out / "page")],  # noqa: S607
        check=True,
    )
    print(f"\nPDF and one PNG per page (60 dpi) in {out}")


if __name__ == "__main__":
    main()

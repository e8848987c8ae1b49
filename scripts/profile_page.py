#!/usr/bin/env python
"""Profile benchmark pages in-process with pyinstrument (where a page misses its budget).

    .venv/bin/python scripts/profile_page.py board review [--repeat 20]

Uses the benchmark's database as `make bench` left it (BENCH_DATABASE_URL) and the same
production settings; prints pyinstrument's call tree of `--repeat` requests of each page.
Needs pyinstrument (`pip install pyinstrument`), not a dependency of the portal.
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("keys", nargs="+")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    from scripts.benchmark import _environment

    os.environ.update(_environment(0))
    import django

    django.setup()
    from pyinstrument import Profiler

    from scripts.bench import pages

    for page in pages.pages():
        if page.key not in args.keys or page.method != "GET":
            continue
        client = pages.signed_in_client(pages.SPR_LEAD if page.user == "api" else page.user)
        client.get(page.path)
        profiler = Profiler(interval=0.0005)
        with profiler:
            for _ in range(args.repeat):
                client.get(page.path)
        print(f"== {page.label} ({page.path}), {args.repeat} requests")
        print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main()

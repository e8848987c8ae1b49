"""docs/benchmarks.md from one run's figures, and the one-line summary printed last; a run with
Redis writes its pages into the document of the run without it ("With Redis")."""

import os
import platform
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

BARE_SHARE = 0.40  # every page at least 40% of the bare page's requests per second
P95_MS = 150
PAPER_SECONDS = 1.0


def data_size() -> dict[str, int]:
    from assessments.models import Assessment, ImprovementAction, Quarter, ReviewComment
    from reports.models import BoardReport
    from threats.models import NationalThreat

    return {
        "quarters": Quarter.objects.count(),
        "threats": NationalThreat.objects.count(),
        "assessments": Assessment.objects.count(),
        "actions": ImprovementAction.objects.count(),
        "comments": ReviewComment.objects.count(),
        "published reports": BoardReport.objects.published().count(),
    }


def _first_line(path: str, prefix: str) -> str:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(prefix):
                return line[len(prefix) :].strip(' :\t"')
    except OSError:
        pass
    return "unknown"


def machine() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    memory = _first_line("/proc/meminfo", "MemTotal:")
    wrk = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split(" [")[0]  # noqa: S607
    import django
    import gunicorn

    return (
        f"{_first_line('/proc/cpuinfo', 'model name')}, {os.cpu_count()} cores, {memory} RAM; "
        f"{_first_line('/etc/os-release', 'PRETTY_NAME=')} "
        f"(kernel {platform.release()}); Python {platform.python_version()}, Django "
        f"{django.__version__}, gunicorn {gunicorn.__version__}, PostgreSQL {postgres}, "
        f"{wrk.strip()}"
    )


def _shared(load, cores: int) -> str:
    """Whether something else was using the machine before the load phase began."""
    if load[0][0] > cores:
        return "more than the cores before the load phase began: other work shared the machine"
    return "at most the cores before the load phase began: nothing else was busy"


def _ms(value: float) -> str:
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}"


def _in_process_rows(page_list, in_process) -> list[str]:
    bare = in_process["bare"]["ms"]
    return [
        f"| {page.label} | {_ms(t['ms'])} | {_ms(t['sql_ms'])} | {_ms(t['ms'] - t['sql_ms'])} "
        f"| {t['ms'] / bare:.1f} |"
        for page in page_list
        if (t := in_process.get(page.key))
    ]


def write(
    *,
    page_list,
    results,
    bare_runs,
    bare_rps,
    demo_counts,
    deep_counts,
    in_process,
    static_result,
    accel_result,
    paper,
    added,
    sizes,
    signing_lines=(),
    generation_seconds,
    load,
    args,
) -> tuple[str, str]:
    redis_url = os.environ.get("REDIS_URL", "")
    misses = []
    rows = []
    for page in page_list:
        r = results[page.key]
        share = _of_bare(r)
        errors = r["bad_status"] + r["socket_errors"]
        same = demo_counts[page.key] == deep_counts[page.key]
        marks = []
        if page.budgeted and page.key != "bare":
            if share < BARE_SHARE:
                marks.append(f"{share:.0%} of bare")
            if r["p95"] >= P95_MS:
                marks.append(f"p95 {r['p95']:.0f} ms")
        if errors:
            marks.append(f"{errors} errors")
        if not same:
            marks.append("queries grow")
        misses += [f"{page.label}: {m}" for m in marks]
        note = "" if page.budgeted else " (not budgeted: grows with the data by design)"
        if page.method == "POST":
            note = (
                f" ({r['connections']} connections: {r['saves']} saves, {r['conflicts']} conflicts)"
            )
        rows.append(
            f"| {page.label}{note} | {r['rps']:.0f} | {_ms(r['p50'])} | {_ms(r['p95'])} | "
            f"{errors} | {demo_counts[page.key]} | {deep_counts[page.key]} | {share:.0%} | "
            f"{'miss: ' + ', '.join(marks) if marks else 'met'} |"
        )
    pages_table = [
        "| page | requests/s | p50 ms | p95 ms | errors | queries (demo) | queries (ten years) "
        "| % of bare | budget |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
        *rows,
        "",
        "The bare page (spr_portal/views_bench.py: the same middleware, one small table, a "
        f"small template) ran first for {args.seconds} s, then for {bare_runs[-1]['seconds']} s "
        "after every page: "
        + ", ".join(f"{run['rps']:.0f}/s" for run in bare_runs)
        + f" (mean {bare_rps:.0f}/s).",
        "",
    ]
    if paper["median"] >= PAPER_SECONDS:
        misses.append(f"board paper {paper['median']:.2f} s")
    budgeted = [p for p in page_list if p.budgeted and p.key != "bare"]
    missed_pages = {m.split(": ")[0] for m in misses if not m.startswith("board paper")}
    worst_share = min(budgeted, key=lambda p: _of_bare(results[p.key]))
    worst_p95 = max(budgeted, key=lambda p: results[p.key]["p95"])
    lines = [
        "# Benchmarks",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M %Z')} by `make bench` (scripts/benchmark.py).",
        "",
        f"**Machine:** {machine()}. gunicorn ({args.workers} sync workers) and wrk share the "
        f"machine's cores over loopback. {_load_average(load)} (the benchmark's own seeding "
        f"and load count in it; {_shared(load, os.cpu_count() or 1)}). The ratios to the bare "
        "page, measured in the same run, are the figures to compare between runs.",
        "",
        "**Settings:** production (DEBUG off, SECRET_KEY from the environment, WhiteNoise with "
        "collected static files, persistent database connections, "
        f"{_cache_in(redis_url)}), plain HTTP on loopback, "
        "signed in (a session cookie; the SPR lead's session past the second factor; the save "
        "with its CSRF cookie and token).",
        "",
        f"**Data:** the demo, then `manage.py seed_history --depth {args.depth}` "
        f"(generated in {generation_seconds:.0f} s through the real services: "
        f"{added['quarters']} quarters, {added['assessments']} self-assessments, "
        f"{added['reports']} published reports added). In all: "
        + ", ".join(f"{n} {what}" for what, n in sizes.items())
        + ".",
        "",
        "## Pages",
        "",
        f"wrk: {args.seconds} s per page after a 1 s warm-up, {args.connections} connections "
        "(2 threads; the save: one thread per connection). Queries per request are counted "
        "in-process (Django's test client) on the demo and again on the ten years; they must "
        "be equal. Budgets: at least 40% of the bare page's requests/s, p95 under 150 ms, "
        "no errors.",
        "",
        *pages_table,
        "Each page's % of bare is to the mean of the bare runs just before and just after it: "
        "the machine's speed drifts by a quarter within minutes, and a single reference made "
        "the pages measured late look slow.",
        "",
        "## Where the time goes",
        "",
        "Each GET page timed in the benchmark's own process at ten years (Django's test "
        "client: no HTTP, no other request running; the median of 20 after one warm-up), with "
        "the time spent waiting for PostgreSQL measured around every query. The rest is "
        "Python: the middleware, building the queries and their objects, rendering the "
        "templates. `scripts/profile_page.py <key>` shows any page's call tree.",
        "",
        "| page | ms per request | waiting for PostgreSQL | Python | × bare page |",
        "|---|---:|---:|---:|---:|",
        *_in_process_rows(page_list, in_process),
        "",
        "## Stored PDF download and static files",
        "",
        "| how | requests/s | p50 ms | p95 ms |",
        "|---|---:|---:|---:|",
        f"| PDF, bytes sent by Django (SPR_SENDFILE off) | {results['pdf']['rps']:.0f} | "
        f"{_ms(results['pdf']['p50'])} | {_ms(results['pdf']['p95'])} |",
        f"| PDF, X-Accel-Redirect (SPR_SENDFILE=x-accel-redirect; the app's part, headers only) "
        f"| {accel_result['rps']:.0f} | {_ms(accel_result['p50'])} | {_ms(accel_result['p95'])} |",
        f"| Stylesheet through WhiteNoise (static file) | {static_result['rps']:.0f} | "
        f"{_ms(static_result['p50'])} | {_ms(static_result['p95'])} |",
        "",
        "With X-Accel-Redirect the application checks access and answers with headers only; "
        "the proxy then sends the file from disk as it sends any static file (see "
        '"Serving stored PDFs" below).',
        "",
        "## Board paper",
        "",
        f"The demo report of 2 February 2016 ({paper['pages']} pages, {paper['kib']:.0f} KiB) "
        f"rendered {paper['runs']} times in a warm process after one warm-up: median "
        f"{paper['median']:.2f} s, slowest {paper['slowest']:.2f} s (budget: under 1 s).",
        "",
        *(["## Signing and the evidence pack", "", *signing_lines, ""] if signing_lines else []),
    ]
    errors = sum(results[p.key]["bad_status"] + results[p.key]["socket_errors"] for p in page_list)
    same = all(demo_counts[k] == deep_counts[k] for k in demo_counts)
    summary = (
        f"bench: {len(page_list) - 1} pages vs bare {bare_rps:.0f} req/s; lowest "
        f"{_of_bare(results[worst_share.key]):.0%} of bare ({worst_share.label}); worst "
        f"p95 {results[worst_p95.key]['p95']:.0f} ms ({worst_p95.label}); {errors} errors; "
        f"query counts {'equal' if same else 'GROW'} at demo and {args.depth} quarters; board "
        f"paper {paper['median']:.2f} s ({paper['pages']} pages); load avg {load[1][0]:.1f}; "
        + ("all budgets met" if not misses else _missing(len(missed_pages)))
    )
    summary_lines = [summary, "", *(f"- missed: {m}" for m in misses), ""]
    lines += ["## Summary", "", *summary_lines, DOC_TAIL.read_text()]
    redis_section = [
        REDIS_HEADING,
        "",
        f"The same benchmark with `REDIS_URL={redis_url}` (the cache and the sessions in Redis, "
        "`cached_db`, each process with its near copy of the cache), run straight after the one "
        f"above on the same machine. {_load_average(load)}.",
        "",
        *pages_table,
        *summary_lines,
    ]
    return Written("\n".join(lines), summary, "\n".join(redis_section))


@dataclass(frozen=True)
class Written:
    """What a run wrote: the whole document, its one-line summary, and its pages as the
    "With Redis" section of a document written by a run without Redis (`with_section`)."""

    text: str
    summary: str
    redis_section: str


REDIS_HEADING = "## With Redis"
# The part kept from run to run, after each run's figures; the Redis section goes before its
# first line (its heading).
DOC_TAIL = Path(__file__).parent / "doc_tail.md"
TAIL_HEADING = DOC_TAIL.read_text().split("\n", 1)[0]


def with_section(document: str, section: str) -> str:
    """`document` with its "With Redis" section replaced by `section`, or `section` added
    before the kept part when it has none (a run without Redis writes none)."""
    if REDIS_HEADING in document:
        before, rest = document.split(REDIS_HEADING, 1)
        after = rest[rest.index("\n## ") + 1 :] if "\n## " in rest else ""
        document = before + after
    if TAIL_HEADING not in document:
        raise ValueError(f"no {TAIL_HEADING!r} heading to put the Redis section before")
    before, after = document.split(TAIL_HEADING, 1)
    return before + section.rstrip("\n") + "\n\n" + TAIL_HEADING + after


def not_measured(url: str, why: str) -> str:
    """The section when the run with Redis could not be made."""
    where = f" ({url})" if url else ""
    return f"{REDIS_HEADING}\n\nNot measured in this run: {why}{where}.\n"


def _load_average(load) -> str:
    return (
        f"Load average (1, 5, 15 min) before the load phase "
        f"{load[0][0]:.2f} {load[0][1]:.2f} {load[0][2]:.2f}, after it "
        f"{load[1][0]:.2f} {load[1][1]:.2f} {load[1][2]:.2f}"
    )


def _cache_in(redis_url: str) -> str:
    return "the cache and sessions in Redis" if redis_url else "the cache in local memory"


def _of_bare(result: dict) -> float:
    """A page's requests/s as a share of the bare page's runs either side of it."""
    return result["rps"] / result["bare_rps"]


def _missing(pages: int) -> str:
    return f"{pages} {'page misses' if pages == 1 else 'pages miss'} a budget"

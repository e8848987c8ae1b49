"""Render time of the demo's 2 February 2016 board report in a warm process.

The first rendering pays for imports, fonts and stylesheets; the figures are of the renders
after it: the whole render (HTML, layout and writing the PDF), as publishing does it.
"""

import datetime
import statistics
import time

RUNS = 5


def measure_demo(runs: int = RUNS) -> dict:
    """Median and slowest of `runs` warm renders, with the page count and size."""
    from reports.models import BoardReport
    from reports.paper.pdf import render_report_pdf

    report = BoardReport.objects.get(meeting_date=datetime.date(2016, 2, 2), version=1)
    render_report_pdf(report)  # warm-up
    times, rendered = [], None
    for _ in range(runs):
        start = time.perf_counter()
        rendered = render_report_pdf(report)
        times.append(time.perf_counter() - start)
    return {
        "runs": runs,
        "median": statistics.median(times),
        "slowest": max(times),
        "pages": rendered.pages,
        "kib": len(rendered.content) / 1024,
    }


def measure(runs: int = RUNS) -> list[str]:
    """Markdown lines of measure_demo's figures."""
    figures = measure_demo(runs)
    return [
        f"The demo report of 2 February 2016, rendered {runs} times in a warm process after "
        "one warm-up rendering:",
        "",
        "| median s | slowest s | pages | KiB |",
        "|---:|---:|---:|---:|",
        f"| {figures['median']:.2f} | {figures['slowest']:.2f} | {figures['pages']} | "
        f"{figures['kib']:.0f} |",
    ]

"""Render time of the demo's 2 February 2016 board report in a warm process.

The first rendering pays for imports, fonts and stylesheets; the figures are of the renders
after it: the whole render (HTML, layout and writing the PDF), as publishing does it.
"""

import statistics
import time

RUNS = 5


def measure(runs: int = RUNS) -> list[str]:
    """Markdown lines: median and slowest of `runs` warm renders, pages and size."""
    import datetime

    from reports.models import BoardReport
    from reports.pdf import render_report_pdf

    report = BoardReport.objects.get(meeting_date=datetime.date(2016, 2, 2), version=1)
    render_report_pdf(report)  # warm-up
    times, rendered = [], None
    for _ in range(runs):
        start = time.perf_counter()
        rendered = render_report_pdf(report)
        times.append(time.perf_counter() - start)
    same = rendered.content == bytes(report.pdf.content)
    return [
        f"The demo report of 2 February 2016 ({rendered.pages} pages, "
        f"{len(rendered.content) / 1024:.0f} KiB), rendered {runs} times in a warm process "
        "after one warm-up rendering:",
        "",
        "| median s | slowest s | pages | KiB | identical to the stored PDF |",
        "|---:|---:|---:|---:|---|",
        f"| {statistics.median(times):.2f} | {max(times):.2f} | {rendered.pages} | "
        f"{len(rendered.content) / 1024:.0f} | {'yes' if same else 'no'} |",
    ]

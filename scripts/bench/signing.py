"""Signing and the evidence pack, measured in the benchmark's process on its ten years of
history: the time a PAdES signature adds to publishing (the demo's paper of December 2014,
signed again and again), and a quarter's and a threat's evidence pack: size and build time."""

import io
import statistics
import time

RUNS = 5


def _certificate() -> None:
    """A throwaway certificate for the measurement when none is configured."""
    import secrets
    import tempfile
    from pathlib import Path

    from django.conf import settings

    from reports.signing import make_self_signed_p12

    if settings.SPR_SIGNING_P12:
        return
    path = Path(tempfile.mkdtemp(prefix="spr-bench-signing-")) / "bench.p12"
    passphrase = secrets.token_hex(8)
    path.write_bytes(
        make_self_signed_p12(common_name="Bench", organisation="Bench", passphrase=passphrase)
    )
    settings.SPR_SIGNING_P12, settings.SPR_SIGNING_P12_PASSPHRASE = str(path), passphrase


def measure_signing(runs: int = RUNS) -> dict:
    from reports.models import BoardReport
    from reports.signing import sign_pdf, verify_pdf

    _certificate()
    paper = bytes(BoardReport.objects.published().order_by("meeting_date").first().pdf.content)
    signed = sign_pdf(paper)  # warm-up: loads the key
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        signed = sign_pdf(paper)
        times.append(time.perf_counter() - start)
    start = time.perf_counter()
    assert verify_pdf(signed).valid
    return {
        "median": statistics.median(times),
        "slowest": max(times),
        "verify": time.perf_counter() - start,
        "kib": len(paper) / 1024,
        "added_kib": (len(signed) - len(paper)) / 1024,
    }


def measure_packs() -> list[dict]:
    from assessments.models import Quarter
    from reports.evidence_pack import build_evidence_pack
    from threats.models import NationalThreat

    _certificate()
    latest = Quarter.objects.filter(board_reports__status="published").newest_first().first()
    threat = NationalThreat.objects.order_by("slug").filter(assessments__isnull=False).first()
    figures = []
    for label, scope in (
        (f"quarter {latest.label}", {"quarter": latest}),
        (f"threat “{threat.name}”, every quarter", {"threat": threat}),
    ):
        out = io.BytesIO()
        start = time.perf_counter()
        summary = build_evidence_pack(out, **scope)
        figures.append(
            {
                "scope": label,
                "seconds": time.perf_counter() - start,
                "files": summary.files,
                "kib": len(out.getvalue()) / 1024,
            }
        )
    return figures


def measure() -> list[str]:
    """Markdown lines of both measurements."""
    signing = measure_signing()
    lines = [
        f"PAdES signature added at publishing ({RUNS} signatures of a {signing['kib']:.0f} KiB "
        "paper in a warm process, after one to load the key; target under 1 s):",
        "",
        "| median s | slowest s | KiB added | validation s |",
        "|---:|---:|---:|---:|",
        f"| {signing['median']:.3f} | {signing['slowest']:.3f} | {signing['added_kib']:.1f} | "
        f"{signing['verify']:.3f} |",
        "",
        "Inspection evidence pack on the ten years (`manage.py export_evidence_pack`; each "
        "signed version also rendered as a PDF):",
        "",
        "| pack | files | KiB | build s |",
        "|---|---:|---:|---:|",
    ]
    for pack in measure_packs():
        lines.append(
            f"| {pack['scope']} | {pack['files']} | {pack['kib']:.0f} | {pack['seconds']:.1f} |"
        )
    return lines

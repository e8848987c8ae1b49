"""The inspection evidence pack: one zip holding what was signed and published for a quarter
(or for a threat across its quarters), with a manifest of every file's SHA-256, signed.

Members:
- `versions/<quarter>/<threat>/version-<n>.json`: each signed version exactly as signed (the
  canonical JSON, so its SHA-256 is the fingerprint recorded at sign-off), and `.pdf`: the
  same version rendered for reading;
- `evidence/<quarter>/<threat>/<sha256 prefix>-<name>`: the evidence files the versions name,
  read through the evidence storage;
- `papers/`: the published board papers of those quarters, PDF and Word, as stored;
- `audit/<quarter>.csv`: the audit rows of each quarter (of the threat, for a threat's pack);
- `manifest.json`, and `manifest.json.p7s`: its detached CMS signature with the force's
  certificate (absent when no certificate is configured).

`scripts/verify_evidence_pack.py` checks a pack offline with the standard library and pyHanko.
"""

import datetime
import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import get_valid_filename, slugify

from assessments.items import GRADED_ITEMS
from assessments.models import AssessmentSnapshot, EvidenceFile, Quarter
from assessments.snapshots import canonical_bytes
from audit.models import AuditEvent
from audit.selectors import CSV_COLUMNS, csv_rows
from reports import signing
from reports.models import BoardReport
from reports.paper.pdf import laid_out
from reports.services.word import report_docx_store
from spr_portal.spreadsheets import write_csv

FORMAT = "spr-portal-evidence-pack/1"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.json.p7s"
MARKING = "OFFICIAL-SENSITIVE"
QUARTER_LABEL = re.compile(r"^(\d{4})/(\d{2})[- ]Q([1-4])$")


def quarter_of(label: str) -> Quarter:
    """The quarter labelled like `2025/26-Q3` (or `2025/26 Q3`)."""
    match = QUARTER_LABEL.match(label.strip())
    if not match:
        raise Quarter.DoesNotExist(f"Not a quarter label: {label!r} (like 2025/26-Q3)")
    year, _, number = match.groups()
    return Quarter.objects.get(financial_year=int(year), number=int(number))


@dataclass(frozen=True)
class PackSummary:
    files: int
    size: int  # bytes of the zip
    signed: bool
    name: str


def _slug(quarter) -> str:
    return slugify(quarter.label.replace("/", "-"))


def pack_name(*, quarter=None, threat=None) -> str:
    parts = ["spr-evidence-pack"]
    if quarter:
        parts.append(_slug(quarter))
    if threat:
        parts.append(threat.slug)
    return "-".join(parts) + ".zip"


def _versions(quarter, threat):
    versions = AssessmentSnapshot.objects.filter(reason=AssessmentSnapshot.Reason.SIGNED_OFF)
    if quarter:
        versions = versions.filter(assessment__quarter=quarter)
    if threat:
        versions = versions.filter(assessment__threat=threat)
    return versions.select_related(
        "assessment__quarter", "assessment__threat", "created_by"
    ).order_by(
        "assessment__quarter__financial_year",
        "assessment__quarter__number",
        "assessment__threat__slug",
        "number",
    )


def _version_pdf(version, folder: str) -> bytes:
    data = version.data
    items = [
        {"label": item.label, **data.get("items", {}).get(item.code, {})} for item in GRADED_ITEMS
    ]
    html = render_to_string(
        "reports/pdf/signed_version.html",
        {"version": version, "data": data, "items": items, "folder": folder},
    )
    return laid_out(html).write_pdf()


class _Pack:
    def __init__(self, out):
        self.zip = zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED)
        self.files: dict[str, dict] = {}

    def add(self, member: str, content: bytes, **about) -> None:
        if member in self.files:
            return
        self.zip.writestr(member, content)
        self.files[member] = {
            "sha256": hashlib.sha256(content).hexdigest(),
            "size": len(content),
            **about,
        }


def build_evidence_pack(out, *, quarter=None, threat=None) -> PackSummary:
    """Write the pack for `quarter`, or for `threat` (in every quarter, or in `quarter`)
    into the binary file `out`."""
    if quarter is None and threat is None:
        raise ValueError("An evidence pack is of a quarter, a threat, or both.")
    pack = _Pack(out)
    problems: list[str] = []
    quarters = {}
    for version in _versions(quarter, threat):
        assessment = version.assessment
        quarters[assessment.quarter_id] = assessment.quarter
        folder = f"{_slug(assessment.quarter)}/{assessment.threat.slug}"
        about = {
            "threat": data_threat(version),
            "quarter": assessment.quarter.label,
            "version": version.number,
            "fingerprint": version.fingerprint,
            "signed_by": version.signer_name,
            "signed_at": version.created_at.astimezone(datetime.UTC).isoformat(),
        }
        pack.add(
            f"versions/{folder}/version-{version.number}.json",
            canonical_bytes(version.data),
            **about,
        )
        pack.add(
            f"versions/{folder}/version-{version.number}.pdf",
            _version_pdf(version, folder),
            **about,
        )
        for named in version.data.get("evidence_files", []):
            _add_evidence(pack, problems, assessment, folder, named)
    if quarter:  # a quarter's papers and audit rows, even with nothing signed yet
        quarters[quarter.pk] = quarter
    _add_papers(pack, quarters.values())
    _add_audit(pack, quarters.values(), threat)
    manifest = {
        "format": FORMAT,
        "scope": {
            "quarter": quarter.label if quarter else None,
            "threat": threat.slug if threat else None,
        },
        "built_at": timezone.now().astimezone(datetime.UTC).isoformat(),
        "marking": MARKING,
        "problems": problems,
        "files": pack.files,
    }
    manifest_bytes = json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False).encode()
    pack.zip.writestr(MANIFEST, manifest_bytes)
    identity = signing.signing_identity()
    if identity:
        pack.zip.writestr(SIGNATURE, signing.sign_detached(manifest_bytes))
    pack.zip.close()
    return PackSummary(
        files=len(pack.files) + 1 + bool(identity),
        size=out.tell() if hasattr(out, "tell") else 0,
        signed=bool(identity),
        name=pack_name(quarter=quarter, threat=threat),
    )


def data_threat(version) -> str:
    return version.data.get("threat") or version.assessment.threat.name


def _add_evidence(pack, problems, assessment, folder, named) -> None:
    stored = EvidenceFile.objects.filter(assessment=assessment, sha256=named["sha256"]).first()
    label = f"“{named['name']}” of {assessment}"
    if stored is None:
        problems.append(f"The evidence file {label} is no longer stored")
        return
    with stored.file.storage.open(stored.file.name, "rb") as handle:
        content = handle.read()
    if hashlib.sha256(content).hexdigest() != named["sha256"]:
        problems.append(f"The evidence file {label} no longer gives its SHA-256")
    name = get_valid_filename(named["name"]) or "file"
    pack.add(
        f"evidence/{folder}/{named['sha256'][:12]}-{name}",
        content,
        section=named["section"],
        name=named["name"],
        signed_sha256=named["sha256"],
    )


def _add_papers(pack, quarters) -> None:
    papers = (
        BoardReport.objects.published()
        .filter(quarter__in=[q.pk for q in quarters])
        .select_related("pdf", "quarter")
        .order_by("meeting_date", "version")
    )
    for report in papers:
        about = {"report": str(report), "quarter": report.quarter.label}
        pdf = report.pdf
        pack.add(
            f"papers/{report.pdf_filename}", bytes(pdf.content), stored_sha256=pdf.sha256, **about
        )
        docx = report_docx_store(report=report)
        name = report.pdf_filename.removesuffix(".pdf") + ".docx"
        pack.add(f"papers/{name}", bytes(docx.content), stored_sha256=docx.sha256, **about)


def _add_audit(pack, quarters, threat) -> None:
    for quarter in sorted(quarters, key=lambda q: (q.financial_year, q.number)):
        rows = AuditEvent.objects.filter(quarter=quarter).select_related("threat", "quarter")
        if threat:
            rows = rows.filter(threat=threat)
        buffer = io.StringIO()
        write_csv(
            buffer, marking=MARKING, columns=CSV_COLUMNS, rows=csv_rows(rows.order_by("at", "pk"))
        )
        pack.add(f"audit/{_slug(quarter)}.csv", buffer.getvalue().encode("utf-8"))

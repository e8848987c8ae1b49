"""Integrity anyone can verify: every signed snapshot still gives its SHA-256 fingerprint,
every signed-off row says what was signed, every stored PDF and Word file gives its checksum,
every published report's row what was published, every evidence file its checksum, and
nothing signed or published has lost its evidence."""

import hashlib
from dataclasses import dataclass

from django.db.models import F, Q

from assessments.choices import Status
from assessments.integrity import evidence_problems, signed_content_problems
from assessments.models import Assessment, AssessmentSnapshot
from assessments.snapshots import fingerprint
from reports.assurance_models import AssuranceStatement, StatementFile, StatementStatus
from reports.frozen import changed_fields, published_record, statement_changes, statement_record
from reports.models import BoardReport, PublishedDocx, PublishedPdf, ReportStatus, Signing
from reports.signing import configured_certificates, verify_pdf


@dataclass(frozen=True)
class IntegrityReport:
    snapshots: int
    pdfs: int
    problems: list[str]
    docx: int = 0
    signed_off: int = 0
    reports: int = 0
    evidence_files: int = 0
    evidence_bytes_read: bool = True
    statements: int = 0

    @property
    def holds(self) -> bool:
        return not self.problems


def verify_integrity(*, read_evidence_bytes: bool = True) -> IntegrityReport:
    """`read_evidence_bytes=False` leaves out re-reading every evidence file (a quick run):
    the rows are still checked against the signed versions."""
    problems = []
    snapshots = 0
    for snapshot in AssessmentSnapshot.objects.select_related("assessment").iterator():
        snapshots += 1
        if fingerprint(snapshot.data) != snapshot.fingerprint:
            problems.append(
                f"Version {snapshot.number} of the self-assessment “{snapshot.assessment}” no "
                f"longer gives its fingerprint {snapshot.fingerprint}"
            )
    unsigned = (
        Assessment.objects.filter(status=Status.SIGNED_OFF)
        .exclude(signed_snapshot__reason=AssessmentSnapshot.Reason.SIGNED_OFF)
        .select_related("quarter", "threat")
    )
    for assessment in unsigned:
        problems.append(f"The signed-off self-assessment “{assessment}” has no signed version")
    misfiled = Assessment.objects.filter(signed_snapshot__isnull=False).exclude(
        signed_snapshot__assessment=F("pk")
    )
    for assessment in misfiled:
        problems.append(f"The signed version of “{assessment}” belongs to another assessment")
    signed_off, differences = signed_content_problems()
    problems += differences
    pdfs = 0
    trusted = configured_certificates()
    for pdf in PublishedPdf.objects.select_related("report").iterator():
        pdfs += 1
        problems += _stored_file_problem(pdf, "PDF") or _signature_problem(pdf, trusted)
    docx = 0
    for stored in PublishedDocx.objects.select_related("report").iterator():
        docx += 1
        problems += _stored_file_problem(stored, "Word file")
    unpublished = BoardReport.objects.published().filter(pdf__isnull=True)
    for report in unpublished:
        problems.append(f"The published board report “{report}” has no stored PDF")
    reports, report_problems = _published_report_problems()
    problems += report_problems
    evidence_files, files = evidence_problems(read_bytes=read_evidence_bytes)
    problems += files
    statements, statement_problems = _statement_problems()
    problems += statement_problems
    return IntegrityReport(
        snapshots=snapshots,
        pdfs=pdfs,
        problems=problems,
        docx=docx,
        signed_off=signed_off,
        reports=reports,
        evidence_files=evidence_files,
        evidence_bytes_read=read_evidence_bytes,
        statements=statements,
    )


def _signature_problem(pdf, trusted) -> list[str]:
    """A signed paper's signature still covers the whole file and was made by the certificate
    recorded at publishing: a rewrite that also rewrote the checksum (possible where the
    database has no triggers) cannot forge it. The certificate is matched by the fingerprint
    recorded then, so papers signed before a change of certificate still hold."""
    if pdf.signing != Signing.SIGNED:
        return []
    check = verify_pdf(bytes(pdf.content), trusted=trusted)
    if (
        check.intact
        and check.fingerprint == pdf.signer_fingerprint
        and not any("added to the file" in problem for problem in check.problems)
    ):
        return []
    return [
        f"The stored PDF of the board report “{pdf.report}” no longer carries the signature "
        f"made at publishing by the certificate {pdf.signer_fingerprint}"
    ]


def _stored_file_problem(stored, kind: str) -> list[str]:
    content = bytes(stored.content)
    if hashlib.sha256(content).hexdigest() == stored.sha256 and len(content) == stored.size:
        return []
    return [
        f"The stored {kind} of the board report “{stored.report}” no longer gives its "
        f"checksum {stored.sha256}"
    ]


def _published_report_problems() -> tuple[int, list[str]]:
    """Each published or superseded report against the record made when it was published;
    its status against its corrections; and no draft holding a published paper's files."""
    problems = []
    count = 0
    reports = (
        BoardReport.objects.published()
        .select_related("superseded_by")
        .prefetch_related("threat_sections")
        .defer("superseded_by__frozen_annex")
    )
    for report in reports:
        count += 1
        if not report.published_record:
            problems.append(f"The published board report “{report}” has no record of publishing")
            continue
        now = published_record(report, report.threat_sections.all())
        for field in changed_fields(report.published_record, now):
            problems.append(
                f"The published board report “{report}”: {field} differs from what was published"
            )
        correction = getattr(report, "superseded_by", None)
        corrected = correction is not None and not correction.is_draft
        if report.status == ReportStatus.SUPERSEDED and not corrected:
            problems.append(
                f"The board report “{report}” is marked superseded but no published "
                "correction supersedes it"
            )
        if report.status == ReportStatus.PUBLISHED and corrected:
            problems.append(
                f"The board report “{report}” is marked published but a published "
                "correction supersedes it"
            )
    drafts = BoardReport.objects.filter(status=ReportStatus.DRAFT).filter(
        Q(pdf__isnull=False) | Q(docx__isnull=False) | Q(published_record__isnull=False)
    )
    for report in drafts.distinct():
        problems.append(
            f"The board report “{report}” was published (its paper is stored) but is now "
            "marked a draft"
        )
    return count, problems


def _statement_problems() -> tuple[int, list[str]]:
    """Each published annual assurance statement against what publishing recorded, and its
    stored PDF and Word file against their checksums (both must be there)."""
    problems = []
    count = 0
    for statement in AssuranceStatement.objects.filter(status=StatementStatus.PUBLISHED):
        count += 1
        if not statement.published_record:
            problems.append(f"The published statement “{statement}” has no record of publishing")
        else:
            for label in statement_changes(statement.published_record, statement_record(statement)):
                problems.append(
                    f"The published statement “{statement}”: {label} differs from what was "
                    "published"
                )
        kinds = set()
        for stored in StatementFile.objects.filter(statement=statement):
            kinds.add(stored.kind)
            content = bytes(stored.content)
            if hashlib.sha256(content).hexdigest() != stored.sha256 or len(content) != stored.size:
                problems.append(
                    f"The stored {stored.get_kind_display()} of the statement “{statement}” no "
                    f"longer gives its checksum {stored.sha256}"
                )
        for kind, words in (("pdf", "PDF"), ("docx", "Word document")):
            if kind not in kinds:
                problems.append(f"The published statement “{statement}” has no stored {words}")
    drafts = AssuranceStatement.objects.filter(status=StatementStatus.DRAFT, files__isnull=False)
    for statement in drafts.distinct():
        problems.append(
            f"The statement “{statement}” was published (its files are stored) but is now "
            "marked a draft"
        )
    return count, problems

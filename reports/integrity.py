"""Integrity anyone can verify: every signed snapshot still gives its SHA-256 fingerprint,
every stored PDF its checksum, and nothing signed or published has lost its evidence."""

import hashlib
from dataclasses import dataclass

from django.db.models import F

from assessments.choices import Status
from assessments.models import Assessment, AssessmentSnapshot
from assessments.snapshots import fingerprint
from reports.models import BoardReport, PublishedPdf


@dataclass(frozen=True)
class IntegrityReport:
    snapshots: int
    pdfs: int
    problems: list[str]

    @property
    def holds(self) -> bool:
        return not self.problems


def verify_integrity() -> IntegrityReport:
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
    pdfs = 0
    for pdf in PublishedPdf.objects.select_related("report").iterator():
        pdfs += 1
        content = bytes(pdf.content)
        if hashlib.sha256(content).hexdigest() != pdf.sha256 or len(content) != pdf.size:
            problems.append(
                f"The stored PDF of the board report “{pdf.report}” no longer gives its "
                f"checksum {pdf.sha256}"
            )
    unpublished = BoardReport.objects.published().filter(pdf__isnull=True)
    for report in unpublished:
        problems.append(f"The published board report “{report}” has no stored PDF")
    return IntegrityReport(snapshots=snapshots, pdfs=pdfs, problems=problems)

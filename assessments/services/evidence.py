"""Evidence files: attached and removed by the owning business lead while the assessment can
still be edited (the same rule as saving a draft)."""

import hashlib
import os

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from assessments.evidence import Refused, judge
from assessments.items import SECTION_LABELS
from assessments.models.evidence import MAX_EVIDENCE_BYTES, EvidenceFile
from assessments.models.records import AssessmentSnapshot, WorkflowAction
from assessments.services.assessments import audit_assessment, lock
from assessments.workflow import check_transition
from audit.models import AuditAction


def _digest(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


@transaction.atomic
def evidence_attach(*, assessment, section: str, upload, actor) -> EvidenceFile:
    assessment = lock(assessment)
    check_transition(WorkflowAction.SAVED, assessment, actor)
    if section not in SECTION_LABELS:
        raise ValidationError({"section": "Choose the section the file is evidence for"})
    if upload is None:
        raise ValidationError({"file": "Choose a file"})
    if upload.size > MAX_EVIDENCE_BYTES:
        raise ValidationError({"file": "The file must be smaller than 20 MB"})
    if upload.size == 0:
        raise ValidationError({"file": "The file is empty"})
    # The name as uploaded is kept only as text to show; the stored file gets a new one.
    name = os.path.basename((upload.name or "evidence").replace("\\", "/"))[:200] or "evidence"
    try:
        kind = judge(upload, name)
    except Refused as refusal:
        raise ValidationError({"file": str(refusal)}) from None
    evidence = EvidenceFile(
        assessment=assessment,
        section=section,
        name=name,
        content_type=kind.content_type,
        size=upload.size,
        sha256=_digest(upload),
        uploaded_by=actor,
    )
    evidence.file.save(name, upload, save=False)
    try:
        evidence.full_clean(exclude=["file"])
        evidence.save()
    except Exception:
        evidence.file.delete(save=False)  # no orphan bytes when the row is not written
        raise
    _audit(evidence, actor, AuditAction.EVIDENCE_ATTACHED)
    return evidence


def _audit(evidence, actor, action) -> None:
    audit_assessment(
        actor=actor,
        action=action,
        assessment=evidence.assessment,
        obj=evidence,
        summary=f"{evidence.name} ({SECTION_LABELS.get(evidence.section, evidence.section)}), "
        f"SHA-256 {evidence.sha256}",
    )


def named_in_signed_version(evidence) -> bool:
    """Whether a signed version of the assessment names the file (by its checksum)."""
    signed = evidence.assessment.snapshots.filter(reason=AssessmentSnapshot.Reason.SIGNED_OFF)
    return any(
        entry.get("sha256") == evidence.sha256
        for data in signed.values_list("data", flat=True)
        for entry in data.get("evidence_files", [])
    )


@transaction.atomic
def evidence_remove(*, evidence, actor) -> None:
    """Take a file out of the draft. One a signed version names stays, row and bytes, as
    that version's evidence: it is only left out of the draft and the versions to come."""
    assessment = lock(evidence.assessment)
    check_transition(WorkflowAction.SAVED, assessment, actor)
    evidence = EvidenceFile.objects.select_for_update().get(pk=evidence.pk, assessment=assessment)
    if evidence.removed_at is not None:
        return
    _audit(evidence, actor, AuditAction.EVIDENCE_REMOVED)
    if named_in_signed_version(evidence):
        evidence.removed_at = timezone.now()
        evidence.removed_by = actor
        evidence.save(update_fields=["removed_at", "removed_by"])
        return
    stored = evidence.file
    evidence.delete()
    # Remove the bytes only once the row is gone for good.
    transaction.on_commit(lambda: stored.delete(save=False))

"""The evidence files a reader is shown with a self-assessment, and how many each threat of
the board has: always through the access rule of the assessment (`visible_to`) and only the
files of the assessment as it stands (`current`), each page in one query."""

from django.db.models import Count

from assessments.models import EvidenceFile


def evidence_of(assessment, user) -> list[EvidenceFile]:
    """The files the assessment rests on, with who attached them, in one query."""
    return list(
        EvidenceFile.objects.visible_to(user)
        .current()
        .filter(assessment_id=assessment.pk)
        .select_related("uploaded_by")
    )


def evidence_counts(assessment_ids, user) -> dict[int, int]:
    """How many files each of these assessments rests on, in one query."""
    ids = [pk for pk in assessment_ids if pk is not None]
    if not ids:
        return {}
    rows = (
        EvidenceFile.objects.visible_to(user)
        .current()
        .filter(assessment_id__in=ids)
        .order_by()
        .values("assessment_id")
        .annotate(files=Count("pk"))
    )
    return {row["assessment_id"]: row["files"] for row in rows}

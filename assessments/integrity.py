"""What was signed is what is read: each signed-off row compared with its signed version, and
each evidence file with its checksum (part of reports/integrity.py's check).

On PostgreSQL triggers refuse these changes (assessments/migrations/0010); this is what
finds them wherever the database was changed around them, SQLite included. The evidence
bytes are read through the storage API only, so the check holds on object storage too.
"""

import contextlib
import hashlib
import json

from django.db.models import Prefetch

from assessments.choices import Grade
from assessments.items import GRADED_ITEMS
from assessments.models import (
    Assessment,
    AssessmentSnapshot,
    Contribution,
    ContributionFigure,
    EvidenceFile,
    ExpectationAnswer,
)
from assessments.snapshots import (
    contribution_entry,
    expectation_entry,
    figure_entry,
    signed_content,
)
from spr_portal.object_storage import open_stream

_OTHER_LABELS = {
    "evidence_sources": "Evidence the assessment rests on",
    "capability_framework": "Capability framework",
    "four_ps": "4 Ps",
    "four_ps_narrative": "4 Ps narrative",
    "risks": "Risks",
    "summary": "Summary",
    "evidence_files": "Evidence files",
    "contributions": "Contributions of other departments",
    "expectations": "Answers to what the SPR expects",
    "figures": "Contribution figures",
}

# What of an answer or a figure is the lead's (the line's or measure's words are the force's
# set-up, which may be reworded after signing without changing what was signed).
_ANSWERED = ("answer", "evidence", "by", "at")
_RECORDED = ("value", "against_value", "by", "at")


def _own(entries, keys) -> list:
    """The lead's part of each entry (a line left unanswered has none)."""
    return sorted(
        [entry.get(key) for key in keys]
        for entry in entries
        if entry.get(keys[0]) not in ("", None)
    )


def _grade(value) -> str:
    return Grade(value).label if value in Grade.values else "no grade"


def _differences(signed: dict, live: dict) -> list[str]:
    found = []
    for item in GRADED_ITEMS:
        was, now = signed.get("items", {}).get(item.code, {}), live["items"][item.code]
        if was.get("grade") != now["grade"]:
            found.append(
                f"{item.label} grade (signed {_grade(was.get('grade'))}, "
                f"now {_grade(now['grade'])})"
            )
        if was.get("narrative") != now["narrative"]:
            found.append(f"{item.label} narrative")
    for key, label in _OTHER_LABELS.items():
        if key in ("expectations", "figures"):
            keys = _ANSWERED if key == "expectations" else _RECORDED
            if _own(signed.get(key, []), keys) != _own(live.get(key, []), keys):
                found.append(label)
        elif signed.get(key, []) != live.get(key, []):
            found.append(label)
    return found


def signed_content_problems() -> tuple[int, list[str]]:
    """Each signed-off assessment whose row no longer says what its signed version says,
    naming the assessment, its quarter and each field that differs."""
    problems = []
    signed = (
        Assessment.objects.signed_off()
        .filter(signed_snapshot__isnull=False)
        .select_related("quarter", "signed_snapshot")
        .with_threat_name()
        .prefetch_related(
            Prefetch("evidence_files", EvidenceFile.objects.current(), to_attr="current_files"),
            Prefetch(
                "contributions",
                Contribution.objects.in_form_order(),
                to_attr="contributions_written",
            ),
            Prefetch(
                "expectation_answers",
                ExpectationAnswer.objects.select_related("expectation"),
                to_attr="answers_given",
            ),
            Prefetch(
                "contribution_figures",
                ContributionFigure.objects.select_related("measure"),
                to_attr="figures_recorded",
            ),
        )
        .order_by("quarter__financial_year", "quarter__number", "threat_id")
    )
    count = 0
    for assessment in signed:
        count += 1
        snapshot = assessment.signed_snapshot
        live = signed_content(assessment)
        files = sorted(assessment.current_files, key=lambda f: (f.section, f.name, f.sha256))
        live["evidence_files"] = [
            {"section": f.section, "name": f.name, "sha256": f.sha256} for f in files
        ]
        live["contributions"] = [contribution_entry(c) for c in assessment.contributions_written]
        live["expectations"] = [expectation_entry(a) for a in assessment.answers_given]
        live["figures"] = [figure_entry(f) for f in assessment.figures_recorded]
        # As the snapshot was stored: through JSON (a list, never a tuple).
        live = json.loads(json.dumps(live))
        for field in _differences(snapshot.data, live):
            problems.append(
                f"The signed-off self-assessment of {assessment.threat_name} for "
                f"{assessment.quarter.label}: {field} differs from signed version "
                f"{snapshot.number}"
            )
    return count, problems


def _sha256(storage, name) -> str:
    digest = hashlib.sha256()
    # Streamed from the storage, a folder or the bucket (spr_portal/object_storage.py).
    with contextlib.closing(open_stream(storage, name)) as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def evidence_problems(*, read_bytes: bool = True) -> tuple[int, list[str]]:
    """Every file a signed version names still kept; with `read_bytes`, every stored file
    present and giving its checksum."""
    problems = []
    kept = {}
    files = EvidenceFile.objects.select_related("assessment__quarter").order_by("pk")
    count = 0
    for evidence in files.iterator():
        count += 1
        kept.setdefault(evidence.assessment_id, set()).add(evidence.sha256)
        if not read_bytes:
            continue
        stored, where = evidence.file, f"“{evidence.name}” of “{evidence.assessment}”"
        if not stored.name or not stored.storage.exists(stored.name):
            problems.append(f"The evidence file {where} is missing from the evidence store")
        elif _sha256(stored.storage, stored.name) != evidence.sha256:
            problems.append(
                f"The evidence file {where} no longer gives its checksum {evidence.sha256}"
            )
    signed = AssessmentSnapshot.objects.filter(
        reason=AssessmentSnapshot.Reason.SIGNED_OFF
    ).select_related("assessment__quarter")
    for snapshot in signed.iterator():
        for entry in snapshot.data.get("evidence_files", []):
            if entry.get("sha256") not in kept.get(snapshot.assessment_id, ()):
                problems.append(
                    f"The evidence file “{entry.get('name')}” named in signed version "
                    f"{snapshot.number} of “{snapshot.assessment}” is no longer kept "
                    f"with its checksum {entry.get('sha256')}"
                )
    return count, problems

"""Every write to a self-assessment: permission, validation, the change and its audit row,
in one transaction (HackSoft styleguide services; Zulip-style acting user on every action)."""

import functools

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone

from assessments.choices import Status, status_label
from assessments.deadlines import closed_message, may_work_late
from assessments.items import GRADED_ITEMS, SECTION_LABELS, sections_of
from assessments.models import (
    Assessment,
    AssessmentSnapshot,
    LateSubmissionGrant,
    Quarter,
    ReviewComment,
    WorkflowEvent,
)
from assessments.models.records import WorkflowAction
from assessments.notifications import (
    notify_reopened,
    notify_resubmitted,
    notify_returned,
    notify_signed_off,
    notify_submitted,
)
from assessments.published import confirm_message, published_in
from assessments.rules import missing_for_submission
from assessments.selectors.lineage import last_signed_off
from assessments.selectors.reopening import latest_reopening
from assessments.services.grants import late_submission_grant
from assessments.snapshots import build_snapshot, fingerprint
from assessments.workflow import TRANSITIONS, check_comment, check_transition, is_owner
from audit.models import AuditAction, AuditEvent
from audit.services import audit_row, model_update
from spr_portal.concurrency import check_revision
from spr_portal.prepared import execute_prepared
from spr_portal.together import update_and_insert
from threats.models import LED_BY_SQL, SprEdition, led_by_sql_params
from threats.naming import name_in

NOUN = "self-assessment"  # in the refusal of a stale save

# The fields a business lead may write through assessment_save_draft.
EDITABLE_FIELDS = frozenset(
    [item.grade_field for item in GRADED_ITEMS]
    + [item.narrative_field for item in GRADED_ITEMS]
    + [
        "evidence_sources",
        "capability_framework",
        "four_ps",
        "four_ps_narrative",
        "risks",
        "summary",
    ]
)
# What "start from last quarter" copies from the last signed-off assessment.
CARRIED_FIELDS = EDITABLE_FIELDS
# Every column a draft's save may write (model_update's revision and updated_at, and the
# carried-forward sections still to check): a write of these alone is a draft's content,
# which moves no settled entry of the cache (assessments/apps.py).
DRAFT_WRITES = EDITABLE_FIELDS | {"carried_to_check", "revision", "updated_at"}


class IncompleteAssessment(ValidationError):
    """Submission refused; `missing` lists (field, message) for the error summary."""

    def __init__(self, missing: list[tuple[str, str]]):
        self.missing = missing
        super().__init__({field: message for field, message in missing})


# Each workflow step's row on the audit trail.
_AUDIT_ACTION = {
    WorkflowAction.STARTED: AuditAction.ASSESSMENT_STARTED,
    WorkflowAction.SAVED: AuditAction.ASSESSMENT_SAVED,
    WorkflowAction.SUBMITTED: AuditAction.ASSESSMENT_SUBMITTED,
    WorkflowAction.RETURNED: AuditAction.ASSESSMENT_RETURNED,
    WorkflowAction.SIGNED_OFF: AuditAction.ASSESSMENT_SIGNED_OFF,
    WorkflowAction.REOPENED: AuditAction.ASSESSMENT_REOPENED,
    WorkflowAction.WITHDRAWN: AuditAction.ASSESSMENT_WITHDRAWN,
}


def _record(**step) -> WorkflowEvent:
    """The workflow event (the assessment's own history) and its audit row, written now
    (`_record_rows` says what they hold)."""
    event, audit = _record_rows(**step)
    event.save(force_insert=True)
    audit.save(force_insert=True)
    return event


def _record_rows(
    *, assessment, actor, action, from_status, comment="", snapshot=None, summary="", sections=()
) -> tuple[WorkflowEvent, AuditEvent]:
    """The workflow event and its audit row, not yet written."""
    event = WorkflowEvent(
        sections=list(sections),
        assessment=assessment,
        actor=actor,
        action=action,
        from_status=from_status,
        to_status=assessment.status,
        comment=comment,
        snapshot=snapshot,
    )
    if not summary and from_status != assessment.status:
        summary = f"{status_label(from_status)} → {assessment.get_status_display()}"
    if snapshot is not None:
        summary += f"; version {snapshot.number}, SHA-256 {snapshot.fingerprint}"
    audit = audit_assessment_row(
        actor=actor,
        action=_AUDIT_ACTION[action],
        assessment=assessment,
        summary=summary.lstrip("; "),
        reason=comment,
    )
    return event, audit


def audit_assessment(*, actor, action, assessment, obj=None, summary="", reason="") -> None:
    """The audit row of a change to a self-assessment or to something of it (`obj`), filed
    under the assessment's threat and quarter, so the trail's filters find it."""
    audit_assessment_row(
        actor=actor, action=action, assessment=assessment, obj=obj, summary=summary, reason=reason
    ).save(force_insert=True)


def audit_assessment_row(
    *, actor, action, assessment, obj=None, summary="", reason=""
) -> AuditEvent:
    """`audit_assessment`'s row, not yet written. Filed by the ids the assessment holds: its
    threat need not have been read."""
    row = audit_row(
        actor=actor,
        action=action,
        obj=assessment if obj is None else obj,
        summary=summary,
        reason=reason,
    )
    row.threat_id, row.quarter_id = assessment.threat_id, assessment.quarter_id
    return row


def _move(
    assessment, *, actor, action, to=None, comment="", snapshot=None, **fields
) -> WorkflowEvent:
    """One step of the workflow: the new status (the transition table's, unless the step
    decides), and what goes with it, as a new revision, then the step's event and audit row."""
    from_status = assessment.status
    assessment.status = to or TRANSITIONS[action].target
    for name, value in fields.items():
        setattr(assessment, name, value)
    assessment.revision += 1
    assessment.save()
    return _record(
        assessment=assessment,
        actor=actor,
        action=action,
        from_status=from_status,
        comment=comment,
        snapshot=snapshot,
    )


def _signature(snapshot) -> dict:
    """Who signed, when, and exactly what: all three set by a sign-off (the snapshot's author
    and time), all three cleared by reopening (None)."""
    return {
        "signed_off_by": snapshot.created_by if snapshot else None,
        # An imported sign-off's signer named in words: cleared by any later step.
        "signed_off_by_name": "",
        "signed_off_at": snapshot.created_at if snapshot else None,
        "signed_snapshot": snapshot,
    }


def lock(assessment: "Assessment | int") -> Assessment:
    """Re-read the row under a lock so two requests cannot interleave a transition, with what
    every step reads besides it in the same query: the owning department (who may act), the
    quarter and its SPR edition. The threat's name in it (the audit row's label) comes from
    the cache of names (`threat_name`): in this query it cost a save a tenth of its time.

    The assessment's row is locked for update; its threat, quarter and owning department only
    shared first (`share_parents`), so that a change to any of them (an owner, the dates, a
    closing) waits for the steps in flight and they for it, while steps on the quarter's other
    self-assessments go on side by side: locked for update, every save of a quarter had waited
    for the one before it to commit."""
    pk = assessment if isinstance(assessment, int) else assessment.pk
    share_parents(pk)
    return (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("threat__owning_department", "quarter__edition")
        .get(pk=pk)
    )


def share_parents(assessment_pk: int) -> None:
    """Lock the threat, the quarter and the owning department of a self-assessment FOR SHARE
    (Django's select_for_update has no shared mode): each stays as read until the
    transaction ends, and a shared lock does not wait for another. The department on its own,
    once the threat's row says which it is now: a threat may have none yet, and PostgreSQL
    locks no row on the nullable side of an outer join (it refuses the query). The SQL is
    PostgreSQL's, as the migrations' triggers are; SQLite takes no row locks: one transaction
    writes at a time there."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(_SHARE_THREAT_AND_QUARTER, [assessment_pk])
        row = cursor.fetchone()
        if row is not None and row[0] is not None:
            cursor.execute(_SHARE_DEPARTMENT, [row[0]])


def lock_to_save(pk: int, actor) -> Assessment:
    """`lock` for a section's save, in one statement: the row for update, its threat and
    quarter shared (PostgreSQL), its owning department shared in a sub-select (a threat may
    have none), the quarter and its edition (the audit row's label), and whether `actor` leads
    that department today (threats/models.py LED_BY_SQL, the rule `is_led_by` asks), for
    `workflow.is_owner` to answer from. `lock` sends three or four queries for the same and
    Django builds each: this is the page people save most (docs/benchmarks.md). SQLite takes
    no row locks; it reads the same."""
    locks = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        # Prepared once a connection: planning it took three times as long as running it.
        execute_prepared(
            cursor, _TO_SAVE_LOCKED if locks else _TO_SAVE, [*led_by_sql_params(actor), pk]
        )
        row = cursor.fetchone()
    if row is None:
        raise Assessment.DoesNotExist(f"No self-assessment {pk}")
    row = _as_fields_read_it(row)
    assessment_end = len(_ASSESSMENT_FIELDS)
    quarter_end = assessment_end + len(_QUARTER_FIELDS)
    edition_end = quarter_end + len(_EDITION_FIELDS)
    assessment = Assessment.from_db("default", _ASSESSMENT_FIELDS, row[:assessment_end])
    quarter = Quarter.from_db("default", _QUARTER_FIELDS, row[assessment_end:quarter_end])
    quarter.edition = SprEdition.from_db("default", _EDITION_FIELDS, row[quarter_end:edition_end])
    assessment.quarter = quarter
    assessment.owner_read_under_lock = (actor.pk, bool(row[edition_end]))
    return assessment


def _as_fields_read_it(row) -> list:
    """The row's values as Django gives them to a model it reads (`from_db` takes them so):
    each field's converters applied, as the ORM's compiler does (JSON decoded; SQLite's dates,
    times and true/false)."""
    values = list(row)
    for position, converters, column in _converters(connection.vendor):
        for converter in converters:
            values[position] = converter(values[position], column, connection)
    return values


@functools.cache
def _converters(vendor: str) -> list:
    found = []
    read = [(field, alias) for model, alias in _READ for field in _fields(model)]
    for position, (field, alias) in enumerate(read):
        column = field.get_col(alias)
        converters = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        if converters:
            found.append((position, converters, column))
    return found


def _columns(model, alias: str) -> str:
    return ", ".join(f"{alias}.{connection.ops.quote_name(f.column)}" for f in _fields(model))


def _fields(model):
    return model._meta.concrete_fields


_READ = ((Assessment, "a"), (Quarter, "q"), (SprEdition, "e"))  # in the statement's order
_ASSESSMENT_FIELDS = [f.attname for f in _fields(Assessment)]
_QUARTER_FIELDS = [f.attname for f in _fields(Quarter)]
_EDITION_FIELDS = [f.attname for f in _fields(SprEdition)]
# Names of tables and columns only (the models'); the user, the day and the id are parameters.
_TO_SAVE = f"""
    SELECT {_columns(Assessment, "a")}, {_columns(Quarter, "q")}, {_columns(SprEdition, "e")},
    {LED_BY_SQL.format(department="t.owning_department_id")}{{department}}
    FROM assessments_assessment a
    JOIN threats_nationalthreat t ON t.id = a.threat_id
    JOIN assessments_quarter q ON q.id = a.quarter_id
    JOIN threats_spredition e ON e.id = q.edition_id
    WHERE a.id = %s{{locks}}
"""  # noqa: S608
# On PostgreSQL the owning department is held in a column of its own (a sub-select: the
# threat may have none, and PostgreSQL locks no nullable side of an outer join); the reader
# ignores it. The threat and the quarter are held as `share_parents` holds them.
_TO_SAVE_LOCKED = _TO_SAVE.format(
    department=", (SELECT 1 FROM threats_department d WHERE d.id = t.owning_department_id "
    "FOR SHARE)",
    locks="\n    FOR UPDATE OF a FOR SHARE OF t, q",
)
_TO_SAVE = _TO_SAVE.format(department="", locks="")


# The tables' names as the models' Meta gives them (the tests lock through these on PostgreSQL).
_SHARE_THREAT_AND_QUARTER = """
    SELECT t.owning_department_id FROM assessments_assessment a
    JOIN threats_nationalthreat t ON t.id = a.threat_id
    JOIN assessments_quarter q ON q.id = a.quarter_id
    WHERE a.id = %s FOR SHARE OF t, q
"""
_SHARE_DEPARTMENT = "SELECT 1 FROM threats_department WHERE id = %s FOR SHARE"


def _take_snapshot(*, assessment, actor, reason) -> AssessmentSnapshot:
    data = build_snapshot(assessment)
    number = assessment.snapshots.count() + 1
    return AssessmentSnapshot.objects.create(
        assessment=assessment,
        number=number,
        reason=reason,
        data=data,
        fingerprint=fingerprint(data),
        created_by=actor,
    )


@transaction.atomic
def assessment_start(*, threat, quarter, actor, from_previous: bool = False) -> Assessment:
    """Begin the quarter's self-assessment of a threat, optionally pre-filled from the last
    signed-off one."""
    if not may_work_late(quarter, threat.pk):
        raise ValidationError(closed_message(quarter, threat.pk))
    probe = Assessment(threat=threat, quarter=quarter)
    if not is_owner(probe, actor):
        raise PermissionDenied("Only a business lead of the owning department may start it.")
    if not quarter.edition.threats().filter(pk=threat.pk).exists():
        raise ValidationError(
            f"{name_in(threat, quarter)} is not a national threat of the {quarter.edition}."
        )
    if Assessment.objects.filter(threat=threat, quarter=quarter).exists():
        raise ValidationError(
            f"The {quarter.label} self-assessment of {name_in(threat, quarter)} is already started."
        )
    assessment = Assessment(threat=threat, quarter=quarter, created_by=actor)
    if from_previous:
        # The last signed-off grades of this threat's lineage (a successor starts from its
        # predecessor's), the same ones movement is measured against.
        previous = last_signed_off([threat.pk], before=quarter).get(threat.pk)
        if previous is not None:
            for field in CARRIED_FIELDS:
                setattr(assessment, field, getattr(previous, field))
            # Last quarter's words are not this quarter's until the lead has read them again.
            assessment.carried_to_check = sections_of(
                [
                    field
                    for field in CARRIED_FIELDS
                    if getattr(previous, field) not in (None, "", [])
                ]
            )
    # The fields are checked here; the table's rules are left to the database. A new draft
    # has a valid status and no sign-off, and its grades are a signed-off assessment's, so
    # only a start a moment after the check above can break one (the database refuses it:
    # IntegrityError, which the page answers). Checking them here took one query and one
    # savepoint a rule, eight in all: 20-30 ms of every start.
    assessment.full_clean(validate_unique=False, validate_constraints=False)
    assessment.save()
    # The threat's standing contributors (NationalThreat.contributing_departments, set by the
    # set-up spreadsheet or the admin) are this quarter's until someone changes the list.
    standing = list(
        threat.contributing_departments.exclude(pk=threat.owning_department_id).order_by("name")
    )
    if standing:
        assessment.contributing_departments.set(standing)
    _record(
        assessment=assessment,
        actor=actor,
        action=WorkflowAction.STARTED,
        from_status="",
        comment="Started from last quarter" if from_previous else "",
        summary=(
            f"{status_label('')} → {assessment.get_status_display()}; contributing "
            "departments: " + ", ".join(d.name for d in standing)
        )
        if standing
        else "",
    )
    return assessment


@transaction.atomic
def assessment_save_draft(
    *, assessment: "Assessment | int", actor, data: dict, revision: int
) -> Assessment:
    """Save any subset of the editable fields; refuse a save based on a stale revision.
    `assessment`: the assessment, or its id (the section form's save, which reads it only
    here, under the lock). The page people save most: two statements on PostgreSQL, the
    locked read that also answers who owns it (`lock_to_save`) and the write with its
    workflow event and audit row (spr_portal/together.py)."""
    pk = assessment if isinstance(assessment, int) else assessment.pk
    assessment = lock_to_save(pk, actor)
    check_transition(WorkflowAction.SAVED, assessment, actor)
    check_revision(assessment, revision, NOUN)
    # Only the fields being saved are validated (choices, lengths): the others are as the
    # locked row holds them. The model's constraints are not validated again here, which
    # would be a query each (SAVEPOINT, SELECT, RELEASE): a save cannot break them, and the
    # database still enforces every one (tests/assessments/test_models.py):
    # - one per threat and quarter, status valid: threat, quarter and status are not
    #   EDITABLE_FIELDS;
    # - signed off records who, when, what: check_transition allowed only a draft or
    #   returned one, read under the lock, and the status stays;
    # - each grade 1 to 5: clean_fields checks the grade against Grade's choices, the same
    #   rule (tests/assessments/test_save_draft.py).
    # Saving a carried-forward section is the lead's word that it has been checked.
    saved_sections = sections_of(data)
    still_to_check = [c for c in assessment.carried_to_check if c not in saved_sections]
    confirmed = len(still_to_check) != len(assessment.carried_to_check)
    assessment.carried_to_check = still_to_check
    # Writes only what was sent (and the revision): the texts of other sections stay as they are.
    update = model_update(
        instance=assessment,
        fields=EDITABLE_FIELDS,
        data=data,
        also=["carried_to_check"] if confirmed else [],
        revise=True,
        validate_data_only=True,
        save=False,
    )
    records = _record_rows(
        assessment=assessment,
        actor=actor,
        action=WorkflowAction.SAVED,
        from_status=assessment.status,
        summary=update.summary or "No change",
        sections=saved_sections,
    )
    update_and_insert(assessment, update.written, list(records))
    return assessment


@transaction.atomic
def assessment_submit(*, assessment, actor) -> Assessment:
    assessment = lock(assessment)
    check_transition(WorkflowAction.SUBMITTED, assessment, actor)
    missing = missing_for_submission(assessment)
    if missing:
        raise IncompleteAssessment(missing)
    from_status = assessment.status
    assessment.status = Status.SUBMITTED
    assessment.submitted_at = timezone.now()
    # A new submission: nobody has started reviewing it yet, so it may be withdrawn.
    assessment.review_started_at = None
    assessment.review_started_by = None
    assessment.revision += 1
    assessment.save()
    snapshot = _take_snapshot(
        assessment=assessment, actor=actor, reason=AssessmentSnapshot.Reason.SUBMITTED
    )
    _record(
        assessment=assessment,
        actor=actor,
        action=WorkflowAction.SUBMITTED,
        from_status=from_status,
        snapshot=snapshot,
    )
    if from_status == Status.RETURNED:
        notify_resubmitted(assessment, actor)
    elif latest_reopening(assessment, status=from_status) is not None:
        notify_resubmitted(assessment, actor, after="it was reopened")
    else:
        notify_submitted(assessment, actor)
    return assessment


@transaction.atomic
def assessment_return(
    *, assessment, actor, comment: str, section_comments: dict[str, str] | None = None
) -> Assessment:
    """Return for revision: an overall comment is required; section comments are optional."""
    assessment = lock(assessment)
    check_transition(WorkflowAction.RETURNED, assessment, actor)
    comment = check_comment(WorkflowAction.RETURNED, comment)
    section_comments = {k: v.strip() for k, v in (section_comments or {}).items() if v.strip()}
    unknown = set(section_comments) - set(SECTION_LABELS)
    if unknown:
        raise ValidationError(f"Not sections of a self-assessment: {', '.join(sorted(unknown))}")
    event = _move(assessment, actor=actor, action=WorkflowAction.RETURNED, comment=comment)
    ReviewComment.objects.create(
        assessment=assessment, section="", body=comment, author=actor, event=event
    )
    for section, body in section_comments.items():
        ReviewComment.objects.create(
            assessment=assessment, section=section, body=body, author=actor, event=event
        )
    notify_returned(assessment, actor, comment, section_comments)
    return assessment


@transaction.atomic
def assessment_sign_off(*, assessment, actor) -> Assessment:
    """Freeze the assessment: who signed, when, and the fingerprint of exactly what."""
    assessment = lock(assessment)
    check_transition(WorkflowAction.SIGNED_OFF, assessment, actor)
    snapshot = _take_snapshot(
        assessment=assessment, actor=actor, reason=AssessmentSnapshot.Reason.SIGNED_OFF
    )
    _move(
        assessment,
        actor=actor,
        action=WorkflowAction.SIGNED_OFF,
        snapshot=snapshot,
        **_signature(snapshot),
    )
    notify_signed_off(assessment, actor)
    return assessment


@transaction.atomic
def assessment_reopen(
    *, assessment, actor, reason: str, confirm_published: bool = False, late_deadline=None
) -> Assessment:
    """Back to draft, with a reason. The signed snapshot stays, as evidence of what was signed.
    One that a published paper reports needs `confirm_published`: the paper stays frozen.
    In a closed quarter the business lead could edit but never submit it again, so the same
    step grants a late submission until the end of `late_deadline` (required there)."""
    assessment = lock(assessment)
    check_transition(WorkflowAction.REOPENED, assessment, actor)
    reason = check_comment(WorkflowAction.REOPENED, reason)
    papers = published_in(assessment)
    if papers and not confirm_published:
        raise ValidationError({"confirm_published": confirm_message(papers)})
    closed = not assessment.quarter.is_open
    if closed:
        LateSubmissionGrant.check_deadline(late_deadline)
    # The event keeps the snapshot that was signed; the assessment no longer carries it.
    signed = assessment.signed_snapshot
    _move(
        assessment,
        actor=actor,
        action=WorkflowAction.REOPENED,
        comment=reason,
        snapshot=signed,
        **_signature(None),
    )
    if closed:
        late_submission_grant(
            quarter=assessment.quarter,
            threat=assessment.threat,
            reason=reason,
            deadline=late_deadline,
            actor=actor,
            with_reopening=True,
        )
    notify_reopened(assessment, actor, reason)
    return assessment

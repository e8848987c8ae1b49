"""Improvement actions: added, changed and closed by the owning business lead while the
assessment that shows them can still be edited."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from assessments.choices import ActionStatus
from assessments.models import Assessment, ImprovementAction
from assessments.models.recommendations import Recommendation
from assessments.models.records import WorkflowAction
from assessments.services.assessments import audit_assessment, lock
from assessments.workflow import check_transition
from audit.models import AuditAction
from audit.services import model_update
from spr_portal.concurrency import check_revision
from threats.models import lineage_ids

EDITABLE_ACTION_FIELDS = ("description", "owner", "due_date", "recommendation", "status")
ACTION_NOUN = "improvement action"  # in the refusal of a stale edit


def _check_actions_editable(*, assessment, actor) -> Assessment:
    assessment = lock(assessment)
    check_transition(WorkflowAction.SAVED, assessment, actor)
    return assessment


@transaction.atomic
def action_add(
    *, assessment, actor, description: str, owner: str, due_date, recommendation=None
) -> ImprovementAction:
    assessment = _check_actions_editable(assessment=assessment, actor=actor)
    _check_cited(assessment, recommendation, None)
    action = ImprovementAction(
        recommendation=recommendation,
        threat=assessment.threat,
        raised_in=assessment,
        description=description,
        owner=owner,
        due_date=due_date,
        created_by=actor,
    )
    action.full_clean()
    action.save()
    _audit(
        assessment,
        actor,
        AuditAction.ACTION_ADDED,
        action,
        f"Owner {owner}, due {due_date:%-d %B %Y}",
    )
    return action


def _check_cited(assessment, recommendation, action) -> None:
    """An action cites an open recommendation concerning its threat (or one it already
    cited)."""
    if recommendation is None or (
        action is not None and action.recommendation_id == recommendation.pk
    ):
        return
    if not cited_by_threat(assessment.threat_id).filter(pk=recommendation.pk).exists():
        raise ValidationError(
            {"recommendation": "Select an open recommendation that concerns this threat"}
        )


def cited_by_threat(threat_id):
    """The recommendations an action of this threat may cite: open ones concerning it or a
    threat it succeeds."""
    return Recommendation.objects.still_open().concerning(lineage_ids(threat_id))


def _audit(assessment, actor, what, action, summary) -> None:
    audit_assessment(actor=actor, action=what, assessment=assessment, obj=action, summary=summary)


@transaction.atomic
def action_update(*, assessment, action, actor, **fields) -> ImprovementAction:
    """Change an action shown on this assessment (description, owner, due date, status)."""
    assessment = _check_actions_editable(assessment=assessment, actor=actor)
    if not ImprovementAction.objects.for_assessment(assessment).filter(pk=action.pk).exists():
        raise PermissionDenied("That improvement action is not part of this self-assessment.")
    action = ImprovementAction.objects.select_for_update().get(pk=action.pk)
    if "recommendation" in fields:
        _check_cited(assessment, fields["recommendation"], action)
    status = fields.get("status", action.status)
    if status == ActionStatus.CLOSED and action.closed_on is None:
        action.closed_on = timezone.localdate()
        action.closed_in = assessment
    elif status != ActionStatus.CLOSED:
        action.closed_on = None
        action.closed_in = None
    # The audit row lists the changes in the form's order, whatever order they came in.
    data = {name: fields[name] for name in EDITABLE_ACTION_FIELDS if name in fields} | fields
    update = model_update(
        instance=action,
        fields=EDITABLE_ACTION_FIELDS,
        data=data,
        also=("closed_on", "closed_in"),
        revise=True,
    )
    _audit(assessment, actor, AuditAction.ACTION_CHANGED, action, update.summary or "No change")
    return action


@transaction.atomic
def action_close(*, assessment, action, actor) -> ImprovementAction:
    """Close an improvement action in this assessment, so it stops carrying forward."""
    return action_update(
        assessment=assessment, action=action, actor=actor, status=ActionStatus.CLOSED
    )


@transaction.atomic
def action_edit(*, assessment, action, actor, revision: int, **fields) -> ImprovementAction:
    """action_update, refused with ConcurrentEdit if the action changed after the form was
    opened at `revision`."""
    assessment = _check_actions_editable(assessment=assessment, actor=actor)
    current = ImprovementAction.objects.select_for_update().get(pk=action.pk)
    check_revision(current, revision, ACTION_NOUN)
    return action_update(assessment=assessment, action=current, actor=actor, **fields)

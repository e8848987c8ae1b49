"""The audit trail: one append-only row for every change anyone makes, written by the service
that makes it, in the same transaction (Zulip's RealmAuditLog pattern).

Rows are never updated or deleted: the model refuses it, and on PostgreSQL a trigger refuses
it too (migration 0002), so not even a raw SQL statement of the application can rewrite
history.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from spr_portal.access import Can, may


class AuditAction(models.TextChoices):
    ASSESSMENT_STARTED = "assessment.started", "Self-assessment started"
    ASSESSMENT_SAVED = "assessment.saved", "Self-assessment saved as draft"
    ASSESSMENT_SUBMITTED = "assessment.submitted", "Self-assessment submitted"
    ASSESSMENT_RETURNED = "assessment.returned", "Self-assessment returned for revision"
    ASSESSMENT_SIGNED_OFF = "assessment.signed_off", "Self-assessment signed off"
    ASSESSMENT_REOPENED = "assessment.reopened", "Self-assessment reopened"
    CONTRIBUTORS_SET = "assessment.contributors_set", "Contributing departments set"
    CONTRIBUTION_SAVED = "assessment.contribution_saved", "Contribution of a department saved"
    EXPECTATIONS_ANSWERED = (
        "assessment.expectations_answered",
        "What the SPR expects answered",
    )
    FIGURES_RECORDED = "assessment.figures_recorded", "Contribution figures recorded"
    ASSESSMENT_WITHDRAWN = "assessment.withdrawn", "Self-assessment submission withdrawn"
    ASSESSMENT_REVIEW_STARTED = "assessment.review_started", "Review of a self-assessment started"
    ACTION_ADDED = "action.added", "Improvement action added"
    ACTION_CHANGED = "action.changed", "Improvement action changed"
    EVIDENCE_ATTACHED = "evidence.attached", "Evidence file attached"
    EVIDENCE_REMOVED = "evidence.removed", "Evidence file removed"
    MEETING_CREATED = "meeting.created", "Quarterly meeting recorded"
    MEETING_CHANGED = "meeting.changed", "Quarterly meeting changed"
    MEETING_ATTENDANCE = "meeting.attendance", "Quarterly meeting attendance recorded"
    MEETING_DECISION = "meeting.decision", "Quarterly meeting decision recorded"
    MEETING_ACTION_RAISED = "meeting.action_raised", "Action raised by a quarterly meeting"
    MEETING_ACTION_UPDATED = "meeting.action_updated", "Meeting action updated by its owner"
    MINUTES_APPROVED = "meeting.minutes_approved", "Quarterly meeting minutes approved"
    ASSESSMENT_ENDORSED = "assessment.endorsed", "Self-assessment endorsed by its chief officer"
    QUARTER_CREATED = "quarter.created", "Quarter created"
    QUARTER_CHANGED = "quarter.changed", "Quarter dates changed"
    QUARTER_OPENED = "quarter.opened", "Quarter opened"
    QUARTER_CLOSED = "quarter.closed", "Quarter closed"
    LATE_SUBMISSION_GRANTED = "quarter.late_submission_granted", "Late submission granted"
    QUARTER_DEPUTIES_NAMED = "quarter.deputies_named", "Sign-off deputies named"
    STAND_IN_NAMED = "department.stand_in_named", "Business lead stand-in named"
    STAND_IN_ENDED = "department.stand_in_ended", "Business lead stand-in ended early"
    RECOMMENDATION_RECORDED = "recommendation.recorded", "Inspection recommendation recorded"
    RECOMMENDATION_CHANGED = "recommendation.changed", "Inspection recommendation changed"
    RECOMMENDATION_UPDATED = "recommendation.progress", "Inspection recommendation progress noted"
    RECOMMENDATION_RESPONDED = (
        "recommendation.responded",
        "Policing body's response to an inspection recorded",
    )
    RECOMMENDATION_CLOSED = "recommendation.closed", "Inspection recommendation closed"
    REPORT_CREATED = "report.created", "Board report drafted"
    REPORT_CHANGED = "report.changed", "Board report changed"
    REPORT_PUBLISHED = "report.published", "Board report published"
    REPORT_CORRECTION_STARTED = "report.correction_started", "Board report correction started"
    HISTORY_IMPORTED = "force.history_imported", "History of the force imported"
    REGARD_RECORDED = "report.regard_recorded", "Policing body's regard recorded"
    REGARD_ANSWERED = "report.regard_answered", "Policing body's question answered"
    STATEMENT_DRAFTED = "statement.drafted", "Annual assurance statement drafted"
    STATEMENT_CHANGED = "statement.changed", "Annual assurance statement changed"
    STATEMENT_PUBLISHED = "statement.published", "Annual assurance statement published"
    FORCE_CREST_CHANGED = "force.crest_changed", "Crest of the force changed"
    FORCE_PROFILE_CHANGED = "force.profile_changed", "Force profile changed"
    EXPECTATION_ADDED = "force.expectation_added", "Line of what the SPR expects added"
    EXPECTATION_CHANGED = "force.expectation_changed", "Line of what the SPR expects changed"
    EXPECTATION_RETIRED = "force.expectation_retired", "Line of what the SPR expects retired"
    MEASURE_ADDED = "force.measure_added", "Contribution figure defined"
    MEASURE_CHANGED = "force.measure_changed", "Contribution figure changed"
    MEASURE_RETIRED = "force.measure_retired", "Contribution figure retired"
    SPR_EDITIONS_LOADED = "force.spr_editions_loaded", "SPR editions loaded"
    SSO_MAPPING_ADDED = "account.sso_mapping_added", "Single sign-on mapping added"
    SSO_MAPPING_REMOVED = "account.sso_mapping_removed", "Single sign-on mapping removed"
    ACCOUNT_CREATED = "account.created", "Account created"
    ACCOUNT_CHANGED = "account.changed", "Account changed"
    ROLES_CHANGED = "account.roles_changed", "Roles changed"
    SETUP_IMPORTED = "setup.imported", "Set-up spreadsheet imported"
    SETUP_ADDED = "setup.added", "Added by a set-up spreadsheet"
    SETUP_CHANGED = "setup.changed", "Changed by a set-up spreadsheet"
    BACKGROUND_TASK_RETRIED = "operations.task_retried", "Failed background task run again"
    API_TOKEN_CREATED = "api.token_created", "API token created"
    API_TOKEN_REVOKED = "api.token_revoked", "API token revoked"
    SIGNED_IN = "auth.signed_in", "Signed in"
    SIGNED_OUT = "auth.signed_out", "Signed out"
    SIGN_IN_FAILED = "auth.sign_in_failed", "Sign-in failed"
    ACCESS_REFUSED = "auth.access_refused", "Access refused"
    LOCKED_OUT = "auth.locked_out", "Sign-in locked"
    PASSWORD_CHANGED = "auth.password_changed", "Password changed"
    PASSWORD_LINK_SENT = "auth.password_link_sent", "Set-password link sent"
    SECOND_FACTOR_FAILED = "auth.second_factor_failed", "Second-factor code refused"
    SECOND_FACTOR_SET_UP = "auth.second_factor_set_up", "Authenticator set up"
    ADMIN_ADDED = "admin.added", "Added in the admin"
    ADMIN_CHANGED = "admin.changed", "Changed in the admin"
    ADMIN_DELETED = "admin.deleted", "Deleted in the admin"


# Each action's words, read for every row the audit log shows (TextChoices builds its choices
# anew each time it is asked).
ACTION_LABELS = dict(AuditAction.choices)


class AppendOnly(Exception):
    """An attempt to change or remove an audit row."""


class AuditEventQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self if may(user, Can.READ_AUDIT_LOG) else self.none()

    def update(self, **kwargs):
        raise AppendOnly("The audit trail is append-only: rows are never changed.")

    def delete(self):
        raise AppendOnly("The audit trail is append-only: rows are never deleted.")


def _optional(to: str, **options):
    """A link the row may lack; PROTECT, since an audit row must outlive nothing it names."""
    return models.ForeignKey(
        to, null=True, blank=True, on_delete=models.PROTECT, related_name="+", **options
    )


class AuditEvent(models.Model):
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = _optional(
        settings.AUTH_USER_MODEL, help_text="Empty for a sign-in attempt by someone unknown."
    )
    # The name as it was at the time, so the row reads the same after an account is renamed.
    actor_name = models.CharField(max_length=150)
    # No choices= here: audit_record (audit/services.py) refuses an action not in AuditAction,
    # so a new action is a line in AuditAction and needs no migration.
    action = models.CharField(max_length=40, db_index=True)
    object_type = models.CharField(max_length=40, blank=True)  # "assessment", "quarter" …
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    object_label = models.CharField(max_length=200, blank=True)
    # What the filters of the audit log page need, without reading the object itself.
    threat = _optional("threats.NationalThreat")
    quarter = _optional("assessments.Quarter")
    summary = models.TextField(blank=True, help_text="What changed: old → new, never whole texts.")
    reason = models.TextField(blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.get_action_display()} by {self.actor_name} at {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise AppendOnly("The audit trail is append-only: rows are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("The audit trail is append-only: rows are never deleted.")

    def get_action_display(self) -> str:
        """The action's words, as Django would give them had the column its choices; a value
        that is no longer an action (a row older than its removal) reads as it was stored."""
        return ACTION_LABELS.get(self.action, self.action)


class CacheStamp(models.Model):
    """The shared part of the cache's write stamp (spr_portal/cache_stamp.py) when the cache
    is local memory, one per process: a row per app (its id the app's place in
    WATCHED_APPS), its number raised when a write to that app's tables commits."""

    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "cache stamp"

    def __str__(self):
        return f"cache stamp {self.value}"

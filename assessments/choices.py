"""The fixed vocabularies of a self-assessment: statuses, PEEL grades, evidence, the 4 Ps."""

from django.db import models


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    RETURNED = "returned", "Returned"
    SIGNED_OFF = "signed_off", "Signed off"


# The statuses in which the owning business lead may still change a self-assessment.
EDITABLE_STATUSES = frozenset({Status.DRAFT, Status.RETURNED})
# Not yet submitted for review: not started (None: no assessment yet), draft or returned.
# The deadline signal calls these due or overdue, and the reminders chase them.
NOT_SUBMITTED = frozenset({None, *EDITABLE_STATUSES})


# Shown for a threat with no assessment yet in a quarter; never stored.
NOT_STARTED_LABEL = "Not started"


def status_label(status) -> str:
    """A status as pages, e-mails and the audit trail write it; None: not started."""
    return Status(status).label if status else NOT_STARTED_LABEL


class Grade(models.IntegerChoices):
    """HMICFRS PEEL grades; a higher number is a better grade, so movement is new - old."""

    INADEQUATE = 1, "Inadequate"
    REQUIRES_IMPROVEMENT = 2, "Requires improvement"
    ADEQUATE = 3, "Adequate"
    GOOD = 4, "Good"
    OUTSTANDING = 5, "Outstanding"


GRADE_DEFINITIONS = {
    Grade.OUTSTANDING: "Performing exceptionally well; others could learn from this.",
    Grade.GOOD: "Performing well; meets the requirement with few shortfalls.",
    Grade.ADEQUATE: "Performing at an acceptable level but with areas to improve.",
    Grade.REQUIRES_IMPROVEMENT: "Shortfalls that must be put right to meet the requirement.",
    Grade.INADEQUATE: "Serious shortfalls: the force cannot meet the requirement.",
}


class EvidenceSource(models.TextChoices):
    OPERATIONAL_EXPERIENCE = "operational_experience", "Operational experience"
    TESTING_AND_EXERCISING = "testing_and_exercising", "Testing and exercising"
    TABLE_TOP_EXERCISE = "table_top_exercise", "Table-top exercise learning"
    DOCTRINE_REVIEW = "doctrine_review", "Desktop review of doctrine"
    STRA = "stra", "Strategic Threat and Risk Assessment (STRA)"
    PROFESSIONAL_JUDGEMENT = "professional_judgement", "Professional judgement"


class CapabilityFramework(models.TextChoices):
    USED = "used", "Used"
    NOT_USED = "not_used", "Not used"
    NONE_EXISTS = "none_exists", "None exists yet"


class FourP(models.TextChoices):
    PREPARE = "prepare", "Prepare"
    PREVENT = "prevent", "Prevent"
    PROTECT = "protect", "Protect"
    PURSUE = "pursue", "Pursue"


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    CLOSED = "closed", "Closed"

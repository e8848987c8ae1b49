from assessments.models.actions import ImprovementAction
from assessments.models.assessment import Assessment
from assessments.models.contributions import Contribution
from assessments.models.evidence import EvidenceFile
from assessments.models.grants import LateSubmissionGrant
from assessments.models.imports import HistoryImport
from assessments.models.quarter import Quarter
from assessments.models.records import (
    AssessmentSnapshot,
    ReminderLog,
    ReviewComment,
    WorkflowEvent,
)

__all__ = [
    "Assessment",
    "AssessmentSnapshot",
    "Contribution",
    "EvidenceFile",
    "HistoryImport",
    "ImprovementAction",
    "LateSubmissionGrant",
    "Quarter",
    "ReminderLog",
    "ReviewComment",
    "WorkflowEvent",
]

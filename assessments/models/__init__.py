from assessments.models.actions import ImprovementAction
from assessments.models.assessment import Assessment
from assessments.models.contributions import Contribution
from assessments.models.evidence import EvidenceFile
from assessments.models.expectations import ContributionFigure, ExpectationAnswer
from assessments.models.grants import LateSubmissionGrant
from assessments.models.imports import HistoryImport
from assessments.models.meetings import (
    Endorsement,
    Meeting,
    MeetingAttendee,
    MeetingDecision,
)
from assessments.models.quarter import Quarter
from assessments.models.recommendations import (
    Recommendation,
    RecommendationReminderLog,
    RecommendationUpdate,
)
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
    "ContributionFigure",
    "Endorsement",
    "EvidenceFile",
    "ExpectationAnswer",
    "HistoryImport",
    "ImprovementAction",
    "LateSubmissionGrant",
    "Meeting",
    "MeetingAttendee",
    "MeetingDecision",
    "Quarter",
    "Recommendation",
    "RecommendationReminderLog",
    "RecommendationUpdate",
    "ReminderLog",
    "ReviewComment",
    "WorkflowEvent",
]

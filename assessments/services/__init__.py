"""Every write to the assessments app: permission, validation, the change and its audit row,
in one transaction (HackSoft styleguide services; Zulip-style acting user on every action).

One module per subject; callers import from the package.
"""

from assessments.services.actions import (
    action_add,
    action_close,
    action_edit,
    action_update,
    cited_by_threat,
)
from assessments.services.assessments import (
    CARRIED_FIELDS,
    EDITABLE_FIELDS,
    IncompleteAssessment,
    assessment_reopen,
    assessment_return,
    assessment_save_draft,
    assessment_sign_off,
    assessment_start,
    assessment_submit,
)
from assessments.services.contributions import contribution_save
from assessments.services.contributors import assessment_contributors_set
from assessments.services.deputies import quarter_name_deputies
from assessments.services.grants import late_submission_grant
from assessments.services.quarters import (
    quarter_close,
    quarter_create,
    quarter_log,
    quarter_open,
    quarter_update,
)
from assessments.services.review import review_return, review_sign_off
from assessments.services.stand_ins import stand_in_end, stand_in_name
from assessments.services.withdrawal import assessment_review_start, assessment_withdraw
from spr_portal.concurrency import ConcurrentEdit

__all__ = [
    "cited_by_threat",
    "CARRIED_FIELDS",
    "EDITABLE_FIELDS",
    "ConcurrentEdit",
    "IncompleteAssessment",
    "action_add",
    "action_close",
    "action_edit",
    "action_update",
    "assessment_contributors_set",
    "assessment_reopen",
    "assessment_return",
    "assessment_review_start",
    "assessment_save_draft",
    "assessment_sign_off",
    "assessment_start",
    "assessment_submit",
    "assessment_withdraw",
    "contribution_save",
    "late_submission_grant",
    "quarter_close",
    "quarter_create",
    "quarter_log",
    "quarter_name_deputies",
    "quarter_open",
    "quarter_update",
    "review_return",
    "review_sign_off",
    "stand_in_end",
    "stand_in_name",
]

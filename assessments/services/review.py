"""The reviewer's decisions, bound to the version the reviewer read.

A return or a sign-off names the revision on the reviewer's screen: if the assessment changed
since (returned by someone else and resubmitted, say), the decision is refused rather than
applied to content the reviewer never saw. The transition itself is the workflow service's.
"""

from django.db import transaction

from assessments.models import Assessment
from assessments.services.assessments import (
    NOUN,
    assessment_return,
    assessment_sign_off,
    lock,
)
from spr_portal.concurrency import check_revision


@transaction.atomic
def review_return(
    *, assessment, actor, revision: int, comment: str, section_comments: dict[str, str]
) -> Assessment:
    locked = lock(assessment)
    check_revision(locked, revision, NOUN)
    return assessment_return(
        assessment=locked, actor=actor, comment=comment, section_comments=section_comments
    )


@transaction.atomic
def review_sign_off(*, assessment, actor, revision: int) -> Assessment:
    locked = lock(assessment)
    check_revision(locked, revision, NOUN)
    return assessment_sign_off(assessment=locked, actor=actor)

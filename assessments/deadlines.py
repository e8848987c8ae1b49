"""The quarter's deadline, read once: whether a threat may still be started or submitted in
a quarter (open, or closed with a late submission granted and not yet expired), and the
signal each assessment shows beside its status (due, due soon, overdue, submitted late)."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from assessments.choices import NOT_SUBMITTED
from assessments.models import LateSubmissionGrant
from spr_portal.wording import day as _day

# "Due soon" from this many days before the deadline (the reminders' default too).
DUE_SOON_DAYS = 7


def closed_message(quarter, threat_id=None) -> str:
    """Why the lead may not start or submit now: the quarter closed, or the late submission
    granted for this threat has expired (said so, with its day)."""
    expired = (
        LateSubmissionGrant.objects.filter(quarter=quarter, threat_id=threat_id)
        .exclude(deadline=None)
        .order_by("-deadline")
        .values_list("deadline", flat=True)
        .first()
        if threat_id is not None
        else None
    )
    if expired is not None:
        return (
            f"{quarter.label} is closed to submissions, and the late submission granted for "
            f"this threat expired at the end of {_day(expired)}. Ask the SPR lead to grant "
            "another."
        )
    return (
        f"{quarter.label} is closed to submissions. Ask the SPR lead to grant a late "
        "submission for this threat."
    )


def may_work_late(quarter, threat_id) -> bool:
    """May the owning business lead start or submit this threat's self-assessment now?"""
    if quarter.is_open:
        return True
    return (
        LateSubmissionGrant.objects.filter(quarter=quarter, threat_id=threat_id).active().exists()
    )


def today() -> datetime.date:
    return timezone.localdate()


@dataclass(frozen=True)
class Signal:
    key: str  # due, due_soon, overdue, late, on_time
    text: str  # what the page says: never colour alone
    tag: str = ""  # GOV.UK tag colour modifier


def deadline_signal(
    quarter, status, submitted_at, *, on: datetime.date | None = None
) -> Signal | None:
    """The deadline signal of one assessment (None for a threat with nothing to say, e.g.
    signed off on time). `status` None means not started; `submitted_at` is the latest
    submission, so a resubmission after a return counts from when it was sent again."""
    on = on or today()
    deadline = quarter.submission_deadline
    if status in NOT_SUBMITTED:
        if on > deadline:
            return Signal("overdue", f"Overdue: was due {_day(deadline)}", "govuk-tag--red")
        if (deadline - on).days <= DUE_SOON_DAYS:
            return Signal("due_soon", f"Due soon: {_day(deadline)}", "govuk-tag--orange")
        return Signal("due", f"Due {_day(deadline)}", "govuk-tag--grey")
    if submitted_at is not None:
        sent = timezone.localdate(submitted_at)
        if sent > deadline:
            return Signal("late", f"Submitted late on {_day(sent)}", "govuk-tag--yellow")
    return None

"""Quarters: the SPR lead creates them, sets their deadline and meeting date, opens and closes
them. Each change is written to Django's admin log (LogEntry) in the same transaction, so who
did what to a quarter is on record without a model of its own."""

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import dateformat

from assessments.models import Quarter
from spr_portal.access import Can, require


def _day(value) -> str:
    return dateformat.format(value, "j F Y")


def _log(*, actor, quarter, flag, message) -> None:
    LogEntry.objects.log_actions(
        actor.pk, [quarter], flag, change_message=message, single_object=True
    )


@transaction.atomic
def quarter_create(
    *, actor, financial_year: int, number: int, edition, submission_deadline, meeting_date
) -> Quarter:
    """A new quarter, closed until the SPR lead opens it."""
    require(actor, Can.MANAGE_QUARTERS)
    Quarter.check_dates(submission_deadline, meeting_date)
    quarter = Quarter(
        financial_year=financial_year,
        number=number,
        edition=edition,
        submission_deadline=submission_deadline,
        meeting_date=meeting_date,
        is_open=False,
    )
    if Quarter.objects.filter(financial_year=financial_year, number=number).exists():
        raise ValidationError({"number": f"{quarter.label} already exists"})
    quarter.full_clean()
    quarter.save()
    _log(
        actor=actor,
        quarter=quarter,
        flag=ADDITION,
        message=(
            f"Created {quarter.label}: deadline {_day(submission_deadline)}, "
            f"meeting {_day(meeting_date)}"
        ),
    )
    return quarter


@transaction.atomic
def quarter_update(*, quarter, actor, submission_deadline, meeting_date) -> Quarter:
    """Move the submission deadline or the meeting date."""
    require(actor, Can.MANAGE_QUARTERS)
    Quarter.check_dates(submission_deadline, meeting_date)
    quarter = Quarter.objects.select_for_update().get(pk=quarter.pk)
    changes = []
    if quarter.submission_deadline != submission_deadline:
        changes.append(
            f"deadline {_day(quarter.submission_deadline)} → {_day(submission_deadline)}"
        )
    if quarter.meeting_date != meeting_date:
        changes.append(f"meeting {_day(quarter.meeting_date)} → {_day(meeting_date)}")
    if not changes:
        return quarter
    quarter.submission_deadline = submission_deadline
    quarter.meeting_date = meeting_date
    quarter.full_clean()
    quarter.save()
    _log(actor=actor, quarter=quarter, flag=CHANGE, message="Changed " + "; ".join(changes))
    return quarter


@transaction.atomic
def quarter_open(*, quarter, actor) -> Quarter:
    """Open a quarter for submissions. One at a time: business leads work on the open one."""
    require(actor, Can.MANAGE_QUARTERS)
    already_open = list(Quarter.objects.select_for_update().filter(is_open=True))
    quarter = Quarter.objects.select_for_update().get(pk=quarter.pk)
    if quarter.is_open:
        raise ValidationError(f"{quarter.label} is already open.")
    if already_open:
        labels = ", ".join(q.label for q in already_open)
        raise ValidationError(
            f"Close {labels} before opening {quarter.label}: "
            "business leads work on one open quarter at a time."
        )
    quarter.is_open = True
    quarter.save(update_fields=["is_open"])
    _log(actor=actor, quarter=quarter, flag=CHANGE, message="Opened for submissions")
    return quarter


@transaction.atomic
def quarter_close(*, quarter, actor) -> Quarter:
    """Close a quarter: no new self-assessment can be started in it."""
    require(actor, Can.MANAGE_QUARTERS)
    quarter = Quarter.objects.select_for_update().get(pk=quarter.pk)
    if not quarter.is_open:
        raise ValidationError(f"{quarter.label} is already closed.")
    quarter.is_open = False
    quarter.save(update_fields=["is_open"])
    _log(actor=actor, quarter=quarter, flag=CHANGE, message="Closed to submissions")
    return quarter


def quarter_log(quarters) -> dict[int, list[LogEntry]]:
    """Each quarter's log, newest first, in one query."""
    entries = (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Quarter),
            object_id__in=[str(q.pk) for q in quarters],
        )
        .select_related("user")
        .order_by("-action_time", "-pk")
    )
    log: dict[int, list[LogEntry]] = {}
    for entry in entries:
        log.setdefault(int(entry.object_id), []).append(entry)
    return log

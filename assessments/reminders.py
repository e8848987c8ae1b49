"""Reminder e-mails to business leads whose self-assessments for the open quarter are not
submitted: "due soon" in the days before the deadline, "overdue" after it; after the deadline
the chief officer lead of each overdue threat is told too ("escalated").

The business leads are whoever leads the owning department on the day (its active named
leads and acting stand-ins, threats/stand_ins.py). A department nobody leads is never skipped
in silence: its reminder goes to the threat's chief officer lead, else to the SPR leads
("no lead"), until someone is named; a threat with nobody at all to tell is reported.

Run daily by the task worker (assessments/tasks.py), or by hand: a ReminderLog row (unique per
quarter, recipient, kind and day) is written in the same transaction as each e-mail is sent,
so a second run the same day, or two runs at once, never send the same reminder twice.
"""

import datetime
from dataclasses import dataclass, field
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.notify import compose as compose_email
from assessments.choices import NOT_STARTED_LABEL, NOT_SUBMITTED, Status
from assessments.models import Assessment, Quarter, ReminderLog
from spr_portal.roles import Role, holders_of
from spr_portal.wording import day as _day
from threats.models import ForceProfile
from threats.naming import named_for
from threats.stand_ins import leads_today

_STATUS_WORDS = {Status.DRAFT: "Draft, not submitted", Status.RETURNED: "Returned for revision"}


@dataclass
class Reminder:
    quarter: Quarter
    kind: str
    recipient: object  # None: nobody at all to tell (reported, never sent)
    threats: list[tuple[str, str]]  # (threat name, where it stands)
    as_who: str = ""  # a "no lead" reminder: why it comes to them ("the chief officer lead")
    overdue: bool = False  # a "no lead" reminder after the deadline


@dataclass
class ReminderRun:
    sent: list[Reminder] = field(default_factory=list)
    already_sent: list[Reminder] = field(default_factory=list)
    no_email: list[Reminder] = field(default_factory=list)
    failed: list[tuple[Reminder, str]] = field(default_factory=list)
    nobody: list[Reminder] = field(default_factory=list)  # threats with nobody to remind


def reminder_kind(quarter, today: datetime.date, days_before: int) -> str | None:
    """Overdue after the deadline; due soon from `days_before` days before it up to the day."""
    if today > quarter.submission_deadline:
        return ReminderLog.Kind.OVERDUE
    if (quarter.submission_deadline - today).days <= days_before:
        return ReminderLog.Kind.DUE_SOON
    return None


def due_reminders(*, today: datetime.date, days_before: int) -> list[Reminder]:
    """One reminder per business lead per open quarter, listing each threat not submitted."""
    reminders = []
    for quarter in Quarter.objects.open().select_related("edition").order_by("pk"):
        kind = reminder_kind(quarter, today, days_before)
        if kind is None:
            continue
        threats = named_for(
            list(quarter.edition.threats().select_related("chief_officer_lead__holder")),
            quarter,
        )
        status_of = dict(
            Assessment.objects.filter(quarter=quarter).values_list("threat_id", "status")
        )
        leading = leads_today({t.owning_department_id for t in threats}, on=today)
        spr_leads = None  # read only when a department has nobody and no chief officer lead
        by_lead: dict[int, Reminder] = {}
        # After the deadline the chief officer lead of each overdue threat hears too, so that
        # someone above the business lead can act on it.
        by_chief: dict[int, Reminder] = {}
        # The reminders of departments nobody leads today, to whoever stands above them.
        unled: dict[int | None, Reminder] = {}
        for threat in threats:
            status = status_of.get(threat.pk)
            if status not in NOT_SUBMITTED:
                continue
            standing = _STATUS_WORDS.get(status, NOT_STARTED_LABEL)
            people = leading[threat.owning_department_id].people
            for lead in people:
                reminder = by_lead.setdefault(lead.pk, Reminder(quarter, kind, lead, []))
                reminder.threats.append((threat.name, standing))
            chief = threat.chief_officer_lead.holder if threat.chief_officer_lead_id else None
            chief_active = chief is not None and chief.is_active
            if not people:
                if chief_active:
                    instead = [chief]
                    as_who = f"the chief officer lead ({threat.chief_officer_lead})"
                else:
                    if spr_leads is None:
                        spr_leads = list(holders_of(Role.SPR_LEAD))
                    instead, as_who = spr_leads, "the SPR lead"
                unled_standing = f"{standing}; {threat.owner_name} has no active business lead"
                for person in instead or [None]:
                    reminder = unled.setdefault(
                        getattr(person, "pk", None),
                        Reminder(
                            quarter,
                            ReminderLog.Kind.NO_LEAD,
                            person,
                            [],
                            as_who,
                            overdue=kind == ReminderLog.Kind.OVERDUE,
                        ),
                    )
                    reminder.threats.append((threat.name, unled_standing))
            # The chief officer lead who has the reminder of a department nobody leads already
            # reads that it is overdue: one e-mail about it, not two.
            if kind == ReminderLog.Kind.OVERDUE and chief_active and people:
                escalated = by_chief.setdefault(
                    chief.pk, Reminder(quarter, ReminderLog.Kind.ESCALATED, chief, [])
                )
                escalated.threats.append((threat.name, f"{standing} ({threat.owner_name})"))
        reminders.extend(sorted(by_lead.values(), key=lambda r: r.recipient.username))
        reminders.extend(sorted(by_chief.values(), key=lambda r: r.recipient.username))
        reminders.extend(sorted(unled.values(), key=lambda r: getattr(r.recipient, "username", "")))
    return reminders


def _signature(force) -> str:
    """Signed for the force's own SPR lead (the paper's "Report of"), never another force's."""
    return f"SPR Portal, {force.force_name}, on behalf of {force.report_of or 'the SPR lead'}"


def compose(reminder: Reminder):
    quarter, deadline = reminder.quarter, _day(reminder.quarter.submission_deadline)
    link_name = "assessments:my_assessments"
    closing = "Open SPR Portal to complete and submit them"
    was_due = f"The deadline for the {quarter.label} self-assessments was {deadline}. "
    if reminder.kind == ReminderLog.Kind.NO_LEAD:
        overdue = reminder.overdue
        subject = f"No business lead: SPR self-assessments for {quarter.label} " + (
            f"were due on {deadline}" if overdue else f"due by {deadline}"
        )
        opening = (
            "Nobody is active as business lead of the department that owns these national "
            f"threats, so their reminder comes to you as {reminder.as_who} until someone is "
            f"named. The {quarter.label} self-assessments "
            + (f"were due on {deadline}. " if overdue else f"are due by {deadline}. ")
            + "These are not yet submitted for review:"
        )
        link_name = "assessments:quarter_board_current"
        closing = (
            "Ask an administrator to name a business lead, or the SPR lead to name a stand-in "
            "for the department. See where each stands"
        )
    elif reminder.kind == ReminderLog.Kind.ESCALATED:
        subject = f"Overdue in your portfolio: SPR self-assessments for {quarter.label}"
        opening = was_due + "These national threats you lead are not yet submitted for review:"
        link_name = "assessments:quarter_board_current"
        closing = "Open SPR Portal to see where each stands"
    elif reminder.kind == ReminderLog.Kind.OVERDUE:
        subject = f"Overdue: SPR self-assessment for {quarter.label} was due on {deadline}"
        opening = was_due + "These are not yet submitted for review:"
    else:
        subject = f"Reminder: SPR self-assessment for {quarter.label} due by {deadline}"
        opening = (
            f"The {quarter.label} self-assessments are due by {deadline}, ahead of the quarterly "
            f"meeting on {_day(quarter.meeting_date)}. These are not yet submitted for review:"
        )
    return compose_email(
        to=reminder.recipient,
        subject=subject,
        lines=[opening, "", *(f"- {name}: {standing}" for name, standing in reminder.threats)],
        link=settings.SPR_PORTAL_URL.rstrip("/") + reverse(link_name),
        link_text=closing,
        footer=[_signature(ForceProfile.current())],
    )


SENT, ALREADY_SENT = "sent", "already sent"


def send_once(log_model, log: dict, message, *, dry_run: bool = False) -> str:
    """Send the e-mail `message()` makes unless `log_model` already has the row `log` (unique
    per recipient, kind and day): SENT or ALREADY_SENT. The row and the e-mail stand or fall
    together, so a failed send (an OSError, raised) leaves no row to stop tomorrow's or a
    re-run's attempt; two runs at once (two workers) write the row once, and the second
    finds it taken. Every reminder the daily run sends goes through here."""
    if log_model.objects.filter(**log).exists():
        return ALREADY_SENT
    if dry_run:
        return SENT
    try:
        with transaction.atomic():
            log_model.objects.create(**log)
            message().send()
    except IntegrityError:
        return ALREADY_SENT  # another run got there first
    return SENT


def send_reminders(*, today: datetime.date, days_before: int, dry_run: bool = False) -> ReminderRun:
    run = ReminderRun()
    for reminder in due_reminders(today=today, days_before=days_before):
        if reminder.recipient is None:
            run.nobody.append(reminder)
            continue
        if not reminder.recipient.email:
            run.no_email.append(reminder)
            continue
        log = {
            "quarter": reminder.quarter,
            "recipient": reminder.recipient,
            "kind": reminder.kind,
            "sent_on": today,
        }
        try:
            outcome = send_once(ReminderLog, log, partial(compose, reminder), dry_run=dry_run)
        except OSError as error:  # smtplib's errors are OSErrors
            run.failed.append((reminder, str(error)))
        else:
            (run.sent if outcome == SENT else run.already_sent).append(reminder)
    return run

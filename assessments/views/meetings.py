"""The quarterly meeting's pages: the list of meetings, a meeting's record (its agenda from
the quarter, attendance, decisions and actions; the SPR lead's forms on it), an owner's
update of an action between quarters, and a chief officer lead's endorsement.

Writes are the services' (`assessments/services/meetings.py`); a sign-off or a return at the
meeting is the review services', through `decision_record`. The minutes' files and their
approval are the reports app's (`reports/views/minutes.py`)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessments.choices import Status
from assessments.forms.meetings import (
    ActionProgressForm,
    AttendeeForm,
    DecisionForm,
    MeetingActionForm,
    MeetingDetailsForm,
    RevisionForm,
)
from assessments.models import Assessment, ImprovementAction, Meeting, Quarter
from assessments.selectors.meetings import agenda_threats, meeting_record, next_meeting
from assessments.services import meetings as services
from assessments.views.review_common import posted
from assessments.workflow import TransitionNotAllowed
from spr_portal.access import Can, get_for_user, may, requires
from spr_portal.concurrency import ConcurrentEdit
from spr_portal.form_errors import (
    CHANGED,
    add_service_errors,
    error_summary,
    form_saved,
    service_applied,
)
from spr_portal.roles import Role, holders_of
from threats.models import NationalThreat

FORCE_ROLES = (Role.SPR_LEAD, Role.CHIEF_OFFICER_LEAD, Role.BUSINESS_LEAD)


def _people(*roles):
    """Who a form offers: attendance and the chair anyone in the portal's roles, an action's
    owner the force's people (`Can.OWN_MEETING_ACTIONS`)."""
    roles = roles or (*FORCE_ROLES, Role.POLICING_BODY_OFFICE)
    return list(holders_of(*roles).order_by("first_name", "last_name", "username"))


@require_GET
@requires(Can.READ_MEETINGS)
def meeting_list(request):
    quarters = list(Quarter.objects.visible_to(request.user).newest_first())
    meetings = {m.quarter_id: m for m in Meeting.objects.visible_to(request.user)}
    rows = [(q, meetings.get(q.pk)) for q in quarters]
    return render(
        request,
        "assessments/meetings/list.html",
        {"rows": rows, "owned": _owned(request.user)},
    )


def _owned(user):
    return list(
        ImprovementAction.objects.owned_by(user)
        .filter(meeting__isnull=False)
        .select_related("threat", "meeting__quarter")
        .order_by("status", "due_date", "pk")
    )


@require_POST
@requires(Can.RUN_MEETING)
def meeting_create(request, quarter_id):
    quarter = get_for_user(Quarter.objects, request.user, pk=quarter_id)
    try:
        meeting = services.meeting_create(quarter=quarter, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("assessments:meeting_list")
    messages.success(request, f"The {quarter.label} meeting is recorded: add who attended.")
    return redirect("assessments:meeting", pk=meeting.pk)


def _meeting(request, pk) -> Meeting:
    return get_for_user(
        Meeting.objects.select_related("quarter__edition", "chair"), request.user, pk=pk
    )


def _page(request, meeting, *, status=200, **bound):
    """The meeting's page; `bound`: a form posted with errors, shown as typed."""
    record = meeting_record(meeting, request.user)
    runs = may(request.user, Can.RUN_MEETING) and not meeting.is_approved
    forms = {}
    if runs:
        people = _people()
        threats = [i.threat for i in record.items]
        forms = {
            "details_form": MeetingDetailsForm(
                initial={
                    "held_on": meeting.held_on,
                    "chair": meeting.chair_id,
                    "revision": meeting.revision,
                },
                people=people,
            ),
            "attendee_form": AttendeeForm(people=people),
            "action_form": MeetingActionForm(threats=threats, people=_people(*FORCE_ROLES)),
        }
        forms |= bound
    summary = []
    for form in bound.values():
        summary += error_summary(form)
    undecided = [i for i in record.items if i.decision is None]
    earlier = record.previous
    return render(
        request,
        "assessments/meetings/meeting.html",
        {
            "meeting": meeting,
            "record": record,
            "runs": runs,
            "undecided": undecided,
            "error_summary": summary,
            "previous_to_approve": earlier if earlier and not earlier.is_approved else None,
            "approved_at": next_meeting(meeting) if meeting.is_approved else None,
            **forms,
        },
        status=status,
    )


@require_GET
@requires(Can.READ_MEETINGS)
def meeting(request, pk):
    return _page(request, _meeting(request, pk))


@require_POST
@requires(Can.RUN_MEETING)
def meeting_details(request, pk):
    meeting = _meeting(request, pk)
    form = MeetingDetailsForm(request.POST, people=_people())
    if form.is_valid():
        data = form.cleaned_data
        saved = service_applied(
            form,
            lambda: services.meeting_update(
                meeting=meeting,
                actor=request.user,
                revision=data["revision"],
                held_on=data["held_on"],
                chair=next(p for p in _people() if p.pk == data["chair"]),
            ),
        )
        if saved:
            messages.success(request, "The meeting's date and chair are saved.")
            return redirect("assessments:meeting", pk=meeting.pk)
    return _page(request, meeting, details_form=form)


@require_POST
@requires(Can.RUN_MEETING)
def meeting_attendee(request, pk):
    meeting = _meeting(request, pk)
    people = _people()
    form = AttendeeForm(request.POST, people=people)
    added = form_saved(
        request,
        form,
        lambda data: services.attendee_add(
            meeting=meeting,
            actor=request.user,
            attendance=data["attendance"],
            user=next((p for p in people if p.pk == data["user"]), None),
            name=data["name"],
            post=data["post"],
        ),
        done=lambda attendee: (
            f"{attendee.display_name}: {attendee.get_attendance_display().lower()}."
        ),
    )
    if added:
        return redirect("assessments:meeting", pk=meeting.pk)
    return _page(request, meeting, attendee_form=form)


def _threat(meeting, pk):
    return get_object_or_404(meeting.quarter.edition.threats(), pk=pk)


@require_http_methods(["GET", "POST"])
@requires(Can.RUN_MEETING)
def meeting_decide(request, pk, threat_id):
    """The decision on one agenda item: signed off, returned or deferred, and why. The page
    carries the assessment's revision as it was when the page opened: a sign-off or a return
    from an older one is refused (the review page's rule)."""
    meeting = _meeting(request, pk)
    threat = _threat(meeting, threat_id)
    item = next(i for i in meeting_record(meeting, request.user).items if i.threat.pk == threat.pk)
    if item.decision is not None or meeting.is_approved:
        messages.info(request, f"The meeting has decided on {item.threat.name}.")
        return redirect("assessments:meeting", pk=meeting.pk)
    assessment = item.assessment
    form = DecisionForm(
        posted(request),
        threats=[item.threat],
        initial={"threat": threat.pk, "revision": assessment.revision if assessment else None},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision = services.decision_record(
                meeting=meeting,
                actor=request.user,
                threat=threat,
                decision=data["decision"],
                rationale=data["rationale"],
                revision=data["revision"],
            )
        except ConcurrentEdit:
            form.add_error(None, CHANGED)
        except (TransitionNotAllowed, PermissionDenied) as error:
            form.add_error("decision", str(error))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"{item.threat.name}: {decision.get_decision_display().lower()}."
            )
            return redirect("assessments:meeting", pk=meeting.pk)
    return render(
        request,
        "assessments/meetings/decide.html",
        {
            "meeting": meeting,
            "item": item,
            "form": form,
            "error_summary": error_summary(form, non_field_href=""),
        },
    )


@require_POST
@requires(Can.RUN_MEETING)
def meeting_action(request, pk):
    meeting = _meeting(request, pk)
    people = _people(*FORCE_ROLES)
    threats = agenda_threats(meeting, request.user)
    form = MeetingActionForm(request.POST, threats=threats, people=people)
    raised = form_saved(
        request,
        form,
        lambda data: services.meeting_action_raise(
            meeting=meeting,
            actor=request.user,
            threat=_threat(meeting, data["threat"]),
            description=data["description"],
            owner_user=next(p for p in people if p.pk == data["owner_user"]),
            due_date=data["due_date"],
        ),
        done=lambda action: f"Action raised, owned by {action.owner}.",
    )
    if raised:
        return redirect("assessments:meeting", pk=meeting.pk)
    return _page(request, meeting, action_form=form)


@require_http_methods(["GET", "POST"])
@requires(Can.OWN_MEETING_ACTIONS)
def meeting_action_update(request, pk):
    """The owner's update of a meeting's action between quarters."""
    action = get_object_or_404(
        ImprovementAction.objects.owned_by(request.user)
        .filter(meeting__isnull=False)
        .select_related("threat", "meeting__quarter"),
        pk=pk,
    )
    form = ActionProgressForm(
        posted(request),
        initial={
            "status": action.status,
            "progress_note": action.progress_note,
            "revision": action.revision,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = service_applied(
            form,
            lambda: services.meeting_action_progress(
                action=action,
                actor=request.user,
                revision=data["revision"],
                status=data["status"],
                progress_note=data["progress_note"],
            ),
        )
        if saved:
            messages.success(request, "Your update of the action is saved.")
            return redirect("assessments:meeting_list")
    return render(
        request,
        "assessments/meetings/action_update.html",
        {"action": action, "form": form, "error_summary": error_summary(form)},
    )


@require_http_methods(["GET", "POST"])
@requires(Can.ENDORSE)
def assessment_endorse(request, pk):
    """A chief officer lead endorses a submitted self-assessment of their portfolio."""
    assessment = get_for_user(
        Assessment.objects.select_related("threat__chief_officer_lead", "quarter")
        .with_threat_name()
        .filter(threat__in=NationalThreat.objects.led_by(request.user)),
        request.user,
        pk=pk,
    )
    form = RevisionForm(posted(request), initial={"revision": assessment.revision})
    refusal = (
        ""
        if assessment.status == Status.SUBMITTED
        else ("Only a submitted self-assessment can be endorsed before the meeting.")
    )
    if request.method == "POST" and form.is_valid() and not refusal:
        endorsed = service_applied(
            form,
            lambda: services.endorse(
                assessment=assessment, actor=request.user, revision=form.cleaned_data["revision"]
            ),
        )
        if endorsed:
            messages.success(
                request, f"You endorsed {assessment.threat_name} ({assessment.quarter})."
            )
            return redirect("assessments:quarter_board", pk=assessment.quarter_id)
    return render(
        request,
        "assessments/meetings/endorse.html",
        {
            "assessment": assessment,
            "form": form,
            "refusal": refusal,
            "endorsements": list(assessment.endorsements.select_related("endorsed_by")),
            "error_summary": error_summary(form),
        },
    )

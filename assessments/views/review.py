"""The SPR lead's decisions: review (return for revision or go on to sign off), sign off
after a confirmation, and reopen a signed-off self-assessment with a reason."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import dateformat
from django.views.decorators.http import require_http_methods

from assessments import services
from assessments.forms.late import deadline_hint
from assessments.forms.review import ReopenForm, ReviewForm, SignOffForm, section_field
from assessments.items import GRADED_ITEMS
from assessments.models.records import WorkflowAction
from assessments.published import published_in
from assessments.selectors import history
from assessments.selectors.contributions import contributions_in, contributions_of
from assessments.selectors.evidence import evidence_of
from assessments.selectors.expectations import (
    expectations_in,
    expectations_of,
    figures_in,
    figures_of,
)
from assessments.selectors.submission import unchanged_since
from assessments.services import ConcurrentEdit, review_return, review_sign_off
from assessments.snapshots import build_snapshot
from assessments.views.review_common import posted
from assessments.views.sides import with_sides_rendered
from assessments.workflow import TransitionNotAllowed, may_act, refusal
from spr_portal.access import Can, requires
from spr_portal.cache_stamp import cached, cached_for
from spr_portal.form_errors import add_service_errors, error_summary
from spr_portal.params import id_param

REVIEW_BEFORE = "assessments/review/includes/review_before.html"
REVIEW_READING = "assessments/review/includes/review_reading.html"
CHANGED_SINCE_OPENED = (
    "This self-assessment changed after you opened it. Read it again before you decide: "
    "your comments are still here."
)


def _detail(assessment):
    return redirect("assessments:assessment_detail", pk=assessment.pk)


def _with_sides(comparison):
    with_sides_rendered(comparison[1])
    return comparison


def _review_page(request, assessment, form, *, extra_errors=()):
    # Only the two bases: anything else asked is the default (and never reaches a cache key).
    since = history.basis_asked(request.GET.get("since"))
    may_decide = may_act(WorkflowAction.RETURNED, assessment, request.user)
    # A fresh form (every opening) has nothing of the reviewer's in the sections' comment
    # boxes: what the reviewer reads is then the same HTML for this reviewer until the next
    # write, and rendered once per revision and day. A form sent back with errors or the
    # reviewer's text renders it anew, with their comments in it.
    if form.is_bound:
        parts = _reading(request, assessment, form, since, may_decide)
    else:
        parts = cached_for(
            request.user,
            ("review_page", assessment.pk, assessment.revision, since),
            lambda: _reading(request, assessment, form, since, may_decide),
        )
    return render(
        request,
        "assessments/review/review.html",
        {
            **parts,
            "assessment": assessment,
            "may_decide": may_decide,
            "form": form,
            "error_summary": error_summary(form, items=extra_errors),
            "sign_off_refusal": refusal(WorkflowAction.SIGNED_OFF, assessment, request.user),
        },
    )


def _reading(request, assessment, form, since: str, may_decide: bool) -> dict:
    """The review page's two rendered parts around the form's start: what the reviewer reads
    first, then the comparison (with the form's section comment boxes) and what it rests on."""
    # The comparison (the live content against the returned version or last quarter's) is
    # built once per revision under the cache's write stamp, not on every opening.
    (basis, against), sections, earlier_overall, other = cached(
        ("review", assessment.pk, assessment.revision, since),
        lambda: _with_sides(history.review_comparison(assessment, since)),
    )
    for section in sections:
        section.field = form[section_field(section.code)]
    context = {
        "assessment": assessment,
        "returned": against if basis == history.SINCE_RETURNED else None,
        "previous": against if basis == history.SINCE_LAST_QUARTER else None,
        "sections": sections,
        "may_decide": may_decide,
        "basis": basis,
        "other_basis": other,
        "changed_sections": [s for s in sections if s.changed],
        # What the reviewer reads beside it: the files they may open, the contributions,
        # what the SPR expects as answered, the figures, the texts unchanged since last
        # quarter.
        "evidence": evidence_of(assessment, request.user),
        "contributions": contributions_of(assessment),
        "expectations": expectations_of(assessment),
        "figures": figures_of(assessment),
        "unchanged": unchanged_since(assessment),
        "earlier_overall": earlier_overall,
    }
    return {
        "before_html": render_to_string(REVIEW_BEFORE, context, request),
        "reading_html": render_to_string(REVIEW_READING, context, request),
    }


@require_http_methods(["GET", "POST"])
@requires(Can.REVIEW)
def assessment_review(request, pk):
    assessment = history.visible_assessment(request.user, pk)
    if request.method == "GET":
        if may_act(WorkflowAction.RETURNED, assessment, request.user):
            # From now on the business lead can no longer withdraw it (assessments.workflow).
            if services.assessment_review_start(assessment=assessment, actor=request.user):
                assessment = history.visible_assessment(request.user, pk)
        form = ReviewForm(initial={"revision": assessment.revision})
        return _review_page(request, assessment, form)

    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _review_page(request, assessment, form)
    if form.cleaned_data["revision"] != assessment.revision:
        form = ReviewForm({**request.POST.dict(), "revision": assessment.revision})
        form.is_valid()
        return _review_page(request, assessment, form, extra_errors=[(CHANGED_SINCE_OPENED, "")])
    if form.cleaned_data["decision"] == ReviewForm.SIGN_OFF:
        # The confirmation signs the revision the reviewer read, or nothing.
        url = reverse("assessments:assessment_sign_off", kwargs={"pk": assessment.pk})
        return redirect(f"{url}?revision={assessment.revision}")
    try:
        review_return(
            assessment=assessment,
            actor=request.user,
            revision=form.cleaned_data["revision"],
            comment=form.cleaned_data["comment"],
            section_comments=form.section_comments(),
        )
    except ConcurrentEdit as error:
        form = ReviewForm({**request.POST.dict(), "revision": error.current.revision})
        form.is_valid()
        return _review_page(request, assessment, form, extra_errors=[(CHANGED_SINCE_OPENED, "")])
    except TransitionNotAllowed as error:
        messages.error(request, str(error))
        return _detail(assessment)
    messages.success(
        request,
        f"{assessment.threat_name} ({assessment.quarter}) returned for revision to "
        f"{assessment.threat.owner_name}.",
    )
    return _detail(assessment)


@require_http_methods(["GET", "POST"])
@requires(Can.REVIEW)
def assessment_sign_off(request, pk):
    """A confirmation page: signing off freezes the assessment for good."""
    assessment = history.visible_assessment(request.user, pk)
    refused = refusal(WorkflowAction.SIGNED_OFF, assessment, request.user)
    if refused:
        messages.error(request, refused)
        return _detail(assessment)
    seen = id_param(request.GET.get("revision"))
    form = SignOffForm(posted(request), initial={"revision": seen or assessment.revision})
    if request.method == "POST" and form.is_valid():
        try:
            review_sign_off(
                assessment=assessment,
                actor=request.user,
                revision=form.cleaned_data["revision"],
            )
        except ConcurrentEdit:
            messages.error(request, CHANGED_SINCE_OPENED.split(":")[0] + ".")
            return redirect("assessments:assessment_review", pk=assessment.pk)
        except TransitionNotAllowed as error:
            messages.error(request, str(error))
            return _detail(assessment)
        messages.success(
            request, f"You signed off {assessment.threat_name} ({assessment.quarter})."
        )
        return _detail(assessment)
    content = build_snapshot(assessment)
    grades = [(item, content["items"][item.code]["grade"]) for item in GRADED_ITEMS]
    return render(
        request,
        "assessments/review/sign_off.html",
        {
            "assessment": assessment,
            "form": form,
            "grades": grades,
            "content": content,
            "contributions": contributions_in(content),
            "expectations": expectations_in(content),
            "figures": figures_in(content),
            "evidence": evidence_of(assessment, request.user),
            "unchanged": unchanged_since(assessment),
        },
    )


@require_http_methods(["GET", "POST"])
@requires(Can.REVIEW)
def assessment_reopen(request, pk):
    """Back to draft with a reason; the signed snapshot stays as evidence."""
    assessment = history.visible_assessment(request.user, pk)
    if not may_act(WorkflowAction.REOPENED, assessment, request.user):
        messages.error(request, "Only a signed-off self-assessment can be reopened.")
        return _detail(assessment)
    closed = not assessment.quarter.is_open
    form = ReopenForm(posted(request), closed=closed)
    if request.method == "POST" and form.is_valid():
        late_deadline = form.cleaned_data.get("late_deadline")
        try:
            services.assessment_reopen(
                assessment=assessment,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                confirm_published=form.cleaned_data["confirm_published"],
                late_deadline=late_deadline,
            )
        except ValidationError as error:
            add_service_errors(form, error, rename={"deadline": "late_deadline"})
        except TransitionNotAllowed as error:
            messages.error(request, str(error))
            return _detail(assessment)
        else:
            late = (
                f" Its business lead may submit it again until the end of "
                f"{dateformat.format(late_deadline, 'j F Y')} (a late submission)."
                if closed
                else ""
            )
            messages.success(
                request,
                f"{assessment.threat_name} ({assessment.quarter}) reopened as a draft. The signed "
                f"version stays on record.{late}",
            )
            return _detail(assessment)
    return render(
        request,
        "assessments/review/reopen.html",
        {
            "assessment": assessment,
            "form": form,
            "error_summary": error_summary(form),
            "papers": published_in(assessment),
            "closed": closed,
            "deadline_hint": deadline_hint(),
        },
    )

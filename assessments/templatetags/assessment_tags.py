"""Template helpers shared by every page that shows grades, statuses or movement.

The small tags build their markup in Python (format_html) rather than through an included
template: the quarter board shows two per cell and a review hundreds of diff runs, and an
inclusion tag or an {% include %} in a loop costs a template render each (the benchmark's
profile found them the largest part of those pages). A grade, a status and a movement have a
handful of possible values each, so their markup is made once per value and kept.
"""

from functools import cache

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from assessments.choices import Grade, Status, status_label

register = template.Library()

_STATUS_TAG_COLOUR = {
    None: "govuk-tag--grey",
    Status.DRAFT: "govuk-tag--blue",
    Status.SUBMITTED: "govuk-tag--purple",
    Status.RETURNED: "govuk-tag--orange",
    Status.SIGNED_OFF: "govuk-tag--green",
}


@register.simple_tag
@cache
def grade_tag(grade):
    """A PEEL grade as a coloured tag whose text says the grade (never colour alone)."""
    return format_html(
        '<strong class="govuk-tag portal-grade portal-grade--{}">{}</strong>',
        grade or "none",
        Grade(grade).label if grade else "Not graded",
    )


@register.simple_tag
@cache
def status_tag(status):
    """A workflow status as a GOV.UK tag; None means the assessment is not started."""
    label = status_label(status)
    colour = _STATUS_TAG_COLOUR[Status(status) if status else None]
    return format_html('<strong class="govuk-tag {}">{}</strong>', colour, label)


def _movement(current, previous) -> tuple[str, str, str]:
    if current is None or previous is None:
        return "none", "No earlier grade", "–"
    if current > previous:
        return "up", f"Up from {Grade(previous).label}", "▲"
    if current < previous:
        return "down", f"Down from {Grade(previous).label}", "▼"
    return "same", "Same as before", "="


@register.simple_tag
@cache
def movement(current, previous):
    """Up, down or same against an earlier grade, in words and an arrow."""
    direction, text, arrow = _movement(current, previous)
    return format_html(
        '<span class="portal-movement portal-movement--{}"><span aria-hidden="true">{}</span> '
        '<span class="portal-movement__text">{}</span></span>',
        direction,
        arrow,
        text,
    )


_SEGMENT_MARKUP = {
    "added": '<ins class="review-diff review-diff--added"><span class="govuk-visually-hidden">'
    "Added: </span>{}</ins>",
    "removed": '<del class="review-diff review-diff--removed"><span '
    'class="govuk-visually-hidden">Removed: </span>{}</del>',
}


@register.simple_tag
def diff_segments(segments, empty="Nothing written"):
    """Runs of words; changed runs are marked in words for screen readers and visually."""
    if not segments:
        inner = format_html('<span class="review-empty">{}</span>', empty)
    else:
        inner = mark_safe(  # noqa: S308  (every part is escaped here)
            "".join(
                _SEGMENT_MARKUP[seg.kind].format(conditional_escape(seg.text))
                if seg.kind in _SEGMENT_MARKUP
                else conditional_escape(seg.text)
                for seg in segments
            )
        )
    return format_html('<span class="review-text">{}</span>', inner)


def _status_block(status, signal, label=None):
    """One assessment's status, the one pattern of every page: a GOV.UK tag that says the
    status, then the deadline's word (due, due soon, overdue, submitted late, with its date)
    as plain secondary text on a line of its own; never a second tag beside the first."""
    if label is None:
        tag = status_tag(status)
    else:  # a board row with no assessment: its own words, grey like "Not started"
        tag = format_html('<strong class="govuk-tag govuk-tag--grey">{}</strong>', label)
    if signal is None:
        return format_html('<span class="portal-status">{}</span>', tag)
    return format_html(
        '<span class="portal-status">{}<span class="portal-status__date'
        ' portal-status__date--{}" data-deadline="{}">{}</span></span>',
        tag,
        signal.key,
        signal.key,
        signal.text,
    )


@register.simple_tag
def assessment_status(status, quarter, submitted_at=None):
    """An assessment's status and what its deadline says (My assessments, the task list, the
    record and review pages); `status` None means not started."""
    from assessments.deadlines import deadline_signal

    return _status_block(status, deadline_signal(quarter, status or None, submitted_at))


@register.simple_tag
def assessment_status_signal(status, signal, label=None):
    """The same for a row whose deadline signal is already worked out (the quarter board)."""
    return _status_block(status, signal, label)

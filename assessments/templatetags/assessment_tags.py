"""Template helpers shared by every page that shows grades, statuses or movement."""

from django import template

from assessments.choices import Grade, Status

register = template.Library()

_STATUS_TAG_COLOUR = {
    None: "govuk-tag--grey",
    Status.DRAFT: "govuk-tag--blue",
    Status.SUBMITTED: "govuk-tag--purple",
    Status.RETURNED: "govuk-tag--orange",
    Status.SIGNED_OFF: "govuk-tag--green",
}


@register.inclusion_tag("assessments/includes/grade_tag.html")
def grade_tag(grade):
    """A PEEL grade as a coloured tag whose text says the grade (never colour alone)."""
    return {"grade": grade, "label": Grade(grade).label if grade else "Not graded"}


@register.inclusion_tag("assessments/includes/status_tag.html")
def status_tag(status):
    """A workflow status as a GOV.UK tag; None means the assessment is not started."""
    label = Status(status).label if status else "Not started"
    return {"label": label, "colour": _STATUS_TAG_COLOUR[Status(status) if status else None]}


@register.inclusion_tag("assessments/includes/movement.html")
def movement(current, previous):
    """Up, down or same against an earlier grade, in words and an arrow."""
    if current is None or previous is None:
        return {"direction": "none", "text": "No earlier grade", "arrow": "–"}
    if current > previous:
        return {"direction": "up", "text": f"Up from {Grade(previous).label}", "arrow": "▲"}
    if current < previous:
        return {"direction": "down", "text": f"Down from {Grade(previous).label}", "arrow": "▼"}
    return {"direction": "same", "text": "Same as before", "arrow": "="}


@register.inclusion_tag("assessments/includes/deadline_tag.html")
def deadline_tag(quarter, status, submitted_at=None):
    """Due, due soon, overdue or submitted late (with the date), in words; nothing when the
    deadline has nothing to say."""
    from assessments.deadlines import deadline_signal

    return {"signal": deadline_signal(quarter, status or None, submitted_at)}

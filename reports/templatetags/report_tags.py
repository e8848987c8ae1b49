"""Template helpers of the board report pages and PDF."""

from django import template
from django.utils.safestring import mark_safe

from reports.models import ReportStatus

register = template.Library()

_STATUS_COLOUR = {
    ReportStatus.DRAFT: "govuk-tag--blue",
    ReportStatus.PUBLISHED: "govuk-tag--green",
    ReportStatus.SUPERSEDED: "govuk-tag--grey",
}


@register.filter
def css_string(value) -> str:
    """A value as the inside of a CSS string: quotes, backslashes and line breaks escaped
    (used only for the PDF's page margins: the marking and the report date)."""
    escaped = []
    for char in str(value):
        if char in "\"\\<>&'" or ord(char) < 0x20:
            escaped.append(f"\\{ord(char):x} ")
        else:
            escaped.append(char)
    # Safe: every character that means something to HTML or CSS was escaped above.
    return mark_safe("".join(escaped))  # noqa: S308


@register.inclusion_tag("reports/includes/status_tag.html")
def report_status_tag(status):
    status = ReportStatus(status)
    return {"label": status.label, "colour": _STATUS_COLOUR[status]}


@register.filter
def short_sha(value: str) -> str:
    """The first 16 hex digits of a fingerprint, grouped in fours for reading aloud."""
    head = (value or "")[:16]
    return " ".join(head[i : i + 4] for i in range(0, len(head), 4))


@register.filter
def spaced_fingerprint(value) -> str:
    """A certificate's SHA-256 as AB:CD:…, as certificate viewers show it."""
    from reports.signing import spaced_fingerprint as spaced

    return spaced(str(value)) if value else ""

"""The head of a GOV.UK table, written once: `{% table_head "When" "Who" hidden="Action" %}`.

Every table of the portal has the same head markup (a row of column headers); `hidden` names
a last column that is read to screen readers only (a column of links or buttons).
"""

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()

HEADER = '<th scope="col" class="govuk-table__header">{}</th>'
HIDDEN_HEADER = (
    '<th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">{}</span></th>'
)


@register.simple_tag
def table_head(*columns: str, hidden: str = ""):
    headers = format_html_join("", HEADER, ((column,) for column in columns))
    if hidden:
        headers += format_html(HIDDEN_HEADER, hidden)
    return format_html(
        '<thead class="govuk-table__head"><tr class="govuk-table__row">{}</tr></thead>', headers
    )

"""Spreadsheet downloads of the quarter board and the actions register (CSV or XLSX)."""

from django.http import Http404
from django.views.decorators.http import require_GET

from assessments.selectors import exports
from spr_portal.access import Can, requires
from spr_portal.cache_stamp import cached_for
from spr_portal.params import id_param
from spr_portal.spreadsheets import Sheet, download, known_format, sheet_content

AUTHOR = "SPR Portal"


@require_GET
@requires(Can.READ_BOARD)
def board_export(request, fmt):
    """?from=<quarter id>&to=<quarter id>: one quarter or a range; none is the current one.
    Rows are the assessments the reader may see, on the threats of their own board."""
    user, start, end = request.user, request.GET.get("from"), request.GET.get("to")
    fmt = known_format(fmt)
    if any(value and id_param(value) is None for value in (start, end)):
        raise Http404("No such quarter.")  # never raw text in the file's cache key
    # The file is made once per user, range and day under the cache's write stamp
    # (spr_portal/cache_stamp.py): a year of quarters is 3,300 cells for openpyxl.
    content, filename = cached_for(
        user,
        ("board_export", fmt, start or "", end or ""),
        lambda: _board_file(user, fmt, start, end),
    )
    return download(content, fmt, filename)


def _board_file(user, fmt, start, end):
    quarters = exports.quarter_range(user, start, end)
    span = (
        quarters[0].label if len(quarters) == 1 else f"{quarters[0].label} to {quarters[-1].label}"
    )
    sheet = Sheet(
        title=f"Quarter board {span}".replace("/", "-"),
        columns=exports.BOARD_COLUMNS,
        rows=exports.board_rows(user, quarters),
        marking=exports.MARKING,
        author=AUTHOR,
    )
    slug = span.replace("/", "-").replace(" ", "-").lower()
    return sheet_content(sheet, fmt), f"quarter-board-{slug}"


@require_GET
@requires(Can.READ_ACTIONS_REGISTER)
def actions_export(request, fmt):
    """Every improvement action the reader may see, open and closed."""
    user, fmt = request.user, known_format(fmt)
    # Made once per user, format and day (what is overdue runs by the date) under the
    # cache's write stamp: an action added, changed or closed is a write.
    content = cached_for(user, ("actions_export", fmt), lambda: _actions_file(user, fmt))
    return download(content, fmt, "actions-register")


def _actions_file(user, fmt):
    sheet = Sheet(
        title="Actions register",
        columns=exports.ACTION_COLUMNS,
        rows=exports.action_rows(user),
        marking=exports.MARKING,
        author=AUTHOR,
    )
    return sheet_content(sheet, fmt)

"""The quarter board (the screen on the wall at the quarterly meeting) and the actions
register."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.views.decorators.http import require_GET

from assessments.forms.review import ActionFilterForm
from assessments.items import GRADED_GROUPS, GRADED_ITEMS
from assessments.models import ImprovementAction
from assessments.models.assessment import LONG_TEXT_FIELDS
from assessments.selectors import board as selectors
from spr_portal.access import Can, requires
from spr_portal.cache_stamp import cached_for
from spr_portal.form_errors import error_summary
from spr_portal.params import id_param
from threats.models import NationalThreat, lineage_ids
from threats.naming import name_editions

BOARD_BODY = "assessments/review/includes/board_body.html"
ACTIONS_TABLE = "assessments/review/includes/actions_table.html"


def _quarter_options(quarters, chosen, *, mark_open: bool):
    """A quarter picker's <option>s, made once in Python: at ten years of quarters the board's
    three pickers were some 120 options rendered tag by tag in the template."""
    return format_html_join(
        "",
        '<option value="{}"{}>{}{}</option>',
        (
            (
                q.pk,
                " selected" if q.pk == chosen.pk else "",
                q.label,
                " (open)" if mark_open and q.is_open else "",
            )
            for q in quarters
        ),
    )


def _render_board(request, pk: int | None = None):
    status = selectors.board_status(request.GET.get("status", ""))

    def page() -> dict:
        """The whole body (the table: a row a threat, nine graded cells a row; the pickers: an
        option a quarter), rendered once per user, quarter asked for, status and day under the
        write stamp, like the board it shows. A quarter the user may not see raises its 404
        here, and nothing is kept."""
        # The picker's quarters also give the board its quarter and the one before (no query).
        quarters = selectors.quarter_picker(request.user)
        quarter = selectors.board_quarter(request.user, pk, quarters=quarters)
        board = selectors.quarter_board(request.user, quarter, status=status, quarters=quarters)
        context = {
            "board": board,
            "quarter": quarter,
            "groups": GRADED_GROUPS,
            "items": GRADED_ITEMS,
            "quarter_options": _quarter_options(quarters, quarter, mark_open=True),
            "export_options": _quarter_options(quarters, quarter, mark_open=False),
        }
        return {
            "quarter_label": quarter.label,
            "content_html": render_to_string(BOARD_BODY, context, request),
        }

    return render(
        request,
        "assessments/review/board.html",
        cached_for(request.user, ("board_page", pk, status), page),
    )


@require_GET
@requires(Can.READ_BOARD)
def quarter_board_current(request):
    """The open quarter, else the latest; the picker's GET form also lands here."""
    chosen = request.GET.get("quarter", "")
    if chosen:
        pk = id_param(chosen)
        if pk is None:
            raise Http404("No such quarter.")
        quarter = selectors.board_quarter(request.user, pk)
        url = reverse("assessments:quarter_board", kwargs={"pk": quarter.pk})
        status = request.GET.get("status", "")
        return redirect(f"{url}?status={status}" if status else url)
    return _render_board(request)


@require_GET
@requires(Can.READ_BOARD)
def quarter_board(request, pk):
    return _render_board(request, pk)


@require_GET
@requires(Can.READ_ACTIONS_REGISTER)
def actions_register(request):
    """Every open improvement action across the national threats, overdue ones flagged."""
    user = request.user
    # The threats and the rows, per user, filter and day under the cache's write stamp
    # (spr_portal/cache_stamp.py): an action added, changed or closed is a write.
    threats = cached_for(
        user,
        "register_threats",
        lambda: list(NationalThreat.objects.visible_to(user).order_by("display_order")),
    )
    form = ActionFilterForm(request.GET or None, threats=threats)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    key = (filters.get("threat") or "", filters.get("status", ""), bool(filters.get("overdue")))
    filtered = form.is_bound and form.is_valid() and any(form.cleaned_data.values())

    def rows() -> dict:
        """The rows and their table as rendered: the same HTML for this user, filter and day
        until the next write."""
        actions = _register_rows(user, filters)
        context = {"actions": actions, "filtered": filtered}
        return {
            "action_count": len(actions),
            "overdue_count": sum(1 for a in actions if a.is_overdue),
            "actions_table": render_to_string(ACTIONS_TABLE, context, request),
        }

    register = cached_for(user, ("register", *key), rows)
    return render(
        request,
        "assessments/review/actions_register.html",
        {
            **register,
            "form": form,
            "error_summary": error_summary(form, labelled=True),
            "today": timezone.localdate(),
            "filtered": filtered,
        },
    )


def _register_rows(user, filters: dict) -> list:
    actions = (
        ImprovementAction.objects.visible_to(user)
        .still_open()
        .select_related("threat", "threat__owning_department", "raised_in__quarter__edition")
        # Of the assessment that raised each action, the register shows its quarter only.
        .defer(*(f"raised_in__{name}" for name in LONG_TEXT_FIELDS))
        .order_by("due_date", "threat__display_order", "pk")
    )
    today = timezone.localdate()
    if filters.get("threat"):
        # A threat's actions include those raised under the threats it succeeds (Public
        # Disorder's include Public Order's): they carry forward to it until closed.
        actions = actions.filter(threat_id__in=lineage_ids(filters["threat"]))
    if filters.get("status"):
        actions = actions.filter(status=filters["status"])
    if filters.get("overdue"):
        actions = actions.filter(due_date__lt=today)
    actions = list(actions)
    name_editions(a.raised_in.quarter.edition for a in actions)
    for action in actions:
        action.is_overdue = action.due_date < today
    return actions

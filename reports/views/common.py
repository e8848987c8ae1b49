"""What every board report page shares: fetching one through visible_to (a wrong id or a
draft the user may not see is a 404), and the error summary."""

from django.core.exceptions import ValidationError
from django.http import Http404

from reports.models import BoardReport
from reports.workflow import ReportAction, report_actions
from spr_portal.access import Can, get_for_user, require
from spr_portal.forms import error_anchor


def get_report(request, pk: int) -> BoardReport:
    require(request.user, Can.READ_REPORTS)
    return get_for_user(
        BoardReport.objects.select_related(
            "quarter__edition", "previous_report", "supersedes", "pdf", "published_by"
        ),
        request.user,
        pk=pk,
    )


def get_draft(request, pk: int) -> BoardReport:
    """A draft the SPR lead may edit; a published one has no edit pages at all (404)."""
    report = get_report(request, pk)
    require(request.user, Can.DRAFT_REPORTS)
    if ReportAction.EDIT not in report_actions(report, request.user):
        raise Http404("A published report has no edit pages.")
    return report


def error_items(form, order: list[str] | None = None) -> list[dict]:
    """(text, link) for the GOV.UK error summary, in the order the fields appear."""
    names = list(form.errors)
    if order:
        names.sort(key=lambda n: order.index(n) if n in order else len(order))
    items = []
    for name in names:
        messages = list(form.errors[name])
        if name == "__all__":
            items.extend({"text": message, "href": ""} for message in messages)
        else:
            items.append({"text": messages[0], "href": f"#{error_anchor(form, name)}"})
    return items


def add_service_errors(form, error: ValidationError, rename: dict | None = None) -> None:
    """Put a service's refusal on the form: on its field if the form has one (`rename` maps a
    model field to the form field that edits it)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            name = (rename or {}).get(name, name)
            form.add_error(name if name in form.fields else None, errors[0])
    else:
        for message in error.messages:
            form.add_error(None, message)

"""The user-management page: administrators give and withdraw roles and deactivate accounts,
through accounts/services.py, which refuses changes to one's own account and records each."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.forms import DeactivateForm, RolesForm
from accounts.services import password_link_send, user_deactivate, user_roles_set
from spr_portal.access import Can, requires
from spr_portal.form_errors import add_service_errors, error_summary
from spr_portal.outcomes import act_and_tell
from spr_portal.roles import roles_of
from threats.models import Department, ForceProfile


@require_GET
@requires(Can.MANAGE_USERS)
def user_list(request):
    users = get_user_model().objects.order_by("-is_active", "username").prefetch_related("groups")
    label = ForceProfile.current().role_label
    rows = [(user, sorted(label(role) for role in roles_of(user))) for user in users]
    return render(request, "accounts/users.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
@requires(Can.MANAGE_USERS)
def user_detail(request, pk):
    person = get_object_or_404(get_user_model(), pk=pk)
    initial = {"roles": [role.name for role in roles_of(person)]}
    label = ForceProfile.current().role_label
    form = RolesForm(
        request.POST if request.method == "POST" else None, initial=initial, role_label=label
    )
    if request.method == "POST" and form.is_valid():
        try:
            changes = user_roles_set(user=person, roles=form.chosen(), actor=request.user)
        except PermissionDenied as refusal:
            messages.error(request, str(refusal))
        else:
            done = "; ".join(f"{c.get_kind_display()} {label(c.role)}" for c in changes)
            messages.success(request, f"Roles of {person.username} saved. {done or 'No change.'}")
        return redirect("accounts:user_detail", pk=person.pk)
    return _user_page(request, person, form, DeactivateForm())


def _user_page(request, person, form, deactivate_form):
    """The person's page: roles, password link, deactivation (warning first when they are a
    department's only active business lead) and the record of changes."""
    label = ForceProfile.current().role_label
    editable = person.pk != request.user.pk and not person.is_superuser and person.is_active
    context = {
        "person": person,
        "form": form,
        "editable": editable,
        "deactivate_form": deactivate_form,
        "unled": list(Department.objects.left_unled_by(person)) if editable else [],
        "error_summary": error_summary(deactivate_form),
        "changes": [
            (change, label(change.role) if change.role else "")
            for change in person.role_changes.select_related("actor")[:50]
        ],
    }
    return render(request, "accounts/user.html", context)


@require_POST
@requires(Can.MANAGE_USERS)
def user_deactivate_view(request, pk):
    """Deactivate, unless they are a department's only active business lead and the box that
    says so is not ticked: then the page again, with the warning as an error."""
    person = get_object_or_404(get_user_model(), pk=pk)
    deactivate_form = DeactivateForm(request.POST)
    deactivate_form.is_valid()  # one optional box: always valid
    try:
        user_deactivate(
            user=person,
            actor=request.user,
            confirm_unled=deactivate_form.cleaned_data.get("confirm_unled", False),
        )
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
    except ValidationError as refusal:
        add_service_errors(deactivate_form, refusal)
        label = ForceProfile.current().role_label
        roles = RolesForm(initial={"roles": [r.name for r in roles_of(person)]}, role_label=label)
        return _user_page(request, person, roles, deactivate_form)
    else:
        messages.success(request, f"{person.username} is deactivated and signed out everywhere.")
    return redirect("accounts:user_detail", pk=person.pk)


@require_POST
@requires(Can.MANAGE_USERS)
def user_password_link(request, pk):
    """Send the person a link to set their own password (never one set for them)."""
    done = "A link to set their password was sent to {person.email}."
    refused = (PermissionDenied, ValidationError)
    return _on_person(request, pk, password_link_send, done, refused=refused)


def _on_person(request, pk, service, done: str, *, refused):
    """A button on a person's page: the service acts on them, the page says how it went."""
    person = get_object_or_404(get_user_model(), pk=pk)
    act_and_tell(
        request,
        lambda: service(user=person, actor=request.user),
        done=done.format(person=person),
        refused=refused,
    )
    return redirect("accounts:user_detail", pk=person.pk)

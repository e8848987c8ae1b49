"""The user-management page: administrators give and withdraw roles and deactivate accounts,
through accounts/services.py, which refuses changes to one's own account and records each."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.forms import RolesForm
from accounts.services import password_link_send, user_deactivate, user_roles_set
from spr_portal.access import Can, requires
from spr_portal.outcomes import act_and_tell
from spr_portal.roles import roles_of
from threats.models import ForceProfile


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
    editable = person.pk != request.user.pk and not person.is_superuser and person.is_active
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
    context = {
        "person": person,
        "form": form,
        "editable": editable,
        "changes": [
            (change, label(change.role) if change.role else "")
            for change in person.role_changes.select_related("actor")[:50]
        ],
    }
    return render(request, "accounts/user.html", context)


@require_POST
@requires(Can.MANAGE_USERS)
def user_deactivate_view(request, pk):
    done = "{person.username} is deactivated and signed out everywhere."
    return _on_person(request, pk, user_deactivate, done, refused=(PermissionDenied,))


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

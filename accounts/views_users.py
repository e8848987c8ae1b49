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
    person = get_object_or_404(get_user_model(), pk=pk)
    try:
        user_deactivate(user=person, actor=request.user)
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"{person.username} is deactivated and signed out everywhere.")
    return redirect("accounts:user_detail", pk=person.pk)


@require_POST
@requires(Can.MANAGE_USERS)
def user_password_link(request, pk):
    """Send the person a link to set their own password (never one set for them)."""
    person = get_object_or_404(get_user_model(), pk=pk)
    try:
        password_link_send(user=person, actor=request.user)
    except (PermissionDenied, ValidationError) as refusal:
        messages.error(request, " ".join(getattr(refusal, "messages", [str(refusal)])))
    else:
        messages.success(request, f"A link to set their password was sent to {person.email}.")
    return redirect("accounts:user_detail", pk=person.pk)

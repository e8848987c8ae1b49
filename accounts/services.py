"""Changing who holds which role, and deactivating accounts: only here, only by an
administrator, never on their own account, and always recorded."""

from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import OPTIONAL_NOTICES, EmailOptOut, Notice, RoleAssignment, RoleChange
from accounts.notify import compose, notices_for, queue
from audit.models import AuditAction
from audit.services import audit_record
from spr_portal.access import Can, require
from spr_portal.roles import Role, roles_of
from threats.models import Department, ForceProfile

NOT_YOURSELF = "Nobody can change their own roles or deactivate their own account."


def _check(*, user, actor) -> None:
    require(actor, Can.MANAGE_USERS)
    if user.pk == actor.pk:
        raise PermissionDenied(NOT_YOURSELF)
    if user.is_superuser:
        raise PermissionDenied("A superuser's account is managed on the server, not here.")


def user_roles_set(*, user, roles: set[Role], actor) -> list[RoleChange]:
    """Give `user` exactly `roles`; one record per role granted or withdrawn. An
    Administrator may open the Django admin (staff status follows the role)."""
    _check(user=user, actor=actor)
    if not user.is_active:
        raise ValidationError("Reactivate the account before giving it roles.")
    roles = {Role(role) for role in roles}  # anything else is not a role: ValueError
    user._spr_roles = None
    held = set(roles_of(user))
    with transaction.atomic():
        changes = []
        for role in sorted(roles - held):
            RoleAssignment.objects.create(user=user, role=role.value)
            changes.append(RoleChange(user=user, role=role, kind=RoleChange.Kind.GRANTED))
        for role in sorted(held - roles):
            RoleAssignment.objects.filter(user=user, role=role.value).delete()
            changes.append(RoleChange(user=user, role=role, kind=RoleChange.Kind.WITHDRAWN))
        staff = Role.ADMINISTRATOR in roles
        if user.is_staff != staff:
            user.is_staff = staff
            user.save(update_fields=["is_staff"])
        for change in changes:
            change.actor = actor
            change.save()
        if changes:
            label = ForceProfile.current().role_label
            audit_record(
                actor=actor,
                action=AuditAction.ROLES_CHANGED,
                obj=user,
                summary="; ".join(f"{c.get_kind_display()} {label(c.role)}" for c in changes),
            )
    user._spr_roles = None
    return changes


def password_link_send(*, user, actor) -> None:
    """E-mail `user` a one-time link to set their own password (Django's reset token: it
    stops working once used, or after PASSWORD_RESET_TIMEOUT). Nobody else ever sees it, so
    no administrator can sign in as the person; the sending is on the audit trail."""
    from django.conf import settings
    from django.contrib.auth.tokens import default_token_generator
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    _check(user=user, actor=actor)
    if not user.is_active or not user.email:
        raise ValidationError("The account needs to be active and to have an e-mail address.")
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    path = reverse("accounts:password_set", args=[uid, default_token_generator.make_token(user)])
    hours = settings.PASSWORD_RESET_TIMEOUT // 3600
    message = compose(
        to=user,
        subject="Set your SPR Portal password",
        lines=[f"Set your password with this link. It works once, for {hours} hours."],
        link=f"{settings.SPR_PORTAL_URL.rstrip('/')}{path}",
        link_text="Set your password",
    )
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.PASSWORD_LINK_SENT,
            obj=user,
            summary=f"Sent to {user.email}; valid once, for {hours} hours",
        )
        transaction.on_commit(lambda: queue([message]))


def password_changed(*, user, request=None, how: str = "Changed by the account's owner") -> None:
    """A password set by its owner is on the audit trail (never the password itself)."""
    audit_record(
        actor=user,
        action=AuditAction.PASSWORD_CHANGED,
        obj=user,
        summary=how,
        ip_address=request.META.get("REMOTE_ADDR") if request is not None else None,
    )


def sessions_end(*, user) -> int:
    """Delete every session of `user` (signed out everywhere at once)."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    return ended


def unled_message(departments) -> str:
    """The refusal of deactivating a department's only active business lead unconfirmed."""
    names = ", ".join(d.name for d in departments)
    return f"Confirm that {names} will be left without an active business lead"


def user_deactivate(*, user, actor, confirm_unled: bool = False) -> RoleChange:
    """The account can no longer sign in, and its open sessions end now. The only active
    business lead of a department is deactivated only once `confirm_unled` says the
    administrator read which departments are left without one (named on the audit trail)."""
    _check(user=user, actor=actor)
    with transaction.atomic():
        unled = list(Department.objects.left_unled_by(user))
        if unled and not confirm_unled:
            raise ValidationError({"confirm_unled": unled_message(unled)})
        user.is_active = False
        user.save(update_fields=["is_active"])
        change = RoleChange.objects.create(user=user, kind=RoleChange.Kind.DEACTIVATED, actor=actor)
        left = ", ".join(d.name for d in unled)
        audit_record(
            actor=actor,
            action=AuditAction.ACCOUNT_CHANGED,
            obj=user,
            summary="Deactivated" + (f"; no active business lead left for {left}" if left else ""),
        )
        sessions_end(user=user)
    return change


def email_settings(user) -> set[Notice]:
    """The optional e-mails that can reach this user and that they receive (all of them
    unless turned off)."""
    off = set(EmailOptOut.objects.filter(user=user).values_list("notice", flat=True))
    return {n for n in notices_for(user) if n in OPTIONAL_NOTICES and n not in off}


@transaction.atomic
def email_settings_set(*, user, wanted: set[Notice]) -> list[str]:
    """The user's own choice among the optional e-mails that can reach them (a return always
    goes); recorded on the audit trail when it changes anything. A kind their roles do not
    receive is left as it is. Returns what changed, as people read it."""
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied("Sign in to choose your e-mails.")
    offered = [n for n in OPTIONAL_NOTICES if n in notices_for(user)]
    if set(wanted) - set(offered):
        raise ValidationError({"wanted": "Choose only from the e-mails listed"})
    before = email_settings(user)
    changed = []
    for notice in offered:
        if notice in before and notice not in wanted:
            EmailOptOut.objects.create(user=user, notice=notice)
            changed.append(f"{notice.label}: e-mail on → off")
        elif notice not in before and notice in wanted:
            EmailOptOut.objects.filter(user=user, notice=notice).delete()
            changed.append(f"{notice.label}: e-mail off → on")
    if changed:
        audit_record(
            actor=user,
            action=AuditAction.ACCOUNT_CHANGED,
            obj=user,
            summary="E-mail settings: " + "; ".join(changed),
        )
    return changed

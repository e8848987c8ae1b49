"""What happens around a sign-in: the session remembers when its user signed in (for the
absolute lifetime), a success clears only that account's own failures, and a lock-out is on
the audit trail."""

import time

from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django_otp import user_has_device

from accounts.lockout import client_ip
from accounts.second_factor import HAS_DEVICE
from accounts.sessions import LAST_SEEN, SIGNED_IN_AT
from audit.models import AuditAction
from audit.services import audit_record


@receiver(user_logged_in, dispatch_uid="accounts.stamp_sign_in")
def stamp_sign_in(sender, request, user, **kwargs):
    # Django has already given the session a new key (login() cycles it).
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[SIGNED_IN_AT] = now
        request.session[LAST_SEEN] = now
        request.session[HAS_DEVICE] = user_has_device(user)


@receiver(user_logged_in, dispatch_uid="accounts.clear_own_failures")
def clear_own_failures(sender, request, user, **kwargs):
    """A success forgives this account's mistakes from this address, and nothing else: not
    another account's failures from the same address (which would let anyone reset the count
    on someone else's account with their own password), nor failures from elsewhere."""
    if request is None:
        return
    AccessAttempt.objects.filter(
        username=user.get_username(), ip_address=client_ip(request)
    ).delete()


@receiver(user_locked_out, dispatch_uid="accounts.audit_locked_out")
def audit_locked_out(sender, request, username, ip_address, **kwargs):
    known = get_user_model().objects.filter(username=username).first()
    audit_record(
        actor=known,
        actor_name=str(username or ""),
        action=AuditAction.LOCKED_OUT,
        summary="Too many failed sign-ins: the account or the address is locked",
        ip_address=ip_address,
    )

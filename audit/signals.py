"""Sign-in events on the audit trail. Django's auth signals are the one place every sign-in
form (the portal's and the admin's) passes through, so they are recorded here."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from audit.models import AuditAction
from audit.services import audit_record


def _address(request) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None


@receiver(user_logged_in, dispatch_uid="audit_signed_in")
def _signed_in(sender, request, user, **kwargs):
    audit_record(actor=user, action=AuditAction.SIGNED_IN, ip_address=_address(request))


@receiver(user_logged_out, dispatch_uid="audit_signed_out")
def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        audit_record(actor=user, action=AuditAction.SIGNED_OUT, ip_address=_address(request))


@receiver(user_login_failed, dispatch_uid="audit_sign_in_failed")
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    name = str(credentials.get("username", ""))
    known = get_user_model().objects.filter(username=name).first()
    audit_record(
        actor=known,
        actor_name=name,
        action=AuditAction.SIGN_IN_FAILED,
        ip_address=_address(request),
    )

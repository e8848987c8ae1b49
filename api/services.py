"""Creating and revoking a user's API tokens."""

import datetime
import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from api.models import ApiToken, Scope
from audit.models import AuditAction
from audit.services import audit_record
from spr_portal.access import Can, require

TOKEN_PREFIX = "spr_"  # noqa: S105 (a label that makes a leaked token recognisable, not a secret)
EXPIRY_DAYS = (30, 90, 365)


def token_hash(raw: str) -> str:
    """Tokens carry 256 random bits, so a plain SHA-256 is enough (no slow hash needed)."""
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def token_create(*, name: str, scopes: list[str], expires_in_days: int, actor):
    """A new token for the actor; returns (token, the raw token shown once)."""
    require(actor, Can.USE_API)
    name = (name or "").strip()
    errors = {}
    if not name:
        errors["name"] = "Enter what the token is for"
    if not scopes or any(scope not in Scope.values for scope in scopes):
        errors["scopes"] = "Choose what the token may read"
    if expires_in_days not in EXPIRY_DAYS:
        errors["expires_in_days"] = "Choose when the token expires"
    if errors:
        raise ValidationError(errors)
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=actor,
        name=name,
        prefix=raw[:10],
        key_hash=token_hash(raw),
        scopes=sorted(set(scopes)),
        expires_at=timezone.now() + datetime.timedelta(days=expires_in_days),
    )
    token.full_clean()
    token.save()
    scopes_text = ", ".join(token.scopes)
    summary = f"“{name}” ({token.prefix}…), {scopes_text}, expires {token.expires_at:%-d %B %Y}"
    audit_record(actor=actor, action=AuditAction.API_TOKEN_CREATED, obj=token, summary=summary)
    return token, raw


@transaction.atomic
def token_revoke(*, token: ApiToken, actor) -> ApiToken:
    if token.user_id != actor.pk:
        raise ValidationError("You can revoke only your own tokens.")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        summary = f"“{token.name}” ({token.prefix}…)"
        audit_record(actor=actor, action=AuditAction.API_TOKEN_REVOKED, obj=token, summary=summary)
    return token

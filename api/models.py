"""Personal API tokens: a user creates one for a BI tool or a regional collection, chooses
its scopes and expiry, and revokes it. Only the token's SHA-256 is stored, so a copy of the
database gives no usable token; the user sees the token once, when it is made."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Scope(models.TextChoices):
    GRADES = "read:grades", "Read editions, threats, quarters and signed-off grades"
    REPORTS = "read:reports", "Read published board reports and download their files"


class ApiTokenQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A user sees and revokes only their own tokens."""
        return self.filter(user=user) if user.is_authenticated else self.none()

    def usable(self):
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=80, help_text="What the token is for.")
    prefix = models.CharField(
        max_length=12, help_text="The token's first characters, to tell it apart."
    )
    key_hash = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        # The rate limit keys on this: one bucket per token.
        return f"API token {self.pk}"

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def status(self) -> str:
        if self.revoked_at:
            return "Revoked"
        return "Active" if self.expires_at > timezone.now() else "Expired"

    def scope_labels(self) -> list[str]:
        return [Scope(scope).label for scope in self.scopes if scope in Scope.values]

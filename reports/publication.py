"""What each paper the portal publishes records of its own making (BoardReport,
AssuranceStatement): who drafted it and when, when it last changed, and who published it and
when. Each model keeps its own check that a published one names who published it and when:
the constraints' names stand in its migrations."""

from django.conf import settings
from django.db import models


class Publication(models.Model):
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True

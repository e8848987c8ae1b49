from django.conf import settings
from django.db import models

from spr_portal.wording import person_name


class HistoryImport(models.Model):
    """One import of a force's history (onboarding/history): the file it came from, who
    brought it in and when, and what it added. The quarters, signed-off assessments and
    published papers it created point at it, so that every page showing them can say they
    were imported, from which file, by whom and when. It lives in this app, below `reports`,
    so that board reports can point at it too."""

    source_name = models.CharField(max_length=255, help_text="The uploaded file's name.")
    sha256 = models.CharField(
        max_length=64, unique=True, help_text="SHA-256 of the uploaded file's bytes."
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    imported_at = models.DateTimeField()
    quarters = models.PositiveIntegerField(default=0)
    assessments = models.PositiveIntegerField(default=0)
    papers = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-imported_at", "-pk"]

    def __str__(self):
        return f"History imported from {self.source_name}"

    @property
    def imported_by_name(self) -> str:
        user = self.imported_by
        return person_name(user)

    @property
    def description(self) -> str:
        """How a page marks what came from this import (never colour alone)."""
        return (
            f"Imported from {self.source_name} by {self.imported_by_name} "
            f"on {self.imported_at:%-d %B %Y}"
        )

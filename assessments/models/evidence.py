"""Evidence files a business lead attaches to a section of a self-assessment. The bytes live
in the "evidence" storage of settings.STORAGES (a private folder by default, object storage
in production), never under a URL the web server serves: every download goes through the
access check of the assessment."""

import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models

from assessments.evidence import BY_CONTENT_TYPE, download_name, extension_for
from assessments.items import SECTIONS

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024


def evidence_storage():
    return storages["evidence"]


def evidence_path(instance, filename) -> str:
    """A random name with the ending of the type found in the content: nothing a user typed
    reaches the storage path. (Files stored before had no ending; their names stand.)"""
    extension = extension_for(instance.content_type)
    return f"evidence/{instance.assessment_id}/{uuid.uuid4().hex}{extension}"


class EvidenceFileQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Evidence follows the access rule of its assessment."""
        from assessments.models.assessment import Assessment

        return self.filter(assessment__in=Assessment.objects.visible_to(user).values("pk"))

    def current(self):
        """Part of the assessment as it stands: not removed from a reopened draft."""
        return self.filter(removed_at__isnull=True)


class EvidenceFile(models.Model):
    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.PROTECT, related_name="evidence_files"
    )
    section = models.CharField(max_length=40, choices=SECTIONS)
    file = models.FileField(upload_to=evidence_path, storage=evidence_storage, max_length=200)
    name = models.CharField(max_length=200, help_text="The file's name as uploaded.")
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    # A file a signed version names is never deleted: removing it from a reopened draft only
    # leaves it out of the versions to come (its row and bytes stay, as that version's
    # evidence; assessments/services/evidence.py, and on PostgreSQL a trigger).
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = EvidenceFileQuerySet.as_manager()

    class Meta:
        ordering = ["section", "uploaded_at", "pk"]

    def __str__(self):
        return f"{self.name} ({self.get_section_display()})"

    @property
    def type_label(self) -> str:
        """The type in words ("PDF", "Word document (.docx)"), as judged from the content."""
        kind = BY_CONTENT_TYPE.get(self.content_type)
        return kind.label if kind else self.content_type

    @property
    def download_name(self) -> str:
        return download_name(self.name, self.content_type, fallback=f"evidence-{self.pk}")

"""Board reports to the policing body's board or panel, and their frozen PDFs."""

from django.db import models
from django.db.models import Q

from reports.publication import Publication
from spr_portal.access import Can, may
from threats.force_profile import Marking
from threats.models import NationalThreat
from threats.naming import name_in

SECTION_MAX_LENGTH = 20000


def meeting_date_refusal(quarter, meeting_date) -> str:
    """Why a board meeting on `meeting_date` cannot report `quarter`, or "": the board hears
    a quarter only once its self-assessments can be signed off, at its quarterly meeting."""
    if quarter is None or meeting_date is None or meeting_date >= quarter.meeting_date:
        return ""
    return (
        f"The date of the board meeting must be on or after {quarter.label}'s quarterly "
        f"meeting ({quarter.meeting_date:%-d %B %Y}), when its self-assessments are signed off"
    )


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    SUPERSEDED = "superseded", "Superseded"


class BoardReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """SPR lead: every report. The policing body's office and chief officer leads:
        published or superseded ones (never drafts); every other role too, unless the force
        profile keeps the papers to those three (reports/readers.py). No role: none."""
        if may(user, Can.DRAFT_REPORTS):
            return self
        if may(user, Can.READ_REPORTS):
            return self.published()
        return self.none()

    def published(self):
        """Every paper that went to a board: published, or published then superseded by a
        correction (both stay readable and downloadable)."""
        return self.exclude(status=ReportStatus.DRAFT)

    def currently_published(self):
        """The papers that stand: published and not superseded by a correction."""
        return self.filter(status=ReportStatus.PUBLISHED)

    # What the report pages read beside a report, each in one query. No page reads a stored
    # file's bytes (a download reads them afresh) nor the earlier reports' frozen annexes:
    # decoding those was a third of the report page's time (the benchmark's profile).

    def for_pages(self):
        """With what the report pages show beside it: the paper itself (its web page, PDF and
        Word file) reads the frozen annex too."""
        return self.select_related(
            "quarter__edition", "previous_report", "supersedes", "pdf", "docx", "published_by"
        ).defer(
            "previous_report__frozen_annex",
            "supersedes__frozen_annex",
            "docx__content",
            "pdf__content",
        )

    def for_summary_page(self):
        """The report's own page: not its frozen annex, nor the report it updates (a
        published report's page never shows it, and the join cost more than the query a
        draft's page makes for it)."""
        return self.select_related(
            "quarter__edition", "supersedes", "pdf", "docx", "published_by"
        ).defer("supersedes__frozen_annex", "docx__content", "pdf__content", "frozen_annex")

    def for_download(self):
        """The stored PDF with its bytes, for Django to send; nothing else."""
        return self.select_related("pdf").defer("frozen_annex")

    def for_handover(self):
        """The stored PDF's record without its bytes, which the web server in front sends."""
        return self.for_download().defer("pdf__content")


class BoardReport(Publication):
    quarter = models.ForeignKey(
        "assessments.Quarter",
        on_delete=models.PROTECT,
        related_name="board_reports",
        help_text="The quarter whose signed-off self-assessments the report summarises.",
    )
    previous_report = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The last report to the board, which this one updates.",
    )
    supersedes = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
        help_text="The published report this version corrects.",
    )
    version = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(
        max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    revision = models.PositiveIntegerField(default=1)  # optimistic lock for concurrent edits

    agenda_item = models.CharField(max_length=10)
    board_name = models.CharField(max_length=120)
    meeting_date = models.DateField()
    title = models.CharField(max_length=200, default="Strategic Policing Requirement")
    marking = models.CharField(max_length=20, choices=Marking.choices, default=Marking.OFFICIAL)
    # The force profile's words when the draft was made, so that a paper keeps them (and its
    # web view shows what its PDF shows) whatever the profile says later. Blank in reports made
    # before the profile existed: their first page printed no author block.
    force_name = models.CharField(max_length=120, blank=True)
    report_of = models.CharField(max_length=160, blank=True)
    contact_officer = models.CharField(max_length=200, blank=True)
    paper_status = models.CharField(max_length=80, blank=True)

    purpose = models.TextField(max_length=SECTION_MAX_LENGTH, blank=True)
    introduction = models.TextField(max_length=SECTION_MAX_LENGTH, blank=True)
    management_processes = models.TextField(max_length=SECTION_MAX_LENGTH, blank=True)
    conclusion = models.TextField(max_length=SECTION_MAX_LENGTH, blank=True)
    financial_implications = models.TextField(max_length=SECTION_MAX_LENGTH, blank=True)
    legal_implications = models.TextField(max_length=SECTION_MAX_LENGTH, blank=True)
    recommendations = models.TextField(max_length=SECTION_MAX_LENGTH, blank=True)
    summary_closing = models.TextField(
        max_length=SECTION_MAX_LENGTH,
        blank=True,
        help_text="Optional text after the threats' parts of the Summary of self-assessments.",
    )
    correction_note = models.TextField(
        max_length=2000,
        blank=True,
        help_text="For a correction: what this version corrects, printed on its first page.",
    )
    include_trend_annex = models.BooleanField(
        default=False,
        help_text="Add Annex B: the force's average grade over every quarter up to this one.",
    )
    # What the annex showed when the report was published, so that the published page keeps
    # showing exactly what the PDF shows even if an assessment is reopened later.
    frozen_annex = models.JSONField(null=True, blank=True)
    # What publishing froze in this row and its threats' parts (reports/frozen.py), for
    # verify_integrity to name any field changed since; empty in a draft.
    published_record = models.JSONField(null=True, blank=True, editable=False)

    # Set on a paper published before the portal, brought in with the force's history
    # (onboarding/history): its PDF is the file the force published, with no Word version.
    history_import = models.ForeignKey(
        "assessments.HistoryImport",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="imported_reports",
    )

    objects = BoardReportQuerySet.as_manager()

    class Meta:
        ordering = ["-meeting_date", "-version"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=ReportStatus.DRAFT)
                | Q(published_at__isnull=False, published_by__isnull=False),
                name="published_report_records_who_when",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ReportStatus.values), name="report_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(marking__in=Marking.values), name="report_marking_valid"
            ),
        ]

    def __str__(self):
        return f"{self.title} – {self.board_name}, {self.meeting_date:%-d %B %Y}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("reports:report_detail", args=[self.pk])

    @property
    def author_block(self) -> list[tuple[str, str]]:
        """The first page's "Report of", "Contact officer" and "Status", those that are set."""
        rows = [
            ("Report of", self.report_of),
            ("Contact officer", self.contact_officer),
            ("Status", self.paper_status),
        ]
        return [(label, value) for label, value in rows if value]

    @property
    def is_draft(self) -> bool:
        return self.status == ReportStatus.DRAFT

    @property
    def pdf_filename(self) -> str:
        suffix = f"-v{self.version}" if self.version > 1 else ""
        return f"{self.meeting_date:%Y-%m-%d}-spr-board-report{suffix}.pdf"


class BoardReportThreatSection(models.Model):
    """One threat's part of the Summary of self-assessments."""

    report = models.ForeignKey(
        BoardReport, on_delete=models.CASCADE, related_name="threat_sections"
    )
    threat = models.ForeignKey(NationalThreat, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(max_length=SECTION_MAX_LENGTH, blank=True)
    display_order = models.PositiveSmallIntegerField(default=0)
    published_name = models.CharField(
        max_length=120,
        blank=True,
        help_text="The threat's name as the paper was published with it; empty in a draft.",
    )

    class Meta:
        ordering = ["display_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["report", "threat"], name="one_section_per_threat")
        ]

    def __str__(self):
        return f"{self.threat_name} in {self.report}"

    @property
    def threat_name(self) -> str:
        """What the paper calls the threat: the name it was published with, else the name
        under the edition of the report's quarter."""
        return self.published_name or name_in(self.threat_id, self.report.quarter)


class Signing(models.TextChoices):
    SIGNED = "signed", "Signed"
    BEFORE_SIGNING = "before", "Published before papers were signed"
    UNSIGNED = "unsigned", "Published unsigned: no signing certificate was configured"


class PublishedPdf(models.Model):
    """The PDF rendered once at publishing; every download serves exactly these bytes (the
    signed bytes when the force's certificate signed it: reports/signing.py)."""

    report = models.OneToOneField(BoardReport, on_delete=models.PROTECT, related_name="pdf")
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    pages = models.PositiveSmallIntegerField()
    rendered_at = models.DateTimeField()
    # Every paper stored before signing existed predates it (the migration's default).
    signing = models.CharField(
        max_length=10, choices=Signing.choices, default=Signing.BEFORE_SIGNING
    )
    signer_subject = models.CharField(max_length=400, blank=True)
    signer_fingerprint = models.CharField(
        max_length=64, blank=True, help_text="SHA-256 of the signing certificate."
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(signing=Signing.SIGNED) | ~Q(signer_fingerprint=""),
                name="signed_pdf_names_its_certificate",
            ),
            models.CheckConstraint(
                condition=Q(signing__in=Signing.values), name="pdf_signing_valid"
            ),
        ]

    def __str__(self):
        return f"PDF of {self.report} ({self.sha256[:12]}…)"


class PublishedDocx(models.Model):
    """The Word version rendered at publishing from the same paper model as the PDF; every
    download serves exactly these bytes, which the SHA-256 lets anyone check."""

    report = models.OneToOneField(BoardReport, on_delete=models.PROTECT, related_name="docx")
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    rendered_at = models.DateTimeField()

    def __str__(self):
        return f"Word file of {self.report} ({self.sha256[:12]}…)"


class ApprovedMinutes(models.Model):
    """A quarterly meeting's minutes as approved at the next meeting, rendered once at
    approval (PDF and Word) and never again: every download serves these bytes, which the
    SHA-256 lets anyone check, like a published paper's."""

    meeting = models.OneToOneField(
        "assessments.Meeting", on_delete=models.PROTECT, related_name="approved_files"
    )
    pdf = models.BinaryField()
    pdf_sha256 = models.CharField(max_length=64)
    docx = models.BinaryField()
    docx_sha256 = models.CharField(max_length=64)
    rendered_at = models.DateTimeField()

    def __str__(self):
        return f"Approved minutes of {self.meeting} ({self.pdf_sha256[:12]}…)"


from reports.assurance_models import (  # noqa: E402, F401  (models of this app)
    AssuranceStatement,
    RegardEntry,
    StatementFile,
)

"""The policing body's regard to a published paper, and the annual SPR assurance statement.

Models of the `reports` app (imported by reports/models.py). The regard is a record that only
grows: each step (receipt, a question, the force's answer, a conclusion) is a row, dated and
attributed, never edited. The statement is a draft the policing body's office edits, then a
published record whose PDF and Word bytes are stored with their SHA-256, like the board paper.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from reports.publication import Publication
from spr_portal.access import Can, may
from threats.force_profile import Marking

TEXT_MAX_LENGTH = 5000
STATEMENT_MAX_LENGTH = 20000


class RegardKind(models.TextChoices):
    RECEIPT = "receipt", "Receipt recorded"
    QUESTION = "question", "Question to the force"
    ANSWER = "answer", "Answer from the force"
    CONCLUSION = "conclusion", "Conclusion"


class RegardConclusion(models.TextChoices):
    NOTED = "noted", "Noted"
    FURTHER_ASSURANCE = "further_assurance", "Further assurance sought"
    ESCALATED = "escalated", "Escalated"


class RegardEntryQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The exchange on the papers the user may read, for the roles granted
        `Can.READ_REGARD` (the office, the SPR lead, the chief officers); none for others."""
        from reports.models import BoardReport

        if not may(user, Can.READ_REGARD):
            return self.none()
        return self.filter(report__in=BoardReport.objects.visible_to(user).published())

    def unanswered_questions(self):
        return self.filter(kind=RegardKind.QUESTION, answers__isnull=True)

    def in_order(self):
        return self.select_related("author", "answer_to").order_by("at", "pk")


class RegardEntry(models.Model):
    report = models.ForeignKey(
        "reports.BoardReport", on_delete=models.PROTECT, related_name="regard"
    )
    kind = models.CharField(max_length=12, choices=RegardKind.choices)
    text = models.TextField(max_length=TEXT_MAX_LENGTH, blank=True)
    conclusion = models.CharField(max_length=20, choices=RegardConclusion.choices, blank=True)
    answer_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="answers"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The name as it was, so that the exchange reads the same after an account is renamed.
    author_name = models.CharField(max_length=150)
    at = models.DateTimeField(default=timezone.now)

    objects = RegardEntryQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "regard entry"
        verbose_name_plural = "regard entries"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=RegardKind.values), name="regard_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind=RegardKind.CONCLUSION, conclusion__in=RegardConclusion.values)
                | (~Q(kind=RegardKind.CONCLUSION) & Q(conclusion="")),
                name="regard_conclusion_only_on_conclusions",
            ),
            models.CheckConstraint(
                condition=Q(kind=RegardKind.ANSWER, answer_to__isnull=False)
                | (~Q(kind=RegardKind.ANSWER) & Q(answer_to__isnull=True)),
                name="regard_answer_names_its_question",
            ),
            models.UniqueConstraint(
                fields=["answer_to"],
                condition=Q(answer_to__isnull=False),
                name="one_answer_per_question",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.report}"

    @property
    def heading(self) -> str:
        if self.kind == RegardKind.CONCLUSION:
            return f"Conclusion: {self.get_conclusion_display()}"
        return self.get_kind_display()


class StatementStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class AssuranceStatementQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The office: every statement, drafts included. The SPR lead and chief officers: the
        published ones. Anyone else: none."""
        if may(user, Can.DRAFT_STATEMENTS):
            return self
        if may(user, Can.READ_STATEMENTS):
            return self.filter(status=StatementStatus.PUBLISHED)
        return self.none()

    def without_bytes(self):
        return self.select_related("published_by").prefetch_related(
            models.Prefetch("files", queryset=StatementFile.objects.defer("content"))
        )


class AssuranceStatement(Publication):
    """The statement for one financial year (April to March): `financial_year` is the calendar
    year it starts in, as on `Quarter`."""

    financial_year = models.PositiveSmallIntegerField(unique=True)
    status = models.CharField(
        max_length=12, choices=StatementStatus.choices, default=StatementStatus.DRAFT
    )
    revision = models.PositiveIntegerField(default=1)  # optimistic lock for concurrent edits
    title = models.CharField(
        max_length=200, default="Annual Strategic Policing Requirement assurance statement"
    )
    marking = models.CharField(max_length=20, choices=Marking.choices, default=Marking.OFFICIAL)
    # The force profile's words when the draft was made, so that a statement keeps them.
    force_name = models.CharField(max_length=120)
    body_name = models.CharField(max_length=160)
    office_name = models.CharField(max_length=160, blank=True)
    introduction = models.TextField(max_length=STATEMENT_MAX_LENGTH, blank=True)
    grades_commentary = models.TextField(
        "commentary on the grades", max_length=STATEMENT_MAX_LENGTH, blank=True
    )
    risks = models.TextField("main risks", max_length=STATEMENT_MAX_LENGTH, blank=True)
    actions = models.TextField("open actions", max_length=STATEMENT_MAX_LENGTH, blank=True)
    contribution = models.TextField(
        "the force's contribution", max_length=STATEMENT_MAX_LENGTH, blank=True
    )
    conclusions = models.TextField(
        "the policing body's conclusions", max_length=STATEMENT_MAX_LENGTH, blank=True
    )
    # Per threat, its grades through the year and their movement, as the four signed-off
    # quarters gave them when the draft was made (reports/assurance.py `year_grades`).
    grades = models.JSONField(default=dict)
    published_record = models.JSONField(null=True, blank=True, editable=False)

    objects = AssuranceStatementQuerySet.as_manager()

    class Meta:
        ordering = ["-financial_year"]
        verbose_name = "assurance statement"
        constraints = [
            models.CheckConstraint(
                condition=Q(status=StatementStatus.DRAFT)
                | Q(published_at__isnull=False, published_by__isnull=False),
                name="published_statement_records_who_when",
            ),
            models.CheckConstraint(
                condition=Q(status__in=StatementStatus.values), name="statement_status_valid"
            ),
        ]

    def __str__(self):
        return f"{self.title} {self.year_label}"

    @property
    def year_label(self) -> str:
        return f"{self.financial_year}/{(self.financial_year + 1) % 100:02d}"

    @property
    def is_draft(self) -> bool:
        return self.status == StatementStatus.DRAFT

    def filename(self, extension: str) -> str:
        return (
            f"spr-assurance-statement-{self.financial_year}-{self.financial_year + 1}.{extension}"
        )

    def stored(self, kind: str):
        """The stored file of that kind (prefetched by `without_bytes`), or None."""
        return next((f for f in self.files.all() if f.kind == kind), None)


class StatementFileKind(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word document"


class StatementFile(models.Model):
    """A published statement's PDF or Word file, rendered once; every download serves exactly
    these bytes, which the SHA-256 lets anyone check."""

    statement = models.ForeignKey(
        AssuranceStatement, on_delete=models.PROTECT, related_name="files"
    )
    kind = models.CharField(max_length=4, choices=StatementFileKind.choices)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    pages = models.PositiveSmallIntegerField(null=True, blank=True)
    rendered_at = models.DateTimeField()
    # The PDF is signed like the board paper when the force has a signing certificate
    # (reports/signing.py): whose it was, as it read at publishing. Empty: published unsigned.
    signer_subject = models.CharField(max_length=300, blank=True)
    signer_fingerprint = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["statement", "kind"], name="one_file_of_each_kind"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} of {self.statement} ({self.sha256[:12]}…)"

"""The read API, version 1 (django-ninja): editions, threats, quarters, signed-off grades and
published board reports with their files. Read-only; every list goes through the same
`visible_to` rules as the pages, as the token's user."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, NinjaAPI, Path, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from api import schemas
from api.auth import TokenAuth, TokenRateThrottle
from api.models import Scope
from assessments.items import GRADED_ITEMS
from assessments.models import Assessment, Quarter
from reports.models import BoardReport
from reports.paper.docx import CONTENT_TYPE as DOCX_TYPE
from reports.paper.docx import docx_filename
from reports.services.word import report_docx_store
from spr_portal.cache_stamp import cached_for
from threats.models import NationalThreat, SprEdition

api = NinjaAPI(
    title="SPR Portal read API",
    version="1",
    description=(
        "Read-only access to the Strategic Policing Requirement self-assessment grades and "
        "published board reports, for regional and national aggregation and the force's own "
        "BI tools. Authenticate with a personal token (Authorization: Bearer …) created on "
        "the API tokens page; each token has scopes and an expiry. Content is "
        "OFFICIAL-SENSITIVE."
    ),
    urls_namespace="api-v1",
    throttle=[TokenRateThrottle()],
    docs_url=None,  # the interactive docs page needs inline script: not under our CSP
)
grades = Router(auth=TokenAuth(Scope.GRADES), tags=["grades"])
reports = Router(auth=TokenAuth(Scope.REPORTS), tags=["reports"])
NOT_FOUND = {404: schemas.Error}
# Ids and offsets beyond what the database stores are refused (422), never passed to it.
MAX_ID = 2**31 - 1


@dataclass(frozen=True)
class KeyedRows:
    """A list's rows for `Pages` to cache a page of: `key` says which rows (plain ids, never
    text a request typed), `row` turns each object into the values the schema shows."""

    key: tuple
    queryset: QuerySet
    row: Callable[[object], dict]


class Pages(LimitOffsetPagination):
    """Limit and offset; a list given as `KeyedRows` is answered from the cache: each page,
    its values and the count, kept per user under the write stamp (any change to the rows
    or to the user's rights is a write). Building the rows' objects was most of the grades
    list's time (the benchmark's profile)."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=500)
        offset: int = Field(0, ge=0, le=MAX_ID)

    def paginate_queryset(self, queryset, pagination, request, **params):
        if not isinstance(queryset, KeyedRows):
            return super().paginate_queryset(queryset, pagination, request, **params)
        rows = queryset
        offset, limit = pagination.offset, min(pagination.limit, self.max_limit)

        def page() -> dict:
            return {
                self.items_attribute: [
                    rows.row(item) for item in rows.queryset[offset : offset + limit]
                ],
                "count": rows.queryset.count(),
            }

        return cached_for(request.user, (*rows.key, offset, limit), page)


GRADE_FIELDS = [item.grade_field for item in GRADED_ITEMS]
ReportId = Path(..., ge=1, le=MAX_ID)
PDF_FILE = {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}
DOCX_FILE = {DOCX_TYPE: {"schema": {"type": "string", "format": "binary"}}}


@grades.get("/editions", response=list[schemas.Edition])
def editions(request):
    return list(SprEdition.objects.order_by("year"))


@grades.get("/threats", response=list[schemas.Threat])
def threats(request):
    queryset = (
        NationalThreat.objects.visible_to(request.user)
        .select_related("added_in", "retired_in", "owning_department", "chief_officer_lead")
        .order_by("display_order", "name")
    )
    return [
        {
            "slug": t.slug,
            "name": t.name,
            "added_in": t.added_in.year,
            "retired_in": t.retired_in.year if t.retired_in else None,
            "owning_department": t.owning_department.name if t.owning_department_id else None,
            "chief_officer_lead": t.chief_officer_lead.title if t.chief_officer_lead_id else None,
        }
        for t in queryset
    ]


@grades.get("/quarters", response=list[schemas.Quarter])
def quarters(request):
    return [
        {
            **_fields(q),
            "label": q.label,
            "edition": q.edition.year,
            "imported": schemas.imported(q.history_import),
        }
        for q in Quarter.objects.visible_to(request.user)
        .select_related("edition", "history_import__imported_by")
        .chronological()
    ]


def _fields(quarter):
    names = ("id", "financial_year", "number", "submission_deadline", "meeting_date", "is_open")
    return {name: getattr(quarter, name) for name in names}


@grades.get("/grades", response=list[schemas.SignedOffGrades])
@paginate(Pages)
def signed_off_grades(
    request,
    quarter: int | None = Query(None, ge=1, le=MAX_ID),
    threat: str | None = Query(None, max_length=60, pattern=r"^[-a-zA-Z0-9_]+$"),
):
    """Signed-off self-assessments the token's user may see, oldest quarter first; filter by
    quarter id and threat slug."""
    queryset = (
        Assessment.objects.visible_to(request.user)
        .signed_off()
        .select_related(
            "quarter", "threat", "signed_snapshot", "signed_off_by", "history_import__imported_by"
        )
        # What the schema shows, no more: the narratives and the signed snapshot's content
        # were most of each row and most of the page's time (the benchmark's profile).
        .only(
            "quarter__financial_year",
            "quarter__number",
            "threat__slug",
            "signed_off_at",
            "signed_snapshot__fingerprint",
            "signed_off_by_name",
            *(f"signed_off_by__{name}" for name in ("username", "first_name", "last_name")),
            *(f"history_import__{name}" for name in ("source_name", "sha256", "imported_at")),
            *(
                f"history_import__imported_by__{name}"
                for name in ("username", "first_name", "last_name")
            ),
            *GRADE_FIELDS,
        )
        .with_threat_name()
        .order_by("quarter__financial_year", "quarter__number", "threat__display_order", "pk")
    )
    if quarter is not None:
        queryset = queryset.filter(quarter_id=quarter)
    threat_id = None
    if threat:
        threat_id = NationalThreat.objects.filter(slug=threat).values_list("pk", flat=True).first()
        if threat_id is None:
            return queryset.none()  # no such threat: nothing to list, and nothing to keep
        queryset = queryset.filter(threat_id=threat_id)
    return KeyedRows(
        key=("api_grades", quarter or 0, threat_id or 0),
        queryset=queryset,
        row=schemas.signed_off_grades,
    )


def _published(user, *, pdf_content: bool = False):
    """`pdf_content`: with the stored PDF's bytes, which only its download sends; the list
    read every report's PDF on each request for the checksum alone."""
    reports = (
        BoardReport.objects.visible_to(user)
        .published()
        .select_related("quarter", "pdf", "history_import__imported_by")
        .order_by("-meeting_date", "-version")
    )
    return reports if pdf_content else reports.defer("pdf__content")


def _report(report) -> dict:
    return {
        "id": report.pk,
        "title": report.title,
        "board_name": report.board_name,
        "meeting_date": report.meeting_date,
        "agenda_item": report.agenda_item,
        "marking": report.marking,
        "quarter": report.quarter.label,
        "version": report.version,
        "status": report.status,
        "published_at": report.published_at,
        "pdf_sha256": report.pdf.sha256,
        "pdf_url": reverse("api-v1:report_pdf", args=[report.pk]),
        "docx_url": None
        if report.history_import_id
        else reverse("api-v1:report_docx", args=[report.pk]),
        "imported": schemas.imported(report.history_import),
    }


@reports.get("/reports", response=list[schemas.Report])
def report_list(request):
    """Published board reports (superseded versions too), newest first."""
    return [_report(report) for report in _published(request.user)]


@reports.get("/reports/{int:report_id}", response={200: schemas.Report, **NOT_FOUND})
def report_detail(request, report_id: int = ReportId):
    return _report(get_object_or_404(_published(request.user), pk=report_id))


@reports.get(
    "/reports/{int:report_id}/pdf",
    response=NOT_FOUND,
    url_name="report_pdf",
    openapi_extra={"responses": {200: {"description": "The stored PDF", "content": PDF_FILE}}},
)
def report_pdf(request, report_id: int = ReportId):
    report = get_object_or_404(_published(request.user, pdf_content=True), pk=report_id)
    response = HttpResponse(bytes(report.pdf.content), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{report.pdf_filename}"'
    response["ETag"] = f'"{report.pdf.sha256}"'
    return response


@reports.get(
    "/reports/{int:report_id}/docx",
    response=NOT_FOUND,
    url_name="report_docx",
    openapi_extra={"responses": {200: {"description": "The stored .docx", "content": DOCX_FILE}}},
)
def report_docx(request, report_id: int = ReportId):
    report = get_object_or_404(
        _published(request.user).filter(history_import__isnull=True), pk=report_id
    )
    stored = report_docx_store(report=report)
    response = HttpResponse(bytes(stored.content), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{docx_filename(report)}"'
    response["ETag"] = f'"{stored.sha256}"'
    return response


api.add_router("/", grades)
api.add_router("/", reports)

"""What the read API returns (pydantic, through django-ninja): the OpenAPI schema is made
from these, and schemathesis checks every response against it."""

import datetime

from ninja import Schema

from assessments.items import GRADED_ITEMS


class Error(Schema):
    detail: str


class Edition(Schema):
    year: int
    title: str
    published_on: datetime.date | None


class Threat(Schema):
    slug: str
    name: str
    added_in: int
    retired_in: int | None
    owning_department: str | None  # None until the force assigns one
    chief_officer_lead: str | None


class Imported(Schema):
    """Where a record brought in with the force's history came from: the file (its name and
    SHA-256), who imported it and when. Null on everything made in the portal."""

    source_name: str
    sha256: str
    imported_by: str
    imported_at: datetime.datetime


def imported(record) -> dict | None:
    if record is None:
        return None
    return {
        "source_name": record.source_name,
        "sha256": record.sha256,
        "imported_by": record.imported_by_name,
        "imported_at": record.imported_at,
    }


class Quarter(Schema):
    id: int
    label: str
    financial_year: int
    number: int
    edition: int
    submission_deadline: datetime.date
    meeting_date: datetime.date
    is_open: bool
    imported: Imported | None = None


class SignedOffGrades(Schema):
    """One signed-off self-assessment: its nine grades by item code (1 Inadequate to
    5 Outstanding) and the fingerprint of exactly what was signed."""

    id: int
    quarter: str
    quarter_id: int
    threat: str
    threat_slug: str
    signed_off_at: datetime.datetime
    fingerprint: str
    grades: dict[str, int | None]
    imported: Imported | None = None
    signed_off_by: str = ""


def signed_off_grades(assessment) -> dict:
    """An assessment as the API gives it (`SignedOffGrades`), worked out once: rows are
    cached as these plain values (api/endpoints.py `Pages`)."""
    return {
        "id": assessment.pk,
        "quarter": assessment.quarter.label,
        "quarter_id": assessment.quarter_id,
        "threat": assessment.threat_name,
        "threat_slug": assessment.threat.slug,
        "signed_off_at": assessment.signed_off_at,
        "fingerprint": assessment.signed_snapshot.fingerprint if assessment.signed_snapshot else "",
        "grades": {item.code: assessment.grade_of(item) for item in GRADED_ITEMS},
        "imported": imported(assessment.history_import),
        "signed_off_by": assessment.signer_name,
    }


class Report(Schema):
    id: int
    title: str
    board_name: str
    meeting_date: datetime.date
    agenda_item: str
    marking: str
    quarter: str
    version: int
    status: str
    published_at: datetime.datetime
    pdf_sha256: str
    pdf_url: str
    docx_url: str | None  # null for a paper imported with the force's history: PDF only
    imported: Imported | None = None

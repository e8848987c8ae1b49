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


class Quarter(Schema):
    id: int
    label: str
    financial_year: int
    number: int
    edition: int
    submission_deadline: datetime.date
    meeting_date: datetime.date
    is_open: bool


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

    @staticmethod
    def resolve_quarter(assessment) -> str:
        return assessment.quarter.label

    @staticmethod
    def resolve_threat(assessment) -> str:
        return assessment.threat_name

    @staticmethod
    def resolve_threat_slug(assessment) -> str:
        return assessment.threat.slug

    @staticmethod
    def resolve_fingerprint(assessment) -> str:
        return assessment.signed_snapshot.fingerprint if assessment.signed_snapshot else ""

    @staticmethod
    def resolve_grades(assessment) -> dict[str, int | None]:
        return {item.code: assessment.grade_of(item) for item in GRADED_ITEMS}


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
    docx_url: str

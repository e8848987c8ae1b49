"""The annual SPR assurance statement: drafted from a financial year's four signed-off
quarters (grades through the year and their movement, risks, open actions, contribution, the
policing body's conclusions), edited by the office with revision checks, published as PDF and
Word whose stored bytes every download serves, and covered by verify_integrity."""

import datetime
import hashlib
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from assessments.models import Assessment
from audit.models import AuditAction, AuditEvent
from reports.assurance import year_readiness
from reports.assurance_models import (
    AssuranceStatement,
    RegardConclusion,
    RegardKind,
    StatementFile,
)
from reports.integrity import verify_integrity
from reports.services.regard import regard_record
from reports.services.statements import statement_create, statement_publish, statement_update
from spr_portal.concurrency import ConcurrentEdit
from tests.databases import postgresql_only
from tests.factories import QuarterFactory
from tests.reports.support import new_report, publish, sign_off
from tests.tamper import tamper

pytestmark = pytest.mark.django_db

YEAR = 2014


def _year_quarters(edition, numbers=(1, 2, 3, 4)):
    quarters = []
    for number in numbers:
        start_month = {1: 4, 2: 7, 3: 10, 4: 1}[number]
        year = YEAR + (1 if number == 4 else 0)
        deadline = datetime.date(year, start_month + 2, 11)
        quarters.append(
            QuarterFactory(
                financial_year=YEAR,
                number=number,
                is_open=False,
                edition=edition,
                submission_deadline=deadline,
                meeting_date=deadline + datetime.timedelta(days=13),
            )
        )
    return quarters


@pytest.fixture
def signed_year(quarter, threat, other_threat, business_lead, other_business_lead, spr_lead):
    """2014/15 with both threats signed off in each quarter: Child Sexual Abuse graded 2 in
    Q1 rising to 4 by Q4, the other threat 4 throughout."""
    quarters = _year_quarters(quarter.edition)
    for number, q in enumerate(quarters, start=1):
        sign_off(
            threat=threat,
            quarter=q,
            lead=business_lead,
            reviewer=spr_lead,
            grade=2 if number < 3 else 4,
            risks="Demand outstrips the specialist officers.",
        )
        sign_off(threat=other_threat, quarter=q, lead=other_business_lead, reviewer=spr_lead)
    return quarters


def test_a_year_without_four_signed_off_quarters_is_explained(
    quarter, threat, business_lead, spr_lead, pcc_office
):
    quarters = _year_quarters(quarter.edition, numbers=(1, 2, 3))
    sign_off(threat=threat, quarter=quarters[0], lead=business_lead, reviewer=spr_lead)
    readiness = year_readiness(YEAR)
    assert not readiness.ready
    assert "2014/15 Q1 has 1 of its 1 self-assessments signed off" not in readiness.problems
    assert "2014/15 Q2 has 0 of its 1 self-assessments signed off" in readiness.problems
    assert "2014/15 Q4 has not been set up in the portal" in readiness.problems
    with pytest.raises(ValidationError) as refused:
        statement_create(year=YEAR, actor=pcc_office)
    assert "2014/15 cannot be drafted yet" in str(refused.value)
    assert not AssuranceStatement.objects.exists()


def test_the_draft_is_built_from_the_four_quarters(signed_year, pcc_office, spr_lead, threat):
    paper = publish(report=new_report(signed_year[2], spr_lead), actor=spr_lead)
    regard_record(
        report=paper,
        actor=pcc_office,
        kind=RegardKind.CONCLUSION,
        conclusion=RegardConclusion.ESCALATED,
        text="Raised with the panel.",
    )
    statement = statement_create(year=YEAR, actor=pcc_office)
    grades = statement.grades
    assert grades["quarters"] == ["2014/15 Q1", "2014/15 Q2", "2014/15 Q3", "2014/15 Q4"]
    row = next(r for r in grades["rows"] if r["threat"] == threat.pk)
    assert row["averages"] == [2.0, 2.0, 4.0, 4.0]
    assert row["movement"] == "Improved by 2.00"
    other = next(r for r in grades["rows"] if r["threat"] != threat.pk)
    assert other["movement"] == "No change"
    assert "Demand outstrips the specialist officers." in statement.risks
    assert "Escalated. Raised with the panel." in statement.conclusions
    assert "2014/15 Q3 paper" in statement.conclusions
    assert statement.force_name and statement.body_name in statement.introduction
    assert statement.is_draft and statement.created_by == pcc_office


def test_only_the_office_drafts_edits_and_publishes(
    signed_year, pcc_office, spr_lead, chief_officer, business_lead
):
    for person in (spr_lead, chief_officer, business_lead):
        with pytest.raises(PermissionDenied):
            statement_create(year=YEAR, actor=person)
    statement = statement_create(year=YEAR, actor=pcc_office)
    with pytest.raises(PermissionDenied):
        statement_update(
            statement=statement, actor=spr_lead, data={"risks": "x"}, revision=statement.revision
        )
    with pytest.raises(PermissionDenied):
        statement_publish(statement=statement, actor=spr_lead, revision=statement.revision)


def test_a_stale_edit_is_refused_and_a_second_draft_of_a_year_too(signed_year, pcc_office):
    statement = statement_create(year=YEAR, actor=pcc_office)
    opened = statement.revision
    statement_update(statement=statement, actor=pcc_office, data={"risks": "New"}, revision=opened)
    with pytest.raises(ConcurrentEdit):
        statement_update(
            statement=statement, actor=pcc_office, data={"risks": "Older"}, revision=opened
        )
    statement.refresh_from_db()
    assert statement.risks == "New"
    with pytest.raises(ValidationError):
        statement_create(year=YEAR, actor=pcc_office)


def test_publishing_freezes_the_pdf_and_word_file_and_downloads_serve_those_bytes(
    client, signed_year, pcc_office, chief_officer
):
    statement = statement_create(year=YEAR, actor=pcc_office)
    statement = statement_publish(statement=statement, actor=pcc_office, revision=1)
    pdf = StatementFile.objects.get(statement=statement, kind="pdf")
    docx = StatementFile.objects.get(statement=statement, kind="docx")
    assert hashlib.sha256(bytes(pdf.content)).hexdigest() == pdf.sha256
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(bytes(pdf.content))).pages)
    assert text.count(statement.marking) >= 2 * pdf.pages  # top and bottom of every page
    assert "Improved by 2.00" in " ".join(text.split())
    document = Document(io.BytesIO(bytes(docx.content)))
    assert document.sections[0].header.paragraphs[0].text.startswith(statement.marking)
    published = timezone.localtime(statement.published_at)
    footer = document.sections[0].footer.paragraphs[1].text
    assert footer.endswith(f" · Published {published:%-d %B %Y}"), footer
    client.force_login(chief_officer)
    detail = client.get(reverse("reports:statement_detail", args=[statement.pk]))
    assert pdf.sha256 in detail.content.decode() and docx.sha256 in detail.content.decode()
    for name, stored in (("statement_download_pdf", pdf), ("statement_download_docx", docx)):
        response = client.get(reverse(f"reports:{name}", args=[statement.pk]))
        assert hashlib.sha256(response.content).hexdigest() == stored.sha256
    with pytest.raises(ValidationError):
        statement_update(statement=statement, actor=pcc_office, data={"risks": "x"}, revision=2)
    report = verify_integrity(read_evidence_bytes=False)
    assert report.statements == 1 and report.holds, report.problems


def test_verify_integrity_names_a_changed_statement_and_a_changed_file(signed_year, pcc_office):
    statement = statement_create(year=YEAR, actor=pcc_office)
    statement_publish(statement=statement, actor=pcc_office, revision=1)
    tamper(AssuranceStatement, statement.pk, conclusions="Rewritten")
    docx = StatementFile.objects.get(statement=statement, kind="docx")
    tamper(StatementFile, docx.pk, content=b"other")
    problems = verify_integrity(read_evidence_bytes=False).problems
    assert any("The policing body's conclusions differs" in p for p in problems), problems
    assert any("Word document of the statement" in p for p in problems), problems


def test_drafts_are_the_office_s_and_published_statements_the_readers_of_every_paper(
    client, signed_year, pcc_office, spr_lead, chief_officer, business_lead
):
    statement = statement_create(year=YEAR, actor=pcc_office)
    url = reverse("reports:statement_detail", args=[statement.pk])
    expected = {pcc_office: 200, spr_lead: 404, chief_officer: 404, business_lead: 403}
    for person, status in expected.items():
        client.force_login(person)
        assert client.get(url).status_code == status, person
    statement_publish(statement=statement, actor=pcc_office, revision=1)
    for person, status in {spr_lead: 200, chief_officer: 200, business_lead: 403}.items():
        client.force_login(person)
        assert client.get(url).status_code == status, person


def test_the_office_starts_and_edits_through_forms_with_the_error_summary(
    client, signed_year, pcc_office
):
    client.force_login(pcc_office)
    listing = reverse("reports:statement_list")
    response = client.post(listing, {"year": "1999"})
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()
    response = client.post(listing, {"year": str(YEAR)})
    statement = AssuranceStatement.objects.get()
    assert response.status_code == 302
    url = reverse("reports:statement_edit", args=[statement.pk])
    data = {
        "revision": statement.revision,
        "title": "",
        "marking": "OFFICIAL",
        "introduction": "Kept introduction",
        "risks": "r" * 20001,
    }
    page = client.post(url, data).content.decode()
    assert "govuk-error-summary" in page and "Enter the title" in page
    assert "Kept introduction" in page and "20,000 characters" in page
    data.update(title="Statement", risks="Short risks")
    assert client.post(url, data).status_code == 302
    # The same form again, from the revision it was opened at: refused, nothing lost.
    data["risks"] = "Stale risks"
    page = client.post(url, data).content.decode()
    assert "changed after you opened this page" in page and "Stale risks" in page
    statement.refresh_from_db()
    assert statement.risks == "Short risks"
    assert Assessment.objects.signed_off().count() == 8


@postgresql_only
def test_on_postgresql_a_published_statement_and_its_files_refuse_any_change(
    signed_year, pcc_office
):
    statement = statement_create(year=YEAR, actor=pcc_office)
    statement_publish(statement=statement, actor=pcc_office, revision=1)
    for attempt in (
        lambda: AssuranceStatement.objects.filter(pk=statement.pk).update(risks="Rewritten"),
        lambda: StatementFile.objects.filter(statement=statement).update(content=b"x"),
        lambda: StatementFile.objects.filter(statement=statement).delete(),
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            attempt()


def test_with_the_forces_certificate_the_statement_pdf_is_signed_and_says_by_whom(
    client, signed_year, pcc_office, signing
):
    from reports.signing import verify_pdf

    statement = statement_create(year=YEAR, actor=pcc_office)
    statement = statement_publish(statement=statement, actor=pcc_office, revision=1)
    pdf = StatementFile.objects.get(statement=statement, kind="pdf")
    check = verify_pdf(bytes(pdf.content))
    assert check.valid, check
    assert pdf.signer_subject == signing.subject and pdf.signer_fingerprint == signing.fingerprint
    assert hashlib.sha256(bytes(pdf.content)).hexdigest() == pdf.sha256  # of the signed bytes
    client.force_login(pcc_office)
    page = client.get(reverse("reports:statement_detail", args=[statement.pk])).content.decode()
    assert f"Signed by {signing.subject}" in page
    event = AuditEvent.objects.get(action=AuditAction.STATEMENT_PUBLISHED)
    assert signing.fingerprint in event.summary


def test_without_a_certificate_the_statement_is_published_unsigned_and_says_so(
    client, signed_year, pcc_office, settings
):
    settings.SPR_SIGNING_P12 = ""
    statement = statement_create(year=YEAR, actor=pcc_office)
    statement = statement_publish(statement=statement, actor=pcc_office, revision=1)
    assert StatementFile.objects.get(statement=statement, kind="pdf").signer_subject == ""
    client.force_login(pcc_office)
    page = client.get(reverse("reports:statement_detail", args=[statement.pk])).content.decode()
    assert "Published unsigned: no signing certificate was configured" in page


def test_a_certificate_that_cannot_be_opened_stops_the_statement_publishing(
    signed_year, pcc_office, settings, signing_certificate
):
    settings.SPR_SIGNING_P12 = str(signing_certificate)
    settings.SPR_SIGNING_P12_PASSPHRASE = "not-the-passphrase"
    statement = statement_create(year=YEAR, actor=pcc_office)
    with pytest.raises(ValidationError, match="statement could not be signed, so it was not"):
        statement_publish(statement=statement, actor=pcc_office, revision=1)
    assert not StatementFile.objects.filter(statement=statement).exists()

"""The published paper carries the force's PAdES signature: published through the pages, it
downloads as a PDF that pyHanko validates against the configured certificate; one changed
byte fails; the verification page tells the two apart; without a certificate the paper is
published unsigned and says so."""

import datetime
import hashlib
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from reports import signing as signing_module
from reports.models import BoardReport, PublishedPdf, Signing
from reports.signing import make_self_signed_p12, sign_detached, verify_detached, verify_pdf
from tests.conftest import TEST_P12_PASSPHRASE
from tests.databases import postgresql_only
from tests.html import error_summary, one, text
from tests.reports.kept import build_signed_quarter
from tests.reports.support import new_report, pdf_pages_text, publish
from tests.world import kept_for_module

pytestmark = pytest.mark.django_db


def _publish_through_the_pages(client, report, spr_lead) -> BoardReport:
    client.force_login(spr_lead)
    response = client.post(
        reverse("reports:report_publish", args=[report.pk]), {"revision": report.revision}
    )
    assert response.status_code == 302, text(response)
    return BoardReport.objects.get(pk=report.pk)


def _download(client, report) -> bytes:
    response = client.get(reverse("reports:report_download", args=[report.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def _changed(content: bytes, at: int) -> bytes:
    changed = bytearray(content)
    changed[at] ^= 0x01
    return bytes(changed)


@pytest.fixture(scope="class")
def paper_signed_once(django_db_setup, django_db_blocker, tmp_path_factory, signing_certificate):
    """The signed quarter's paper, published through the pages with the test certificate and
    downloaded, once for the class that reads it: its report's id and the downloaded bytes."""
    with (
        kept_for_module(django_db_blocker, tmp_path_factory.mktemp("media")),
        override_settings(
            SPR_SIGNING_P12=str(signing_certificate),
            SPR_SIGNING_P12_PASSPHRASE=TEST_P12_PASSPHRASE,
            SPR_TSA_URL="",
        ),
    ):
        signed = build_signed_quarter()
        client = Client()
        report = new_report(signed.quarter, signed.spr_lead)
        report = _publish_through_the_pages(client, report, signed.spr_lead)
        yield report.pk, _download(client, report)


@pytest.fixture
def signed_paper(paper_signed_once, signing):
    """The paper signed once, read again from the database for each test."""
    pk, content = paper_signed_once
    return BoardReport.objects.get(pk=pk), content


class TestOnePaperSignedOnce:
    """Tests that read one signed paper, published through the pages once for them all."""

    def test_a_paper_published_through_the_pages_downloads_with_a_valid_pades_signature(
        self, signed_paper, signing
    ):
        report, content = signed_paper
        # pyHanko's own validation, with the configured (test) certificate as the only trust root
        embedded = PdfFileReader(io.BytesIO(content)).embedded_signatures
        assert len(embedded) == 1
        assert embedded[0].sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES
        status = validate_pdf_signature(
            embedded[0],
            ValidationContext(trust_roots=[signing.certificate], allow_fetching=False),
        )
        assert status.bottom_line and status.intact and status.valid and status.trusted
        assert status.coverage.name == "ENTIRE_FILE"
        # The stored checksum is of the signed bytes, and the paper is still the rendered paper.
        stored = PublishedPdf.objects.get(report=report)
        assert hashlib.sha256(content).hexdigest() == stored.sha256 == report.pdf.sha256
        assert (stored.signing, stored.signer_fingerprint) == (Signing.SIGNED, signing.fingerprint)
        assert "Test Constabulary" in stored.signer_subject
        assert "Strategic Policing Requirement" in " ".join(pdf_pages_text(content))

    @pytest.mark.parametrize("where", [0.1, 0.5, 0.9, -300])
    def test_one_changed_byte_fails_validation(self, signed_paper, where):
        _, content = signed_paper
        at = int(len(content) * where) if where > 0 else len(content) + where
        assert verify_pdf(content).valid
        result = verify_pdf(_changed(content, at))
        assert not result.valid
        assert result.problems

    def test_an_extra_revision_after_signing_is_not_valid(self, signed_paper):
        _, content = signed_paper
        writer = IncrementalPdfFileWriter(io.BytesIO(content))
        writer.root["/Lang"] = generic.TextStringObject("fr")  # a later revision changes the paper
        writer.update_root()
        amended = io.BytesIO()
        writer.write(amended)
        assert amended.getvalue().startswith(content)
        result = verify_pdf(amended.getvalue())
        assert not result.valid
        assert "added to the file after it was signed" in " ".join(result.problems)

    def test_another_certificate_is_not_trusted(self, signed_paper, tmp_path, settings):
        _, content = signed_paper
        other = tmp_path / "other.p12"
        other.write_bytes(
            make_self_signed_p12(common_name="Not us", organisation="X", passphrase="p")
        )
        settings.SPR_SIGNING_P12, settings.SPR_SIGNING_P12_PASSPHRASE = str(other), "p"
        result = verify_pdf(content)
        assert result.intact and not result.trusted and not result.valid
        assert "not made with the portal's signing certificate" in " ".join(result.problems)

    @pytest.mark.parametrize("reader", ["spr_lead", "pcc_office"])
    def test_the_verification_page_tells_the_published_paper_from_a_changed_copy(
        self, client, signed_paper, reader, request
    ):
        report, content = signed_paper
        user = request.getfixturevalue(reader)
        page = _check(client, user, content)
        assert page.status_code == 200
        assert text(one(page, "[data-check=published]")).startswith("Yes Exactly the paper")
        assert text(one(page, "[data-check=signature]")).startswith("Valid Signed by")
        assert hashlib.sha256(content).hexdigest() in text(page)

        changed = _check(client, user, _changed(content, len(content) // 2))
        assert changed.status_code == 200
        assert text(one(changed, "[data-check=published]")).startswith("No ")
        assert text(one(changed, "[data-check=signature]")).startswith("Not valid")

    def test_the_published_page_shows_who_signed_and_the_certificate_fingerprint(
        self, client, signed_paper, signing, spr_lead
    ):
        report, _ = signed_paper
        client.force_login(spr_lead)
        page = client.get(reverse("reports:report_detail", args=[report.pk]))
        words = text(page)
        assert f"Digital signature Signed by {signing.subject}" in words
        assert signing_module.spaced_fingerprint(signing.fingerprint) in words

    def test_verify_integrity_names_a_signed_paper_rewritten_with_a_matching_checksum(
        self, signed_paper
    ):
        """Where nothing refuses the rewrite (SQLite, or triggers switched off), bytes changed
        together with their checksum still fail: the signature no longer covers the file."""
        from reports.integrity import verify_integrity
        from tests.tamper import tamper

        report, content = signed_paper
        assert verify_integrity().holds
        changed = _changed(content, len(content) // 3)
        tamper(
            PublishedPdf,
            report.pdf.pk,
            content=changed,
            sha256=hashlib.sha256(changed).hexdigest(),
            size=len(changed),
        )
        problems = verify_integrity().problems
        assert len(problems) == 1 and "no longer carries the signature" in problems[0]

    @postgresql_only
    def test_the_database_refuses_to_rewrite_who_signed_a_paper(self, signed_paper):
        from django.db import IntegrityError, transaction

        report, _ = signed_paper
        with pytest.raises(IntegrityError), transaction.atomic():
            PublishedPdf.objects.filter(pk=report.pdf.pk).update(signer_fingerprint="0" * 64)
        with pytest.raises(IntegrityError), transaction.atomic():
            PublishedPdf.objects.filter(pk=report.pdf.pk).update(signing=Signing.UNSIGNED)


def _check(client, user, content, name="paper.pdf"):
    client.force_login(user)
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.post(reverse("reports:verify_paper"), {"paper": upload})


def test_the_verification_page_says_when_a_pdf_is_not_signed(client, signing, spr_lead):
    page = _check(client, spr_lead, b"%PDF-1.7\n%garbage that is no PDF at all\n")
    assert page.status_code == 200
    assert text(one(page, "[data-check=published]")).startswith("No ")
    assert "Not signed The file is not a readable PDF." in text(page)


@pytest.mark.parametrize(
    "content, message",
    [
        (b"MZ\x90\x00 an executable", "The selected file must be a PDF"),
        (b"", "The selected file is empty"),
    ],
)
def test_bad_uploads_get_the_error_summary(client, spr_lead, content, message):
    page = _check(client, spr_lead, content, name="paper.exe")
    assert page.status_code == 200
    assert error_summary(page) == [("#id_paper", message)]


def test_no_file_gets_the_error_summary(client, spr_lead):
    client.force_login(spr_lead)
    page = client.post(reverse("reports:verify_paper"), {})
    assert error_summary(page) == [("#id_paper", "Select the PDF to check")]


def test_without_a_certificate_the_paper_is_published_unsigned_and_says_so(
    client, settings, signed_quarter, spr_lead
):
    settings.SPR_SIGNING_P12 = ""
    report = publish(report=new_report(signed_quarter, spr_lead), actor=spr_lead)
    assert report.pdf.signing == Signing.UNSIGNED and not report.pdf.signer_fingerprint
    client.force_login(spr_lead)
    page = client.get(reverse("reports:report_detail", args=[report.pk]))
    assert "Published unsigned: no signing certificate was configured" in text(page)


def test_a_certificate_that_cannot_be_opened_stops_publishing(
    settings, signing_certificate, signed_quarter, spr_lead
):
    settings.SPR_SIGNING_P12 = str(signing_certificate)
    settings.SPR_SIGNING_P12_PASSPHRASE = "not-the-passphrase"
    report = new_report(signed_quarter, spr_lead)
    with pytest.raises(ValidationError, match="could not be signed, so it was not published"):
        publish(report=report, actor=spr_lead)
    assert BoardReport.objects.get(pk=report.pk).is_draft


def test_an_unreachable_timestamp_service_stops_publishing(
    signing, settings, signed_quarter, spr_lead
):
    """With SPR_TSA_URL the signature asks the service for an RFC 3161 timestamp (nothing
    listens on the discard port here): the paper is not published without it."""
    settings.SPR_TSA_URL = "http://127.0.0.1:9/tsa"
    assert signing_module.signing_identity().tsa_url == settings.SPR_TSA_URL
    report = new_report(signed_quarter, spr_lead, meeting_date=datetime.date(2016, 5, 3))
    with pytest.raises(ValidationError, match="The signing failed"):
        publish(report=report, actor=spr_lead)
    assert BoardReport.objects.get(pk=report.pk).is_draft


def test_a_detached_signature_verifies_and_a_changed_byte_fails(signing):
    data = b'{"files": {}}'
    signature = sign_detached(data)
    result = verify_detached(data, signature)
    assert result.valid and result.fingerprint == signing.fingerprint
    assert not verify_detached(b'{"files": {}} ', signature).valid
    assert not verify_detached(data, _changed(signature, len(signature) - 20)).valid

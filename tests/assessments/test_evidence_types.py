"""Which files are evidence: the name's ending and the whole content must agree on one of
PDF, Word, Excel, PNG or JPEG, read to the end by that type's library, with nothing that
could run on the reader's computer. Every file here is a real one, built in the test; each
refusal has its own message, shown in the error summary of the evidence page."""

import re

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments.evidence import download_name
from assessments.models import EvidenceFile
from assessments.models.evidence import evidence_storage
from assessments.services.evidence import evidence_attach
from tests import evidence_files as files

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def private_store(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _attach(draft, lead, content: bytes, name: str) -> EvidenceFile:
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return evidence_attach(assessment=draft, section="capability", upload=upload, actor=lead)


def _refusal(draft, lead, content: bytes, name: str) -> str:
    with pytest.raises(ValidationError) as refused:
        _attach(draft, lead, content, name)
    assert not EvidenceFile.objects.exists()
    [message] = refused.value.message_dict["file"]
    return message


@pytest.mark.parametrize(
    "build, name, content_type, extension",
    [
        (files.pdf, "Exercise report.pdf", "application/pdf", ".pdf"),
        (files.docx, "plan.docx", DOCX, ".docx"),
        (files.xlsx, "training.XLSX", XLSX, ".xlsx"),
        (lambda: files.image("PNG"), "map.png", "image/png", ".png"),
        (lambda: files.image("JPEG"), "photo.jpeg", "image/jpeg", ".jpg"),
    ],
)
def test_each_accepted_type_is_stored_under_a_generated_name_with_its_ending(
    draft, business_lead, build, name, content_type, extension
):
    content = build()
    evidence = _attach(draft, business_lead, content, name)
    assert evidence.content_type == content_type and evidence.name == name
    stored = evidence.file.name.rsplit("/", 1)[1]
    assert re.fullmatch(rf"[0-9a-f]{{32}}\{extension}", stored), stored
    with evidence.file.open("rb") as handle:
        assert handle.read() == content


PROGRAM = "are programs or scripts, which could run on the reader's computer"
BROWSER = "can hold scripts that run in the reader's browser"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("minutes.bat", f"Files ending in .bat {PROGRAM}"),
        ("minutes.hta", f"Files ending in .hta {PROGRAM}"),
        ("minutes.exe", f"Files ending in .exe {PROGRAM}"),
        ("minutes.html", f"Files ending in .html {BROWSER}"),
        ("minutes.svg", f"Files ending in .svg {BROWSER}"),
        ("minutes.docm", "Files ending in .docm can hold macros"),
        ("minutes.doc", "Files ending in .doc are not accepted: save it again as .docx"),
        ("minutes.txt", "Files ending in .txt are not accepted"),
        ("minutes", "“minutes” has no ending such as .pdf"),
    ],
)
def test_a_pdf_under_another_name_is_refused_by_its_name(draft, business_lead, name, expected):
    assert _refusal(draft, business_lead, files.pdf(), name).startswith(expected)


def test_a_file_that_only_starts_like_a_pdf_is_refused_under_any_name(draft, business_lead):
    for name in ("minutes.bat", "minutes.hta", "minutes.exe", "minutes.html", "minutes.svg"):
        assert "Files ending in" in _refusal(draft, business_lead, b"%PDF-1.7\n<html>", name)
    assert _refusal(draft, business_lead, b"%PDF-1.7\n<html>", "minutes.pdf") == (
        "The PDF could not be read to the end, so it may be damaged: save it again (print to "
        "PDF) and upload that"
    )


@pytest.mark.parametrize(
    "build, name, expected",
    [
        (
            files.docx,
            "minutes.pdf",
            "“minutes.pdf” is a Word document (.docx), not a PDF: rename it to end in .docx "
            "and upload it again",
        ),
        (
            files.pdf,
            "minutes.docx",
            "“minutes.docx” is a PDF, not a Word document (.docx): rename it to end in .pdf "
            "and upload it again",
        ),
        (
            files.xlsx,
            "budget.docx",
            "“budget.docx” is an Excel workbook (.xlsx), not a Word document (.docx): rename "
            "it to end in .xlsx and upload it again",
        ),
        (
            lambda: files.image("PNG"),
            "photo.jpg",
            "“photo.jpg” is a PNG image, not a JPEG image: rename it to end in .png and "
            "upload it again",
        ),
        (
            files.plain_zip,
            "training.xlsx",
            "“training.xlsx” is a ZIP archive, not an Excel workbook (.xlsx): attach the "
            "files inside it one by one",
        ),
        (
            lambda: b"just some text",
            "report.pdf",
            "“report.pdf” is not a PDF, though its name ends in .pdf: save it again as a PDF "
            "and upload that",
        ),
    ],
    ids=[
        "docx-named-pdf",
        "pdf-named-docx",
        "xlsx-named-docx",
        "png-named-jpg",
        "zip-named-xlsx",
        "text-named-pdf",
    ],
)
def test_name_and_content_must_agree(draft, business_lead, build, name, expected):
    assert _refusal(draft, business_lead, build(), name) == expected


JAVASCRIPT = (
    "The PDF contains JavaScript, which could run on the reader's computer: save it again "
    "without scripts (print to PDF) and upload that"
)


@pytest.mark.parametrize(
    "build, expected",
    [
        (files.pdf_open_action_javascript, JAVASCRIPT),
        (files.pdf_document_javascript, JAVASCRIPT),
        (files.pdf_page_javascript, JAVASCRIPT),
        (files.pdf_with_a_hidden_script, JAVASCRIPT),
        (
            files.pdf_launch,
            "The PDF contains an action that starts a program on the reader's computer: save "
            "it again (print to PDF) and upload that",
        ),
        (
            files.pdf_embedded_file,
            "The PDF has other files embedded in it, which the reader could open unchecked: "
            "attach each of those files on its own, and save the PDF again without them "
            "(print to PDF)",
        ),
        (
            files.pdf_submit_form,
            "The PDF contains a form that sends what is typed into it to another address: "
            "save it again (print to PDF) and upload that",
        ),
    ],
    ids=[
        "open-action-javascript",
        "names-tree-javascript",
        "page-aa-javascript",
        "hidden-javascript",
        "launch",
        "embedded-file",
        "submit-form",
    ],
)
def test_a_pdf_that_could_act_on_the_readers_computer_is_refused(
    draft, business_lead, build, expected
):
    assert _refusal(draft, business_lead, build(), "exercise.pdf") == expected


@pytest.mark.parametrize("kind, name", [("PNG", "map.png"), ("JPEG", "photo.jpg")])
def test_an_image_followed_by_a_web_page_is_refused(draft, business_lead, kind, name):
    content = files.image(kind) + b"<html><script>alert(document.cookie)</script></html>"
    assert _refusal(draft, business_lead, content, name) == (
        f"The {kind} image has something else after its end, which a browser could open as a "
        "web page: save the image again (for example from an image editor) and upload that"
    )


@pytest.mark.parametrize("kind, name", [("PNG", "map.png"), ("JPEG", "photo.jpg")])
def test_a_cut_short_image_is_refused(draft, business_lead, kind, name):
    assert _refusal(draft, business_lead, files.image(kind)[:-40], name) == (
        f"The {kind} image could not be read to the end, so it may be damaged: save it again "
        "and upload that"
    )


def test_an_image_signature_alone_is_not_an_image(draft, business_lead):
    content = b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script></html>"
    assert "could not be read to the end" in _refusal(draft, business_lead, content, "a.png")


def test_office_files_with_macros_or_remote_content_are_refused(draft, business_lead):
    macros = files.rezip(files.docx(), {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"})
    assert _refusal(draft, business_lead, macros, "plan.docx").startswith(
        "The file contains macros, which could run on the reader's computer"
    )
    remote = files.rezip(
        files.docx(),
        {
            "word/_rels/settings.xml.rels": b'<?xml version="1.0"?><Relationships xmlns="'
            b'http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
            b'Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/attachedTemplate" Target="https://example.invalid/t.dotm" '
            b'TargetMode="External"/></Relationships>'
        },
    )
    assert _refusal(draft, business_lead, remote, "plan.docx").startswith(
        "“plan.docx” fetches content from another address when it is opened"
    )


def test_each_refusal_reaches_the_error_summary_escaped(client, business_lead, draft):
    client.force_login(business_lead)
    url = reverse("assessments:evidence_list", args=[draft.pk])
    for content, name, expected in [
        (files.pdf(), "<b>minutes</b>.bat", "Files ending in .bat"),
        (files.pdf_open_action_javascript(), "minutes.pdf", "The PDF contains JavaScript"),
        (files.image("PNG") + b"<html>", "map.png", "something else after its end"),
        (files.docx(), "<i>x.pdf", "“<i>x.pdf” is a Word document (.docx), not a PDF"),
    ]:
        upload = SimpleUploadedFile(name, content, content_type="application/pdf")
        response = client.post(url, {"section": "risks", "file": upload})
        assert response.status_code == 200
        assert b"<b>minutes" not in response.content and b"<i>x" not in response.content
        summary = BeautifulSoup(response.content, "html.parser").select_one(".govuk-error-summary")
        assert expected in summary.get_text(), summary.get_text()
        assert summary.select_one("a[href='#id_file']") is not None
    assert not EvidenceFile.objects.exists()


@pytest.mark.parametrize(
    "name, content_type, expected",
    [
        ("Exercise report.pdf", "application/pdf", "Exercise report.pdf"),
        ("minutes.bat", "application/pdf", "minutes.pdf"),  # stored before names were checked
        ('a"b;c\\d\r\n.png', "image/png", "a-b-c-d.png"),
        ("Übung – März.jpeg", "image/jpeg", "Ubung Marz.jpg"),
        ("....pdf", "application/pdf", "evidence.pdf"),
        ("雪.docx", DOCX, "evidence.docx"),
    ],
)
def test_the_download_name_is_safe_and_ends_as_the_content_is(name, content_type, expected):
    assert download_name(name, content_type) == expected


def test_the_download_is_an_attachment_of_the_detected_type(client, business_lead, draft):
    evidence = _attach(draft, business_lead, files.image("JPEG"), "Site visit <1>.JPEG")
    client.force_login(business_lead)
    response = client.get(reverse("assessments:evidence_download", args=[evidence.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="Site visit -1.jpg"'
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    page = client.get(reverse("assessments:evidence_list", args=[draft.pk])).content.decode()
    assert "Site visit &lt;1&gt;.JPEG" in page  # the name as uploaded, as text


def test_a_file_stored_before_names_were_checked_still_downloads(client, business_lead, draft):
    """Rows from before keep their stored name (no ending) and their uploaded name, which may
    end in .bat: the download is named for the content found at upload."""
    content = files.pdf()
    evidence = EvidenceFile(
        assessment=draft,
        section="capability",
        name="minutes.bat",
        content_type="application/pdf",
        size=len(content),
        sha256="0" * 64,
        uploaded_by=business_lead,
    )
    evidence.file.name = evidence_storage().save(
        f"evidence/{draft.pk}/{'a' * 32}", ContentFile(content)
    )
    evidence.save()
    client.force_login(business_lead)
    response = client.get(reverse("assessments:evidence_download", args=[evidence.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == content
    assert response["Content-Disposition"] == 'attachment; filename="minutes.pdf"'
    assert response["Content-Type"] == "application/pdf"

"""Evidence files: the accepted types (judged by name and content together, in
test_evidence_types.py), the 20 MB limit, storage through the
"evidence" storage and download only through the assessment's access check; names and
SHA-256 in the signed snapshot (and no new key when there are none, so old fingerprints hold)."""

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments import services
from assessments.models import EvidenceFile
from assessments.models.evidence import MAX_EVIDENCE_BYTES
from assessments.services.evidence import evidence_attach, evidence_remove
from assessments.snapshots import build_snapshot
from assessments.workflow import TransitionNotAllowed
from tests import evidence_files as files
from tests.conftest import ROLE_FIXTURES
from tests.factories import complete_content

pytestmark = pytest.mark.django_db

PDF = files.pdf()
PNG = files.image("PNG")
JPEG = files.image("JPEG")


@pytest.fixture(autouse=True)
def private_store(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _upload(content: bytes, name: str = "evidence.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.mark.parametrize(
    "content, name, expected",
    [
        (PDF, "exercise-report.pdf", "application/pdf"),
        (PNG, "photo.png", "image/png"),
        (JPEG, "photo.jpg", "image/jpeg"),
        (
            files.docx(),
            "plan.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            files.xlsx(),
            "training.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    ],
)
def test_accepted_types_are_stored_with_their_checksum(
    draft, business_lead, content, name, expected
):
    evidence = evidence_attach(
        assessment=draft, section="capability", upload=_upload(content, name), actor=business_lead
    )
    assert evidence.content_type == expected
    assert evidence.sha256 == hashlib.sha256(content).hexdigest()
    assert evidence.name == name and evidence.size == len(content)
    assert name not in evidence.file.name  # the stored path is random
    with evidence.file.open("rb") as stored:
        assert stored.read() == content


@pytest.mark.parametrize(
    "content, name",
    [
        (b"MZ\x90\x00 an executable", "report.pdf"),
        (b"<html><script>alert(1)</script></html>", "report.pdf"),
        (files.plain_zip(), "plan.docx"),
        (b"PK\x03\x04 broken zip", "plan.xlsx"),
        (b"", "empty.pdf"),
    ],
)
def test_other_content_is_refused_whatever_its_name(draft, business_lead, content, name):
    with pytest.raises(ValidationError) as refused:
        evidence_attach(
            assessment=draft,
            section="capability",
            upload=_upload(content, name),
            actor=business_lead,
        )
    assert "file" in refused.value.message_dict
    assert not EvidenceFile.objects.exists()


def test_larger_than_20_mb_is_refused(draft, business_lead, private_store):
    big = _upload(PDF + b"0" * (MAX_EVIDENCE_BYTES - len(PDF) + 1))
    with pytest.raises(ValidationError) as refused:
        evidence_attach(assessment=draft, section="risks", upload=big, actor=business_lead)
    assert refused.value.message_dict["file"] == ["The file must be smaller than 20 MB"]
    assert not any(private_store.rglob("*.*")) and not EvidenceFile.objects.exists()


def test_only_the_owning_lead_while_editable(draft, other_business_lead, spr_lead, business_lead):
    for actor in (other_business_lead, spr_lead):
        with pytest.raises((PermissionDenied, TransitionNotAllowed)):
            evidence_attach(assessment=draft, section="risks", upload=_upload(PDF), actor=actor)
    evidence = evidence_attach(
        assessment=draft, section="risks", upload=_upload(PDF), actor=business_lead
    )
    evidence_remove(evidence=evidence, actor=business_lead)
    assert not EvidenceFile.objects.exists()


def _sign_off(draft, lead, reviewer):
    draft = services.assessment_save_draft(
        assessment=draft, actor=lead, data=complete_content(4), revision=draft.revision
    )
    draft = services.assessment_submit(assessment=draft, actor=lead)
    return services.assessment_sign_off(assessment=draft, actor=reviewer)


def test_signed_snapshot_records_names_and_checksums(draft, business_lead, spr_lead):
    evidence_attach(
        assessment=draft,
        section="capability",
        upload=_upload(PDF, "drill.pdf"),
        actor=business_lead,
    )
    signed = _sign_off(draft, business_lead, spr_lead)
    assert signed.signed_snapshot.data["evidence_files"] == [
        {"section": "capability", "name": "drill.pdf", "sha256": hashlib.sha256(PDF).hexdigest()}
    ]
    with pytest.raises(
        (PermissionDenied, TransitionNotAllowed)
    ):  # signed off: the evidence is fixed
        evidence_attach(
            assessment=signed,
            section="risks",
            upload=_upload(PNG, "late.png"),
            actor=business_lead,
        )


def test_no_files_no_new_key_so_old_fingerprints_hold(draft, business_lead, spr_lead):
    assert "evidence_files" not in build_snapshot(draft)
    signed = _sign_off(draft, business_lead, spr_lead)
    assert "evidence_files" not in signed.signed_snapshot.data


SEES_DRAFT = {"business_lead", "spr_lead", "chief_officer"}


@pytest.mark.parametrize("role", ROLE_FIXTURES)
def test_download_only_through_the_access_check(request, client, role, draft, business_lead):
    evidence = evidence_attach(
        assessment=draft,
        section="capability",
        upload=_upload(PDF, "drill.pdf"),
        actor=business_lead,
    )
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("assessments:evidence_download", args=[evidence.pk]))
    if role in SEES_DRAFT:
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Disposition"].startswith("attachment")
        assert response["Content-Type"] == "application/pdf"
    else:
        assert response.status_code == 404


def test_the_lead_page_attaches_refuses_and_removes(client, business_lead, draft):
    client.force_login(business_lead)
    url = reverse("assessments:evidence_list", args=[draft.pk])
    assert client.get(url).status_code == 200
    refused = client.post(url, {"section": "risks", "file": _upload(b"plain text", "a.pdf")})
    assert refused.status_code == 200 and "There is a problem" in refused.content.decode()
    missing = client.post(url, {"section": "nonsense"})
    assert missing.status_code == 200 and "Choose a file" in missing.content.decode()
    done = client.post(url, {"section": "risks", "file": _upload(PNG, "map.png")})
    assert done.status_code == 302
    evidence = EvidenceFile.objects.get()
    remove = reverse("assessments:evidence_delete", args=[draft.pk, evidence.pk])
    assert client.post(remove).status_code == 302
    assert not EvidenceFile.objects.exists()


def test_other_leads_get_a_404_on_the_page(client, other_business_lead, draft):
    client.force_login(other_business_lead)
    assert client.get(reverse("assessments:evidence_list", args=[draft.pk])).status_code == 404

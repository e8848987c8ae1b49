"""Evidence kept once signed: a file a signed version names is never deleted (removing it
from a reopened draft only leaves it out of the versions to come), and verify_integrity
re-reads every stored file through the storage API and names any file missing or changed."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from PIL import Image

from assessments import services
from assessments.models import EvidenceFile
from assessments.services.evidence import evidence_attach, evidence_remove
from assessments.snapshots import build_snapshot
from reports.integrity import verify_integrity
from tests.databases import postgresql_only
from tests.factories import complete_content
from tests.tamper import tamper, tamper_delete

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_store(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _png(colour="red") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), colour).save(buffer, "PNG")
    return buffer.getvalue()


def _attach(assessment, lead, name="exercise.png", colour="red"):
    upload = SimpleUploadedFile(name, _png(colour), content_type="image/png")
    return evidence_attach(assessment=assessment, section="capability", upload=upload, actor=lead)


def _signed_with_evidence(draft, lead, reviewer):
    evidence = _attach(draft, lead)
    draft = services.assessment_save_draft(
        assessment=draft, actor=lead, data=complete_content(4), revision=draft.revision
    )
    draft = services.assessment_submit(assessment=draft, actor=lead)
    return services.assessment_sign_off(assessment=draft, actor=reviewer), evidence


def _problems(**options):
    return verify_integrity(**options).problems


def test_removing_a_signed_file_from_a_reopened_draft_keeps_row_and_bytes(
    client, draft, business_lead, spr_lead
):
    signed, evidence = _signed_with_evidence(draft, business_lead, spr_lead)
    reopened = services.assessment_reopen(assessment=signed, actor=spr_lead, reason="Regrade")
    client.force_login(business_lead)
    response = client.post(reverse("assessments:evidence_delete", args=[reopened.pk, evidence.pk]))
    assert response.status_code == 302
    kept = EvidenceFile.objects.get(pk=evidence.pk)
    assert kept.removed_at is not None and kept.removed_by == business_lead
    assert kept.file.storage.exists(kept.file.name)
    with kept.file.open("rb") as handle:
        assert handle.read() == _png()
    # Gone from the draft and the versions to come; still in the one that was signed.
    page = client.get(reverse("assessments:evidence_list", args=[reopened.pk])).content.decode()
    assert "“exercise.png” removed." in page
    page = client.get(reverse("assessments:evidence_list", args=[reopened.pk])).content.decode()
    assert "exercise.png" not in page
    assert "evidence_files" not in build_snapshot(reopened)
    assert signed.signed_snapshot.data["evidence_files"][0]["sha256"] == evidence.sha256
    assert _problems() == []


def test_a_file_no_signed_version_names_is_deleted_with_its_bytes(
    draft, business_lead, django_capture_on_commit_callbacks
):
    evidence = _attach(draft, business_lead)
    storage, name = evidence.file.storage, evidence.file.name
    with django_capture_on_commit_callbacks(execute=True):
        evidence_remove(evidence=evidence, actor=business_lead)
    assert not EvidenceFile.objects.filter(pk=evidence.pk).exists()
    assert not storage.exists(name)


def test_changed_or_missing_bytes_are_named_and_fail_the_command(
    draft, other_threat, business_lead, spr_lead, capsys
):
    signed, evidence = _signed_with_evidence(draft, business_lead, spr_lead)
    storage, name = evidence.file.storage, evidence.file.name
    assert _problems() == []
    # Rewritten in the store, through the storage API as object storage would be.
    storage.delete(name)
    storage.save(name, ContentFile(_png("blue")))
    with pytest.raises(CommandError, match="1 problem"):
        call_command("verify_integrity")
    assert (
        f"The evidence file “exercise.png” of “{signed}” no longer gives its checksum "
        f"{evidence.sha256}" in capsys.readouterr().err
    )
    # The quick run leaves the bytes out, and says so.
    call_command("verify_integrity", "--quick")
    assert "evidence records checked" in capsys.readouterr().out
    storage.delete(name)
    assert _problems() == [
        f"The evidence file “exercise.png” of “{signed}” is missing from the evidence store"
    ]


def test_a_changed_checksum_or_a_deleted_row_is_named(draft, business_lead, spr_lead):
    signed, evidence = _signed_with_evidence(draft, business_lead, spr_lead)
    tamper(EvidenceFile, evidence.pk, sha256="0" * 64)
    kept_elsewhere = (
        f"The evidence file “exercise.png” named in signed version 2 of “{signed}” is no "
        f"longer kept with its checksum {evidence.sha256}"
    )
    assert _problems(read_evidence_bytes=False) == [
        "The signed-off self-assessment of Child Sexual Abuse for "
        f"{signed.quarter.label}: Evidence files differs from signed version 2",
        kept_elsewhere,
    ]
    assert (
        f"The evidence file “exercise.png” of “{signed}” no longer gives its checksum " + "0" * 64
    ) in _problems()
    tamper_delete(EvidenceFile, evidence.pk)
    assert kept_elsewhere in _problems()


def test_hiding_a_signed_off_assessments_file_is_named(draft, business_lead, spr_lead):
    signed, evidence = _signed_with_evidence(draft, business_lead, spr_lead)
    EvidenceFile.objects.filter(pk=evidence.pk).update(removed_at=signed.signed_off_at)
    assert _problems() == [
        "The signed-off self-assessment of Child Sexual Abuse for "
        f"{signed.quarter.label}: Evidence files differs from signed version 2"
    ]


def _raw(sql, params):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@postgresql_only
def test_the_database_refuses_to_delete_or_rewrite_signed_evidence(draft, business_lead, spr_lead):
    signed, evidence = _signed_with_evidence(draft, business_lead, spr_lead)
    statements = [
        ("DELETE FROM assessments_evidencefile WHERE id = %s", [evidence.pk]),
        ("UPDATE assessments_evidencefile SET sha256 = %s WHERE id = %s", ["0" * 64, evidence.pk]),
        ("UPDATE assessments_evidencefile SET file = %s WHERE id = %s", ["other", evidence.pk]),
        ("UPDATE assessments_evidencefile SET size = 1 WHERE id = %s", [evidence.pk]),
    ]
    for sql, params in statements:
        with pytest.raises(IntegrityError, match="a signed version names this evidence file"):
            _raw(sql, params)
    assert EvidenceFile.objects.filter(pk=evidence.pk, sha256=evidence.sha256).exists()
    # A draft's file that no signed version names is the lead's to delete.
    reopened = services.assessment_reopen(assessment=signed, actor=spr_lead, reason="Regrade")
    unsigned = _attach(reopened, business_lead, name="new.png", colour="green")
    _raw("DELETE FROM assessments_evidencefile WHERE id = %s", [unsigned.pk])
    assert not EvidenceFile.objects.filter(pk=unsigned.pk).exists()

"""Evidence files and the copies of published papers in object storage (django-storages' S3
backend, against moto's in-process S3): stored in the bucket and not on disk, downloaded as a
stream of the object (never a whole file in memory), checked by verify_integrity, and backed
up and restored with the database's names and checksums."""

import hashlib

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from moto import mock_aws
from storages.backends.s3 import S3Storage

from assessments.models import EvidenceFile
from assessments.services.evidence import evidence_attach
from spr_portal.object_storage import is_object_storage, open_stream
from tests import evidence_files as files
from tests.reports.support import new_report, publish

pytestmark = pytest.mark.django_db

BUCKET = "spr-test-bucket"


@pytest.fixture
def draft(threat, quarter, business_lead):
    from assessments import services

    return services.assessment_start(threat=threat, quarter=quarter, actor=business_lead)


def _storage(location: str) -> dict:
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": BUCKET,
            "region_name": "us-east-1",
            "location": location,
            "default_acl": None,
            "file_overwrite": False,
        },
    }


@pytest.fixture
def bucket(settings, tmp_path, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    settings.MEDIA_ROOT = tmp_path
    with mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket=BUCKET)
        settings.STORAGES = settings.STORAGES | {
            "evidence": _storage(""),
            "papers": _storage("published-pdf"),
        }
        # The model's field took its storage when the app loaded: point it at the bucket.
        field = EvidenceFile._meta.get_field("file")
        monkeypatch.setattr(field, "storage", S3Storage(**_storage("")["OPTIONS"]))
        yield s3


def _keys(s3) -> list[str]:
    return sorted(item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def _attach(draft, lead, content=None, name="exercise.pdf"):
    content = content or files.pdf()
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return evidence_attach(assessment=draft, section="risks", upload=upload, actor=lead), content


def test_evidence_goes_to_the_bucket_and_not_to_disk(bucket, draft, business_lead, tmp_path):
    evidence, content = _attach(draft, business_lead)
    assert _keys(bucket) == [evidence.file.name]
    assert bucket.get_object(Bucket=BUCKET, Key=evidence.file.name)["Body"].read() == content
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []
    assert evidence.sha256 == hashlib.sha256(content).hexdigest()


def test_an_evidence_download_streams_the_object(bucket, draft, business_lead, client):
    evidence, content = _attach(draft, business_lead)
    stream = open_stream(evidence.file.storage, evidence.file.name)
    # botocore's body of the GET, read as it arrives: not django-storages' spooled S3File
    assert (
        "StreamingBody" in type(stream).__name__ or "StreamingChecksumBody" in type(stream).__name__
    )
    stream.close()
    client.force_login(business_lead)
    response = client.get(reverse("assessments:evidence_download", args=[evidence.pk]))
    assert response.status_code == 200
    assert response.streaming
    body = b"".join(response.streaming_content)
    assert body == content
    assert response["Content-Length"] == str(len(content))
    assert response["Content-Disposition"].startswith("attachment;")


def test_a_missing_object_is_a_404_not_a_500(bucket, draft, business_lead, client):
    evidence, _ = _attach(draft, business_lead)
    bucket.delete_object(Bucket=BUCKET, Key=evidence.file.name)
    client.force_login(business_lead)
    response = client.get(reverse("assessments:evidence_download", args=[evidence.pk]))
    assert response.status_code == 404


def test_verify_integrity_reads_the_bucket_and_sees_a_changed_object(bucket, draft, business_lead):
    from assessments.integrity import evidence_problems

    evidence, content = _attach(draft, business_lead)
    assert evidence_problems() == (1, [])
    bucket.put_object(Bucket=BUCKET, Key=evidence.file.name, Body=content + b"x")
    count, problems = evidence_problems()
    assert "no longer gives its checksum" in problems[0]
    bucket.delete_object(Bucket=BUCKET, Key=evidence.file.name)
    assert "missing from the evidence store" in evidence_problems()[1][0]


def test_backup_wipe_restore_of_the_bucket(bucket, draft, business_lead, tmp_path):
    first, one = _attach(draft, business_lead)
    second, two = _attach(draft, business_lead, files.image("PNG"), "photo.png")
    archive = tmp_path / "objects.tar"
    call_command("backup_objects", str(archive), verbosity=0)
    for key in _keys(bucket):
        bucket.delete_object(Bucket=BUCKET, Key=key)
    assert _keys(bucket) == []
    call_command("backup_objects", str(archive), restore=True, verbosity=0)
    assert _keys(bucket) == sorted([first.file.name, second.file.name])
    assert bucket.get_object(Bucket=BUCKET, Key=first.file.name)["Body"].read() == one
    assert bucket.get_object(Bucket=BUCKET, Key=second.file.name)["Body"].read() == two


def test_a_backup_refuses_an_object_changed_in_the_bucket(bucket, draft, business_lead, tmp_path):
    from django.core.management.base import CommandError

    evidence, content = _attach(draft, business_lead)
    bucket.put_object(Bucket=BUCKET, Key=evidence.file.name, Body=content[:-1] + b"?")
    with pytest.raises(CommandError, match="does not match its SHA-256"):
        call_command("backup_objects", str(tmp_path / "objects.tar"), verbosity=0)


def test_a_published_paper_is_copied_to_the_bucket_and_streamed_from_it(
    bucket,
    settings,
    signed_quarter,
    spr_lead,
    pcc_office,
    client,
    django_capture_on_commit_callbacks,
):
    settings.SPR_SENDFILE = "storage"
    with django_capture_on_commit_callbacks(execute=True):
        report = publish(report=new_report(signed_quarter, spr_lead), actor=spr_lead)
    sha = report.pdf.sha256
    assert f"published-pdf/{sha}.pdf" in _keys(bucket)  # written by the background task
    client.force_login(pcc_office)
    response = client.get(reverse("reports:report_download", args=[report.pk]))
    assert response.status_code == 200
    assert response.streaming
    body = b"".join(response.streaming_content)
    assert body == bytes(report.pdf.content)
    assert hashlib.sha256(body).hexdigest() == sha
    assert response["ETag"] == f'"{sha}"'


def test_a_download_before_the_copy_writes_it(bucket, settings, signed_quarter, spr_lead, client):
    settings.SPR_SENDFILE = "storage"
    report = publish(report=new_report(signed_quarter, spr_lead), actor=spr_lead)  # no commit
    assert _keys(bucket) == []
    client.force_login(spr_lead)
    response = client.get(reverse("reports:report_download", args=[report.pk]))
    assert b"".join(response.streaming_content) == bytes(report.pdf.content)
    assert _keys(bucket) == [f"published-pdf/{report.pdf.sha256}.pdf"]


def test_without_a_bucket_the_folders_are_used(settings, tmp_path):
    from django.core.files.storage import storages

    settings.MEDIA_ROOT = tmp_path
    assert not is_object_storage(storages["evidence"])
    assert not is_object_storage(storages["papers"])

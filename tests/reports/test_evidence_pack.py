"""The inspection evidence pack: a demo-like quarter's pack holds every signed version (as
signed and as PDF), the evidence files they name, the published papers, the quarter's audit
rows and a signed manifest; it verifies offline (the command and the standalone script), and
one changed byte in any member is reported."""

import hashlib
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from PIL import Image

from assessments import services
from assessments.demo import opened_alone
from assessments.models import Quarter
from assessments.services.evidence import evidence_attach
from reports.evidence_pack import quarter_of
from scripts.verify_evidence_pack import check_pack
from tests.conftest import TEST_P12_PASSPHRASE
from tests.factories import complete_content
from tests.reports.kept import build_open_quarter
from tests.reports.support import new_report, publish, sign_off
from tests.world import kept_for_module

pytestmark = pytest.mark.django_db
SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "verify_evidence_pack.py"


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "navy").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(scope="class")
def packed_once(django_db_setup, django_db_blocker, tmp_path_factory, signing_certificate):
    """Both threats signed off, one with an evidence file; the quarter's paper published,
    signed: made once for the class that exports and checks its packs (the quarter's id)."""
    with (
        kept_for_module(django_db_blocker, tmp_path_factory.mktemp("media")),
        override_settings(
            SPR_SIGNING_P12=str(signing_certificate),
            SPR_SIGNING_P12_PASSPHRASE=TEST_P12_PASSPHRASE,
            SPR_TSA_URL="",
        ),
    ):
        built = build_open_quarter()
        quarter, spr_lead, lead = built.quarter, built.spr_lead, built.business_lead
        data = {**complete_content(4), "summary": "The force is in a good position."}
        with opened_alone(quarter):
            draft = services.assessment_start(threat=built.threat, quarter=quarter, actor=lead)
            draft = services.assessment_save_draft(
                assessment=draft, actor=lead, data=data, revision=draft.revision
            )
            upload = SimpleUploadedFile("exercise photo.png", _png(), content_type="image/png")
            evidence_attach(assessment=draft, section="capability", upload=upload, actor=lead)
            services.assessment_submit(assessment=draft, actor=lead)
        services.assessment_sign_off(assessment=draft, actor=spr_lead)
        sign_off(
            threat=built.other_threat,
            quarter=quarter,
            lead=built.other_business_lead,
            reviewer=spr_lead,
        )
        publish(report=new_report(quarter, spr_lead), actor=spr_lead)
        yield built


@pytest.fixture
def packed_quarter(packed_once):
    """The quarter packed once for the class, read again from the database for each test."""
    return Quarter.objects.get(pk=packed_once.quarter.pk)


def _export(tmp_path, quarter, *extra) -> Path:
    target = tmp_path / "pack.zip"
    label = quarter.label.replace(" ", "-")  # 2015/16-Q4, as an inspector would type it
    out = io.StringIO()
    call_command("export_evidence_pack", "--quarter", label, *extra, "-o", str(target), stdout=out)
    assert "manifest signed" in out.getvalue()
    return target


def _rewrite(source: Path, target: Path, change) -> None:
    """Copy the pack, letting `change(name, content)` return new content (or None to drop)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            content = change(info.filename, old.read(info.filename))
            if content is not None:
                new.writestr(info.filename, content)


class TestOneQuarterPackedOnce:
    """Tests that export and check the packs of one quarter, made once for them all."""

    @pytest.fixture
    def threat(self, packed_once):
        return packed_once.threat

    @pytest.fixture
    def spr_lead(self, packed_once):
        return packed_once.spr_lead

    def test_a_quarter_pack_holds_what_was_signed_and_published(
        self, tmp_path, packed_quarter, signing
    ):
        pack = _export(tmp_path, packed_quarter)
        with zipfile.ZipFile(pack) as archive:
            names = set(archive.namelist())
            manifest = json.loads(archive.read("manifest.json"))
            versions = sorted(n for n in names if n.startswith("versions/") and n.endswith(".json"))
            assert len(versions) == 2
            for name in versions:  # the JSON is the snapshot exactly as signed
                assert (
                    hashlib.sha256(archive.read(name)).hexdigest()
                    == manifest["files"][name]["fingerprint"]
                )
                assert archive.read(name.replace(".json", ".pdf")).startswith(b"%PDF-")
            evidence = [n for n in names if n.startswith("evidence/")]
            assert len(evidence) == 1 and evidence[0].endswith("exercise_photo.png")
            assert archive.read(evidence[0]) == _png()
            papers = sorted(n for n in names if n.startswith("papers/"))
            assert [Path(n).suffix for n in papers] == [".docx", ".pdf"]
            audit = archive.read(
                f"audit/{packed_quarter.label.replace('/', '-').replace(' ', '-').lower()}.csv"
            )
            assert audit.decode().splitlines()[0] == "OFFICIAL-SENSITIVE"
            assert "Signed off" in audit.decode()
            assert set(manifest["files"]) == names - {"manifest.json", "manifest.json.p7s"}
            assert manifest["problems"] == []
        assert check_pack(pack, trusted=[signing.certificate]).holds

    def test_the_pack_verifies_offline_with_the_standalone_script(
        self, tmp_path, packed_quarter, signing
    ):
        pack = _export(tmp_path, packed_quarter)
        # -I: isolated, nothing of the portal on the path; only the standard library and pyHanko
        result = subprocess.run(
            [sys.executable, "-I", str(SCRIPT), str(pack), "--fingerprint", signing.fingerprint],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert "The pack holds." in result.stdout
        out = io.StringIO()
        call_command("verify_evidence_pack", str(pack), stdout=out)
        assert "The pack holds." in out.getvalue()

    def test_one_changed_byte_in_any_member_is_reported(self, tmp_path, packed_quarter, signing):
        pack = _export(tmp_path, packed_quarter)
        with zipfile.ZipFile(pack) as archive:
            members = archive.namelist()
        assert len(members) >= 9
        for member in members:
            changed = tmp_path / "changed.zip"

            def flip(name, content, member=member):
                if name != member:
                    return content
                content = bytearray(content)
                content[len(content) // 2] ^= 0x01
                return bytes(content)

            _rewrite(pack, changed, flip)
            result = check_pack(changed, trusted=[signing.certificate])
            assert not result.holds, member
            if member == "manifest.json":
                assert not result.signature_intact or result.errors
            elif member == "manifest.json.p7s":
                assert not result.signature_intact
            else:
                assert result.changed == [member]
            with pytest.raises(CommandError):
                call_command("verify_evidence_pack", str(changed), stdout=io.StringIO())

    def test_a_missing_or_an_extra_member_is_reported(self, tmp_path, packed_quarter, signing):
        pack = _export(tmp_path, packed_quarter)
        paper = next(n for n in zipfile.ZipFile(pack).namelist() if n.endswith(".pdf"))
        dropped, added = tmp_path / "dropped.zip", tmp_path / "added.zip"
        _rewrite(pack, dropped, lambda name, content: None if name == paper else content)
        assert check_pack(dropped).missing == [paper]
        _rewrite(pack, added, lambda name, content: content)
        with zipfile.ZipFile(added, "a") as archive:
            archive.writestr("papers/extra.pdf", b"%PDF-")
        result = check_pack(added)
        assert result.extra == ["papers/extra.pdf"] and not result.holds
        lines = "\n".join(result.lines())
        assert "EXTRA    papers/extra.pdf" in lines

    def test_another_certificate_or_fingerprint_is_not_trusted(self, tmp_path, packed_quarter):
        pack = _export(tmp_path, packed_quarter)
        result = check_pack(pack, fingerprint="00" * 32)
        assert result.signature_intact and result.signature_trusted is False and not result.holds

    def test_a_threat_pack_spans_its_quarters(self, tmp_path, packed_quarter, threat, signing):
        target = tmp_path / "threat.zip"
        call_command(
            "export_evidence_pack", "--threat", threat.slug, "-o", str(target), stdout=io.StringIO()
        )
        names = zipfile.ZipFile(target).namelist()
        versions = [n for n in names if n.startswith("versions/") and n.endswith(".json")]
        assert versions and all(f"/{threat.slug}/" in n for n in versions)
        assert check_pack(target, trusted=[signing.certificate]).holds

    def test_the_spr_lead_downloads_the_pack(self, client, spr_lead, packed_quarter, signing):
        client.force_login(spr_lead)
        page = client.get(reverse("reports:evidence_pack"))
        assert page.status_code == 200 and b"Download evidence pack" in page.content
        response = client.get(reverse("reports:evidence_pack"), {"quarter": packed_quarter.pk})
        assert response.status_code == 200
        assert response["Content-Type"] == "application/zip"
        assert "attachment" in response["Content-Disposition"]
        content = b"".join(response.streaming_content)
        assert check_pack(io.BytesIO(content), trusted=[signing.certificate]).holds


def test_an_unknown_quarter_label_is_refused(db):
    with pytest.raises(CommandError, match="like 2025/26-Q3"):
        call_command("export_evidence_pack", "--quarter", "Q3 2025", "-o", "/dev/null")
    assert quarter_of  # the label parser the command uses

"""The SPR lead sees the evidence files an assessment rests on: named (as escaped text), typed,
sized, who attached them and when, their SHA-256 and a download, on the review page, the
sign-off confirmation and the assessment's record; the lead sees them on Check your answers;
the quarter board counts them. Always through the access rule, files hidden from a reopened
draft left out, and read in one query whatever their number."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from assessments import services
from assessments.selectors.evidence import evidence_counts, evidence_of
from assessments.services.evidence import evidence_attach, evidence_remove
from tests import evidence_files as files
from tests.assessments.lead_support import complete
from tests.html import select, text, texts

pytestmark = pytest.mark.django_db

PDF = files.pdf()
NAME = "<i>Exercise & report.pdf"  # markup in a name stays text


@pytest.fixture(autouse=True)
def private_store(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _attach(assessment, lead, name=NAME, content=PDF, section="capability"):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return evidence_attach(assessment=assessment, section=section, upload=upload, actor=lead)


@pytest.fixture
def with_evidence(draft, business_lead):
    """A submitted self-assessment resting on one PDF."""
    evidence = _attach(draft, business_lead)
    assessment = services.assessment_submit(
        assessment=complete(draft, business_lead), actor=business_lead
    )
    return assessment, evidence


def _rows(response) -> list[list[str]]:
    return [
        [text(cell) for cell in row.select("td")]
        for row in select(response, "#evidence-files tbody tr")
    ]


def _shows_the_file(response, evidence, lead):
    assert response.status_code == 200
    (region,) = select(response, "#evidence-files")
    # A table that scrolls on a narrow screen inside a labelled, focusable region.
    assert region["role"] == "region" and region["tabindex"] == "0"
    assert select(response, "#" + region["aria-labelledby"])
    (row,) = _rows(response)
    # The SHA-256 under the file's name (so the table fits its column); who and when together.
    file, section, kind, size, attached = row
    sha = hashlib.sha256(PDF).hexdigest()
    assert file == f"{NAME} (download) SHA-256: {sha}"
    assert (section, kind) == ("Capability", "PDF")
    assert size.endswith("bytes") or "KB" in size
    when = f"{timezone.localtime(evidence.uploaded_at):%-d %B %Y, %H:%M}"
    assert attached == f"{lead.get_full_name() or lead.username} {when}"
    (code,) = select(response, "#evidence-files tbody code")
    assert text(code) == sha
    (link,) = select(response, "#evidence-files tbody a")
    assert link["href"] == reverse("assessments:evidence_download", args=[evidence.pk])
    # The uploaded name is escaped, never markup.
    assert b"<i>Exercise" not in response.content
    assert b"&lt;i&gt;Exercise &amp; report.pdf" in response.content


def test_the_review_page_shows_the_evidence_files(client, spr_lead, business_lead, with_evidence):
    assessment, evidence = with_evidence
    client.force_login(spr_lead)
    page = client.get(reverse("assessments:assessment_review", args=[assessment.pk]))
    _shows_the_file(page, evidence, business_lead)


def test_the_sign_off_confirmation_shows_the_evidence_files(
    client, spr_lead, business_lead, with_evidence
):
    assessment, evidence = with_evidence
    client.force_login(spr_lead)
    url = reverse("assessments:assessment_sign_off", args=[assessment.pk])
    page = client.get(f"{url}?revision={assessment.revision}")
    _shows_the_file(page, evidence, business_lead)


def test_the_record_shows_the_evidence_files_to_every_reader(
    client, spr_lead, chief_officer, business_lead, with_evidence
):
    assessment, evidence = with_evidence
    services.assessment_sign_off(assessment=assessment, actor=spr_lead)
    url = reverse("assessments:assessment_detail", args=[assessment.pk])
    for reader in (spr_lead, chief_officer):
        client.force_login(reader)
        _shows_the_file(client.get(url), evidence, business_lead)


def test_check_your_answers_lists_the_evidence_files(client, draft, business_lead):
    evidence = _attach(draft, business_lead)
    draft = complete(draft, business_lead)
    client.force_login(business_lead)
    page = client.get(reverse("assessments:assessment_check", args=[draft.pk]))
    _shows_the_file(page, evidence, business_lead)


def test_a_file_hidden_from_a_reopened_draft_is_not_shown(
    client, spr_lead, business_lead, with_evidence
):
    assessment, evidence = with_evidence
    services.assessment_sign_off(assessment=assessment, actor=spr_lead)
    reopened = services.assessment_reopen(
        assessment=assessment, actor=spr_lead, reason="The exercise report was a draft."
    )
    evidence_remove(evidence=evidence, actor=business_lead)
    client.force_login(spr_lead)
    page = client.get(reverse("assessments:assessment_detail", args=[reopened.pk]))
    assert _rows(page) == []
    assert "No evidence files are attached." in text(page)


def test_the_board_counts_each_threats_evidence_files(
    client, spr_lead, business_lead, with_evidence, quarter
):
    assessment, _ = with_evidence
    client.force_login(spr_lead)
    page = client.get(reverse("assessments:quarter_board", args=[quarter.pk]))
    assert texts(page, "[data-evidence-count]") == ["1 evidence file"]


def test_the_files_are_read_in_one_query_whatever_their_number(
    spr_lead, business_lead, draft, django_assert_num_queries
):
    for number in range(4):
        _attach(draft, business_lead, name=f"file-{number}.pdf", content=files.pdf())
    evidence_of(draft, spr_lead)  # the user's roles are read once, as every page does
    with django_assert_num_queries(1):
        shown = evidence_of(draft, spr_lead)
        attached_by = {file.uploaded_by.username for file in shown}
    assert len(shown) == 4 and attached_by == {business_lead.username}
    with django_assert_num_queries(1):
        assert evidence_counts([draft.pk], spr_lead) == {draft.pk: 4}


def test_files_of_an_assessment_one_may_not_read_are_never_shown(
    other_business_lead, business_lead, draft
):
    _attach(draft, business_lead)
    assert evidence_of(draft, other_business_lead) == []
    assert evidence_counts([draft.pk], other_business_lead) == {}

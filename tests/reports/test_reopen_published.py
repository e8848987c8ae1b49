"""Reopening a self-assessment that a published paper reports: it names the paper, asks for
confirmation, leaves the paper frozen, and the paper's page says a correction may be needed."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from assessments import services
from assessments.choices import Status
from assessments.models import Assessment
from reports.models import BoardReport, ReportStatus
from tests.reports.support import new_report, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(signed_quarter, spr_lead):
    return publish(report=new_report(signed_quarter, spr_lead), actor=spr_lead)


def _signed(threat, quarter):
    return Assessment.objects.get(threat=threat, quarter=quarter)


def test_reopening_reported_work_needs_confirmation_and_names_the_paper(
    published, threat, signed_quarter, spr_lead
):
    assessment = _signed(threat, signed_quarter)
    with pytest.raises(ValidationError) as refused:
        services.assessment_reopen(assessment=assessment, actor=spr_lead, reason="Wrong figure")
    message = refused.value.message_dict["confirm_published"][0]
    assert "12 April 2016 (version 1)" in message
    assert _signed(threat, signed_quarter).status == Status.SIGNED_OFF
    checksum = published.pdf.sha256
    reopened = services.assessment_reopen(
        assessment=assessment, actor=spr_lead, reason="Wrong figure", confirm_published=True
    )
    assert reopened.status == Status.DRAFT
    paper = BoardReport.objects.get(pk=published.pk)
    assert (paper.status, paper.pdf.sha256) == (ReportStatus.PUBLISHED, checksum)


def test_work_in_no_published_paper_reopens_without_confirmation(signed_quarter, threat, spr_lead):
    new_report(signed_quarter, spr_lead)  # a draft is not a published paper
    reopened = services.assessment_reopen(
        assessment=_signed(threat, signed_quarter), actor=spr_lead, reason="Typo"
    )
    assert reopened.status == Status.DRAFT


def test_the_reopen_page_names_the_paper_and_asks_with_an_error_summary(
    client, published, threat, signed_quarter, spr_lead
):
    assessment = _signed(threat, signed_quarter)
    url = reverse("assessments:assessment_reopen", kwargs={"pk": assessment.pk})
    client.force_login(spr_lead)
    page = client.get(url).content.decode()
    assert "It is in a published paper" in page
    assert "12 April 2016 (version 1)" in page
    refused = client.post(url, {"reason": "Wrong figure"})
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "There is a problem" in html and 'href="#id_confirm_published"' in html
    assert _signed(threat, signed_quarter).status == Status.SIGNED_OFF
    done = client.post(url, {"reason": "Wrong figure", "confirm_published": "on"})
    assert done.status_code == 302
    assert _signed(threat, signed_quarter).status == Status.DRAFT


def test_the_published_page_says_a_correction_may_be_needed_to_the_spr_lead_only(
    client, published, threat, signed_quarter, spr_lead, pcc_office
):
    url = reverse("reports:report_detail", kwargs={"pk": published.pk})
    client.force_login(spr_lead)  # opened before the reopening: the page's reading is kept
    assert "A correction may be needed" not in client.get(url).content.decode()
    services.assessment_reopen(
        assessment=_signed(threat, signed_quarter),
        actor=spr_lead,
        reason="Wrong figure",
        confirm_published=True,
    )
    page = client.get(url).content.decode()
    assert "A correction may be needed" in page and "Child Sexual Abuse was reopened" in page
    client.force_login(pcc_office)
    assert "A correction may be needed" not in client.get(url).content.decode()

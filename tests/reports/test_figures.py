"""The paper's counts are computed from the assessments: a draft whose counts went stale
says so and is updated in one click after a preview; a correction starts from the current
signed-off data; the demo's published paper is untouched (tests/reports/test_demo_reports)."""

import pytest
from django.urls import reverse

from assessments import services
from assessments.models import Assessment
from audit.models import AuditAction, AuditEvent
from reports.models import BoardReport
from reports.paper.figures import COUNTS_SENTENCE, counts_sentence, stale_figures
from reports.selectors_draft import draft_state
from reports.services import report_correct
from reports.services.late import report_update_figures
from spr_portal.concurrency import ConcurrentEdit
from tests.conftest import ROLE_FIXTURES
from tests.reports.support import new_report, publish

pytestmark = pytest.mark.django_db


def _regrade(threat, quarter, lead, spr_lead, grade):
    """Reopen the threat's signed-off assessment and sign it off again with other grades."""
    from tests.factories import complete_content

    assessment = Assessment.objects.get(threat=threat, quarter=quarter)
    assessment = services.assessment_reopen(
        assessment=assessment, actor=spr_lead, reason="Regraded", confirm_published=True
    )
    assessment = services.assessment_save_draft(
        assessment=assessment,
        actor=lead,
        data={**complete_content(grade), "summary": "Regraded: the force now requires work."},
        revision=assessment.revision,
    )
    assessment = services.assessment_submit(assessment=assessment, actor=lead)
    return services.assessment_sign_off(assessment=assessment, actor=spr_lead)


def test_a_new_draft_carries_the_current_counts(signed_quarter, spr_lead):
    report = new_report(signed_quarter, spr_lead)
    assert counts_sentence(signed_quarter, None) in report.conclusion
    assert stale_figures(report) is None


def test_counts_that_went_stale_block_publishing_and_update_in_one_step(
    signed_quarter, spr_lead, threat, business_lead
):
    report = new_report(signed_quarter, spr_lead)
    before = COUNTS_SENTENCE.search(report.conclusion).group(0)
    _regrade(threat, signed_quarter, business_lead, spr_lead, grade=2)
    report = BoardReport.objects.get(pk=report.pk)
    stale = stale_figures(report)
    assert stale.old == before and "9 Requires improvement or Inadequate" in stale.new
    assert (
        "figures",
        "The conclusion's counts of grades are out of date: update them from the assessments",
    ) in draft_state(report).blockers
    with pytest.raises(ConcurrentEdit):
        report_update_figures(report=report, actor=spr_lead, revision=report.revision - 1)
    assert report_update_figures(report=report, actor=spr_lead, revision=report.revision)
    report = BoardReport.objects.get(pk=report.pk)
    assert stale.new in report.conclusion and stale.old not in report.conclusion
    assert stale_figures(report) is None
    audited = AuditEvent.objects.filter(action=AuditAction.REPORT_CHANGED, object_id=report.pk)
    assert [(e.actor, e.summary) for e in audited] == [
        (spr_lead, f"Conclusion's figures: {stale.old} → {stale.new}")
    ]


def test_a_rewritten_conclusion_is_left_alone(signed_quarter, spr_lead, threat, business_lead):
    report = new_report(signed_quarter, spr_lead)
    BoardReport.objects.filter(pk=report.pk).update(conclusion="Our own words, no figures.")
    _regrade(threat, signed_quarter, business_lead, spr_lead, grade=2)
    assert stale_figures(BoardReport.objects.get(pk=report.pk)) is None


def test_a_correction_starts_from_the_current_signed_off_data(
    signed_quarter, spr_lead, threat, business_lead
):
    published = publish(report=new_report(signed_quarter, spr_lead), actor=spr_lead)
    old_counts = COUNTS_SENTENCE.search(published.conclusion).group(0)
    _regrade(threat, signed_quarter, business_lead, spr_lead, grade=2)
    correction = report_correct(report=published, actor=spr_lead, note="Regraded threat")
    assert old_counts not in correction.conclusion
    assert counts_sentence(signed_quarter, None) in correction.conclusion
    body = correction.threat_sections.get(threat=threat).body
    assert body == "Regraded: the force now requires work."
    assert draft_state(correction).blockers == []
    # The published version stays exactly as it was.
    assert BoardReport.objects.get(pk=published.pk).conclusion == published.conclusion


def test_the_figures_page_previews_then_updates(
    client, signed_quarter, spr_lead, threat, business_lead
):
    report = new_report(signed_quarter, spr_lead)
    _regrade(threat, signed_quarter, business_lead, spr_lead, grade=2)
    report = BoardReport.objects.get(pk=report.pk)
    stale = stale_figures(report)
    client.force_login(spr_lead)
    detail = client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    url = reverse("reports:report_figures", args=[report.pk])
    assert url in detail and "Publish report" not in detail
    page = client.get(url).content.decode()
    assert stale.old in page and stale.new in page
    refused = client.post(url, {"revision": report.revision - 1})
    assert refused.status_code == 200 and "There is a problem" in refused.content.decode()
    assert client.post(url, {"revision": report.revision}).status_code == 302
    assert stale_figures(BoardReport.objects.get(pk=report.pk)) is None


@pytest.mark.parametrize("role", [r for r in ROLE_FIXTURES if r != "spr_lead"])
def test_only_the_spr_lead_updates_figures(client, request, role, signed_quarter, spr_lead):
    report = new_report(signed_quarter, spr_lead)
    client.force_login(request.getfixturevalue(role))
    url = reverse("reports:report_figures", args=[report.pk])
    assert client.get(url).status_code in (403, 404)
    assert client.post(url, {"revision": report.revision}).status_code in (403, 404)

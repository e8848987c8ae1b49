"""reports.workflow: what may be done to a board report, by whom, in which status; and the
stale-revision rule of publishing, held by the service."""

import pytest

from reports.models import PublishedPdf, ReportStatus
from reports.services import ConcurrentEdit, report_publish, report_update
from reports.workflow import ReportAction, report_actions
from tests.conftest import ROLE_FIXTURES
from tests.reports.support import new_report, publish

pytestmark = pytest.mark.django_db


def test_the_spr_lead_edits_and_publishes_a_draft_and_corrects_a_published_report(
    signed_quarter, spr_lead
):
    report = new_report(signed_quarter, spr_lead)
    assert report_actions(report, spr_lead) == {ReportAction.EDIT, ReportAction.PUBLISH}
    report = publish(report=report, actor=spr_lead)
    assert report_actions(report, spr_lead) == {ReportAction.CORRECT}
    report.status = ReportStatus.SUPERSEDED
    assert report_actions(report, spr_lead) == set()


@pytest.mark.parametrize("role", [r for r in ROLE_FIXTURES if r != "spr_lead"])
def test_no_other_role_may_do_anything_to_a_report(request, role, signed_quarter, spr_lead):
    user = request.getfixturevalue(role)
    draft = new_report(signed_quarter, spr_lead)
    assert report_actions(draft, user) == set()
    assert report_actions(publish(report=draft, actor=spr_lead), user) == set()


def test_publishing_a_revision_older_than_the_report_is_refused_and_stores_nothing(
    signed_quarter, spr_lead
):
    report = new_report(signed_quarter, spr_lead)
    previewed = report.revision
    report_update(report=report, actor=spr_lead, data={"purpose": "Changed."}, revision=previewed)
    with pytest.raises(ConcurrentEdit) as refused:
        report_publish(report=report, actor=spr_lead, revision=previewed)
    assert refused.value.current.purpose == "Changed."
    assert "board report was changed by someone else" in str(refused.value)
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    assert not PublishedPdf.objects.exists()

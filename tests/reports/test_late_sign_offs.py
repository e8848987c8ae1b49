"""Threats signed off after a draft was made: listed, previewed, taken in with one action;
Publish offered only when nothing blocks it."""

import pytest
from django.urls import reverse

from audit.models import AuditAction, AuditEvent
from reports import selectors_draft
from reports.models import BoardReport
from reports.paper.drafting import threat_parts
from reports.paper.figures import stale_figures
from reports.selectors_draft import draft_state
from reports.services.late import report_take_in_late_sign_offs
from spr_portal.concurrency import ConcurrentEdit
from tests.conftest import ROLE_FIXTURES
from tests.reports.support import SUMMARIES, new_report, sign_off

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafted_early(quarter, threat, other_threat, business_lead, other_business_lead, spr_lead):
    """A draft made when one threat was signed off; the other is signed off afterwards."""
    sign_off(threat=threat, quarter=quarter, lead=business_lead, reviewer=spr_lead)
    report = new_report(quarter, spr_lead)
    sign_off(threat=other_threat, quarter=quarter, lead=other_business_lead, reviewer=spr_lead)
    return report


def test_a_late_sign_off_is_listed_and_blocks_with_what_to_do(drafted_early, other_threat):
    assert [late.threat for late in draft_state(drafted_early).late] == [other_threat]
    assert draft_state(drafted_early).blockers == [
        (
            "late-sign-offs",
            "Serious and Organised Crime was signed off after this draft: use its summary",
        ),
        (
            "figures",
            "The conclusion's counts of grades are out of date: update them from the assessments",
        ),
    ]


def test_one_action_takes_every_late_summary_in(drafted_early, spr_lead, other_threat):
    with pytest.raises(ConcurrentEdit):
        report_take_in_late_sign_offs(
            report=drafted_early, actor=spr_lead, revision=drafted_early.revision - 1
        )
    taken = report_take_in_late_sign_offs(
        report=drafted_early, actor=spr_lead, revision=drafted_early.revision
    )
    assert taken == ["Serious and Organised Crime"]
    report = BoardReport.objects.get(pk=drafted_early.pk)
    body = report.threat_sections.get(threat=other_threat).body
    assert body == SUMMARIES["serious-organised-crime"]
    # The counts of the conclusion are brought up to date in the same step.
    assert draft_state(report).late == [] and draft_state(report).blockers == []
    assert stale_figures(report) is None
    assert report.revision == drafted_early.revision + 1
    (audited,) = AuditEvent.objects.filter(action=AuditAction.REPORT_CHANGED, object_id=report.pk)
    assert audited.actor == spr_lead
    assert audited.summary.startswith(
        "Took in the signed-off summary of Serious and Organised Crime; Conclusion's figures: "
    )


def test_the_draft_page_lists_them_and_offers_publish_only_when_unblocked(
    client, drafted_early, spr_lead
):
    client.force_login(spr_lead)
    detail = reverse("reports:report_detail", kwargs={"pk": drafted_early.pk})
    publish = reverse("reports:report_publish", kwargs={"pk": drafted_early.pk})
    late_url = reverse("reports:report_late_sign_offs", kwargs={"pk": drafted_early.pk})
    page = client.get(detail).content.decode()
    assert "Serious and Organised Crime: signed off after this draft: use its summary" in page
    assert late_url in page and publish not in page
    preview = client.get(late_url).content.decode()
    assert SUMMARIES["serious-organised-crime"] in preview
    assert "figures</h2>" in preview and "It will say" in preview
    assert "Use this summary" in preview
    stale = client.post(late_url, {"revision": drafted_early.revision - 1})
    assert stale.status_code == 200 and "There is a problem" in stale.content.decode()
    done = client.post(late_url, {"revision": drafted_early.revision})
    assert done.status_code == 302
    page = client.get(detail).content.decode()
    assert "signed off after this draft" not in page and publish in page


def test_the_draft_page_reads_the_quarter_and_the_figures_once(
    client, drafted_early, spr_lead, monkeypatch
):
    """The task list, the late sign-offs, the blockers and the stale figures are one reading."""
    reads = {"parts": 0, "figures": 0}

    def counted(name, read):
        def wrapper(*args, **kwargs):
            reads[name] += 1
            return read(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(selectors_draft, "threat_parts", counted("parts", threat_parts))
    monkeypatch.setattr(selectors_draft, "stale_figures", counted("figures", stale_figures))
    client.force_login(spr_lead)
    page = client.get(reverse("reports:report_detail", kwargs={"pk": drafted_early.pk}))
    assert page.status_code == 200 and "signed off after this draft" in page.content.decode()
    assert reads == {"parts": 1, "figures": 1}


@pytest.mark.parametrize("role", [r for r in ROLE_FIXTURES if r != "spr_lead"])
def test_only_the_spr_lead_takes_late_sign_offs_in(client, request, role, drafted_early):
    client.force_login(request.getfixturevalue(role))
    url = reverse("reports:report_late_sign_offs", kwargs={"pk": drafted_early.pk})
    assert client.get(url).status_code in (403, 404)
    assert client.post(url, {"revision": drafted_early.revision}).status_code in (403, 404)
    assert draft_state(BoardReport.objects.get(pk=drafted_early.pk)).late

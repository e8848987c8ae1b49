"""The home page lists what waits for each person: returned to me, submitted for my review,
newly published (the last 30 days), in a fixed number of queries."""

import datetime

from django.urls import reverse
from django.utils import timezone

from assessments import services
from assessments.demo import opened_alone
from tests.cold_cache import cold_queries
from tests.factories import AssessmentFactory, ThreatFactory
from tests.html import texts
from tests.reports.support import new_report, publish, sign_off

HOME = reverse("home")


def _returned(threat, quarter, lead):
    return AssessmentFactory(threat=threat, quarter=quarter, returned=True, lead=lead)


def test_a_business_lead_sees_what_was_returned_to_their_department_only(
    client, quarter, threat, other_threat, business_lead, other_business_lead, spr_lead
):
    mine = _returned(threat, quarter, business_lead)
    _returned(other_threat, quarter, other_business_lead)
    client.force_login(business_lead)
    html = client.get(HOME).content.decode()
    assert texts(html, "#returned-to-me li") == [
        "Child Sexual Abuse, 2015/16 Q4: revise it and submit it again by 11 March 2016"
    ]
    assert f'href="/my-assessments/{mine.pk}/"' in html
    assert texts(html, "#for-my-review li") == []


def test_the_spr_lead_sees_submissions_and_resubmissions_waiting_for_review(
    client, quarter, threat, other_threat, business_lead, other_business_lead, spr_lead
):
    AssessmentFactory(threat=other_threat, quarter=quarter, submitted=True)
    again = _returned(threat, quarter, business_lead)
    with opened_alone(quarter):
        services.assessment_submit(assessment=again, actor=business_lead)
    client.force_login(spr_lead)
    items = texts(client.get(HOME).content.decode(), "#for-my-review li")
    assert len(items) == 2
    assert items[0].startswith("Serious and Organised Crime, 2015/16 Q4: submitted ")
    assert items[1].startswith("Child Sexual Abuse, 2015/16 Q4: submitted again after a return ")


def test_recent_publications_are_listed_for_the_readers_of_reports_not_old_ones(
    client,
    report_of_the_quarter_before,
    signed_quarter,
    spr_lead,
    pcc_office,
    chief_officer,
    business_lead,
):
    old = publish(
        report=new_report(signed_quarter, spr_lead),
        actor=spr_lead,
        at=timezone.now() - datetime.timedelta(days=31),
    )
    for reader in (pcc_office, chief_officer, business_lead):
        client.force_login(reader)
        html = client.get(HOME).content.decode()
        assert texts(html, "#newly-published li") == [
            f"Board report for 2015/16 Q3: published "
            f"{timezone.localdate():%-d %B %Y}, for the meeting on 12 April 2016"
        ], reader
        assert f"/reports/{old.pk}/" not in html
    # The SPR lead published it (every role reads published papers: the demo's profile).
    for other in (spr_lead,):
        client.force_login(other)
        assert texts(client.get(HOME).content.decode(), "#newly-published li") == []


def test_the_lists_cost_the_same_queries_for_one_item_or_many(
    client, quarter, threat, department, business_lead, spr_lead
):
    _returned(threat, quarter, business_lead)
    few = (cold_queries(client, business_lead, HOME), cold_queries(client, spr_lead, HOME))
    for number in range(3):
        more = ThreatFactory(name=f"Threat {number}", owning_department=department)
        _returned(more, quarter, business_lead)
        sign_off(
            threat=ThreatFactory(owning_department=department),
            quarter=quarter,
            lead=business_lead,
            reviewer=spr_lead,
        )
    AssessmentFactory(
        threat=ThreatFactory(owning_department=department),
        quarter=quarter,
        submitted=True,
        lead=business_lead,
    )
    client.force_login(business_lead)
    assert len(texts(client.get(HOME).content.decode(), "#returned-to-me li")) == 4
    assert (cold_queries(client, business_lead, HOME), cold_queries(client, spr_lead, HOME)) == few

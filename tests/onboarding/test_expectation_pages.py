"""The set-up pages of what each SPR edition expects: the administrator adds, changes and
retires a line, with its source (required); bad input is the GOV.UK error summary with
nothing typed lost; a change from an older page is refused with why; every change audited."""

import pytest
from django.urls import reverse

from assessments.services.expectation_setup import (
    EMPTY_CITATION,
    EMPTY_UNIT,
    EMPTY_WORDING,
    expectation_add,
)
from audit.models import AuditAction, AuditEvent
from tests import html
from threats.models import ContributionMeasure, EditionExpectation

pytestmark = pytest.mark.django_db

LIST = reverse("onboarding:expectations")
ADD = reverse("onboarding:expectation_add")


def test_the_administrator_adds_a_line_with_its_source(client, administrator, threat, quarter):
    client.force_login(administrator)
    page = client.get(LIST)
    assert page.status_code == 200 and threat.name in html.text(page)
    data = {
        "edition": quarter.edition.pk,
        "threat": threat.pk,
        "level": "local",
        "wording": "  Typed, kept.  ",
        "citation": "",
    }
    page = client.post(ADD, data)
    assert page.status_code == 200
    assert html.error_summary(page) == [("#id_citation", EMPTY_CITATION)]
    assert "Typed, kept." in html.text(page)
    page = client.post(ADD, data | {"wording": "", "citation": "Force capability plan, 1"})
    assert html.error_summary(page) == [("#id_wording", EMPTY_WORDING)]
    page = client.post(ADD, data | {"citation": "Force capability plan, 1"})
    assert page.status_code == 302
    line = EditionExpectation.objects.get()
    assert (line.wording, line.citation, line.level) == (
        "Typed, kept.",
        "Force capability plan, 1",
        "local",
    )
    assert AuditEvent.objects.get(action=AuditAction.EXPECTATION_ADDED).actor == administrator
    assert "Typed, kept." in html.text(client.get(LIST))


def test_a_change_from_an_older_page_is_refused_and_retiring_audited(
    client, administrator, threat, quarter
):
    line = expectation_add(
        actor=administrator,
        threat=threat,
        edition=quarter.edition,
        level="national",
        wording="A line.",
        citation="Force capability plan, 4",
    )
    client.force_login(administrator)
    url = reverse("onboarding:expectation_edit", args=[line.pk])
    assert client.get(url).status_code == 200
    data = {
        "level": "regional",
        "wording": "A line, changed.",
        "citation": "Plan, 4",
        "revision": 1,
    }
    assert client.post(url, data).status_code == 302
    page = client.post(url, data | {"wording": "From an older page."})
    assert page.status_code == 409
    assert "Someone else changed this line" in html.text(page)
    line.refresh_from_db()
    assert (line.wording, line.revision) == ("A line, changed.", 2)
    assert AuditEvent.objects.get(action=AuditAction.EXPECTATION_CHANGED).summary == (
        "Level: National → Regional; Line: A line. → A line, changed.; "
        "Source: Force capability plan, 4 → Plan, 4"
    )
    assert client.post(url, data | {"revision": 2, "retire": "1"}).status_code == 302
    line.refresh_from_db()
    assert line.retired_at is not None
    assert AuditEvent.objects.filter(action=AuditAction.EXPECTATION_RETIRED).count() == 1
    assert "A line, changed." not in html.text(client.get(LIST))


def test_other_roles_may_not_set_the_lines(client, business_lead, spr_lead):
    for user in (business_lead, spr_lead):
        client.force_login(user)
        assert client.get(LIST).status_code == 403
        assert client.post(ADD, {}).status_code == 403


def test_the_administrator_defines_a_contribution_figure(client, administrator, threat):
    client.force_login(administrator)
    url = reverse("onboarding:measure_add")
    data = {"threat": threat.pk, "name": "Armed officers", "unit": "", "period": "in_quarter"}
    page = client.post(url, data)
    assert page.status_code == 200
    assert html.error_summary(page) == [("#id_unit", EMPTY_UNIT)]
    assert "Armed officers" in str(html.one(page, "#id_name"))
    assert client.post(url, data | {"unit": "officers"}).status_code == 302
    measure = ContributionMeasure.objects.get()
    assert (measure.name, measure.unit, measure.against) == ("Armed officers", "officers", "")
    assert AuditEvent.objects.get(action=AuditAction.MEASURE_ADDED).actor == administrator
    edit = reverse("onboarding:measure_edit", args=[measure.pk])
    change = data | {"unit": "officers", "against": "armed policing assessment", "revision": 1}
    assert client.post(edit, change).status_code == 302
    assert client.post(edit, change | {"name": "Late"}).status_code == 409
    measure.refresh_from_db()
    assert (measure.against, measure.revision) == ("armed policing assessment", 2)
    assert "Armed officers" in html.text(client.get(LIST))

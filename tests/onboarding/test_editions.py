"""The SPR editions that ship with the portal: the data file, the loader (command and
service), idempotence, every edition's threats, wordings and successions, and a database
that already holds some of them (the demo's)."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from audit.models import AuditAction, AuditEvent
from onboarding.editions import shipped
from onboarding.services.force import spr_editions_load
from threats.models import NationalThreat, SprEdition, ThreatName
from threats.naming import names_by_year

pytestmark = pytest.mark.django_db

EXPECTED = {
    2012: [
        "Terrorism",
        "Organised crime",
        "Large-scale cyber incident",
        "Civil emergencies",
        "Public order",
    ],
    2015: [
        "Terrorism",
        "Serious and organised crime",
        "National cyber security incident",
        "Child sexual abuse",
        "Civil emergencies",
        "Public order",
    ],
    2023: [
        "Violence against women and girls",
        "Terrorism",
        "Serious and organised crime",
        "National cyber event",
        "Child sexual abuse",
        "Public disorder",
        "Civil emergencies",
    ],
}


def _load():
    out = io.StringIO()
    call_command("load_spr_editions", stdout=out)
    return out.getvalue()


def _names_per_edition():
    names = names_by_year(EXPECTED)
    result = {}
    for edition in SprEdition.objects.order_by("year"):
        result[edition.year] = [names[edition.year][t.pk] for t in edition.threats()]
    return result


def test_the_data_file_cites_a_home_office_source_for_each_edition():
    data = shipped()
    assert [e.year for e in data.editions] == [2012, 2015, 2023]
    for edition in data.editions:
        assert edition.source["publisher"] == "Home Office"
        assert edition.source["url"].startswith("https://www.gov.uk/government/publications/")
        assert edition.source["date"]
        # Said plainly when a wording or date was not checked against the Home Office's text
        assert edition.source["confirmed"] or edition.source["note"]


def test_an_empty_database_gets_every_edition_with_its_threats_in_its_own_words():
    output = _load()
    assert "3 editions added (2012, 2015, 2023)" in output
    assert _names_per_edition() == EXPECTED
    # A force that has just loaded the editions has no departments: nobody owns a threat yet
    threat = NationalThreat.objects.get(slug="vawg")
    assert threat.owning_department is None and threat.chief_officer_lead is None
    assert threat.owner_name == "No owning department yet"


def test_the_successions_and_the_new_threats_of_each_edition():
    spr_editions_load()
    public_order = NationalThreat.objects.get(slug="public-order")
    public_disorder = NationalThreat.objects.get(slug="public-disorder")
    assert public_order.retired_in.year == 2023
    assert public_disorder.succeeds == public_order
    assert public_disorder.added_in.year == 2023
    assert NationalThreat.objects.get(slug="child-sexual-abuse").added_in.year == 2015
    assert NationalThreat.objects.get(slug="vawg").added_in.year == 2023
    # The cyber threat is one threat, worded three ways
    cyber = NationalThreat.objects.get(slug="cyber")
    assert list(cyber.names.values_list("edition__year", "name")) == [
        (2012, "Large-scale cyber incident"),
        (2015, "National cyber security incident"),
        (2023, "National cyber event"),
    ]
    assert cyber.name == "National cyber event"  # its own name: the latest wording


def test_a_second_run_changes_nothing_and_says_so():
    _load()
    counts = (
        SprEdition.objects.count(),
        NationalThreat.objects.count(),
        ThreatName.objects.count(),
    )
    events = AuditEvent.objects.count()
    output = _load()
    assert "Nothing to change" in output
    after = (SprEdition.objects.count(), NationalThreat.objects.count(), ThreatName.objects.count())
    assert after == counts
    assert AuditEvent.objects.count() == events  # no row for a run that changed nothing


def test_the_load_is_on_the_audit_trail(administrator):
    spr_editions_load(actor=administrator)
    event = AuditEvent.objects.get(action=AuditAction.SPR_EDITIONS_LOADED)
    assert event.actor == administrator
    assert "3 editions added" in event.summary and "8 threats added" in event.summary
    assert "Public disorder succeeds Public order" in event.summary


def test_only_an_administrator_loads_them_from_a_page(spr_lead):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        spr_editions_load(actor=spr_lead)
    assert not SprEdition.objects.exists()


def test_the_demo_database_keeps_its_own_threats_and_names():
    """The demo words its threats as its 2 February 2016 paper prints them: loading the
    shipped editions over it adds nothing and renames nothing, so the paper stays as it is."""
    from threats.demo import seed_reference_data

    seed_reference_data()
    before = _names_per_edition()
    output = _load()
    assert "Nothing to change" in output
    assert _names_per_edition() == before
    assert "Kept as it is: Terrorism" in output


def test_a_force_with_earlier_editions_gains_the_new_one_and_its_wordings(administrator):
    """A force that typed the 2012 and 2015 editions by hand (its own words kept) loads the
    shipped ones: it gains the 2023 edition, its new threats, the 2023 wording of the threats
    it has, and the succession of public order."""
    from tests.factories import EditionFactory, ThreatFactory

    e2012 = EditionFactory(year=2012, title="SPR 2012")
    EditionFactory(year=2015, title="SPR 2015")
    order = ThreatFactory(slug="public-order", name="Public Order", added_in=e2012)
    ThreatFactory(slug="cyber", name="Cyber", added_in=e2012)
    spr_editions_load(actor=administrator)
    assert SprEdition.objects.get(year=2012).title == "SPR 2012"  # kept
    order.refresh_from_db()
    assert order.name == "Public Order" and order.retired_in.year == 2023
    assert NationalThreat.objects.get(slug="public-disorder").succeeds == order
    names = names_by_year([2015, 2023])
    cyber = NationalThreat.objects.get(slug="cyber")
    assert names[2015][cyber.pk] == "Cyber"  # the force's own name for its own editions
    assert names[2023][cyber.pk] == "National cyber event"


def test_threats_nobody_owns_yet_open_a_quarter_show_on_the_board_and_are_reminded(
    client, spr_lead, mailoutbox
):
    """Loaded threats have no owning department or chief officer lead yet: a quarter under
    their edition still opens, its board shows them as owned by nobody yet, and the deadline
    reminders go to the SPR lead (nobody else leads them) instead of failing."""
    import datetime

    from assessments.reminders import due_reminders
    from assessments.services import quarter_create, quarter_open

    spr_editions_load()
    edition = SprEdition.objects.get(year=2023)
    quarter = quarter_create(
        actor=spr_lead,
        financial_year=2026,
        number=3,
        edition=edition,
        submission_deadline=datetime.date(2026, 12, 11),
        meeting_date=datetime.date(2026, 12, 18),
    )
    quarter_open(quarter=quarter, actor=spr_lead)
    client.force_login(spr_lead)
    board = client.get(reverse("assessments:quarter_board", args=[quarter.pk]))
    assert board.status_code == 200
    assert "No owning department yet" in board.content.decode()
    reminders = due_reminders(today=datetime.date(2026, 12, 12), days_before=3)
    assert reminders, "an overdue quarter nobody leads is reminded to someone"
    assert {r.recipient for r in reminders} == {spr_lead}
    assert "No owning department yet has no active business lead" in str(reminders[0].threats)


def test_the_command_is_on_the_audit_trail_by_its_name():
    _load()
    event = AuditEvent.objects.get(action=AuditAction.SPR_EDITIONS_LOADED)
    assert event.actor is None and event.actor_name == "manage.py load_spr_editions"

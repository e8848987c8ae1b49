"""seed_demo builds the West Midlands Police demo, and a second run changes nothing."""

import datetime
import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command

from assessments.choices import Status
from assessments.demo.current import current_periods, last_full_year
from assessments.models import Assessment, Quarter
from threats.demo import FORCE_PROFILE
from threats.force_profile import CONTACT_FIELDS
from threats.models import EditionExpectation, ForceProfile, NationalThreat
from threats.naming import name_in

pytestmark = pytest.mark.django_db


def _state():
    """Every row of every app model, as comparable data."""
    state = {}
    for model in apps.get_models():
        if model._meta.app_label in {"threats", "assessments", "reports", "auth"}:
            rows = model.objects.order_by("pk").values()
            state[model._meta.label] = [
                {k: v for k, v in row.items() if k != "last_login"} for row in rows
            ]
    return state


def test_seed_demo_twice_leaves_the_same_data(demo_seeded_once, monkeypatch):
    monkeypatch.delenv("SPR_DEMO_PASSWORD", raising=False)
    first = _state()
    second_out = io.StringIO()
    call_command("seed_demo", stdout=second_out)
    assert _state() == first
    assert "Password (shown once)" in demo_seeded_once.output
    assert "Password (shown once)" not in second_out.getvalue()


def test_seed_demo_builds_the_reference_papers_force(demo_seeded_once):
    # Its past quarters' returns, sign-offs and publications e-mail nobody.
    assert (demo_seeded_once.pending_on_commit, demo_seeded_once.emails_sent) == (0, 0)
    users = get_user_model().objects
    for username in [
        "acc.security",
        "acc.crime",
        "acc.operations",
        "pcc.office",
        "admin",
        "lead.ppu",
        "lead.intel",
        "lead.ops",
        "lead.cid",
        "lead.ctu",
        "lead.pp",
        "lead.firearms",
        "lead.rocu",
    ]:
        assert users.get(username=username).check_password(demo_seeded_once.password)
    # The portal opens on the current SPR: the quarter containing today's date is open.
    open_quarter = Quarter.objects.get(is_open=True)
    today = datetime.date.today()
    assert (open_quarter.financial_year, open_quarter.number) == Quarter.for_date(today)
    assert open_quarter.start_date <= today <= open_quarter.end_date
    assert open_quarter.edition.year == 2023
    assert not Assessment.objects.filter(quarter=open_quarter).exists()
    assert [n for n in open_quarter.edition.threats().values_list("slug", flat=True)] == [
        "terrorism",
        "serious-organised-crime",
        "civil-emergencies",
        "cyber",
        "child-sexual-abuse",
        "vawg",
        "public-disorder",
    ]
    # The service pages' contacts: fictitious, and all of them.
    profile = ForceProfile.objects.get()
    assert profile.published_papers_open
    for name in CONTACT_FIELDS:
        assert getattr(profile, name) == FORCE_PROFILE[name], name
    assert profile.support_email.endswith("@example.police.uk")
    vawg = NationalThreat.objects.get(slug="vawg")
    assert vawg.owning_department.name == "Public Protection"
    assert list(vawg.owning_department.leads.values_list("username", flat=True)) == ["lead.pp"]
    assert NationalThreat.objects.get(slug="public-disorder").succeeds.slug == "public-order"
    assert name_in(NationalThreat.objects.get(slug="cyber"), open_quarter) == (
        "National cyber event"
    )
    # Only quarters somebody ran: the history of the reference paper, then the three quarters
    # before today's and the rest of the last full financial year (the annual assurance
    # statement's: reports/demo_assurance.py), every threat signed off in each; no decade of
    # empty quarters between.
    closed = list(Quarter.objects.chronological().filter(is_open=False))
    assert [q.label for q in closed[:5]] == [
        "2014/15 Q3",
        "2014/15 Q4",
        "2015/16 Q1",
        "2015/16 Q2",
        "2015/16 Q3",
    ]
    last_year = last_full_year(today)
    full_year = [(last_year, n) for n in range(1, 5)] if last_year else []
    history = closed[5:]
    assert [(q.financial_year, q.number) for q in [*history, open_quarter]] == sorted(
        set(current_periods(today)) | set(full_year)
    )
    for quarter in closed:
        threats = quarter.edition.threats().count()
        assert Assessment.objects.filter(quarter=quarter, status=Status.SIGNED_OFF).count() == (
            threats
        ), quarter.label
    assert {q.edition.year for q in history} == {2023}
    latest = Assessment.objects.filter(quarter__financial_year=2015, quarter__number=3)
    assert latest.count() == 6
    assert set(latest.values_list("status", flat=True)) == {Status.SIGNED_OFF}
    terrorism = latest.get(threat__slug="terrorism")
    assert terrorism.summary.startswith("Within the UK, West Midlands continues")
    assert terrorism.signed_off_by.username == "acc.security"
    assert terrorism.signed_off_at.date() == terrorism.quarter.meeting_date


def test_demo_signed_snapshots_record_the_demo_dates_not_today(demo_seeded_once):
    """What was signed in 2015 must not claim an action was closed on the day of seeding."""
    closed = []
    for assessment in Assessment.objects.signed_off().select_related("signed_snapshot", "quarter"):
        for action in assessment.signed_snapshot.data["actions"]:
            if action["closed_on"]:
                closed.append(action["closed_on"])
                assert action["closed_on"] <= assessment.quarter.meeting_date.isoformat()
    assert closed, "the demo closes some actions"


@pytest.mark.parametrize(
    ("today", "periods"),
    [
        (datetime.date(2026, 12, 2), [(2025, 4), (2026, 1), (2026, 2), (2026, 3)]),
        (datetime.date(2024, 4, 1), [(2023, 2), (2023, 3), (2023, 4), (2024, 1)]),
        (datetime.date(2023, 10, 1), [(2023, 1), (2023, 2), (2023, 3)]),
        (datetime.date(2023, 5, 1), [(2023, 1)]),  # nothing before the 2023 SPR's first
    ],
)
def test_the_current_spr_s_quarters_are_today_s_and_the_three_before_it(today, periods):
    assert current_periods(today) == periods


def test_the_journeys_around_the_2016_paper_open_2015_16_q4_as_it_stood_then():
    from assessments.demo import open_march_2016
    from tests.factories import QuarterFactory

    today_s = QuarterFactory(financial_year=2026, number=3, is_open=True)
    quarter = open_march_2016()
    assert (quarter.label, quarter.is_open) == ("2015/16 Q4", True)
    assert (quarter.submission_deadline, quarter.meeting_date) == (
        datetime.date(2016, 3, 11),
        datetime.date(2016, 3, 24),
    )
    today_s.refresh_from_db()
    assert not today_s.is_open
    assert open_march_2016().pk == quarter.pk  # again: the same quarter, still open
    assert list(Quarter.objects.open()) == [quarter]


def test_the_demo_answers_its_own_capability_plan_never_words_of_the_spr(demo_seeded_once):
    """The demo's lines of what the SPR expects are the force's own plan's, cited as such;
    each signed-off Public Disorder self-assessment holds its lead's answers to them."""
    lines = EditionExpectation.objects.all()
    assert lines.count() == 3
    assert all(line.citation.startswith("Force capability plan") for line in lines)
    signed = Assessment.objects.filter(
        threat__slug="public-disorder", status=Status.SIGNED_OFF
    ).select_related("signed_snapshot")
    assert signed.exists()
    for assessment in signed:
        answers = assessment.signed_snapshot.data["expectations"]
        assert [a["answer"] for a in answers] == ["in_place", "partly", "in_place"]
        [figure] = assessment.signed_snapshot.data["figures"]
        assert figure["measure"] == "Public order units available"
        assert figure["against"] == "the force's mobilisation plan"

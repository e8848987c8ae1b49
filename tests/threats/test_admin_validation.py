"""The admin and the quarter form refuse inconsistent editions, threats and quarters, each
with a message that says what is wrong."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from assessments.models import Quarter
from tests.factories import AssessmentFactory, EditionFactory, QuarterFactory, ThreatFactory
from threats.models import NationalThreat, ThreatName


@pytest.fixture
def editions(db):
    return {
        2012: EditionFactory(year=2012, published_on=datetime.date(2012, 7, 26)),
        2015: EditionFactory(year=2015, published_on=datetime.date(2015, 3, 12)),
        2023: EditionFactory(year=2023, published_on=datetime.date(2023, 2, 20)),
    }


def _message(error: ValidationError, field: str) -> str:
    return " ".join(error.message_dict[field])


def test_edition_dates_must_follow_the_years(editions):
    edition = EditionFactory.build(year=2020, published_on=datetime.date(2024, 1, 1))
    with pytest.raises(ValidationError) as refused:
        edition.full_clean()
    assert "must be published before Strategic Policing Requirement 2023" in _message(
        refused.value, "published_on"
    )
    edition.published_on = datetime.date(2014, 1, 1)
    with pytest.raises(ValidationError) as refused:
        edition.full_clean()
    assert "after Strategic Policing Requirement 2015" in _message(refused.value, "published_on")
    edition.published_on = datetime.date(2020, 4, 1)
    edition.full_clean()


def test_a_threat_cannot_be_retired_before_it_was_added(editions):
    threat = ThreatFactory(added_in=editions[2023])
    threat.retired_in = editions[2012]
    with pytest.raises(ValidationError) as refused:
        threat.full_clean()
    assert "can only be retired by a later edition" in _message(refused.value, "retired_in")


def test_a_successor_must_follow_what_it_succeeds(editions):
    public_order = ThreatFactory(name="Public Order", added_in=editions[2012])
    disorder = ThreatFactory(name="Public Disorder", added_in=editions[2012], succeeds=public_order)
    with pytest.raises(ValidationError) as refused:
        disorder.full_clean()
    assert "Public Order must have been added before" in _message(refused.value, "succeeds")
    disorder.added_in = editions[2023]
    with pytest.raises(ValidationError) as refused:
        disorder.full_clean()
    assert "still in force" in _message(refused.value, "succeeds")
    public_order.retired_in = editions[2023]
    public_order.save()
    disorder.full_clean()
    public_order.succeeds = disorder
    with pytest.raises(ValidationError) as refused:
        public_order.full_clean()
    assert "its own successor" in _message(refused.value, "succeeds")


def test_a_name_only_under_the_editions_a_threat_is_in_force(editions):
    threat = ThreatFactory(added_in=editions[2015], retired_in=editions[2023])
    for year, words in ((2012, "was added in"), (2023, "was retired in")):
        with pytest.raises(ValidationError) as refused:
            ThreatName(threat=threat, edition=editions[year], name="Another name").full_clean()
        assert words in _message(refused.value, "edition")
    ThreatName(threat=threat, edition=editions[2015], name="Another name").full_clean()


def _quarter(edition, **dates):
    values = {
        "financial_year": 2024,
        "number": 2,
        "edition": edition,
        "submission_deadline": datetime.date(2024, 9, 13),
        "meeting_date": datetime.date(2024, 9, 26),
    }
    return Quarter(**{**values, **dates})


def test_a_quarter_must_be_under_the_edition_in_force(editions):
    with pytest.raises(ValidationError) as refused:
        _quarter(editions[2012]).full_clean()
    assert "2024/25 Q2 is under Strategic Policing Requirement 2023" in _message(
        refused.value, "edition"
    )
    early = _quarter(editions[2023], financial_year=2021, number=1)
    early.submission_deadline, early.meeting_date = (
        datetime.date(2021, 6, 11),
        datetime.date(2021, 6, 24),
    )
    with pytest.raises(ValidationError) as refused:
        early.full_clean()
    assert "after 2021/22 Q1 ended" in _message(refused.value, "edition")
    _quarter(editions[2023]).full_clean()


def test_a_quarter_deadline_must_fall_in_or_just_after_it(editions):
    quarter = _quarter(editions[2023], submission_deadline=datetime.date(2020, 1, 10))
    with pytest.raises(ValidationError) as refused:
        quarter.full_clean()
    assert "The submission deadline of 2024/25 Q2 must be between 1 July 2024" in _message(
        refused.value, "submission_deadline"
    )


def test_the_admin_refuses_a_threat_retired_before_it_was_added(client, administrator, editions):
    client.force_login(administrator)
    template = ThreatFactory(added_in=editions[2012])
    response = client.post(
        reverse("admin:threats_nationalthreat_add"),
        {
            "name": "Late threat",
            "slug": "late-threat",
            "display_order": 9,
            "added_in": editions[2023].pk,
            "retired_in": editions[2012].pk,
            "owning_department": template.owning_department.pk,
            "chief_officer_lead": template.chief_officer_lead.pk,
            "names-TOTAL_FORMS": 0,
            "names-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "can only be retired by a later edition" in response.content.decode()
    assert not NationalThreat.objects.filter(slug="late-threat").exists()


def test_the_admin_words_a_new_threat_by_the_edition_that_adds_it(client, administrator, editions):
    client.force_login(administrator)
    template = ThreatFactory(added_in=editions[2012])
    response = client.post(
        reverse("admin:threats_nationalthreat_add"),
        {
            "name": "Violence Against Women and Girls",
            "slug": "vawg",
            "display_order": 9,
            "added_in": editions[2023].pk,
            "owning_department": template.owning_department.pk,
            "chief_officer_lead": template.chief_officer_lead.pk,
            "names-TOTAL_FORMS": 0,
            "names-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302
    threat = NationalThreat.objects.get(slug="vawg")
    assert list(threat.names.values_list("edition__year", "name")) == [
        (2023, "Violence Against Women and Girls")
    ]


@pytest.fixture
def assessed_in_the_open_quarter(editions):
    """A threat in force under the 2023 SPR, assessed in its open quarter 2024/25 Q2."""
    threat = ThreatFactory(name="Public Order", added_in=editions[2015])
    open_quarter = QuarterFactory(
        financial_year=2024,
        number=2,
        edition=editions[2023],
        submission_deadline=datetime.date(2024, 9, 13),
        meeting_date=datetime.date(2024, 9, 26),
        is_open=True,
    )
    AssessmentFactory(threat=threat, quarter=open_quarter)
    return threat


RETIRE_REFUSED = (
    "Public Order cannot be retired in Strategic Policing Requirement 2023: it has a "
    "self-assessment for 2024/25 Q2, the open quarter, which would vanish from that quarter's "
    "board and board report"
)


def test_a_threat_assessed_in_the_open_quarter_cannot_be_retired(
    editions, assessed_in_the_open_quarter
):
    threat = assessed_in_the_open_quarter
    threat.retired_in = editions[2023]
    with pytest.raises(ValidationError) as refused:
        threat.full_clean()
    assert RETIRE_REFUSED in _message(refused.value, "retired_in")
    # Its quarters under 2015 are no obstacle to retiring it in a later edition.
    threat.retired_in = EditionFactory(year=2026, published_on=datetime.date(2026, 3, 1))
    threat.full_clean()


def test_the_admin_refuses_that_retirement_and_says_why(
    client, administrator, editions, assessed_in_the_open_quarter
):
    threat = assessed_in_the_open_quarter
    client.force_login(administrator)
    response = client.post(
        reverse("admin:threats_nationalthreat_change", args=[threat.pk]),
        {
            "name": threat.name,
            "slug": threat.slug,
            "display_order": threat.display_order,
            "added_in": editions[2015].pk,
            "retired_in": editions[2023].pk,
            "owning_department": threat.owning_department.pk,
            "chief_officer_lead": threat.chief_officer_lead.pk,
            "names-TOTAL_FORMS": 0,
            "names-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert RETIRE_REFUSED in response.content.decode().replace("&#x27;", "'")
    threat.refresh_from_db()
    assert threat.retired_in is None


def test_the_admin_says_where_a_threat_is_worded(client, administrator, editions):
    threat = ThreatFactory(name="National Cyber Security Incident", added_in=editions[2015])
    ThreatName.objects.create(threat=threat, edition=editions[2015], name=threat.name)
    ThreatName.objects.create(threat=threat, edition=editions[2023], name="National cyber event")
    client.force_login(administrator)
    page = client.get(reverse("admin:threats_nationalthreat_change", args=[threat.pk]))
    words = " ".join(page.content.decode().split())
    assert "to rename the threat, change or add its row under" in words
    assert "Name shown in each quarter" in words
    assert "change it there, not in Name" in words
    assert "Strategic Policing Requirement 2023: “National cyber event”" in words

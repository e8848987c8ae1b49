import pytest
from django.db import IntegrityError

from tests.factories import EditionFactory, ThreatFactory

pytestmark = pytest.mark.django_db


def test_an_edition_lists_the_threats_in_force_then():
    e2012, e2015, e2023 = (EditionFactory(year=y) for y in (2012, 2015, 2023))
    terrorism = ThreatFactory(name="Terrorism", added_in=e2012)
    csa = ThreatFactory(name="Child Sexual Abuse", added_in=e2015)
    vawg = ThreatFactory(name="Violence Against Women and Girls", added_in=e2023)
    retired = ThreatFactory(name="Retired threat", added_in=e2012, retired_in=e2015)

    assert set(e2012.threats()) == {terrorism, retired}
    assert set(e2015.threats()) == {terrorism, csa}
    assert set(e2023.threats()) == {terrorism, csa, vawg}


def test_threat_names_are_unique_in_the_database():
    ThreatFactory(name="Terrorism")
    with pytest.raises(IntegrityError):
        ThreatFactory(name="Terrorism")


def test_an_implausible_edition_year_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        EditionFactory(year=1812)


def test_is_led_by_and_its_sql_answer_as_led_by_does(
    department, other_department, business_lead, other_business_lead, spr_lead
):
    """The owner check under a lock (`is_led_by`, named first, then a stand-in's dates) and
    the same rule in SQL (LED_BY_SQL, a section's save asks it in its locked read) give
    `led_by`'s answer for each department, person and day: a named lead, a stand-in before,
    within and after their dates and once ended early, someone leading nothing, a department
    not yet chosen (None) and nobody signed in."""
    import datetime

    from django.contrib.auth.models import AnonymousUser
    from django.db import connection

    from tests.factories import UserFactory
    from threats.models import LED_BY_SQL, Department, DepartmentStandIn, led_by_sql_params

    acting, ended = UserFactory(username="acting"), UserFactory(username="ended")
    first, last = datetime.date(2016, 3, 3), datetime.date(2016, 3, 5)
    for person, ended_at in (
        (acting, None),
        (ended, datetime.datetime(2016, 3, 4, tzinfo=datetime.UTC)),
    ):
        DepartmentStandIn.objects.create(
            department=other_department,
            person=person,
            starts_on=first,
            ends_on=last,
            ended_at=ended_at,
            ended_by=spr_lead if ended_at else None,
            reason="On leave",
            named_by=spr_lead,
        )
    people = [business_lead, other_business_lead, acting, ended, spr_lead, AnonymousUser()]
    days = [first - datetime.timedelta(days=1), first, last, last + datetime.timedelta(days=1)]
    led_by_sql = LED_BY_SQL.format(department="d.id")
    sql = f"SELECT {led_by_sql} FROM (SELECT CAST(%s AS integer) AS id) d"  # noqa: S608 - ours
    answers = set()
    for person in people:
        for on in days:
            led = set(Department.objects.led_by(person, on).values_list("pk", flat=True))
            for pk in (department.pk, other_department.pk, None):
                answer = Department.objects.is_led_by(pk, person, on)
                assert answer == (pk in led), (person, on, pk)
                with connection.cursor() as cursor:
                    cursor.execute(sql, [*led_by_sql_params(person, on), pk])
                    assert bool(cursor.fetchone()[0]) == answer, ("SQL", person, on, pk)
                answers.add((getattr(person, "username", ""), on, pk, answer))
    # The cases are real: each person is led somewhere on some day, or nowhere at all.
    assert {(name, on) for name, on, _, yes in answers if yes} == {
        *(("lead.owner", on) for on in days),
        *(("lead.other", on) for on in days),
        ("acting", first),
        ("acting", last),
    }

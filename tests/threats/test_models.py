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

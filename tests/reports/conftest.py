"""Fixtures of the board report tests that build once for a class (tests/reports/kept.py)."""

import pytest


@pytest.fixture(scope="class")
def paper_published_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The signed quarter's paper, published once for a class of tests that only read it: the
    signed quarter as built, and the report's id."""
    from tests.reports.kept import signed_quarter_published

    with signed_quarter_published(django_db_blocker, tmp_path_factory.mktemp("media")) as kept:
        yield kept


@pytest.fixture
def published_once(paper_published_once):
    """The paper published once for the class, read again from the database for each test."""
    from reports.models import BoardReport

    return BoardReport.objects.get(pk=paper_published_once[1])


@pytest.fixture
def signed_once(paper_published_once):
    """The signed quarter (its users, threats and quarter) the class's paper was published
    from."""
    return paper_published_once[0]


@pytest.fixture(scope="module")
def paper_of_the_quarter_before_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """What `report_of_the_quarter_before` of tests/conftest.py makes, published once for a
    module of tests that each add to it (its regard, its page): the open quarter's users,
    threats and quarter as built, and the report's id."""
    from tests.reports.kept import build_open_quarter, publish_the_quarter_before
    from tests.world import kept_for_module

    with kept_for_module(django_db_blocker, tmp_path_factory.mktemp("media")):
        built = build_open_quarter()
        yield built, publish_the_quarter_before(built).pk

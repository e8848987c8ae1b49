"""The signed-off quarter of the role fixtures, built once for a class of tests that only read
what is made from it (a published paper, a rendered Word file).

Publishing renders a PDF and a Word file, the dearest thing a test does: a class whose tests
each read the same paper has it published once, by a class-scoped fixture inside
`kept_for_module`'s transaction (rolled back when the class ends). Each test still runs in a
savepoint of its own on top of it and reads its own instances from the database, so what one
test changes, in memory or in the database, never reaches the next. Tests that write a paper
of their own keep the function-scoped fixtures of tests/conftest.py.
"""

from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.auth.models import AbstractUser

from assessments.models import Quarter
from spr_portal.roles import Role
from tests.factories import (
    ChiefOfficerPostFactory,
    DepartmentFactory,
    QuarterFactory,
    ThreatFactory,
    UserFactory,
)
from tests.reports.support import new_report, publish, sign_off, signed_off_quarter_before
from threats.models import NationalThreat


@dataclass(frozen=True)
class SignedQuarter:
    quarter: Quarter
    threat: NationalThreat
    other_threat: NationalThreat
    business_lead: AbstractUser
    other_business_lead: AbstractUser
    spr_lead: AbstractUser


def build_signed_quarter() -> SignedQuarter:
    """What `signed_quarter` of tests/conftest.py makes, with the same users, departments and
    threats by the same names: the open quarter with both threats' assessments signed off."""
    built = build_open_quarter()
    for threat, lead in (
        (built.threat, built.business_lead),
        (built.other_threat, built.other_business_lead),
    ):
        sign_off(threat=threat, quarter=built.quarter, lead=lead, reviewer=built.spr_lead)
    return built


def build_open_quarter() -> SignedQuarter:
    """The role fixtures' users, departments and threats, and the open quarter, before either
    threat's assessment is started (signed off by the caller)."""
    business_lead = UserFactory(username="lead.owner", roles=[Role.BUSINESS_LEAD])
    other_business_lead = UserFactory(username="lead.other", roles=[Role.BUSINESS_LEAD])
    spr_lead = UserFactory(username="acc.security", roles=[Role.SPR_LEAD])
    chief_officer = UserFactory(username="acc.portfolio", roles=[Role.CHIEF_OFFICER_LEAD])
    other_chief_officer = UserFactory(username="acc.elsewhere", roles=[Role.CHIEF_OFFICER_LEAD])
    quarter = QuarterFactory()
    threat = ThreatFactory(
        name="Child Sexual Abuse",
        slug="child-sexual-abuse",
        owning_department=DepartmentFactory(
            name="Public Protection Unit", short_name="PPU", leads=[business_lead]
        ),
        chief_officer_lead=ChiefOfficerPostFactory(title="ACC Crime", holder=chief_officer),
    )
    other_threat = ThreatFactory(
        name="Serious and Organised Crime",
        slug="serious-organised-crime",
        owning_department=DepartmentFactory(
            name="Force CID", short_name="CID", leads=[other_business_lead]
        ),
        chief_officer_lead=ChiefOfficerPostFactory(title="ACC Other", holder=other_chief_officer),
    )
    return SignedQuarter(
        quarter=quarter,
        threat=threat,
        other_threat=other_threat,
        business_lead=business_lead,
        other_business_lead=other_business_lead,
        spr_lead=spr_lead,
    )


def publish_the_quarter_before(signed: SignedQuarter):
    """What `report_of_the_quarter_before` of tests/conftest.py makes: a board report published
    for 2015/16 Q3, when both threats were signed off."""
    leads = (
        (signed.threat, signed.business_lead),
        (signed.other_threat, signed.other_business_lead),
    )
    earlier = signed_off_quarter_before(signed.quarter, leads=leads, reviewer=signed.spr_lead)
    return publish(report=new_report(earlier, signed.spr_lead), actor=signed.spr_lead)


def read_again(instance):
    """The row of a kept instance read afresh from the database: each test's own instance, so
    what one test changes in memory never reaches the next."""
    return type(instance)._default_manager.get(pk=instance.pk)


@contextmanager
def signed_quarter_published(django_db_blocker, media_root):
    """The signed quarter and its paper, published once inside `kept_for_module`'s transaction
    for the tests of a class or module: the signed quarter as built, and the report's id."""
    from tests.world import kept_for_module

    with kept_for_module(django_db_blocker, media_root):
        signed = build_signed_quarter()
        report = publish(report=new_report(signed.quarter, signed.spr_lead), actor=signed.spr_lead)
        yield signed, report.pk

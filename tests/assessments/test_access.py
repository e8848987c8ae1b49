"""Assessment.objects.visible_to / owned_by().editable(): the one access rule, for every role."""

import pytest

from assessments.models import Assessment
from tests.factories import AssessmentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessments(threat, other_threat, quarter, spr_lead):
    draft = AssessmentFactory(threat=threat, quarter=quarter)
    signed = AssessmentFactory(
        threat=other_threat, quarter=quarter, signed_off=True, reviewer=spr_lead
    )
    return draft, signed


@pytest.mark.parametrize(
    ("role_fixture", "sees"),
    [
        ("spr_lead", {"draft", "signed"}),
        ("business_lead", {"draft"}),
        ("other_business_lead", {"signed"}),
        ("chief_officer", {"draft"}),
        ("other_chief_officer", {"signed"}),
        ("pcc_office", {"signed"}),
        ("administrator", set()),
        ("no_role_user", set()),
    ],
)
def test_each_role_sees_only_what_it_needs(request, assessments, role_fixture, sees):
    user = request.getfixturevalue(role_fixture)
    draft, signed = assessments
    names = {"draft": draft, "signed": signed}
    assert set(Assessment.objects.visible_to(user)) == {names[n] for n in sees}


def test_an_anonymous_user_sees_nothing(assessments):
    from django.contrib.auth.models import AnonymousUser

    assert not Assessment.objects.visible_to(AnonymousUser()).exists()


def test_only_the_owning_business_lead_may_edit_and_only_while_editable(
    assessments, business_lead, other_business_lead, spr_lead
):
    draft, signed = assessments
    assert list(Assessment.objects.owned_by(business_lead).editable()) == [draft]
    assert not Assessment.objects.owned_by(other_business_lead).editable().exists()  # signed off
    assert not Assessment.objects.owned_by(spr_lead).editable().exists()


def test_a_user_with_two_roles_sees_the_union_once(assessments, threat, department):
    draft, signed = assessments
    user = UserFactory(roles=["Business lead", "Policing body office"])
    department.leads.add(user)
    assert sorted(a.pk for a in Assessment.objects.visible_to(user)) == sorted(
        [draft.pk, signed.pk]
    )

"""factory_boy factories for every model the tests build."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from assessments.choices import EvidenceSource
from assessments.items import GRADED_ITEMS
from assessments.models import Assessment, ImprovementAction, Quarter
from spr_portal.roles import Role
from threats.models import ChiefOfficerPost, Department, NationalThreat, SprEdition

TEST_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.invalid")
    password = factory.django.Password(TEST_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or []:
            self.groups.add(Group.objects.get_or_create(name=Role(role).value)[0])


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SprEdition
        django_get_or_create = ["year"]

    year = 2015
    title = factory.LazyAttribute(lambda e: f"Strategic Policing Requirement {e.year}")


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ["short_name"]
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Department {n}")
    short_name = factory.Sequence(lambda n: f"D{n}")

    @factory.post_generation
    def leads(self, create, extracted, **kwargs):
        for user in extracted or []:
            self.leads.add(user)


class ChiefOfficerPostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChiefOfficerPost
        django_get_or_create = ["title"]

    title = factory.Sequence(lambda n: f"ACC Portfolio {n}")


class ThreatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NationalThreat

    name = factory.Sequence(lambda n: f"National threat {n}")
    slug = factory.Sequence(lambda n: f"threat-{n}")
    display_order = factory.Sequence(lambda n: n)
    added_in = factory.SubFactory(EditionFactory)
    owning_department = factory.SubFactory(DepartmentFactory)
    chief_officer_lead = factory.SubFactory(ChiefOfficerPostFactory)


class QuarterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quarter
        django_get_or_create = ["financial_year", "number"]

    financial_year = 2015
    number = 4
    edition = factory.SubFactory(EditionFactory)
    submission_deadline = datetime.date(2016, 3, 11)
    meeting_date = datetime.date(2016, 3, 24)
    # Open, unless another quarter already is: the database allows one open quarter.
    is_open = factory.LazyFunction(lambda: not Quarter.objects.filter(is_open=True).exists())


def complete_content(grade: int = 4) -> dict:
    """Field values that make an assessment complete enough to submit."""
    data = {}
    for item in GRADED_ITEMS:
        data[item.grade_field] = grade
        data[item.narrative_field] = f"The force has what it needs for {item.label.lower()} now."
    data["evidence_sources"] = [EvidenceSource.OPERATIONAL_EXPERIENCE.value]
    data["summary"] = "The force is in a good position against this national threat this quarter."
    return data


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    threat = factory.SubFactory(ThreatFactory)
    quarter = factory.SubFactory(QuarterFactory)
    created_by = factory.SubFactory(UserFactory)

    class Params:
        complete = factory.Trait(**complete_content())


class ImprovementActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImprovementAction

    raised_in = factory.SubFactory(AssessmentFactory)
    threat = factory.SelfAttribute("raised_in.threat")
    description = factory.Sequence(lambda n: f"Improvement action {n}")
    owner = "Head of department"
    due_date = datetime.date(2016, 6, 30)
    created_by = factory.SelfAttribute("raised_in.created_by")

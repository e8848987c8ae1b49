"""factory_boy factories for every model the tests build."""

import datetime

import factory
from django.contrib.auth import get_user_model

from assessments import services
from assessments.choices import EvidenceSource, Status
from assessments.demo import opened_alone
from assessments.items import GRADED_ITEMS
from assessments.models import Assessment, ImprovementAction, Quarter
from spr_portal.roles import Role, roles_of
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
            self.role_assignments.get_or_create(role=Role(role).value)
        self._spr_roles = None


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


RETURN_COMMENT = "Give the number of trained specialist officers, not only the teams."


def owning_lead(threat):
    """A business lead of the threat's owning department: the first one, or a new one."""
    department = threat.owning_department
    for user in department.leads.order_by("pk"):
        if Role.BUSINESS_LEAD in roles_of(user):
            return user
    user = UserFactory(roles=[Role.BUSINESS_LEAD])
    department.leads.add(user)
    return user


def default_reviewer():
    """The SPR lead of tests/conftest.py's `spr_lead` fixture (same username, so the same user)."""
    return UserFactory(username="acc.security", roles=[Role.SPR_LEAD])


class AssessmentFactory(factory.django.DjangoModelFactory):
    """A self-assessment in the state a trait names, reached through the real workflow services.

    `AssessmentFactory()` is a draft row; `complete=True` fills it enough to submit;
    `submitted=True`, `returned=True` and `signed_off=True` then call assessment_submit,
    assessment_return and assessment_sign_off, so the snapshot, its fingerprint, the review
    comment and the workflow events are exactly what the app records. `lead` (default: a
    business lead of the owning department) submits; `reviewer` (default: the `spr_lead`
    fixture's user) returns or signs off; `return_comment` is the overall return comment.
    The draft row is made directly, so a closed quarter is fine (assessment_start refuses it).
    """

    class Meta:
        model = Assessment

    threat = factory.SubFactory(ThreatFactory)
    quarter = factory.SubFactory(QuarterFactory)
    created_by = factory.SubFactory(UserFactory)
    # Not fields: _create takes them out (Meta.exclude would hide them from _create too).
    state = Status.DRAFT
    lead = None
    reviewer = None
    return_comment = RETURN_COMMENT

    class Params:
        complete = factory.Trait(**complete_content())
        submitted = factory.Trait(complete=True, state=Status.SUBMITTED)
        returned = factory.Trait(complete=True, state=Status.RETURNED)
        signed_off = factory.Trait(complete=True, state=Status.SIGNED_OFF)

    @classmethod
    def _create(cls, model_class, *args, state, lead, reviewer, return_comment, **kwargs):
        assessment = super()._create(model_class, *args, **kwargs)
        if state == Status.DRAFT:
            return assessment
        # A closed quarter refuses a submission: open it alone for the lead's part.
        with opened_alone(assessment.quarter):
            assessment = services.assessment_submit(
                assessment=assessment, actor=lead or owning_lead(assessment.threat)
            )
        reviewer = reviewer or default_reviewer()
        if state == Status.RETURNED:
            return services.assessment_return(
                assessment=assessment, actor=reviewer, comment=return_comment
            )
        if state == Status.SIGNED_OFF:
            return services.assessment_sign_off(assessment=assessment, actor=reviewer)
        return assessment

    @classmethod
    def _build(cls, model_class, *args, state, lead, reviewer, return_comment, **kwargs):
        if state != Status.DRAFT:
            raise TypeError("Only a draft can be built without saving; use create().")
        return super()._build(model_class, *args, **kwargs)


class ImprovementActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImprovementAction

    raised_in = factory.SubFactory(AssessmentFactory)
    threat = factory.SelfAttribute("raised_in.threat")
    description = factory.Sequence(lambda n: f"Improvement action {n}")
    owner = "Head of department"
    due_date = datetime.date(2016, 6, 30)
    created_by = factory.SelfAttribute("raised_in.created_by")

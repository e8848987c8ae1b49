"""What a reopening, a submission after it and the opening of a quarter tell people by e-mail:
the business leads hear of a reopening with its reason, the people who may sign off hear of
every submission, each business lead hears what is due when a quarter opens; each kind can be
turned off, per person, on the e-mail settings page; and each is written in the force's own
words (the mayoral profile carries none of the demo force's)."""

import datetime

import pytest
from django.core import mail

from accounts.models import EmailOptOut, Notice
from assessments import services
from assessments.choices import Status
from assessments.demo import opened_alone
from assessments.services.quarters import quarter_close, quarter_create, quarter_open
from audit.models import AuditAction, AuditEvent
from spr_portal.roles import Role
from tests.factories import AssessmentFactory, UserFactory
from tests.test_force_profile_pages import demo_words_in
from threats.demo import MAYORAL_FORCE_PROFILE
from threats.models import ForceProfile

pytestmark = pytest.mark.django_db

REASON = "The summary gives last year's figure for trained officers: correct it to 212."


def _to(outbox) -> list[str]:
    return sorted(address for message in outbox for address in message.to)


@pytest.fixture
def second_lead(department):
    lead = UserFactory(username="lead.second", roles=[Role.BUSINESS_LEAD])
    department.leads.add(lead)
    return lead


@pytest.fixture
def signed_off(threat, quarter, business_lead, spr_lead):
    return AssessmentFactory(threat=threat, quarter=quarter, signed_off=True, lead=business_lead)


def _reopen(assessment, spr_lead, captured):
    with captured(execute=True):
        return services.assessment_reopen(assessment=assessment, actor=spr_lead, reason=REASON)


def test_a_reopening_tells_each_business_lead_the_reason_unless_they_turned_it_off(
    signed_off,
    spr_lead,
    business_lead,
    second_lead,
    other_business_lead,
    django_capture_on_commit_callbacks,
):
    EmailOptOut.objects.create(user=second_lead, notice=Notice.REOPENED)
    _reopen(signed_off, spr_lead, django_capture_on_commit_callbacks)
    assert _to(mail.outbox) == [business_lead.email]
    message = mail.outbox[0]
    assert message.subject == "[OFFICIAL-SENSITIVE] Reopened: Child Sexual Abuse, 2015/16 Q4"
    assert f"{spr_lead.get_full_name()} reopened the 2015/16 Q4 self-assessment" in message.body
    # The reason is review text: a link to it, unless the force profile allows it in e-mails.
    assert REASON not in message.body and REASON not in message.alternatives[0].content
    assert "Read their reason in SPR Portal." in message.body
    assert f"/my-assessments/{signed_off.pk}/" in message.body
    assert "on your e-mail settings page.\n" in message.body  # it can be turned off
    # The step is on the audit trail with its reason, as every workflow step is.
    event = AuditEvent.objects.get(action=AuditAction.ASSESSMENT_REOPENED)
    assert event.reason == REASON and event.actor == spr_lead


def test_the_resubmission_after_a_reopening_tells_who_may_sign_it_off(
    signed_off, spr_lead, business_lead, django_capture_on_commit_callbacks
):
    second = UserFactory(username="spr.second", roles=[Role.SPR_LEAD])
    quiet = UserFactory(username="spr.quiet", roles=[Role.SPR_LEAD])
    EmailOptOut.objects.create(user=quiet, notice=Notice.RESUBMITTED)
    # Turning off first submissions leaves this one on: it is the other kind.
    EmailOptOut.objects.create(user=second, notice=Notice.SUBMITTED)
    reopened = _reopen(signed_off, spr_lead, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.assessment_submit(assessment=reopened, actor=business_lead)
    assert _to(mail.outbox) == sorted([spr_lead.email, second.email])
    message = mail.outbox[0]
    assert (
        message.subject
        == "[OFFICIAL-SENSITIVE] Submitted again for review: Child Sexual Abuse, 2015/16 Q4"
    )
    assert "after it was reopened and submitted it again for review" in message.body
    assert f"/assessments/{signed_off.pk}/review/" in message.body


def test_a_first_submission_goes_to_each_signatory_who_has_not_turned_it_off(
    threat, quarter, business_lead, spr_lead, django_capture_on_commit_callbacks
):
    quiet = UserFactory(username="spr.quiet", roles=[Role.SPR_LEAD])
    EmailOptOut.objects.create(user=quiet, notice=Notice.SUBMITTED)
    assessment = AssessmentFactory(threat=threat, quarter=quarter, complete=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.assessment_submit(assessment=assessment, actor=business_lead)
    assert _to(mail.outbox) == [spr_lead.email]
    assert (
        mail.outbox[0].subject
        == "[OFFICIAL-SENSITIVE] Submitted for review: Child Sexual Abuse, 2015/16 Q4"
    )
    assert f"{business_lead.get_full_name()} submitted the 2015/16 Q4" in mail.outbox[0].body


@pytest.fixture
def next_quarter(quarter, spr_lead, threat, other_threat):
    """2016/17 Q1 created (closed), with 2015/16 Q4 closed so that it may be opened."""
    quarter_close(quarter=quarter, actor=spr_lead)
    return quarter_create(
        actor=spr_lead,
        financial_year=2016,
        number=1,
        edition=quarter.edition,
        submission_deadline=datetime.date(2016, 6, 10),
        meeting_date=datetime.date(2016, 6, 24),
    )


def test_opening_a_quarter_tells_each_business_lead_what_is_due_and_when(
    next_quarter,
    spr_lead,
    business_lead,
    second_lead,
    other_business_lead,
    django_capture_on_commit_callbacks,
):
    EmailOptOut.objects.create(user=second_lead, notice=Notice.QUARTER_OPENED)
    gone = UserFactory(username="lead.gone", roles=[Role.BUSINESS_LEAD], is_active=False)
    next_quarter.edition.threats().get(name="Child Sexual Abuse").owning_department.leads.add(gone)
    with django_capture_on_commit_callbacks(execute=True):
        quarter_open(quarter=next_quarter, actor=spr_lead)
    assert _to(mail.outbox) == sorted([business_lead.email, other_business_lead.email])
    mine = next(m for m in mail.outbox if m.to == [business_lead.email])
    assert (
        mine.subject == "[OFFICIAL-SENSITIVE] "
        "Open for submissions: SPR self-assessments for 2016/17 Q1, due by 10 June 2016"
    )
    assert "are due by 10 June 2016, ahead of the quarterly meeting on 24 June 2016:" in mine.body
    assert "- Child Sexual Abuse: Not started" in mine.body
    assert "Serious and Organised Crime" not in mine.body  # another department's
    assert "/my-assessments/" in mine.body
    assert "West Midlands Police" in mine.body  # the force profile's name (the demo's here)
    assert AuditEvent.objects.filter(action=AuditAction.QUARTER_OPENED).count() == 1


def test_opening_a_quarter_again_tells_only_the_leads_with_something_still_to_submit(
    next_quarter,
    spr_lead,
    business_lead,
    other_business_lead,
    threat,
    other_threat,
    django_capture_on_commit_callbacks,
):
    quarter_open(quarter=next_quarter, actor=spr_lead)
    AssessmentFactory(threat=threat, quarter=next_quarter, submitted=True, lead=business_lead)
    AssessmentFactory(threat=other_threat, quarter=next_quarter, lead=other_business_lead)
    quarter_close(quarter=next_quarter, actor=spr_lead)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        quarter_open(quarter=next_quarter, actor=spr_lead)
    assert _to(mail.outbox) == [other_business_lead.email]
    assert "- Serious and Organised Crime: Draft" in mail.outbox[0].body


def test_each_new_e_mail_speaks_of_the_mayoral_force_in_its_own_words(
    next_quarter, spr_lead, business_lead, threat, django_capture_on_commit_callbacks
):
    ForceProfile.objects.all().delete()
    ForceProfile.objects.create(**MAYORAL_FORCE_PROFILE, review_text_in_emails=True)
    with django_capture_on_commit_callbacks(execute=True):
        quarter_open(quarter=next_quarter, actor=spr_lead)
        with opened_alone(next_quarter):
            assessment = AssessmentFactory(
                threat=threat, quarter=next_quarter, signed_off=True, lead=business_lead
            )
        reopened = services.assessment_reopen(assessment=assessment, actor=spr_lead, reason=REASON)
        with opened_alone(next_quarter):
            services.assessment_submit(assessment=reopened, actor=business_lead)
    subjects = {
        message.subject.removeprefix("[OFFICIAL-SENSITIVE] ").split(":")[0]
        for message in mail.outbox
    }
    assert {
        "Open for submissions",
        "Submitted for review",
        "Reopened",
        "Submitted again for review",
    } <= subjects
    opened = next(
        m for m in mail.outbox if m.subject.startswith("[OFFICIAL-SENSITIVE] Open for submissions")
    )
    assert MAYORAL_FORCE_PROFILE["force_name"] in opened.body
    # This force lets the e-mails quote review text: the reopening gives its reason.
    told = next(m for m in mail.outbox if "] Reopened:" in m.subject)
    assert f"Their reason:\n\n{REASON}\n" in told.body
    assert REASON.replace("'", "&#x27;") in told.alternatives[0].content
    assert [
        (message.subject, word)
        for message in mail.outbox
        for word in demo_words_in(f"{message.subject}\n{message.body}")
    ] == []
    reopened.refresh_from_db()
    assert reopened.status == Status.SUBMITTED


def test_opening_a_quarter_tells_a_department_s_stand_in_too(
    next_quarter, spr_lead, business_lead, department, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    from threats.models import DepartmentStandIn

    stand_in = UserFactory(username="lead.acting", email="acting@example.police.uk")
    today = timezone.localdate()
    DepartmentStandIn.objects.create(
        department=department,
        person=stand_in,
        starts_on=today,
        ends_on=today + datetime.timedelta(days=30),
        reason="The lead is on leave for a month.",
        named_by=spr_lead,
    )
    with django_capture_on_commit_callbacks(execute=True):
        quarter_open(quarter=next_quarter, actor=spr_lead)
    told = {m.to[0] for m in mail.outbox}
    assert {business_lead.email, stand_in.email} <= told
    acting = next(m for m in mail.outbox if m.to == [stand_in.email])
    assert "- Child Sexual Abuse: Not started" in acting.body

"""The e-mails each workflow step sends: who gets what, one per person per event, only after
the step commits, opt-outs honoured, and a return always sent."""

import pytest
from django.core import mail
from django.db import transaction

from accounts.models import OPTIONAL_NOTICES, EmailOptOut, Notice
from assessments import services
from assessments.demo import opened_alone
from spr_portal.roles import Role
from tests.factories import AssessmentFactory, UserFactory
from tests.reports.support import new_report, publish
from threats.demo import FORCE_PROFILE
from threats.models import ForceProfile


def _to(outbox) -> list[str]:
    return sorted(address for message in outbox for address in message.to)


@pytest.fixture
def second_lead(department):
    lead = UserFactory(username="lead.second", roles=[Role.BUSINESS_LEAD])
    department.leads.add(lead)
    return lead


@pytest.fixture
def submitted(threat, quarter, business_lead, spr_lead):
    return AssessmentFactory(threat=threat, quarter=quarter, submitted=True, lead=business_lead)


def _return(assessment, spr_lead):
    return services.assessment_return(
        assessment=assessment,
        actor=spr_lead,
        comment="Say how many officers are trained.",
        section_comments={"risks": "Name the biggest risk.", "capacity_local": "How many?"},
    )


def test_a_return_tells_each_business_lead_of_the_owning_department_once(
    submitted,
    spr_lead,
    business_lead,
    second_lead,
    other_business_lead,
    chief_officer,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        _return(submitted, spr_lead)
    assert _to(mail.outbox) == sorted([business_lead.email, second_lead.email])
    message = mail.outbox[0]
    assert (
        message.subject
        == "[OFFICIAL-SENSITIVE] Returned for revision: Child Sexual Abuse, 2015/16 Q4"
    )
    # The review text is OFFICIAL-SENSITIVE: by default the e-mail gives a link, not the text.
    assert "OFFICIAL-SENSITIVE" == message.body.splitlines()[0]
    assert "Read their comments in SPR Portal." in message.body
    for text in ("Say how many officers are trained.", "How many?", "Name the biggest risk."):
        assert text not in message.body
        assert text not in message.alternatives[0].content
    assert f"/my-assessments/{submitted.pk}/" in message.body
    assert "West Midlands" not in message.body and "PCC" not in message.body


def test_a_return_quotes_the_comments_where_the_force_profile_allows_it(
    submitted, spr_lead, business_lead, django_capture_on_commit_callbacks
):
    ForceProfile.objects.create(**{**FORCE_PROFILE, "review_text_in_emails": True})
    with django_capture_on_commit_callbacks(execute=True):
        _return(submitted, spr_lead)
    message = mail.outbox[0]
    assert "Say how many officers are trained." in message.body
    assert "On the sections:\n- Capacity – local: How many?\n- Risks: Name the biggest risk." in (
        message.body
    )
    html = message.alternatives[0].content
    assert '<li style="margin:0 0 5px;">Capacity – local: How many?</li>' in html


def test_a_return_goes_even_to_a_lead_who_turned_everything_off(
    submitted, spr_lead, business_lead, django_capture_on_commit_callbacks
):
    for notice in OPTIONAL_NOTICES:
        EmailOptOut.objects.create(user=business_lead, notice=notice)
    with django_capture_on_commit_callbacks(execute=True):
        _return(submitted, spr_lead)
    assert _to(mail.outbox) == [business_lead.email]
    assert "this one always goes" in mail.outbox[0].body


def test_a_return_cannot_be_turned_off_even_in_the_database(business_lead):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError), transaction.atomic():
        EmailOptOut.objects.create(user=business_lead, notice=Notice.RETURNED)


def test_a_submission_and_a_resubmission_tell_who_may_sign_it_off(
    threat,
    quarter,
    department,
    other_department,
    business_lead,
    spr_lead,
    django_capture_on_commit_callbacks,
):
    second = UserFactory(username="spr.second", roles=[Role.SPR_LEAD])
    UserFactory(username="spr.gone", roles=[Role.SPR_LEAD], is_active=False)
    # Business leads with the SPR lead role: only a named deputy of the quarter signs off,
    # and never for a threat their own department owns.
    deputy = UserFactory(username="spr.deputy", roles=[Role.SPR_LEAD, Role.BUSINESS_LEAD])
    other_department.leads.add(deputy)
    not_named = UserFactory(username="spr.not.named", roles=[Role.SPR_LEAD, Role.BUSINESS_LEAD])
    other_department.leads.add(not_named)
    owner_deputy = UserFactory(username="spr.owner", roles=[Role.SPR_LEAD, Role.BUSINESS_LEAD])
    department.leads.add(owner_deputy)
    quarter.deputies.add(deputy, owner_deputy)
    assessment = AssessmentFactory(threat=threat, quarter=quarter, complete=True)
    with django_capture_on_commit_callbacks(execute=True):
        assessment = services.assessment_submit(assessment=assessment, actor=business_lead)
    # A first submission, as a resubmission, goes to each person who may sign it off.
    assert _to(mail.outbox) == sorted([spr_lead.email, second.email, deputy.email])
    assert (
        mail.outbox[0].subject
        == "[OFFICIAL-SENSITIVE] Submitted for review: Child Sexual Abuse, 2015/16 Q4"
    )
    assert f"/assessments/{assessment.pk}/review/" in mail.outbox[0].body
    assessment = _return(assessment, spr_lead)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), opened_alone(quarter):
        services.assessment_submit(assessment=assessment, actor=business_lead)
    assert _to(mail.outbox) == sorted([spr_lead.email, second.email, deputy.email])
    assert (
        mail.outbox[0].subject
        == "[OFFICIAL-SENSITIVE] Submitted again for review: Child Sexual Abuse, 2015/16 Q4"
    )
    assert f"/assessments/{assessment.pk}/review/" in mail.outbox[0].body


def test_a_sign_off_tells_the_business_leads_except_those_who_turned_it_off(
    submitted, spr_lead, business_lead, second_lead, django_capture_on_commit_callbacks
):
    EmailOptOut.objects.create(user=second_lead, notice=Notice.SIGNED_OFF)
    with django_capture_on_commit_callbacks(execute=True):
        services.assessment_sign_off(assessment=submitted, actor=spr_lead)
    assert _to(mail.outbox) == [business_lead.email]
    assert (
        mail.outbox[0].subject == "[OFFICIAL-SENSITIVE] Signed off: Child Sexual Abuse, 2015/16 Q4"
    )


def test_a_publication_tells_the_policing_body_office_and_the_chief_officer_leads(
    signed_quarter,
    spr_lead,
    pcc_office,
    chief_officer,
    other_chief_officer,
    business_lead,
    django_capture_on_commit_callbacks,
):
    both = UserFactory(
        username="acc.both", roles=[Role.CHIEF_OFFICER_LEAD, Role.POLICING_BODY_OFFICE]
    )
    EmailOptOut.objects.create(user=other_chief_officer, notice=Notice.PUBLISHED)
    report = new_report(signed_quarter, spr_lead)
    with django_capture_on_commit_callbacks(execute=True):
        publish(report=report, actor=spr_lead)
    assert _to(mail.outbox) == sorted([pcc_office.email, chief_officer.email, both.email])
    assert (
        mail.outbox[0].subject == "[OFFICIAL-SENSITIVE] Published: SPR board report for 2015/16 Q4"
    )
    assert f"/reports/{report.pk}/" in mail.outbox[0].body


def test_a_rolled_back_step_sends_nothing(
    submitted, spr_lead, business_lead, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            _return(submitted, spr_lead)
            raise RuntimeError("something later in the request failed")
    assert callbacks == []
    assert mail.outbox == []


def test_a_mail_server_failure_does_not_undo_the_step_nor_stop_the_others(
    submitted,
    spr_lead,
    business_lead,
    second_lead,
    django_capture_on_commit_callbacks,
    monkeypatch,
):
    from django.core.mail import EmailMessage

    real_send = EmailMessage.send

    def flaky(message, *args, **kwargs):
        if message.to == [business_lead.email]:
            raise ConnectionRefusedError("mail server down")
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(EmailMessage, "send", flaky)
    with django_capture_on_commit_callbacks(execute=True):
        _return(submitted, spr_lead)
    submitted.refresh_from_db()
    assert submitted.status == "returned"
    assert _to(mail.outbox) == [second_lead.email]


def test_a_deployment_without_a_mail_server_still_completes_the_step(
    submitted, spr_lead, django_capture_on_commit_callbacks, settings, caplog
):
    # Production settings with no EMAIL_HOST: Django refuses to build the SMTP connection.
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        _return(submitted, spr_lead)
    submitted.refresh_from_db()
    assert submitted.status == "returned"
    assert "E-mail is not set up" in caplog.text

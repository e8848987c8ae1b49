"""The policing body's regard to a published paper: the office records receipt, questions and
its conclusion; the SPR lead is told of a question (respecting their e-mail settings and the
force's choice about quoting text) and answers it in the portal; every step is dated,
attributed, shown in order on the paper's page and on the audit trail."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.models import EmailOptOut, Notice
from audit.models import AuditAction, AuditEvent
from reports.assurance_models import RegardConclusion, RegardEntry, RegardKind
from reports.models import BoardReport
from reports.services.regard import regard_answer, regard_record
from tests.databases import postgresql_only
from tests.reports.kept import read_again
from tests.reports.support import new_report, publish
from threats.demo import FORCE_PROFILE
from threats.force_profile import ForceProfile

pytestmark = pytest.mark.django_db

QUESTION = "How will the force close the gap in local capacity before the next report?"


@pytest.fixture
def paper(paper_of_the_quarter_before_once):
    """The paper of the quarter before, published once for the module (rendering it is the
    dearest step) and read again for each test, which adds its regard in its own savepoint."""
    return BoardReport.objects.get(pk=paper_of_the_quarter_before_once[1])


@pytest.fixture
def threat(paper_of_the_quarter_before_once):
    return read_again(paper_of_the_quarter_before_once[0].threat)


@pytest.fixture
def other_threat(paper_of_the_quarter_before_once):
    return read_again(paper_of_the_quarter_before_once[0].other_threat)


def _question(paper, pcc_office, text=QUESTION):
    return regard_record(report=paper, actor=pcc_office, kind=RegardKind.QUESTION, text=text)


def test_the_whole_exchange_is_recorded_in_order_dated_and_attributed(
    paper, pcc_office, spr_lead, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        receipt = regard_record(report=paper, actor=pcc_office, kind=RegardKind.RECEIPT)
        question = _question(paper, pcc_office)
        answer = regard_answer(question=question, actor=spr_lead, text="Two officers join in May.")
        conclusion = regard_record(
            report=paper,
            actor=pcc_office,
            kind=RegardKind.CONCLUSION,
            conclusion=RegardConclusion.FURTHER_ASSURANCE,
            text="We will ask again next quarter.",
        )
    entries = list(RegardEntry.objects.filter(report=paper).in_order())
    assert entries == [receipt, question, answer, conclusion]
    assert answer.answer_to == question and answer.author == spr_lead
    assert [e.author_name for e in entries[:2]] == [pcc_office.get_full_name() or "pcc.office"] * 2
    audit = AuditEvent.objects.filter(
        action__in=[AuditAction.REGARD_RECORDED, AuditAction.REGARD_ANSWERED], object_id=paper.pk
    )
    assert audit.count() == 4
    assert audit.filter(summary__contains="Further assurance sought").exists()


def test_a_question_is_e_mailed_to_the_spr_lead_without_its_text_unless_the_force_allows_it(
    paper, pcc_office, spr_lead, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _question(paper, pcc_office)
    assert [m.to for m in mail.outbox] == [[spr_lead.email]]
    body = mail.outbox[0].body
    assert QUESTION not in body and "does not quote it" in body
    assert reverse("reports:report_detail", args=[paper.pk]) in body
    ForceProfile.objects.create(**{**FORCE_PROFILE, "review_text_in_emails": True})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _question(paper, pcc_office, text="A second question?")
    assert "A second question?" in mail.outbox[0].body


def test_an_spr_lead_who_turned_these_e_mails_off_is_not_sent_one(
    paper, pcc_office, spr_lead, django_capture_on_commit_callbacks
):
    EmailOptOut.objects.create(user=spr_lead, notice=Notice.REGARD)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _question(paper, pcc_office)
    assert mail.outbox == []


def test_the_question_waits_on_the_spr_lead_s_home_page_until_answered(
    client, paper, pcc_office, spr_lead
):
    question = _question(paper, pcc_office)
    client.force_login(spr_lead)
    page = client.get(reverse("home")).content.decode()
    answer_url = reverse("reports:regard_answer", args=[paper.pk, question.pk])
    assert answer_url in page
    regard_answer(question=question, actor=spr_lead, text="Answered.")
    assert answer_url not in client.get(reverse("home")).content.decode()


def test_only_the_office_records_and_only_the_spr_lead_answers(
    paper, pcc_office, spr_lead, chief_officer, business_lead
):
    for person in (spr_lead, chief_officer, business_lead):
        with pytest.raises(PermissionDenied):
            regard_record(report=paper, actor=person, kind=RegardKind.RECEIPT)
    question = _question(paper, pcc_office)
    for person in (pcc_office, chief_officer, business_lead):
        with pytest.raises(PermissionDenied):
            regard_answer(question=question, actor=person, text="No.")


def test_bad_steps_are_refused_with_their_reason(paper, pcc_office, spr_lead, quarter):
    with pytest.raises(ValidationError) as refused:
        regard_record(report=paper, actor=pcc_office, kind=RegardKind.QUESTION, text="  ")
    assert "Enter your question" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        regard_record(report=paper, actor=pcc_office, kind=RegardKind.CONCLUSION)
    assert "Choose the conclusion" in str(refused.value)
    with pytest.raises(ValidationError):
        regard_record(report=paper, actor=pcc_office, kind=RegardKind.ANSWER, text="x")
    regard_record(report=paper, actor=pcc_office, kind=RegardKind.RECEIPT)
    with pytest.raises(ValidationError) as refused:
        regard_record(report=paper, actor=pcc_office, kind=RegardKind.RECEIPT)
    assert "already recorded" in str(refused.value)
    question = _question(paper, pcc_office)
    regard_answer(question=question, actor=spr_lead, text="Once.")
    with pytest.raises(ValidationError) as refused:
        regard_answer(question=question, actor=spr_lead, text="Twice.")
    assert "already been answered" in str(refused.value)
    draft = new_report(quarter, spr_lead)
    with pytest.raises(ValidationError):
        regard_record(report=draft, actor=pcc_office, kind=RegardKind.RECEIPT)


def test_the_paper_s_page_shows_the_exchange_to_those_who_need_it_and_not_to_others(
    client, paper, pcc_office, spr_lead, chief_officer, business_lead
):
    question = _question(paper, pcc_office)
    regard_answer(question=question, actor=spr_lead, text="The answer of the force.")
    url = reverse("reports:report_detail", args=[paper.pk])
    for person in (pcc_office, spr_lead, chief_officer):
        client.force_login(person)
        page = client.get(url).content.decode()
        assert QUESTION in page and "The answer of the force." in page, person
        assert page.index(QUESTION) < page.index("The answer of the force.")
    client.force_login(business_lead)
    page = client.get(url).content.decode()
    assert client.get(url).status_code == 200
    assert QUESTION not in page and 'id="regard"' not in page


def test_the_office_records_through_the_form_with_the_error_summary_and_nothing_lost(
    client, paper, pcc_office
):
    client.force_login(pcc_office)
    url = reverse("reports:regard_record", args=[paper.pk])
    response = client.post(url, {"kind": "conclusion", "text": "Kept text"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page and "Choose the conclusion" in page
    assert "Kept text" in page
    response = client.post(url, {"kind": "nonsense"})
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()
    response = client.post(url, {"kind": "question", "text": "x" * 5001})
    assert "5,000 characters" in response.content.decode()
    response = client.post(url, {"kind": "question", "text": QUESTION})
    assert response.status_code == 302
    assert RegardEntry.objects.filter(report=paper, kind=RegardKind.QUESTION).count() == 1


def test_the_spr_lead_answers_through_the_form(client, paper, pcc_office, spr_lead):
    question = _question(paper, pcc_office)
    client.force_login(spr_lead)
    url = reverse("reports:regard_answer", args=[paper.pk, question.pk])
    response = client.post(url, {"text": ""})
    assert "Enter the force&#x27;s answer" in response.content.decode()
    response = client.post(url, {"text": "Our answer."})
    assert response.status_code == 302
    assert question.answers.get().text == "Our answer."
    # Answered: the page says so and offers no form.
    page = client.get(url).content.decode()
    assert "already been answered" in page and "<textarea" not in page


def test_a_second_paper_s_question_cannot_be_answered_through_the_first(
    client, paper, pcc_office, spr_lead, quarter, threat, other_threat
):
    question = _question(paper, pcc_office)
    other = publish(report=new_report(paper.quarter, spr_lead), actor=spr_lead)
    client.force_login(spr_lead)
    url = reverse("reports:regard_answer", args=[other.pk, question.pk])
    assert client.get(url).status_code == 404


@postgresql_only
def test_on_postgresql_the_exchange_is_only_ever_added_to(paper, pcc_office):
    question = _question(paper, pcc_office)
    for attempt in (
        lambda: RegardEntry.objects.filter(pk=question.pk).update(text="Rewritten"),
        lambda: RegardEntry.objects.filter(pk=question.pk).delete(),
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            attempt()

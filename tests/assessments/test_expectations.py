"""What the SPR expects, answered on the self-assessment: only by whoever may edit it, while it
is a draft or returned; every answer with its evidence; all or nothing; a save from an older
page refused; audited; and signed with the line's words and source as they stood, so a line
changed later leaves what was signed (and the record of it) as it was."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments import services
from assessments.demo import opened_alone
from assessments.integrity import signed_content_problems
from assessments.models import ContributionFigure, ExpectationAnswer
from assessments.selectors.expectations import checklist_progress, expectations_of, figures_of
from assessments.services.expectation_setup import expectation_add, expectation_change, measure_add
from assessments.services.expectations import (
    NEGATIVE,
    NO_ANSWER,
    NO_EVIDENCE,
    NO_FIGURE,
    NOT_A_LINE,
    NOT_A_NUMBER,
    FigurePosted,
    Posted,
    checklist_save,
    expectation_answers_save,
)
from assessments.snapshots import build_snapshot, fingerprint
from assessments.workflow import TransitionNotAllowed
from audit.models import AuditAction, AuditEvent
from spr_portal.concurrency import ConcurrentEdit
from tests import html
from tests.assessments.lead_support import past_quarter, submitted_now
from tests.databases import postgresql_only
from tests.tamper import tamper

pytestmark = pytest.mark.django_db

EVIDENCE = "Two public order units on standby every weekend; rota held by the duty planner."


@pytest.fixture
def lines(threat, quarter, administrator):
    edition = quarter.edition
    return [
        expectation_add(
            actor=administrator,
            threat=threat,
            edition=edition,
            level=level,
            wording=wording,
            citation=citation,
        )
        for level, wording, citation in (
            (
                "local",
                "Trained staff to run the force's own response.",
                "Force capability plan, 2.1",
            ),
            ("regional", "A share of the regional response.", "Force capability plan, 2.2"),
        )
    ]


def answer(assessment, actor, line, value="in_place", evidence=EVIDENCE, revision=0):
    return expectation_answers_save(
        assessment=assessment,
        actor=actor,
        posted=[Posted(line.pk, value, evidence, revision)],
    )


def test_the_lead_answers_a_line_with_evidence_audited(draft, business_lead, lines):
    assert answer(draft, business_lead, lines[0]) == 1
    saved = ExpectationAnswer.objects.get()
    assert (saved.answer, saved.evidence, saved.revision) == ("in_place", EVIDENCE, 1)
    assert saved.written_by == business_lead
    event = AuditEvent.objects.get(action=AuditAction.EXPECTATIONS_ANSWERED)
    assert (event.actor, event.threat_id, event.quarter_id) == (
        business_lead,
        draft.threat_id,
        draft.quarter_id,
    )
    assert event.summary == "1 line: Force capability plan, 2.1: (unanswered) → In place"
    # The same answer again changes nothing and writes no audit row.
    assert answer(draft, business_lead, lines[0], revision=1) == 0
    assert AuditEvent.objects.filter(action=AuditAction.EXPECTATIONS_ANSWERED).count() == 1
    assert checklist_progress(draft) == (1, 2)


def test_bad_input_is_refused_all_or_nothing(draft, business_lead, lines):
    with pytest.raises(ValidationError) as refused:
        expectation_answers_save(
            assessment=draft,
            actor=business_lead,
            posted=[
                Posted(lines[0].pk, "in_place", EVIDENCE, 0),
                Posted(lines[1].pk, "", "Some evidence", 0),
            ],
        )
    assert refused.value.message_dict == {f"answer-{lines[1].pk}": [NO_ANSWER]}
    with pytest.raises(ValidationError) as refused:
        answer(draft, business_lead, lines[0], evidence="   ")
    assert refused.value.message_dict == {f"evidence-{lines[0].pk}": [NO_EVIDENCE]}
    with pytest.raises(ValidationError) as refused:
        answer(draft, business_lead, lines[0], value="maybe")
    assert refused.value.message_dict == {f"answer-{lines[0].pk}": [NO_ANSWER]}
    assert not ExpectationAnswer.objects.exists()
    # Both blank: the line is left unanswered.
    assert answer(draft, business_lead, lines[0], value="", evidence="") == 0


def test_a_line_of_another_threat_is_refused(
    draft, business_lead, other_threat, quarter, administrator
):
    elsewhere = expectation_add(
        actor=administrator,
        threat=other_threat,
        edition=quarter.edition,
        level="national",
        wording="Another threat's line.",
        citation="Force capability plan, 9",
    )
    with pytest.raises(ValidationError, match=NOT_A_LINE.split(":")[0]):
        answer(draft, business_lead, elsewhere)


def test_a_save_from_an_older_page_is_refused(draft, business_lead, lines):
    answer(draft, business_lead, lines[0])
    with pytest.raises(ConcurrentEdit, match="answer was changed by someone else"):
        answer(draft, business_lead, lines[0], value="partly", revision=0)
    assert ExpectationAnswer.objects.get().answer == "in_place"


def test_only_whoever_may_edit_it_answers_and_only_while_draft_or_returned(
    draft, business_lead, other_business_lead, spr_lead, chief_officer, lines
):
    for outsider in (other_business_lead, spr_lead, chief_officer):
        with pytest.raises(PermissionDenied):
            answer(draft, outsider, lines[0])
    submitted = submitted_now(draft, business_lead)
    with pytest.raises(TransitionNotAllowed):
        answer(submitted, business_lead, lines[0])
    services.assessment_return(assessment=submitted, actor=spr_lead, comment="Answer the SPR.")
    submitted.refresh_from_db()
    assert answer(submitted, business_lead, lines[0]) == 1


def test_answers_are_signed_with_the_words_they_answered(
    draft, business_lead, spr_lead, lines, administrator
):
    # A line left unanswered is signed as such: the SPR lead signs the gap they saw.
    assert [e["answer"] for e in build_snapshot(draft)["expectations"]] == ["", ""]
    answer(draft, business_lead, lines[1], value="not_in_place", evidence="No regional cover.")
    answer(draft, business_lead, lines[0])
    signed = services.assessment_sign_off(
        assessment=submitted_now(draft, business_lead), actor=spr_lead
    )
    data = signed.signed_snapshot.data
    assert [(e["level"], e["citation"], e["answer"]) for e in data["expectations"]] == [
        ("local", "Force capability plan, 2.1", "in_place"),
        ("regional", "Force capability plan, 2.2", "not_in_place"),
    ]
    assert data["expectations"][0]["wording"] == lines[0].wording
    without = {k: v for k, v in data.items() if k != "expectations"}
    assert signed.signed_snapshot.fingerprint == fingerprint(data) != fingerprint(without)
    # The line is reworded afterwards: what was signed keeps the words it was answered with.
    expectation_change(
        actor=administrator,
        line=lines[0],
        level="local",
        wording="Reworded later.",
        citation="Force capability plan, 3.1",
        revision=1,
    )
    signed.refresh_from_db()
    shown = expectations_of(signed)
    assert [line.wording for line in shown] == [lines[0].wording, lines[1].wording]
    assert [line.answer_label for line in shown] == ["In place", "Not in place"]


def test_a_threat_without_lines_keeps_the_snapshot_it_had(draft):
    # So every fingerprint signed before there were lines stays exactly as it was.
    assert "expectations" not in build_snapshot(draft)
    assert "figures" not in build_snapshot(draft)


def test_the_spr_lead_reads_the_answers_on_the_review_and_the_record(
    client, draft, business_lead, spr_lead, lines
):
    answer(draft, business_lead, lines[0])
    submitted = submitted_now(draft, business_lead)
    client.force_login(spr_lead)
    for url in (
        reverse("assessments:assessment_review", args=[submitted.pk]),
        reverse("assessments:assessment_detail", args=[submitted.pk]),
    ):
        page = client.get(url)
        assert page.status_code == 200
        section = html.text(html.one(page, "#expectations"))
        assert lines[0].wording in section and "Force capability plan, 2.1" in section
        assert "In place" in section and EVIDENCE in section
        assert lines[1].wording in section and "Not answered" in section


def test_the_page_shows_bad_input_in_the_error_summary_keeping_what_was_typed(
    client, draft, business_lead, lines
):
    client.force_login(business_lead)
    url = reverse("assessments:assessment_expectations", args=[draft.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert lines[1].wording in html.text(page)
    first, second = lines
    page = client.post(
        url,
        {
            f"revision-{first.pk}": 0,
            f"revision-{second.pk}": 0,
            f"answer-{first.pk}": "partly",
            f"evidence-{second.pk}": "Typed and kept.",
        },
    )
    assert page.status_code == 200
    assert html.error_summary(page) == [
        (f"#id_evidence-{first.pk}", NO_EVIDENCE),
        (f"#id_answer-{second.pk}", NO_ANSWER),
    ]
    assert "Typed and kept." in html.text(page)
    assert not ExpectationAnswer.objects.exists()
    page = client.post(
        url,
        {
            f"revision-{first.pk}": 0,
            f"revision-{second.pk}": 0,
            f"answer-{first.pk}": "partly",
            f"evidence-{first.pk}": EVIDENCE,
        },
    )
    assert page.status_code == 302
    assert ExpectationAnswer.objects.get().answer == "partly"
    task_list = client.get(reverse("assessments:assessment_edit", args=[draft.pk]))
    assert "1 of 2 lines answered" in html.text(html.one(task_list, "#expectations-progress"))


def test_a_refused_save_explains_and_gives_the_answers_back(client, draft, business_lead, lines):
    answer(draft, business_lead, lines[0])  # someone answered after the page was opened
    client.force_login(business_lead)
    url = reverse("assessments:assessment_expectations", args=[draft.pk])
    page = client.post(
        url,
        {
            f"revision-{lines[0].pk}": 0,
            f"revision-{lines[1].pk}": 0,
            f"answer-{lines[0].pk}": "not_in_place",
            f"evidence-{lines[0].pk}": "Mine, not saved.",
        },
    )
    assert page.status_code == 409
    assert html.error_summary(page)[0][0] == "#your-text"
    assert "Mine, not saved." in html.text(html.one(page, "#your-text"))
    assert ExpectationAnswer.objects.get().answer == "in_place"


# The force's contribution figures.


@pytest.fixture
def measure(threat, administrator):
    return measure_add(
        actor=administrator,
        threat=threat,
        name="Public order units available",
        unit="units",
        period="at_quarter_end",
        against="mobilisation plan requirement",
    )


def record(assessment, actor, measure, value="12", against="14", revision=0):
    return checklist_save(
        assessment=assessment,
        actor=actor,
        answers=[],
        figures=[FigurePosted(measure.pk, value, against, revision)],
    )


def test_the_lead_records_a_figure_audited_and_signed(draft, business_lead, spr_lead, measure):
    assert record(draft, business_lead, measure) == 1
    figure = ContributionFigure.objects.get()
    assert (figure.value, figure.against_value, figure.revision) == (12, 14, 1)
    event = AuditEvent.objects.get(action=AuditAction.FIGURES_RECORDED)
    assert event.summary == "1 figure: Public order units available: (none) → 12 against 14"
    with pytest.raises(ConcurrentEdit, match="figure was changed by someone else"):
        record(draft, business_lead, measure, value="3", revision=0)
    signed = services.assessment_sign_off(
        assessment=submitted_now(draft, business_lead), actor=spr_lead
    )
    assert signed.signed_snapshot.data["figures"] == [
        {
            "measure": "Public order units available",
            "unit": "units",
            "period": "at_quarter_end",
            "against": "mobilisation plan requirement",
            "value": "12",
            "against_value": "14",
            "by": figure.written_by_name,
            "at": figure.written_at.isoformat(),
        }
    ]
    assert [f.value for f in figures_of(signed)] == ["12"]


def test_a_figure_that_is_not_a_number_or_below_zero_is_refused(draft, business_lead, measure):
    for value, against, errors in (
        ("", "14", {f"value-{measure.pk}": [NO_FIGURE]}),
        ("twelve", "", {f"value-{measure.pk}": [NOT_A_NUMBER]}),
        ("1.234", "", {f"value-{measure.pk}": [NOT_A_NUMBER]}),
        ("-1", "x", {f"value-{measure.pk}": [NEGATIVE], f"against-{measure.pk}": [NOT_A_NUMBER]}),
    ):
        with pytest.raises(ValidationError) as refused:
            record(draft, business_lead, measure, value=value, against=against)
        assert refused.value.message_dict == errors
    assert not ContributionFigure.objects.exists()
    assert record(draft, business_lead, measure, value="1,200.5", against="") == 1
    assert ContributionFigure.objects.get().value == Decimal("1200.5")


def test_the_trend_of_figures_reads_in_the_same_queries_whatever_the_quarters(
    client, threat, business_lead, spr_lead, measure
):
    """A figure each quarter, signed off: two quarters and six are read alike."""
    url = reverse("assessments:threat_trends", args=[threat.slug])
    client.force_login(spr_lead)

    def sign_quarter(number, value):
        quarter = past_quarter(2014 + number // 4, number % 4 + 1)
        with opened_alone(quarter):
            started = services.assessment_start(threat=threat, quarter=quarter, actor=business_lead)
            record(started, business_lead, measure, value=str(value), against="14")
            services.assessment_sign_off(
                assessment=submitted_now(started, business_lead), actor=spr_lead
            )

    for number in range(2):
        sign_quarter(number, 10 + number)
    client.get(url)
    with CaptureQueriesContext(connection) as two:
        page = client.get(url)
    rows = html.select(page, "#figure-trend tbody tr")
    assert [html.text(r) for r in rows] == ["2014/15 Q1 10 against 14", "2014/15 Q2 11 against 14"]
    for number in range(2, 6):
        sign_quarter(number, 10 + number)
    client.get(url)
    with CaptureQueriesContext(connection) as six:
        page = client.get(url)
    assert len(html.select(page, "#figure-trend tbody tr")) == 6
    assert len(six) == len(two)


def test_the_integrity_check_finds_an_answer_or_figure_changed_after_signing(
    draft, business_lead, spr_lead, lines, measure, administrator
):
    answer(draft, business_lead, lines[0])
    record(draft, business_lead, measure)
    services.assessment_sign_off(assessment=submitted_now(draft, business_lead), actor=spr_lead)
    # The force rewording its line afterwards is no tampering with what was signed.
    expectation_change(
        actor=administrator,
        line=lines[0],
        level="local",
        wording="Reworded later.",
        citation="Force capability plan, 3.1",
        revision=1,
    )
    assert signed_content_problems() == (1, [])
    tamper(ExpectationAnswer, ExpectationAnswer.objects.get().pk, answer="not_in_place")
    tamper(ContributionFigure, ContributionFigure.objects.get().pk, value=Decimal("3"))
    _, problems = signed_content_problems()
    assert [p.split(": ")[-1] for p in problems] == [
        "Answers to what the SPR expects differs from signed version 2",
        "Contribution figures differs from signed version 2",
    ]


@postgresql_only
def test_the_database_refuses_to_change_a_signed_answer_or_figure(
    draft, business_lead, spr_lead, lines, measure
):
    answer(draft, business_lead, lines[0])
    record(draft, business_lead, measure)
    services.assessment_sign_off(assessment=submitted_now(draft, business_lead), actor=spr_lead)
    for change in (
        lambda: ExpectationAnswer.objects.update(answer="partly"),
        lambda: ContributionFigure.objects.update(value=1),
        lambda: ContributionFigure.objects.all().delete(),
    ):
        with pytest.raises(IntegrityError, match="what was signed off does not change"):
            with transaction.atomic():
                change()
    assert ContributionFigure.objects.get().value == 12


def test_a_figure_that_is_not_a_number_is_in_the_error_summary_kept_as_typed(
    client, draft, business_lead, measure
):
    client.force_login(business_lead)
    url = reverse("assessments:assessment_expectations", args=[draft.pk])
    page = client.post(
        url,
        {
            f"figure-revision-{measure.pk}": 0,
            f"value-{measure.pk}": "about ten",
            f"against-{measure.pk}": "12",
        },
    )
    assert page.status_code == 200
    assert html.error_summary(page) == [(f"#id_value-{measure.pk}", NOT_A_NUMBER)]
    assert html.one(page, f"#id_value-{measure.pk}")["value"] == "about ten"
    assert not ContributionFigure.objects.exists()
    page = client.post(
        url,
        {
            f"figure-revision-{measure.pk}": 0,
            f"value-{measure.pk}": "10",
            f"against-{measure.pk}": "12",
        },
    )
    assert page.status_code == 302
    assert ContributionFigure.objects.get().value == 10

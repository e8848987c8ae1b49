"""The pages of a contribution: the contributing lead reads the record and writes into a
section (GOV.UK error summary for empty, too long and conflicting text, a clear refusal once
submitted); the owning lead sees it on the section and on Check your answers; the reviewer on
the review and the sign-off confirmation; everyone who reads the record, as signed."""

import pytest
from django.urls import reverse

from assessments import services
from assessments.models import Contribution
from assessments.services.contributions import EMPTY, TOO_LONG
from tests.assessments.lead_support import TEXT, contribute, submitted_now
from tests.factories import QuarterFactory, ThreatFactory

pytestmark = pytest.mark.django_db


def _edit_url(assessment, section="capability"):
    return reverse("assessments:contribution_edit", args=[assessment.pk, section])


def _detail(assessment):
    return reverse("assessments:assessment_detail", args=[assessment.pk])


def _page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_contributing_lead_reads_the_record_but_not_the_owners_workflow(
    client, contributed, business_lead, firearms_lead, spr_lead
):
    services.assessment_save_draft(
        assessment=contributed,
        actor=business_lead,
        data={"capability_narrative": "The unit has trained twelve officers this quarter."},
        revision=contributed.revision,
    )
    client.force_login(firearms_lead)
    record = _page(client, _detail(contributed))
    assert "The unit has trained twelve officers this quarter." in record
    assert "Your department's contributions" in record
    assert _edit_url(contributed) in record
    # The owner's workflow (history, versions, comments) is not the contributor's.
    assert 'id="history"' not in record
    compare = reverse("assessments:assessment_compare", args=[contributed.pk])
    assert client.get(compare).status_code == 403
    # Nor are the owner's own pages: they edit their sections there.
    lead_page = reverse("assessments:assessment_edit", args=[contributed.pk])
    assert client.get(lead_page).status_code == 404
    mine = _page(client, reverse("assessments:my_assessments"))
    assert "Other departments' self-assessments you contribute to" in mine
    assert f"{_detail(contributed)}#your-contributions" in mine


def test_a_lead_of_a_department_not_contributing_finds_nothing(
    client, contributed, other_business_lead
):
    client.force_login(other_business_lead)
    assert client.get(_detail(contributed)).status_code == 404
    assert client.get(_edit_url(contributed)).status_code == 404
    assert client.post(_edit_url(contributed), {"text": TEXT, "revision": 0}).status_code == 404
    assert not Contribution.objects.exists()


def test_the_text_is_saved_attributed_and_shown_to_the_owning_lead(
    client, contributed, business_lead, firearms_lead
):
    client.force_login(firearms_lead)
    assert 'name="text"' in _page(client, _edit_url(contributed))
    response = client.post(_edit_url(contributed), {"text": TEXT, "revision": "0"})
    assert response.status_code == 302
    assert response["Location"] == f"{_detail(contributed)}#your-contributions"
    saved = Contribution.objects.get()
    assert (saved.written_by, saved.department.name) == (firearms_lead, "Firearms")

    client.force_login(business_lead)
    section = reverse("assessments:assessment_section", args=[contributed.pk, "capability"])
    page = _page(client, section)
    assert "From contributing departments" in page and TEXT in page
    assert "<strong>Firearms</strong>: written by Sam Archer on" in page
    other_section = reverse("assessments:assessment_section", args=[contributed.pk, "risks"])
    assert TEXT not in _page(client, other_section)
    check = _page(client, reverse("assessments:assessment_check", args=[contributed.pk]))
    assert "Contributions of other departments" in check and TEXT in check
    assert "<strong>Firearms</strong>: written by Sam Archer on" in check


def test_the_reviewer_sees_them_on_the_review_and_the_sign_off_confirmation(
    client, contributed, business_lead, firearms_lead, firearms, spr_lead
):
    contribute(contributed, firearms_lead, firearms)
    submitted = submitted_now(contributed, business_lead)
    client.force_login(spr_lead)
    review = _page(client, reverse("assessments:assessment_review", args=[submitted.pk]))
    assert "Contributions of other departments" in review and TEXT in review
    assert "<strong>Firearms</strong>: written by Sam Archer on" in review
    sign_off = reverse("assessments:assessment_sign_off", args=[submitted.pk])
    confirm = _page(client, f"{sign_off}?revision={submitted.revision}")
    assert TEXT in confirm and "and the contributions of other departments." in confirm


def test_the_record_shows_them_as_signed_to_everyone_who_reads_it(
    client, contributed, business_lead, firearms_lead, firearms, spr_lead, pcc_office
):
    contribute(contributed, firearms_lead, firearms)
    signed = services.assessment_sign_off(
        assessment=submitted_now(contributed, business_lead), actor=spr_lead
    )
    for reader in (spr_lead, business_lead, firearms_lead, pcc_office):
        client.force_login(reader)
        record = _page(client, _detail(signed))
        assert TEXT in record and "<strong>Firearms</strong>: written by Sam Archer" in record
    # The contributing lead is told why nothing can change any more.
    client.force_login(firearms_lead)
    record = _page(client, _detail(signed))
    assert "This self-assessment is signed off: contributions can no longer" in record
    assert _edit_url(signed) not in record


def test_empty_too_long_and_conflicting_text_get_the_error_summary(
    client, contributed, firearms_lead, firearms
):
    client.force_login(firearms_lead)
    url = _edit_url(contributed)
    for text, message in (("", EMPTY), ("x" * 2001, TOO_LONG)):
        response = client.post(url, {"text": text, "revision": "0"})
        page = response.content.decode()
        assert response.status_code == 200
        assert "govuk-error-summary" in page and message.replace("'", "&#x27;") in page
        assert page.count('href="#id_text"') == 1
    # 2,000 characters counted as the character count counts them (a line break is one).
    response = client.post(url, {"text": "x" * 1000 + "\r\n" + "x" * 999, "revision": "0"})
    assert response.status_code == 302
    # Someone else in the department saved since this page was opened at revision 0.
    contribute(contributed, firearms_lead, firearms, "Their newer words.", revision=1)
    response = client.post(url, {"text": "My words.", "revision": "0"})
    page = response.content.decode()
    assert response.status_code == 409
    assert "govuk-error-summary" in page and 'href="#your-text"' in page
    assert "saved a contribution to this section after you opened" in page
    assert "Their newer words." in page and "My words." in page
    assert Contribution.objects.get().text == "Their newer words."


def test_after_submission_the_page_says_so_and_a_save_is_refused(
    client, contributed, business_lead, firearms_lead, firearms
):
    contribute(contributed, firearms_lead, firearms)
    submitted = submitted_now(contributed, business_lead)
    client.force_login(firearms_lead)
    page = _page(client, _edit_url(submitted))
    assert "submitted for review: contributions can no longer be added or changed" in page
    assert 'name="text"' not in page and TEXT in page
    response = client.post(_edit_url(submitted), {"text": "Too late.", "revision": "1"})
    page = response.content.decode()
    assert response.status_code == 409
    assert "govuk-error-summary" in page and "Too late." in page
    assert "submitted for review: contributions can no longer be added or changed" in page
    assert Contribution.objects.get().text == TEXT


def test_the_board_holds_own_and_contributed_threats_of_that_quarter(
    client, contributed, business_lead, firearms_lead, other_threat, threat
):
    client.force_login(firearms_lead)
    board = _page(client, reverse("assessments:quarter_board_current"))
    assert threat.name in board and other_threat.name not in board
    assert _detail(contributed) in board
    # A quarter in which Firearms contributes to nothing: no row of the threat.
    later = QuarterFactory(financial_year=2016, number=1, is_open=False)
    board = _page(client, reverse("assessments:quarter_board", args=[later.pk]))
    assert threat.name not in board
    # The owning lead's board: its own threats, one not started yet said so as to its owner.
    not_started = ThreatFactory(
        added_in=threat.added_in,
        owning_department=threat.owning_department,
        chief_officer_lead=threat.chief_officer_lead,
    )
    client.force_login(business_lead)
    board = _page(client, reverse("assessments:quarter_board_current"))
    assert threat.name in board and not_started.name in board
    assert other_threat.name not in board
    assert '<strong class="govuk-tag govuk-tag--grey">Not started</strong>' in board
    assert "Not signed off yet</strong>" not in board


def test_a_department_taken_off_the_list_can_no_longer_read_or_write(
    client, contributed, business_lead, firearms_lead, firearms
):
    contribute(contributed, firearms_lead, firearms)
    contributed.refresh_from_db()
    services.assessment_contributors_set(
        assessment=contributed, actor=business_lead, departments=[], revision=contributed.revision
    )
    client.force_login(firearms_lead)
    assert client.get(_detail(contributed)).status_code == 404
    assert client.get(_edit_url(contributed)).status_code == 404
    # What it wrote stays part of the self-assessment, with its name on it.
    client.force_login(business_lead)
    check = _page(client, reverse("assessments:assessment_check", args=[contributed.pk]))
    assert TEXT in check


def test_a_contribution_written_after_the_pages_were_opened_is_on_them_at_once(
    client, contributed, business_lead, firearms_lead, firearms, spr_lead
):
    section = reverse("assessments:assessment_section", args=[contributed.pk, "capability"])
    client.force_login(business_lead)
    assert TEXT not in _page(client, section)
    contribute(contributed, firearms_lead, firearms)
    assert TEXT in _page(client, section)

    submitted = submitted_now(contributed, business_lead)
    review = reverse("assessments:assessment_review", args=[submitted.pk])
    client.force_login(spr_lead)
    assert TEXT in _page(client, review)
    Contribution.objects.filter(assessment=submitted).update(text="Written again since.")
    page = _page(client, review)
    assert "Written again since." in page and TEXT not in page

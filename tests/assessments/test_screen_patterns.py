"""The screens' shared patterns, as a reader meets them: one status pattern (a GOV.UK tag for
the status, then the deadline's date as plain text on its own line, never two tags and never
the deadline twice), a section save that returns quietly to the task list, secondary buttons
for routine row actions, no panel used as a status block, Check your answers as summary
cards, and the page's parts in landmarks with headings in order."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from api.services import token_create
from assessments import services
from assessments.services.evidence import evidence_attach
from tests import evidence_files as files
from tests.assessments.lead_support import complete, submitted
from tests.factories import complete_content
from tests.html import one, page, select, text, texts

pytestmark = pytest.mark.django_db

# The quarter fixture's deadline is 11 March 2016.
BEFORE = datetime.date(2016, 2, 20)


@pytest.fixture(autouse=True)
def private_store(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _status_cells(source):
    return select(source, ".portal-status")


def _assert_one_pattern(status, tag, date):
    """One status: its tag, then the date as plain text on a line of its own."""
    assert texts(status, ".govuk-tag") == [tag]
    dates = texts(status, ".portal-status__date")
    assert dates == ([date] if date else [])
    if date:
        assert one(status, ".portal-status__date").name != "strong"
        assert "govuk-tag" not in one(status, ".portal-status__date")["class"]


def test_my_assessments_shows_the_status_tag_then_the_date_as_text(
    client, draft, business_lead, clock
):
    clock(BEFORE)
    client.force_login(business_lead)
    response = client.get(reverse("assessments:my_assessments"))
    [status] = _status_cells(response)
    _assert_one_pattern(status, "Draft", "Due 11 March 2016")
    # Never a second tag for the deadline anywhere in the row.
    assert not [t for t in texts(response, "main .govuk-tag") if "11 March" in t]


def test_the_task_list_says_the_deadline_once_beside_the_status(
    client, draft, business_lead, clock
):
    clock(datetime.date(2016, 3, 8))
    client.force_login(business_lead)
    response = client.get(reverse("assessments:assessment_edit", args=[draft.pk]))
    [status] = _status_cells(response)
    _assert_one_pattern(status, "Draft", "Due soon: 11 March 2016")
    assert text(response).count("11 March 2016") == 1


def test_the_board_puts_a_late_submission_under_its_signed_off_tag(
    client, draft, business_lead, spr_lead, quarter, clock
):
    clock(datetime.date(2016, 3, 14))  # three days late
    signed = services.assessment_sign_off(
        assessment=submitted(draft, business_lead), actor=spr_lead
    )
    assert signed.status == "signed_off"
    client.force_login(spr_lead)
    response = client.get(reverse("assessments:quarter_board", args=[quarter.pk]))
    [status] = _status_cells(response)
    _assert_one_pattern(status, "Signed off", "Submitted late on 14 March 2016")
    assert select(response, "main strong.portal-deadline") == []


def test_the_review_and_record_pages_do_not_repeat_the_deadline(
    client, draft, business_lead, spr_lead, clock
):
    clock(datetime.date(2016, 3, 1))
    sent = submitted(draft, business_lead)
    client.force_login(spr_lead)
    for name in ("assessment_review", "assessment_detail"):
        response = client.get(reverse(f"assessments:{name}", args=[sent.pk]))
        words = text(response)
        assert "Deadline 11 March 2016" not in words, name
        [status] = _status_cells(response)
        _assert_one_pattern(status, "Submitted", None)
    client.force_login(business_lead)
    response = client.get(reverse("assessments:assessment_edit", args=[sent.pk]))
    [status] = _status_cells(response)
    _assert_one_pattern(status, "Submitted", None)


# A section save -------------------------------------------------------------------------------


def test_a_section_save_returns_to_the_task_list_with_its_status_and_no_banner(
    client, draft, business_lead
):
    client.force_login(business_lead)
    url = reverse("assessments:assessment_section", args=[draft.pk, "capacity-local"])
    data = complete_content()
    response = client.post(
        url,
        {
            "revision": draft.revision,
            "capacity_local_grade": data["capacity_local_grade"],
            "capacity_local_narrative": data["capacity_local_narrative"],
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("assessments:assessment_edit", args=[draft.pk])
    assert texts(response, "#task-capacity_local-status") == ["Completed"]
    assert select(response, ".govuk-notification-banner") == []


def test_submission_still_ends_with_the_success_banner(client, draft, business_lead):
    draft = complete(draft, business_lead)
    client.force_login(business_lead)
    response = client.post(
        reverse("assessments:assessment_submit", args=[draft.pk]),
        {"revision": draft.revision, "declaration": "on"},
        follow=True,
    )
    assert "submitted" in text(one(response, ".govuk-notification-banner--success"))


# Buttons and panels ---------------------------------------------------------------------------


def test_routine_row_actions_are_secondary_buttons(
    client, draft, business_lead, spr_lead, pcc_office
):
    evidence_attach(
        assessment=draft,
        section="risks",
        upload=SimpleUploadedFile("plan.pdf", files.pdf()),
        actor=business_lead,
    )
    client.force_login(business_lead)
    evidence = client.get(reverse("assessments:evidence_list", args=[draft.pk]))
    [remove] = [b for b in select(evidence, "main button") if text(b).startswith("Remove")]
    assert "govuk-button--secondary" in remove["class"]
    assert select(evidence, ".govuk-button--warning") == []

    token_create(name="Dashboard", scopes=["read:reports"], expires_in_days=30, actor=pcc_office)
    client.force_login(pcc_office)
    tokens = client.get("/api-tokens/")
    [revoke] = [b for b in select(tokens, "main button") if text(b).startswith("Revoke")]
    assert "govuk-button--secondary" in revoke["class"]
    assert select(tokens, ".govuk-button--warning") == []


def test_a_signed_off_record_offers_reopen_as_a_secondary_button_and_no_panel(
    client, draft, business_lead, spr_lead
):
    signed = services.assessment_sign_off(
        assessment=submitted(draft, business_lead), actor=spr_lead
    )
    client.force_login(spr_lead)
    response = client.get(reverse("assessments:assessment_detail", args=[signed.pk]))
    [reopen] = [a for a in select(response, "main a.govuk-button") if text(a) == "Reopen"]
    assert "govuk-button--secondary" in reopen["class"]
    assert select(response, ".govuk-button--warning, .govuk-panel") == []
    assert "Signed off by" in text(one(response, ".review-signed"))
    # The destructive step keeps its warning button: the reopen confirmation itself.
    confirm = client.get(reverse("assessments:assessment_reopen", args=[signed.pk]))
    assert texts(confirm, "main .govuk-button--warning") == ["Reopen"]


def test_the_integrity_page_states_its_result_without_a_panel(client, spr_lead):
    client.force_login(spr_lead)
    response = client.get(reverse("reports:integrity"))
    assert select(response, ".govuk-panel") == []
    assert "Integrity holds" in text(one(response, "#integrity-holds"))


# Check your answers ---------------------------------------------------------------------------


def test_check_your_answers_is_one_summary_card_per_section(client, draft, business_lead):
    from assessments.items import SECTIONS

    draft = complete(draft, business_lead)
    client.force_login(business_lead)
    response = client.get(reverse("assessments:assessment_check", args=[draft.pk]))
    cards = select(response, ".govuk-summary-card")
    assert texts(response, ".govuk-summary-card__title") == [label for _, label in SECTIONS]
    for card, (_code, label) in zip(cards, SECTIONS, strict=True):
        assert card.select_one(".govuk-summary-card__title").name == "h2"
        links = card.select(".govuk-summary-card__actions a")
        assert text(links[0]) == f"Change {label}"
        # Rows inside the card carry no Change of their own: the card's action is the one.
        assert card.select(".govuk-summary-list__actions") == []


# Landmarks and headings -----------------------------------------------------------------------


def _heading_levels(source):
    return [int(h.name[1]) for h in page(source).select("main h1, main h2, main h3, main h4")]


def test_the_marking_strip_is_a_named_region_and_review_headings_keep_their_order(
    client, draft, business_lead, spr_lead
):
    sent = submitted(draft, business_lead)
    client.force_login(spr_lead)
    for url in (
        reverse("assessments:assessment_review", args=[sent.pk]),
        reverse("assessments:assessment_detail", args=[sent.pk]),
    ):
        response = client.get(url)
        marking = one(response, ".portal-marking")
        assert (marking.get("role"), marking.get("aria-label")) == ("region", "Protective marking")
        levels = _heading_levels(response)
        jumps = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
        assert jumps == [], (url, levels)

"""The board report pages: the list for each role, downloads of the stored PDF, drafting
with GOV.UK errors (nothing typed is lost), the optimistic lock, publishing, corrections."""

import datetime
import hashlib

import pytest
from django.urls import reverse

from reports.models import BoardReport, PublishedPdf, ReportStatus
from reports.services import report_update
from tests.html import error_summary, one, select, text, texts, title
from tests.reports.support import new_report, publish, sign_off

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(signed_quarter, spr_lead):
    return publish(report=new_report(signed_quarter, spr_lead), actor=spr_lead)


@pytest.fixture
def draft(signed_quarter, spr_lead):
    return new_report(signed_quarter, spr_lead, meeting_date=datetime.date(2016, 6, 7))


def test_pcc_office_lists_published_reports_newest_first_without_drafts(
    client, pcc_office, signed_quarter, spr_lead, published, draft
):
    later = publish(
        report=new_report(signed_quarter, spr_lead, meeting_date=datetime.date(2016, 9, 6)),
        actor=spr_lead,
    )
    client.force_login(pcc_office)
    page = client.get(reverse("reports:report_list"))
    words = text(page)
    assert words.index("6 September 2016") < words.index("12 April 2016")
    assert "7 June 2016" not in words and "New board report" not in words
    for report in (later, published):
        assert report.pdf.sha256 in words
        download = reverse("reports:report_download", args=[report.pk])
        assert text(one(page, f'a[href="{download}"]')).startswith("Download PDF")
    assert [link.startswith("Download PDF") for link in texts(page, "a")].count(True) == 2
    assert texts(page, ".portal-marking__label") == ["OFFICIAL-SENSITIVE"]


def test_spr_lead_lists_drafts_too_and_can_start_a_new_report(client, spr_lead, published, draft):
    client.force_login(spr_lead)
    page = text(client.get(reverse("reports:report_list")))
    assert "7 June 2016" in page and "12 April 2016" in page
    assert "New board report" in page and "Continue drafting" in page


class TestOnePaperPublishedOnce:
    """Tests that read one published paper (or start from it), published once for them all."""

    @pytest.fixture
    def published(self, published_once):
        return published_once

    @pytest.fixture
    def signed_quarter(self, signed_once):
        return signed_once.quarter

    def test_every_download_is_the_stored_file_as_an_attachment(
        self, client, pcc_office, published
    ):
        client.force_login(pcc_office)
        url = reverse("reports:report_download", args=[published.pk])
        first, second = client.get(url), client.get(url)
        assert first.content == second.content == bytes(published.pdf.content)
        assert hashlib.sha256(first.content).hexdigest() == published.pdf.sha256
        assert first["Content-Type"] == "application/pdf"
        assert (
            first["Content-Disposition"] == 'attachment; filename="2016-04-12-spr-board-report.pdf"'
        )
        assert first["ETag"] == f'"{published.pdf.sha256}"'

    def test_published_page_shows_the_checksum_and_has_no_edit_links(
        self, client, spr_lead, published
    ):
        client.force_login(spr_lead)
        page = client.get(reverse("reports:report_detail", args=[published.pk]))
        assert published.pdf.sha256 in text(page)
        assert [link for link in texts(page, "a") if link.startswith("Download PDF")]
        targets = [
            element.get("href") or element["action"] for element in select(page, "[href], [action]")
        ]
        for editing in ("/sections/", "/details/", "/publish/"):
            assert not [target for target in targets if editing in target], editing
        edit = reverse("reports:report_edit_section", args=[published.pk, "purpose"])
        assert client.get(edit).status_code == 404

    def test_new_report_is_created_pre_filled(self, client, spr_lead, signed_quarter, published):
        client.force_login(spr_lead)
        data = {
            "quarter": signed_quarter.pk,
            "previous_report": published.pk,
            "meeting_date_0": "6",
            "meeting_date_1": "9",
            "meeting_date_2": "2016",
            "agenda_item": "5",
            "marking": "OFFICIAL",
        }
        # The quarter is already reported in `published`: a second report is confirmed first.
        warned = client.post(reverse("reports:report_new"), data)
        html = warned.content.decode()
        assert warned.status_code == 200 and 'href="#id_confirm_second"' in html
        assert "2015/16 Q4 is already reported in the board report of 12 April 2016" in html
        assert reverse("reports:report_detail", args=[published.pk]) in html
        assert not BoardReport.objects.filter(meeting_date=datetime.date(2016, 9, 6)).exists()
        response = client.post(reverse("reports:report_new"), {**data, "confirm_second": "on"})
        report = BoardReport.objects.get(meeting_date=datetime.date(2016, 9, 6))
        assert response["Location"] == reverse("reports:report_detail", args=[report.pk])
        assert report.previous_report == published and report.is_draft
        assert "update to the last report to the PCC in April 2016" in report.purpose
        page = text(client.get(response["Location"]))
        assert "ready to publish" in page and "Preview the PDF" in page

    def test_correcting_a_report_through_the_pages(self, client, spr_lead, pcc_office, published):
        client.force_login(spr_lead)
        url = reverse("reports:report_correct", args=[published.pk])
        assert "Say what the new version corrects" in text(client.post(url, {"note": ""}))
        response = client.post(url, {"note": "Corrects the agenda item."})
        correction = BoardReport.objects.get(supersedes=published)
        assert response["Location"] == reverse("reports:report_detail", args=[correction.pk])
        assert client.get(url)["Location"] == response["Location"]  # one correction at a time
        publish(report=correction, actor=spr_lead)
        client.force_login(pcc_office)
        page = text(client.get(reverse("reports:report_list")))
        assert "Superseded" in page and "version 2" in page
        for report in (published, correction):
            download = client.get(reverse("reports:report_download", args=[report.pk]))
            assert (
                hashlib.sha256(download.content).hexdigest()
                == BoardReport.objects.get(pk=report.pk).pdf.sha256
            )
        assert (
            'filename="2016-04-12-spr-board-report-v2.pdf"'
            in client.get(reverse("reports:report_download", args=[correction.pk]))[
                "Content-Disposition"
            ]
        )


def test_new_report_form_reports_every_error_and_keeps_what_was_typed(
    client, spr_lead, signed_quarter
):
    client.force_login(spr_lead)
    url = reverse("reports:report_new")
    response = client.post(
        url,
        {"agenda_item": "7", "meeting_date_0": "31", "meeting_date_1": "2",
         "meeting_date_2": "2016"},
    )  # fmt: skip
    assert response.status_code == 200 and title(response).startswith("Error: ")
    errors = dict(error_summary(response))
    assert errors["#id_quarter"] == "Select the quarter the report covers"
    assert "must be a real date" in errors["#id_meeting_date_0"]
    assert "Select the protective marking" in errors.values()
    assert one(response, 'input[name="meeting_date_0"]')["value"] == "31"
    assert one(response, 'input[name="agenda_item"]')["value"] == "7"
    assert not BoardReport.objects.exists()


def test_emptying_a_section_is_an_error_that_keeps_the_text(client, spr_lead, draft):
    client.force_login(spr_lead)
    url = reverse("reports:report_edit_section", args=[draft.pk, "purpose"])
    response = client.post(url, {"body": "   ", "revision": draft.revision})
    assert response.status_code == 200 and title(response).startswith("Error: ")
    assert "#id_body" in dict(error_summary(response))
    assert "govuk-textarea--error" in one(response, "textarea#id_body")["class"]


def test_a_concurrent_edit_is_refused_and_shows_both_texts(client, spr_lead, draft):
    client.force_login(spr_lead)
    opened_at = draft.revision
    report_update(
        report=draft,
        actor=spr_lead,
        data={"purpose": "Saved by the other tab."},
        revision=opened_at,
    )
    url = reverse("reports:report_edit_section", args=[draft.pk, "purpose"])
    response = client.post(url, {"body": "Typed in this tab <b>.", "revision": opened_at})
    assert "changed by someone else after you opened it" in text(response)
    assert text(one(response, ".report-conflict__text")) == "Saved by the other tab."
    kept = one(response, "textarea#id_body")  # the user's own text is kept, escaped
    assert kept.get_text().strip() == "Typed in this tab <b>." and not select(kept, "b")
    draft.refresh_from_db()
    assert draft.purpose == "Saved by the other tab."
    # Saving again, having seen the other text, is a deliberate choice and succeeds.
    assert one(response, 'input[name="revision"]')["value"] == str(draft.revision)
    again = client.post(url, {"body": "Typed in this tab.", "revision": draft.revision})
    assert again.status_code == 302
    draft.refresh_from_db()
    assert draft.purpose == "Typed in this tab."


def test_details_form_changes_the_marking_and_date(client, spr_lead, draft):
    client.force_login(spr_lead)
    url = reverse("reports:report_edit_details", args=[draft.pk])
    data = {
        "agenda_item": "8",
        "board_name": "Strategic Policing and Crime Board",
        "title": "Strategic Policing Requirement",
        "marking": "OFFICIAL",
        "meeting_date_0": "",
        "meeting_date_1": "6",
        "meeting_date_2": "2016",
        "revision": draft.revision,
    }
    refused = client.post(url, data)
    assert "The date of the board meeting must include a day" in text(refused)
    response = client.post(url, {**data, "meeting_date_0": "8"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.marking, draft.meeting_date, draft.agenda_item) == (
        "OFFICIAL",
        datetime.date(2016, 6, 8),
        "8",
    )


def test_editing_a_threat_part(client, spr_lead, draft, threat):
    client.force_login(spr_lead)
    section = draft.threat_sections.get(threat=threat)
    url = reverse("reports:report_edit_threat", args=[draft.pk, section.pk])
    page = text(client.get(url))
    assert "The summary signed off for 2015/16 Q4" in page
    client.post(url, {"body": "New words.\n- a bullet", "revision": draft.revision})
    section.refresh_from_db()
    assert section.body == "New words.\n- a bullet"


def test_preview_pdf_is_fresh_inline_and_marked_draft(client, spr_lead, draft):
    client.force_login(spr_lead)
    response = client.get(reverse("reports:report_preview_pdf", args=[draft.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    assert response.content.startswith(b"%PDF")


def test_publishing_through_the_page(client, spr_lead, pcc_office, draft):
    client.force_login(spr_lead)
    url = reverse("reports:report_publish", args=[draft.pk])
    assert "Publish report" in texts(client.get(url), "form button")
    stale = client.post(url, {"revision": draft.revision - 1})
    assert "The report changed after you opened this page" in text(stale)
    response = client.post(url, {"revision": draft.revision})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == ReportStatus.PUBLISHED
    client.force_login(pcc_office)
    assert client.get(reverse("reports:report_download", args=[draft.pk])).status_code == 200


def test_publishing_a_report_changed_since_the_page_was_opened_is_refused(client, spr_lead, draft):
    client.force_login(spr_lead)
    url = reverse("reports:report_publish", args=[draft.pk])
    seen = one(client.get(url), 'form input[name="revision"]')["value"]
    assert seen == str(draft.revision)
    report_update(
        report=draft,
        actor=spr_lead,
        data={"conclusion": "A colleague's new conclusion."},
        revision=draft.revision,
    )
    response = client.post(url, {"revision": seen})
    assert response.status_code == 200
    assert title(response).startswith("Error: ")
    assert [message for _, message in error_summary(response) if "after you opened" in message]
    draft.refresh_from_db()
    assert (draft.status, draft.published_at) == (ReportStatus.DRAFT, None)
    assert not PublishedPdf.objects.filter(report=draft).exists()
    assert draft.conclusion == "A colleague's new conclusion."
    # Opened again, the page carries the new revision and publishes what the lead now sees.
    seen = one(client.get(url), 'form input[name="revision"]')["value"]
    assert client.post(url, {"revision": seen}).status_code == 302
    assert bytes(BoardReport.objects.get(pk=draft.pk).pdf.content).startswith(b"%PDF")


def test_publish_page_says_which_threats_are_not_signed_off(
    client, spr_lead, quarter, threat, other_threat
):
    report = new_report(quarter, spr_lead)
    client.force_login(spr_lead)
    url = reverse("reports:report_publish", args=[report.pk])
    page = client.get(url)
    assert title(page).startswith("Error: ") and "cannot be published yet" in text(page)
    detail = reverse("reports:report_detail", args=[report.pk])
    assert error_summary(page) == [
        (
            f"{detail}#threat-child-sexual-abuse",
            "The self-assessment of Child Sexual Abuse for 2015/16 Q4 is not started, "
            "not signed off: it must be signed off before the report is published",
        ),
        (
            f"{detail}#threat-serious-organised-crime",
            "The self-assessment of Serious and Organised Crime for 2015/16 Q4 is not started, "
            "not signed off: it must be signed off before the report is published",
        ),
    ]
    assert "Publish report" not in texts(page, "button")
    assert client.post(url, {"revision": report.revision}).status_code == 200
    report.refresh_from_db()
    assert report.is_draft


def test_a_threat_signed_off_after_drafting_starts_from_its_summary(
    client, spr_lead, quarter, threat, other_threat, business_lead, other_business_lead
):
    sign_off(threat=threat, quarter=quarter, lead=business_lead, reviewer=spr_lead)
    report = new_report(quarter, spr_lead)
    section = report.threat_sections.get(threat=other_threat)
    assert section.body == ""
    sign_off(threat=other_threat, quarter=quarter, lead=other_business_lead, reviewer=spr_lead)
    client.force_login(spr_lead)
    url = reverse("reports:report_edit_threat", args=[report.pk, section.pk])
    page = text(client.get(url))
    assert "The SOC strategy is in its second year of functioning." in page
    assert "signed off after this draft was made" in page
    new_page = text(client.get(reverse("reports:report_new")))
    assert "2 of 2 self-assessments signed off" in new_page

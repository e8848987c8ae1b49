"""The e-mail settings page: each user turns their own optional e-mails off and on; a return
cannot be turned off; every change is on the audit trail."""

from django.urls import reverse

from accounts.models import OPTIONAL_NOTICES, EmailOptOut, Notice
from audit.models import AuditAction, AuditEvent
from tests.html import error_summary

URL = reverse("accounts:email_settings")


def test_every_optional_email_is_on_until_turned_off(client, business_lead):
    client.force_login(business_lead)
    page = client.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('name="wanted"') == len(OPTIONAL_NOTICES) == 6
    assert html.count(" checked") == 6
    for notice in (Notice.REOPENED, Notice.QUARTER_OPENED, Notice.SUBMITTED):
        assert f'value="{notice.value}"' in html
    assert 'value="returned"' not in html
    assert "always e-mailed when a self-assessment of your department is returned" in html


def test_turning_two_off_is_saved_and_audited_and_shown(client, business_lead):
    client.force_login(business_lead)
    response = client.post(URL, {"wanted": [Notice.RESUBMITTED.value]})
    assert response.status_code == 302
    assert set(EmailOptOut.objects.filter(user=business_lead).values_list("notice", flat=True)) == {
        notice for notice in OPTIONAL_NOTICES if notice != Notice.RESUBMITTED
    }
    event = AuditEvent.objects.get(action=AuditAction.ACCOUNT_CHANGED, actor=business_lead)
    assert event.object_id == business_lead.pk
    assert "A board report is published: e-mail on → off" in event.summary
    html = client.get(URL).content.decode()
    assert html.count(" checked") == 1
    assert "Your e-mail settings are saved." in html
    # Turning one back on removes its row; saving the same again records nothing.
    client.post(URL, {"wanted": [Notice.RESUBMITTED.value, Notice.PUBLISHED.value]})
    assert set(EmailOptOut.objects.filter(user=business_lead).values_list("notice", flat=True)) == {
        Notice.REOPENED,
        Notice.QUARTER_OPENED,
        Notice.SUBMITTED,
        Notice.SIGNED_OFF,
    }
    client.post(URL, {"wanted": [Notice.RESUBMITTED.value, Notice.PUBLISHED.value]})
    assert AuditEvent.objects.filter(action=AuditAction.ACCOUNT_CHANGED).count() == 2


def test_a_return_cannot_be_turned_off_through_the_form(client, business_lead):
    client.force_login(business_lead)
    response = client.post(URL, {"wanted": ["returned", Notice.PUBLISHED.value]})
    assert response.status_code == 200
    assert error_summary(response.content.decode()) == [
        ("#id_wanted", "Choose only from the e-mails listed")
    ]
    assert not EmailOptOut.objects.exists()


def test_one_users_choice_leaves_the_others_alone(client, business_lead, spr_lead):
    client.force_login(spr_lead)
    client.post(URL, {})
    assert EmailOptOut.objects.filter(user=spr_lead).count() == len(OPTIONAL_NOTICES)
    assert not EmailOptOut.objects.filter(user=business_lead).exists()

"""The e-mail settings page: each user turns their own optional e-mails off and on; a return
cannot be turned off; every change is on the audit trail."""

from django.urls import reverse

from accounts.models import OPTIONAL_NOTICES, EmailOptOut, Notice
from audit.models import AuditAction, AuditEvent
from tests.html import error_summary

URL = reverse("accounts:email_settings")


LEAD_NOTICES = [Notice.REOPENED, Notice.QUARTER_OPENED, Notice.SIGNED_OFF]


def test_every_optional_email_is_on_until_turned_off(client, business_lead):
    client.force_login(business_lead)
    page = client.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('name="wanted"') == len(LEAD_NOTICES) == 3
    assert html.count(" checked") == 3
    for notice in LEAD_NOTICES:
        assert f'value="{notice.value}"' in html
    assert 'value="returned"' not in html
    assert "always e-mailed when a self-assessment of your department is returned" in html


def test_each_role_is_offered_only_the_emails_that_can_reach_it(
    client, business_lead, spr_lead, chief_officer, pcc_office, administrator
):
    """Today every role was offered all six, a sign-off of "my department" to the office."""
    offered = {}
    for user in (business_lead, spr_lead, chief_officer, pcc_office, administrator):
        client.force_login(user)
        html = client.get(URL).content.decode()
        offered[user.username] = [n for n in OPTIONAL_NOTICES if f'value="{n.value}"' in html]
        returns = "always e-mailed when a self-assessment of your department is returned"
        assert (returns in html) == (user == business_lead), user
        assert ("nothing to choose" in html) == (user == administrator), user
    assert offered == {
        business_lead.username: LEAD_NOTICES,
        spr_lead.username: [Notice.SUBMITTED, Notice.RESUBMITTED, Notice.REGARD],
        chief_officer.username: [Notice.PUBLISHED],
        pcc_office.username: [Notice.PUBLISHED],
        administrator.username: [],
    }


def test_a_notice_that_cannot_reach_a_person_is_refused_and_left_alone(client, pcc_office):
    client.force_login(pcc_office)
    response = client.post(URL, {"wanted": [Notice.SIGNED_OFF.value]})
    assert response.status_code == 200
    assert error_summary(response.content.decode()) == [
        ("#id_wanted", "Choose only from the e-mails listed")
    ]
    # Turning the one that reaches them off touches nothing else.
    client.post(URL, {})
    assert list(EmailOptOut.objects.filter(user=pcc_office).values_list("notice", flat=True)) == [
        Notice.PUBLISHED
    ]


def test_turning_two_off_is_saved_and_audited_and_shown(client, business_lead):
    client.force_login(business_lead)
    response = client.post(URL, {"wanted": [Notice.SIGNED_OFF.value]})
    assert response.status_code == 302
    assert set(EmailOptOut.objects.filter(user=business_lead).values_list("notice", flat=True)) == {
        Notice.REOPENED,
        Notice.QUARTER_OPENED,
    }
    event = AuditEvent.objects.get(action=AuditAction.ACCOUNT_CHANGED, actor=business_lead)
    assert event.object_id == business_lead.pk
    assert f"{Notice.REOPENED.label}: e-mail on → off" in event.summary
    html = client.get(URL).content.decode()
    assert html.count(" checked") == 1
    assert "Your e-mail settings are saved." in html
    # Turning one back on removes its row; saving the same again records nothing.
    client.post(URL, {"wanted": [Notice.SIGNED_OFF.value, Notice.REOPENED.value]})
    assert set(EmailOptOut.objects.filter(user=business_lead).values_list("notice", flat=True)) == {
        Notice.QUARTER_OPENED,
    }
    client.post(URL, {"wanted": [Notice.SIGNED_OFF.value, Notice.REOPENED.value]})
    assert AuditEvent.objects.filter(action=AuditAction.ACCOUNT_CHANGED).count() == 2


def test_a_return_cannot_be_turned_off_through_the_form(client, business_lead):
    client.force_login(business_lead)
    response = client.post(URL, {"wanted": ["returned", Notice.SIGNED_OFF.value]})
    assert response.status_code == 200
    assert error_summary(response.content.decode()) == [
        ("#id_wanted", "Choose only from the e-mails listed")
    ]
    assert not EmailOptOut.objects.exists()


def test_one_users_choice_leaves_the_others_alone(client, business_lead, spr_lead):
    client.force_login(spr_lead)
    client.post(URL, {})
    # Submissions, resubmissions and the policing body's questions.
    assert EmailOptOut.objects.filter(user=spr_lead).count() == 3
    assert not EmailOptOut.objects.filter(user=business_lead).exists()


def test_a_stand_in_is_offered_the_business_leads_emails_while_standing_in(
    client, department, spr_lead
):
    """What reaches a person follows the roles they act in (spr_portal/access.py): a stand-in
    with no role of their own hears of their department's returns and sign-offs."""
    import datetime

    from django.utils import timezone

    from assessments import services
    from tests.factories import UserFactory

    deputy = UserFactory(username="deputy.head")
    client.force_login(deputy)
    assert "nothing to choose" in client.get(URL).content.decode()
    today = timezone.localdate()
    services.stand_in_name(
        department=department,
        person=deputy,
        starts_on=today,
        ends_on=today + datetime.timedelta(days=10),
        reason="Head of department on leave",
        actor=spr_lead,
    )
    html = client.get(URL).content.decode()
    assert [n for n in OPTIONAL_NOTICES if f'value="{n.value}"' in html] == LEAD_NOTICES
    assert "always e-mailed when a self-assessment of your department is returned" in html


def test_every_kind_of_email_names_who_can_receive_it():
    from accounts.models import RECEIVED_WITH

    assert set(RECEIVED_WITH) == set(Notice)

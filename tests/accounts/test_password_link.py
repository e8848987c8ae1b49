"""Nobody sets another person's password: an administrator sends a one-time link, recorded."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from audit.models import AuditAction, AuditEvent
from tests.html import text

pytestmark = pytest.mark.django_db
NEW = "a-much-longer-passphrase-2016"


def test_an_administrator_sends_a_one_time_link_and_never_sees_it(
    client, administrator, business_lead, django_capture_on_commit_callbacks
):
    client.force_login(administrator)
    url = reverse("accounts:user_password_link", args=[business_lead.pk])
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(url, follow=True)
    assert "A link to set their password was sent" in text(page)
    (message,) = mail.outbox
    assert message.to == [business_lead.email]
    link = re.search(r"https?://\S+(/accounts/set-password/\S+/)", message.body).group(1)
    assert link not in page.content.decode()
    sent = AuditEvent.objects.get(action=AuditAction.PASSWORD_LINK_SENT)
    assert sent.actor == administrator and sent.object_id == business_lead.pk
    stranger = client.__class__()
    form = stranger.get(link, follow=True)
    assert "Set your password" in text(form)
    done = stranger.post(
        form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW}, follow=True
    )
    assert "Your password is set" in text(done)
    business_lead.refresh_from_db()
    assert business_lead.check_password(NEW)
    row = AuditEvent.objects.get(action=AuditAction.PASSWORD_CHANGED)
    assert row.actor == business_lead and "one-time link" in row.summary
    # Used once: the link no longer works.
    assert "This link no longer works" in text(client.__class__().get(link, follow=True))


def test_no_link_for_ones_own_account_or_a_superuser(client, administrator):
    from tests.factories import UserFactory

    root = UserFactory(username="root", is_superuser=True)
    client.force_login(administrator)
    for person in (administrator, root):
        client.post(reverse("accounts:user_password_link", args=[person.pk]))
    assert not mail.outbox
    assert not AuditEvent.objects.filter(action=AuditAction.PASSWORD_LINK_SENT).exists()

"""The force profile: one per installation, the crest checked by its bytes (with the GOV.UK
error summary on a bad upload) and embedded in the PDF, the reminder e-mails in its words."""

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from pypdf import PdfReader

from audit.models import AuditAction, AuditEvent
from reports.paper.pdf import render_report_pdf
from tests.reports.support import new_report
from threats.admin import ForceProfileAdmin
from threats.crest import crest_type_of
from threats.demo import FORCE_PROFILE, MAYORAL_FORCE_PROFILE
from threats.force_profile import CREST_MAX_BYTES, ForceProfile

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99"
    b"=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" viewBox="0 0 40 40">'
    b'<circle cx="20" cy="20" r="18" fill="#123456"/></svg>'
)


@pytest.fixture
def mayoral(db):
    return ForceProfile.objects.create(**MAYORAL_FORCE_PROFILE)


def test_the_crest_type_comes_from_the_bytes_not_the_name():
    assert crest_type_of(PNG) == "image/png"
    assert crest_type_of(b"\xff\xd8\xff\xe0" + b"\x00" * 20) == "image/jpeg"
    assert crest_type_of(SVG) == "image/svg+xml"
    for bad in (
        b"GIF89a" + b"\x00" * 20,
        b"%PDF-1.4 not an image",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>',
        b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>&x;</svg>',
        b"<html><body>not a crest</body></html>",
    ):
        with pytest.raises(Exception, match="PNG, JPEG or SVG"):
            crest_type_of(bad)
    with pytest.raises(Exception, match="smaller than"):
        crest_type_of(PNG + b"\x00" * CREST_MAX_BYTES)


def test_there_is_one_profile_which_the_admin_cannot_delete_or_add_twice(mayoral, rf, admin_user):
    with pytest.raises(IntegrityError), transaction.atomic():
        ForceProfile.objects.create(**FORCE_PROFILE)
    request = rf.get("/")
    request.user = admin_user
    profile_admin = ForceProfileAdmin(ForceProfile, None)
    assert not profile_admin.has_add_permission(request)
    assert not profile_admin.has_delete_permission(request, mayoral)
    assert ForceProfile.current() == mayoral


def test_a_bad_upload_shows_the_error_summary_and_a_good_one_is_embedded_in_the_pdf(
    client, administrator, mayoral, quarter, spr_lead
):
    client.force_login(administrator)
    url = reverse("reports:force_crest")
    disguised = io.BytesIO(b"GIF89a" + b"\x00" * 40)
    disguised.name = "crest.png"
    response = client.post(url, {"crest": disguised})
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page and "The crest must be a PNG, JPEG or SVG image" in page
    assert not ForceProfile.objects.get().has_crest

    crest = io.BytesIO(PNG)
    crest.name = "crest.bin"  # the name says nothing; the bytes are a PNG
    assert client.post(url, {"crest": crest}).status_code == 302
    assert ForceProfile.objects.get().crest_type == "image/png"
    assert AuditEvent.objects.filter(action=AuditAction.FORCE_CREST_CHANGED).count() == 1

    report = new_report(quarter, spr_lead)
    first_page = PdfReader(io.BytesIO(render_report_pdf(report).content)).pages[0]
    assert len(first_page.images) == 1

    assert client.post(url, {"remove": "1"}).status_code == 302
    assert not ForceProfile.objects.get().has_crest
    first_page = PdfReader(io.BytesIO(render_report_pdf(report).content)).pages[0]
    assert len(first_page.images) == 0


def test_an_svg_crest_renders_in_the_pdf(mayoral, quarter, spr_lead):
    mayoral.crest, mayoral.crest_type = SVG, crest_type_of(SVG)
    mayoral.save()
    page = PdfReader(io.BytesIO(render_report_pdf(new_report(quarter, spr_lead)).content)).pages[0]
    # The crest is drawn as vectors: its fill colour (#123456) is on the first page.
    assert b"0.070588 0.203922 0.337255 rg" in page.get_contents().get_data()


def test_reminders_sign_in_the_force_s_name(mayoral, threat, quarter, business_lead):
    call_command("send_reminders", "--today", "2016-03-04", "--days", "7", stdout=io.StringIO())
    assert "Greater Manchester Police" in mail.outbox[0].body


def test_the_demo_seeds_its_force_once(db):
    from threats.demo import seed_force_profile

    seed_force_profile()
    seed_force_profile(MAYORAL_FORCE_PROFILE)  # an existing profile is left alone
    assert ForceProfile.objects.get().force_name == "West Midlands Police"


def test_the_demo_fills_in_the_contacts_of_a_demo_loaded_before_them_and_of_no_other(db):
    from threats.demo import FORCE_PROFILE, seed_force_profile
    from threats.force_profile import CONTACT_FIELDS

    before_contacts = {k: v for k, v in FORCE_PROFILE.items() if k not in CONTACT_FIELDS}
    profile = ForceProfile.objects.create(**before_contacts, support_phone="0121 496 0999")
    seed_force_profile()
    profile.refresh_from_db()
    assert profile.support_email == FORCE_PROFILE["support_email"]
    assert profile.dpo_email == FORCE_PROFILE["dpo_email"]
    assert profile.support_team == FORCE_PROFILE["support_team"]
    assert profile.support_phone == "0121 496 0999"  # set by the administrator: kept
    ForceProfile.objects.all().delete()
    other = ForceProfile.objects.create(**MAYORAL_FORCE_PROFILE | {"dpo_email": ""})
    seed_force_profile()
    other.refresh_from_db()
    assert other.dpo_email == ""

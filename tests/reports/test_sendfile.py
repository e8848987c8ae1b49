"""A stored PDF handed to the web server in front (SPR_SENDFILE): access is checked by
Django as ever, the body is left to the proxy, and the file it sends holds exactly the
stored bytes, named by their SHA-256."""

import hashlib
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from reports import sendfile

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(published_once):
    return published_once


@pytest.fixture
def handed_over(settings, tmp_path):
    settings.SPR_SENDFILE = "x-accel-redirect"
    settings.SPR_SENDFILE_ROOT = tmp_path / "published-pdf"
    settings.SPR_SENDFILE_URL = "/internal/published-pdf/"
    return settings.SPR_SENDFILE_ROOT


class TestOnePaperPublishedOnce:
    """Tests that read one published paper, published once for them all."""

    def test_x_accel_redirect_names_a_file_holding_exactly_the_stored_bytes(
        self, client, pcc_office, published, handed_over
    ):
        client.force_login(pcc_office)
        response = client.get(reverse("reports:report_download", args=[published.pk]))
        sha = published.pdf.sha256
        assert response.status_code == 200
        assert response["X-Accel-Redirect"] == f"/internal/published-pdf/{sha}.pdf"
        assert response.content == b""  # the proxy sends the body
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment; filename=")
        assert response["ETag"] == f'"{sha}"'
        on_disk = (handed_over / f"{sha}.pdf").read_bytes()
        assert on_disk == bytes(published.pdf.content)
        assert hashlib.sha256(on_disk).hexdigest() == sha

    def test_x_sendfile_gives_the_absolute_path(
        self, client, pcc_office, published, handed_over, settings
    ):
        settings.SPR_SENDFILE = "x-sendfile"
        client.force_login(pcc_office)
        response = client.get(reverse("reports:report_download", args=[published.pk]))
        path = Path(response["X-Sendfile"])
        assert path.is_absolute() and path.read_bytes() == bytes(published.pdf.content)
        assert "X-Accel-Redirect" not in response

    def test_a_copy_that_does_not_match_its_fingerprint_is_never_written(
        self, published, handed_over
    ):
        # The stored row cannot be altered (the database refuses it), so the fingerprint it is
        # checked against is: the bytes no longer match it and nothing is written.
        stored = published.pdf
        stored.sha256 = "0" * 64
        with pytest.raises(ValueError, match="does not match"):
            sendfile.stored_copy(stored)
        assert not list(handed_over.glob("*.pdf"))

    def test_access_is_checked_before_anything_is_handed_over(
        self, client, no_role_user, published, handed_over
    ):
        client.force_login(no_role_user)  # every role reads published papers in the demo's profile
        response = client.get(reverse("reports:report_download", args=[published.pk]))
        assert response.status_code == 403
        assert "X-Accel-Redirect" not in response
        assert not handed_over.exists()

    def test_off_by_default_django_sends_the_bytes(self, client, pcc_office, published):
        client.force_login(pcc_office)
        response = client.get(reverse("reports:report_download", args=[published.pk]))
        assert response.content == bytes(published.pdf.content)
        assert "X-Accel-Redirect" not in response and "X-Sendfile" not in response

    def test_an_unknown_mode_is_a_configuration_error(
        self, client, pcc_office, published, settings
    ):
        settings.SPR_SENDFILE = "x-magic"
        client.force_login(pcc_office)
        with pytest.raises(ImproperlyConfigured):
            client.get(reverse("reports:report_download", args=[published.pk]))

"""The read API: each endpoint's content, need-to-know for every role through the same
visible_to rules as the pages, scopes, expiry and revocation, read-only, and the rate limit."""

import datetime
import hashlib

import pytest
from django.urls import reverse
from django.utils import timezone

from api.models import ApiToken, Scope
from assessments.items import GRADED_ITEMS
from tests.api.conftest import bearer
from tests.conftest import ROLE_FIXTURES

pytestmark = pytest.mark.django_db

API = "/api/v1"
READERS = {
    "spr_lead",
    "chief_officer",
    "other_chief_officer",
    "pcc_office",
    "business_lead",
    "other_business_lead",
}


def test_grades_list_shapes_each_signed_off_assessment(client, spr_lead, signed_quarter, token_of):
    response = client.get(f"{API}/grades", **bearer(token_of(spr_lead)))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    first = body["items"][0]
    assert first["quarter"] == "2015/16 Q4"
    assert set(first["grades"]) == {item.code for item in GRADED_ITEMS}
    assert set(first["grades"].values()) == {4}
    assert len(first["fingerprint"]) == 64


def test_grades_filter_by_threat_and_quarter(client, spr_lead, signed_quarter, threat, token_of):
    headers = bearer(token_of(spr_lead))
    body = client.get(f"{API}/grades?threat={threat.slug}", **headers).json()
    assert [item["threat_slug"] for item in body["items"]] == [threat.slug]
    assert client.get(f"{API}/grades?quarter=99999", **headers).json()["count"] == 0


GRADES_SEEN = {
    "spr_lead": {"Child Sexual Abuse", "Serious and Organised Crime"},
    "chief_officer": {"Child Sexual Abuse"},
    "other_chief_officer": {"Serious and Organised Crime"},
    "pcc_office": {"Child Sexual Abuse", "Serious and Organised Crime"},
    "business_lead": {"Child Sexual Abuse"},
    "other_business_lead": {"Serious and Organised Crime"},
}


@pytest.mark.parametrize("role", ROLE_FIXTURES)
def test_need_to_know_of_every_endpoint(request, client, role, published, token_of):
    user = request.getfixturevalue(role)
    if role not in READERS:
        # No token can be made for them; one made before they lost their role stops working.
        raw = "spr_" + "x" * 40
        ApiToken.objects.create(
            user=user,
            name="old",
            prefix=raw[:10],
            key_hash=hashlib.sha256(raw.encode()).hexdigest(),
            scopes=[Scope.GRADES, Scope.REPORTS],
            expires_at=timezone.now() + datetime.timedelta(days=1),
        )
        for path in ("/editions", "/threats", "/quarters", "/grades", "/reports"):
            assert client.get(API + path, **bearer(raw)).status_code == 401, path
        return
    headers = bearer(token_of(user))
    grades = client.get(f"{API}/grades", **headers).json()["items"]
    assert {g["threat"] for g in grades} == GRADES_SEEN[role]
    for path in ("/editions", "/threats", "/quarters"):
        assert client.get(API + path, **headers).status_code == 200
    reports = client.get(f"{API}/reports", **headers)
    pdf = client.get(f"{API}/reports/{published.pk}/pdf", **headers)
    # Published papers are open to every role (the demo force's profile; a force that keeps
    # them from business leads: tests/reports/test_open_papers.py).
    assert [r["id"] for r in reports.json()] == [published.pk]
    assert pdf.status_code == 200 and pdf.content == bytes(published.pdf.content)


def test_drafts_are_never_served(client, spr_lead, signed_quarter, published, token_of):
    from tests.reports.support import new_report

    draft = new_report(signed_quarter, spr_lead, meeting_date=datetime.date(2016, 6, 7))
    headers = bearer(token_of(spr_lead))
    assert [r["id"] for r in client.get(f"{API}/reports", **headers).json()] == [published.pk]
    for suffix in ("", "/pdf", "/docx"):
        assert client.get(f"{API}/reports/{draft.pk}{suffix}", **headers).status_code == 404


def test_report_metadata_and_files(client, pcc_office, published, token_of):
    headers = bearer(token_of(pcc_office))
    body = client.get(f"{API}/reports/{published.pk}", **headers).json()
    assert body["pdf_sha256"] == published.pdf.sha256
    assert body["marking"] == "OFFICIAL-SENSITIVE"
    docx = client.get(body["docx_url"], **headers)
    assert docx.status_code == 200 and docx.content == bytes(published.docx.content)


def test_scopes_limit_what_a_token_reads(client, pcc_office, published, token_of):
    grades_only = bearer(token_of(pcc_office, scopes=[Scope.GRADES]))
    assert client.get(f"{API}/grades", **grades_only).status_code == 200
    assert client.get(f"{API}/reports", **grades_only).status_code == 401
    reports_only = bearer(token_of(pcc_office, scopes=[Scope.REPORTS]))
    assert client.get(f"{API}/reports", **reports_only).status_code == 200
    assert client.get(f"{API}/threats", **reports_only).status_code == 401


def test_expired_revoked_missing_and_wrong_tokens_are_refused(client, spr_lead, token_of):
    raw = token_of(spr_lead)
    assert client.get(f"{API}/quarters", **bearer(raw)).status_code == 200
    token = ApiToken.objects.get(user=spr_lead)
    token.expires_at = timezone.now() - datetime.timedelta(seconds=1)
    token.save()
    assert client.get(f"{API}/quarters", **bearer(raw)).status_code == 401
    token.expires_at = timezone.now() + datetime.timedelta(days=1)
    token.revoked_at = timezone.now()
    token.save()
    assert client.get(f"{API}/quarters", **bearer(raw)).status_code == 401
    assert client.get(f"{API}/quarters").status_code == 401
    assert client.get(f"{API}/quarters", **bearer(raw + "x")).status_code == 401


def test_only_the_hash_is_stored(spr_lead, token_of):
    raw = token_of(spr_lead)
    token = ApiToken.objects.get(user=spr_lead)
    assert token.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in str(ApiToken.objects.filter(pk=token.pk).values().first())


def test_a_signed_in_session_is_not_enough(client, spr_lead):
    client.force_login(spr_lead)
    assert client.get(f"{API}/quarters").status_code == 401


def test_read_only(client, spr_lead, token_of):
    headers = bearer(token_of(spr_lead))
    for method in ("post", "put", "patch", "delete"):
        assert getattr(client, method)(f"{API}/quarters", **headers).status_code == 405


def test_rate_limited_per_token(client, settings, spr_lead, token_of):
    settings.SPR_API_RATE = "3/m"
    headers = bearer(token_of(spr_lead))
    codes = [client.get(f"{API}/editions", **headers).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    other = bearer(token_of(spr_lead))
    assert client.get(f"{API}/editions", **other).status_code == 200


def test_list_queries_do_not_grow_with_data(client, spr_lead, signed_quarter, token_of):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    headers = bearer(token_of(spr_lead))
    client.get(f"{API}/grades", **headers)  # the first use records last_used_at
    # Both counted on an empty cache (spr_portal/cache_stamp.py): what the answer reads when it
    # is built afresh must not grow with the data.
    cache.clear()
    with CaptureQueriesContext(connection) as few:
        client.get(f"{API}/grades", **headers)
    from tests.factories import QuarterFactory
    from tests.reports.support import sign_off

    older = QuarterFactory(financial_year=2015, number=3, edition=signed_quarter.edition)
    for threat in signed_quarter.edition.threats():
        lead = threat.owning_department.leads.first()
        sign_off(threat=threat, quarter=older, lead=lead, reviewer=spr_lead)
    client.get(f"{API}/grades", **headers)
    cache.clear()
    with CaptureQueriesContext(connection) as more:
        body = client.get(f"{API}/grades", **headers).json()
    assert body["count"] == 4
    assert len(more) == len(few)


def test_schema_is_served(client):
    schema = client.get(reverse("api-v1:openapi-json")).json()
    assert schema["info"]["version"] == "1"
    assert "/api/v1/grades" in schema["paths"]


def test_a_nul_in_the_apis_threat_filter_is_refused_not_a_500(client, spr_lead, token_of):
    raw = token_of(spr_lead)
    response = client.get("/api/v1/grades?threat=%00", **bearer(raw))
    assert response.status_code == 400
    # A slug is letters, digits and dashes: anything else is the API's own 422.
    assert client.get("/api/v1/grades?threat=a%20b", **bearer(raw)).status_code == 422

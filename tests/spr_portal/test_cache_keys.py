"""What a request asks never becomes a cache key as it was typed: a page that keeps its answer
under the write stamp (spr_portal/cache_stamp.py) reads its query values into what it
understands first, so a kilobyte of junk is the same key as no value at all, and a value it
cannot understand is refused before any key is made."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.factories import AssessmentFactory

pytestmark = pytest.mark.django_db

JUNK = "<" * 600 + "\n" * 50


@pytest.fixture
def keys(monkeypatch):
    seen = []
    real_get = cache.get

    def spy(key, *args, **kwargs):
        seen.append(key)
        return real_get(key, *args, **kwargs)

    monkeypatch.setattr(cache, "get", spy)
    return seen


def _typed_in(keys) -> list[str]:
    return [key for key in keys if "<" in key or "\n" in key or len(key) > 200]


def test_the_review_keys_only_the_two_bases(client, spr_lead, threat, quarter, keys):
    assessment = AssessmentFactory(threat=threat, quarter=quarter, submitted=True)
    client.force_login(spr_lead)
    url = reverse("assessments:assessment_review", args=[assessment.pk])
    asked = client.get(url, {"since": JUNK})
    assert asked.status_code == 200
    assert _typed_in(keys) == []
    plain = client.get(url)
    assert asked.content.count(b"<tr") == plain.content.count(b"<tr")


def test_my_assessments_keys_a_page_number(client, business_lead, keys):
    client.force_login(business_lead)
    assert client.get(reverse("assessments:my_assessments"), {"page": JUNK}).status_code == 200
    assert _typed_in(keys) == []


def test_a_board_export_of_no_such_quarter_is_refused_before_any_key(client, spr_lead, keys):
    client.force_login(spr_lead)
    url = reverse("assessments:board_export", args=["csv"])
    assert client.get(url, {"from": JUNK}).status_code == 404
    assert _typed_in(keys) == []


def test_the_board_keys_only_a_status_it_knows(client, spr_lead, quarter, keys):
    client.force_login(spr_lead)
    url = reverse("assessments:quarter_board", kwargs={"pk": quarter.pk})
    assert client.get(url, {"status": JUNK}).status_code == 200
    assert client.get(url, {"status": "signed_off"}).status_code == 200
    assert _typed_in(keys) == []
    assert any(":signed_off@" in key for key in keys)  # a status it knows is its own key

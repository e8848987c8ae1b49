"""The benchmark's bare reference page exists only on the benchmark's server
(SPR_BENCH_PAGE → spr_portal.urls_bench), asks for sign-in like every page, and shows the
signed-in user nothing but their own roles."""

import pytest
from django.urls import NoReverseMatch, reverse

from spr_portal.roles import Role

pytestmark = pytest.mark.django_db


def test_a_deployment_does_not_mount_it(client, spr_lead):
    with pytest.raises(NoReverseMatch):
        reverse("bench_bare")
    client.force_login(spr_lead)
    assert client.get("/bench/bare/").status_code == 404


@pytest.fixture
def bench_urls(settings):
    settings.ROOT_URLCONF = "spr_portal.urls_bench"


def test_signed_in_it_lists_the_users_own_roles(client, business_lead, bench_urls):
    client.force_login(business_lead)
    response = client.get(reverse("bench_bare"))
    assert response.status_code == 200
    assert Role.BUSINESS_LEAD.value in response.content.decode()
    assert Role.SPR_LEAD.value not in response.content.decode()


def test_anonymous_is_sent_to_sign_in_and_post_is_refused(client, business_lead, bench_urls):
    url = reverse("bench_bare")
    response = client.get(url)
    assert response.status_code == 302 and reverse("login") in response["Location"]
    client.force_login(business_lead)
    assert client.post(url).status_code == 405

"""No NUL character from a request reaches the database (PostgreSQL answers a NUL in a text
filter with an error, which would be a 500)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["status=%00", "quarter=1%00", "%00=x"])
def test_a_nul_anywhere_in_a_query_string_is_a_400(client, spr_lead, quarter, query):
    client.force_login(spr_lead)
    response = client.get(f"{reverse('assessments:quarter_board_current')}?{query}")
    assert response.status_code == 400


def test_a_nul_in_a_posted_form_is_a_400(client):
    response = client.post(reverse("login"), {"username": "acc\x00security", "password": "x"})
    assert response.status_code == 400


def test_a_nul_in_a_url_encoded_form_is_a_400(client):
    response = client.post(
        reverse("login"),
        "username=acc%00security&password=x",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400

"""The SPR lead's pages beyond the status of each page for each role, which the URL matrix
(tests/test_url_matrix.py) declares: a wrong id, and a confirmation that changes nothing."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_wrong_id_is_a_404(client, spr_lead):
    client.force_login(spr_lead)
    for name in ["assessment_detail", "assessment_review", "assessment_compare"]:
        assert client.get(reverse(f"assessments:{name}", kwargs={"pk": 987654})).status_code == 404


def test_asking_to_close_a_quarter_changes_nothing(client, spr_lead, quarter):
    client.force_login(spr_lead)
    # Closing asks first: its GET is the confirmation page.
    response = client.get(reverse("assessments:quarter_close", kwargs={"pk": quarter.pk}))
    assert response.status_code == 200
    quarter.refresh_from_db()
    assert quarter.is_open

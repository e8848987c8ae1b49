"""The test client keeps each response's templates and contexts only for the tests that ask
(tests/conftest.py `template_context_only_when_read`)."""

import pytest
from django.urls import reverse


def test_a_test_that_does_not_ask_gets_no_context(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert response.context is None and response.templates == []


@pytest.mark.template_context
def test_a_test_that_asks_gets_the_templates_and_their_context(client):
    response = client.get(reverse("login"))
    assert "accounts/login.html" in [template.name for template in response.templates]
    assert "form" in response.context

"""Fixtures shared by the review tests (imported into each test module that uses them)."""

import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The role fixtures create several users per test: hash their passwords cheaply."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

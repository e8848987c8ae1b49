"""`make run`'s laptop demo (SPR_DEMO): DEBUG off, so the service's own error pages, yet
refused wherever production could be; and the console log's manners for 403s and 404s."""

import io
import logging
import os
import subprocess

import pytest
from django.test import RequestFactory
from django.urls import reverse

from spr_portal.demo import ClientErrorsWithoutTraceback, LoopbackOnlyMiddleware
from tests.spr_portal.test_site import ROOT, _manage

SHOW = (
    "from django.conf import settings as s; "
    "print(s.DEBUG, s.DEMO, s.SECOND_FACTOR_REQUIRED, s.SESSION_COOKIE_SECURE)"
)


def test_the_demo_runs_with_debug_off_and_without_a_second_factor():
    result = _manage("shell", "-c", SHOW, SPR_DEMO="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-4:] == ["False", "True", "False", "False"]


@pytest.mark.parametrize(
    "production_setting",
    [
        {"SECRET_KEY": "x" * 60},
        {"ALLOWED_HOSTS": "spr.example.police.uk"},
        {"BEHIND_TLS_PROXY": "true"},
    ],
)
def test_the_demo_refuses_to_start_beside_a_production_setting(production_setting):
    result = _manage("shell", "-c", SHOW, SPR_DEMO="true", **production_setting)
    assert result.returncode != 0
    assert "SPR_DEMO is the laptop demo" in result.stderr


def test_the_deploy_check_fails_while_the_demo_is_on():
    result = _manage("check", "--deploy", SPR_DEMO="true")
    assert result.returncode != 0
    assert "spr_portal.E001" in result.stdout + result.stderr


def test_production_is_not_the_demo_whatever_spr_demo_says_with_debug():
    """DEBUG=true wins: the developer asked for debug pages, and the demo switch is off."""
    result = _manage("shell", "-c", SHOW, SPR_DEMO="true", DEBUG="true")
    assert result.stdout.split()[-4:-2] == ["True", "False"]


@pytest.mark.parametrize(
    ("address", "status"), [("127.0.0.1", 200), ("::1", 200), ("10.1.2.3", 403)]
)
def test_the_demo_answers_this_machine_only(address, status):
    from django.http import HttpResponse

    middleware = LoopbackOnlyMiddleware(lambda request: HttpResponse("ok"))
    request = RequestFactory().get("/", REMOTE_ADDR=address)
    assert middleware(request).status_code == status


@pytest.mark.django_db
def test_static_files_load_with_debug_off_as_in_the_demo(client, settings):
    settings.DEBUG = False
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = False  # files listed at start, as the demo's server does
    settings.STATIC_ROOT = None
    response = client.get("/static/build/app.css")
    assert response.status_code == 200
    assert b".govuk-" in b"".join(response.streaming_content)


@pytest.fixture
def console():
    """The console handler's output, as the developer's terminal shows it."""
    [handler] = [
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, ClientErrorsWithoutTraceback) for f in h.filters)
    ]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


@pytest.mark.django_db
def test_a_refusal_and_a_missing_page_log_one_line_without_a_traceback(
    client, business_lead, console
):
    client.force_login(business_lead)
    assert client.get(reverse("assessments:actions_register")).status_code == 403
    assert client.get("/no-such-page/").status_code == 404
    output = console.getvalue()
    assert "Forbidden" in output and "Not Found: /no-such-page/" in output
    assert "Traceback" not in output


_NOT_INHERITED = {"DEBUG", "MAKELEVEL", "MAKEFLAGS", "MFLAGS"}


def _make_dry_run(*args) -> str:
    """The commands `make` would run (-n runs none of them; -B as if nothing were set up)."""
    result = subprocess.run(  # noqa: S603
        ["make", "--no-print-directory", "-n", "-B", *args],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        # Not the caller's DEBUG, nor the flags of a `make test` this suite may be running in.
        env={k: v for k, v in os.environ.items() if k not in _NOT_INHERITED},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_make_run_installs_only_the_app_and_serves_the_demo_on_the_chosen_port():
    commands = _make_dry_run("run", "PORT=8123")
    assert "pip install --quiet -e .\n" in commands
    assert ".[dev]" not in commands
    assert "SPR_DEMO=true" in commands and "DEBUG=false" in commands
    assert "runserver 127.0.0.1:8123" in commands.splitlines()[-1]


def test_make_run_with_debug_asks_for_the_debug_pages_and_make_test_adds_the_dev_tools():
    assert "DEBUG=true SPR_DEMO=false" in _make_dry_run("run", "DEBUG=true")
    assert "pip install --quiet -e '.[dev]'" in _make_dry_run("test")


@pytest.mark.django_db
def test_nothing_of_the_demo_exists_before_seed_demo():
    from django.contrib.auth import get_user_model

    from assessments.models import Quarter

    assert not get_user_model().objects.exists()
    assert not Quarter.objects.exists()

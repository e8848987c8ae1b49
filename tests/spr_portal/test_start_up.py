"""A process's start (each gunicorn worker, each manage.py command) loads the settings, the
checks and every URL's view, but not pyHanko, which only signing a paper or checking a signature
needs: its import had been a fifth of every start (reports/signing.py imports it where it is
used)."""

from tests.spr_portal.test_site import _manage

ONLY_WHEN_USED = ("pyhanko", "pyhanko_certvalidator")

STARTED = """
import sys
from django.core.management import call_command
from django.urls import get_resolver
call_command("check")
get_resolver().url_patterns
print("loaded:", sorted({name.split(".")[0] for name in sys.modules} & set(NAMES)))
"""


def test_a_process_starts_without_the_signing_library(tmp_path):
    script = "NAMES = " + repr(ONLY_WHEN_USED) + "\n" + STARTED
    started = _manage(
        "shell",
        "--no-imports",
        "-c",
        script,
        SPR_DEMO="true",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db'}",
    )
    assert started.returncode == 0, started.stderr
    assert "loaded: []" in started.stdout, started.stdout

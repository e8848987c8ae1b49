"""The laptop demo (`make run`) as its user meets it on the console: the command seed_demo prints
for new passwords works exactly as printed, in a shell without the demo's environment; and
signing in prints no lock-out chatter ("AXES: …"), which production keeps in its log.

Each step runs manage.py in its own process on a database of its own, with only the
environment a person's shell would have (no DEBUG, no SECRET_KEY). The database starts as
`manage.py migrate` leaves a new SQLite file: on a SQLite run, a copy of the test database
as migrated (the same migrations, not run a second time); otherwise migrate runs."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(Path(sys.executable))
BASH = shutil.which("bash") or "/bin/bash"
SIGN_IN = """
from django.contrib.auth import get_user_model
from django.test import Client
lead = get_user_model().objects.get(username="lead.ppu")
lead.set_password("a-known-demo-password")
lead.save()
client = Client(SERVER_NAME="localhost")
client.post("/accounts/login/", {"username": "lead.ppu", "password": "wrong-password"})
right = {"username": "lead.ppu", "password": "a-known-demo-password"}
answer = client.post("/accounts/login/", right)
print("signed in" if answer.status_code == 302 else f"not signed in: {answer.status_code}")
"""


def _shell_environment(tmp_path) -> dict[str, str]:
    return {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8"}


def _manage(*arguments, environment) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "manage.py", *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_the_reset_command_seed_demo_prints_works_as_printed_and_sign_ins_are_quiet(
    tmp_path, migrated_sqlite_file
):
    database = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    shell = _shell_environment(tmp_path)
    demo = shell | {"SPR_DEMO": "true", "DATABASE_URL": database, "MEDIA_ROOT": str(tmp_path)}
    if migrated_sqlite_file:
        shutil.copyfile(migrated_sqlite_file, tmp_path / "demo.sqlite3")
    else:
        assert _manage("migrate", "--noinput", "-v", "0", environment=demo).returncode == 0
    first = _manage("seed_demo", environment=demo)
    assert first.returncode == 0, first.stderr
    assert "Password (shown once)" in first.stdout
    again = _manage("seed_demo", environment=demo)
    printed = re.search(r"\(run `([^`]+)` for a new one\)", again.stdout)
    assert printed, again.stdout
    command = printed.group(1)
    assert command == (
        f"SPR_DEMO=true DATABASE_URL={database} .venv/bin/python manage.py seed_demo "
        "--reset-passwords"
    )
    # As a person types it, in the project's folder, from a shell with none of the above.
    if not (ROOT / ".venv/bin/python").exists():
        command = command.replace(".venv/bin/python", PYTHON)
    reset = subprocess.run(
        [BASH, "-c", command], cwd=ROOT, env=shell, capture_output=True, text=True, timeout=600
    )
    assert reset.returncode == 0, reset.stderr
    assert "Traceback" not in reset.stderr and "ImproperlyConfigured" not in reset.stderr
    assert "Password (shown once)" in reset.stdout
    # The README words it the same way (without this machine's database).
    readme = (ROOT / "README.md").read_text()
    assert "SPR_DEMO=true .venv/bin/python manage.py seed_demo --reset-passwords" in readme

    quiet = _manage("shell", "-c", SIGN_IN, environment=demo)
    assert "signed in" in quiet.stdout, quiet.stdout + quiet.stderr
    assert "AXES:" not in quiet.stderr + quiet.stdout
    # Outside the demo the lock-out still logs every attempt.
    developer = shell | {"DEBUG": "true", "DATABASE_URL": database, "MEDIA_ROOT": str(tmp_path)}
    logged = _manage("shell", "-c", SIGN_IN, environment=developer)
    assert "signed in" in logged.stdout, logged.stdout + logged.stderr
    assert "AXES:" in logged.stderr

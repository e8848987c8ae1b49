"""Background tasks in tests through the database backend (django-tasks-db) and its own
worker, in process: `database_tasks` (a fixture in tests/conftest.py: the queue in the
database, retries due at once), `work()` (one worker until nothing is due) and
`message_to(user)` (a small e-mail)."""

from django.core.management import call_command

from spr_portal import background

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def use_database_tasks(settings, monkeypatch) -> None:
    """The `database_tasks` fixture's work (tests/conftest.py)."""
    settings.TASKS = DATABASE_TASKS
    monkeypatch.setattr(background, "RETRY_DELAYS", (0, 0, 0))  # retries due at once


def work():
    """One worker running until the queue holds nothing due."""
    call_command("db_worker", batch=True, interval=0, startup_delay=False, verbosity=0)


def message_to(user):
    from accounts.notify import compose

    return compose(to=user, subject="Test", lines=["Hello"], link="http://x/", link_text="Open")

"""Background work on Django's Tasks framework (`django.tasks`), written once for every app.

The backend is chosen by settings (`SPR_TASKS`): the database (django-tasks-db, whose
`manage.py db_worker` processes run the queue; any number of them, each task claimed by one
with SELECT … FOR UPDATE SKIP LOCKED), or immediately in the enqueuing process (`make run`,
the tests).

- `later(task, seconds)`: the task to run no earlier than that (at once when the backend
  cannot defer: the immediate one).
- `retry_or_fail(task, attempt, …)`: a task that failed is queued again, later each time
  (`RETRY_DELAYS`); after the last attempt the exception is raised, so the task's row is kept
  as failed and listed for administrators (spr_portal/operations.py `failed_tasks`).
- `keep_scheduled(task, run_after, …)`: a periodic task (the daily reminders) queues its next
  run; it is never queued twice (no cron line, and two workers do not double it).
"""

import datetime
import logging

from django.tasks import default_task_backend
from django.utils import timezone

logger = logging.getLogger(__name__)

# Seconds before the 2nd, 3rd and 4th attempt; the 4th failure is final.
RETRY_DELAYS = (30, 300, 1800)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1


def _defers() -> bool:
    return default_task_backend.supports_defer


def later(task, seconds: float):
    if not _defers():
        return task
    return task.using(run_after=timezone.now() + datetime.timedelta(seconds=seconds))


def retry_or_fail(task, attempt: int, error: BaseException, *args, **kwargs) -> None:
    """Call from the `except` of a task that takes an `attempt` keyword (1 for the first)."""
    if attempt >= MAX_ATTEMPTS:
        logger.error("%s failed %d times, kept as failed: %s", task.name, attempt, error)
        raise error
    delay = RETRY_DELAYS[attempt - 1]
    logger.warning("%s failed (attempt %d), again in %ds: %s", task.name, attempt, delay, error)
    later(task, delay).enqueue(*args, attempt=attempt + 1, **kwargs)


def queued(task) -> bool:
    """Whether a run of this task waits in the database queue (never with the immediate
    backend, which keeps no queue)."""
    if not hasattr(default_task_backend, "_task_to_db_task"):
        return False
    from django.tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=task.module_path, status=TaskResultStatus.READY
    ).exists()


def keep_scheduled(task, run_after: datetime.datetime, *args, **kwargs) -> bool:
    """Queue the periodic task's next run unless one is queued already. Returns whether it
    queued one. Harmless if two workers race: the task's own work is done once (e.g. the
    reminders' log is unique per person, kind and day)."""
    if not _defers() or queued(task):
        return False
    task.using(run_after=run_after).enqueue(*args, **kwargs)
    return True

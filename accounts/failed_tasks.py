"""The background tasks that failed after their retries (spr_portal/background.py), for
administrators: listed so that nothing fails unseen, and run again once the cause is mended
(the mail server is back, say), each run again on the audit trail.

A task's row in the queue (django-tasks-db's `DBTaskResult`) is kept as failed until an
administrator runs it again: the new run starts at its first attempt, and the failed row is
removed, its task, error and arguments' names kept in the audit row."""

import uuid

from django.db import transaction
from django.tasks import Task
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult

from audit.models import AuditAction
from audit.services import audit_record
from spr_portal.access import Can, may, require

LISTED = 200  # newest first; more than a page of failures means the cause is not mended yet


def _failed():
    return DBTaskResult.objects.failed()


def failed_count(user) -> int | None:
    """How many tasks failed, for the administrator's home page; None (and no query) for
    everyone else."""
    if not may(user, Can.ADMINISTER):
        return None
    return _failed().count()


def failed_rows() -> list[dict]:
    rows = []
    for result in _failed().order_by("-finished_at")[:LISTED]:
        rows.append(
            {
                "id": result.id,
                "task": _readable(result.task_path),
                "path": result.task_path,
                "finished_at": result.finished_at,
                "attempts": _kwargs(result).get("attempt", 1),
                "error": _last_line(result.traceback),
                "arguments": ", ".join(sorted(_kwargs(result))) or "none",
            }
        )
    return rows


class NotFailed(Exception):
    """The task is no longer listed as failed (another administrator ran it again)."""


def failed_task_retry(*, task_id: str, actor) -> str:
    """Queue the failed task again from its first attempt and remove its failed row, in one
    transaction; returns the task's readable name. The row is locked, so two administrators
    pressing at once queue it once."""
    require(actor, Can.ADMINISTER)
    with transaction.atomic():
        result = _failed().select_for_update().filter(id=_uuid(task_id)).first()
        if result is None:
            raise NotFailed(task_id)
        task = import_string(result.task_path)
        if not isinstance(task, Task):
            raise NotFailed(task_id)
        kwargs = dict(_kwargs(result))
        if "attempt" in kwargs:
            kwargs["attempt"] = 1
        args = list((result.args_kwargs or {}).get("args") or [])
        name = _readable(result.task_path)
        audit_record(
            actor=actor,
            action=AuditAction.BACKGROUND_TASK_RETRIED,
            summary=(
                f"{name.capitalize()} ({result.task_path}), failed at "
                f"{result.finished_at:%Y-%m-%d %H:%M} after {_kwargs(result).get('attempt', 1)} "
                f"attempt(s): {_last_line(result.traceback)}"
            )[:1000],
        )
        result.delete()
        # Queued once the removal commits: with the immediate backend (`make run`) the task runs
        # at once, and a new failure must not undo the removal and the audit row.
        transaction.on_commit(lambda: task.enqueue(*args, **kwargs))
    return name


def _uuid(task_id: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(task_id))
    except ValueError:
        raise NotFailed(task_id) from None


def _kwargs(result) -> dict:
    return (result.args_kwargs or {}).get("kwargs") or {}


def _readable(task_path: str) -> str:
    return task_path.rsplit(".", 1)[-1].replace("_", " ")


def _last_line(traceback: str | None) -> str:
    """The error's last line only: an e-mail's arguments hold its text, which is not for this
    page (the admin shows the row in full to superusers)."""
    lines = (traceback or "").strip().splitlines()
    return (lines[-1] if lines else "")[:300]

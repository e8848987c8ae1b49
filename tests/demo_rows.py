"""The demo as `seed_demo` makes it, seeded once per test worker and kept as rows.

seed_demo takes every demo assessment through the real workflow and publishes two papers
(about six seconds); loading its rows takes a fraction of a second. The tests that read what
the demo made (a module's `demo_seeded_once`), the browser journeys (`current_demo`), the
paper layout and the deep query counts all start from the rows of that one run, and the
tests of what the run itself did (what it printed, what it left to send) read them from it.
The run is rolled back as soon as it is dumped, so the database is as it was for whatever
test runs next.
"""

import copy
import io
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.core import mail, serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

from spr_portal.cache_stamp import _bump_shared
from tests.render_memo import renders_kept
from tests.tamper import triggers_off
from tests.world import kept_for_module

# Not part of the demo's data: made by migrations (and again by each flush), or kept per visit.
NOT_DUMPED = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "axes"]


@dataclass(frozen=True)
class SeededDemo:
    """What one run of `seed_demo` printed, what it left to happen after its commit, and the
    rows it made."""

    output: str
    password: str
    pending_on_commit: int
    emails_sent: int
    rows: "DemoRows"
    media_root: Path

    def give_every_account(self, password: str) -> None:
        """Every account the demo signs in with the printed password takes `password` instead
        (for tests that sign in with a password they know)."""
        users = [
            user
            for user in get_user_model().objects.all()
            if check_password(self.password, user.password)
        ]
        for user in users:
            user.password = make_password(password)
        get_user_model().objects.bulk_update(users, ["password"])


def seed_once(django_db_blocker, folder: Path) -> SeededDemo:
    """`seed_demo` as on a new laptop (no SPR_DEMO_PASSWORD: a password printed once), its
    rows dumped to `folder`, then rolled back."""
    media_root = folder / "media"
    with kept_for_module(django_db_blocker, media_root) as patch:
        patch.delenv("SPR_DEMO_PASSWORD", raising=False)
        output, sent_before = io.StringIO(), len(getattr(mail, "outbox", []))
        with renders_kept():
            call_command("seed_demo", stdout=output)
        printed = output.getvalue()
        # still waiting on the run's transaction, so never run: each would be an e-mail (the
        # cache's write stamp, moved on commit by any write, is not one)
        pending = sum(1 for _, func, _ in connection.run_on_commit if func is not _bump_shared)
        sent = len(getattr(mail, "outbox", [])) - sent_before
        path = folder / "demo.json"
        excluded = [f"--exclude={label}" for label in NOT_DUMPED]
        call_command("dumpdata", "--natural-foreign", *excluded, output=str(path))
        # Read back while the users its natural keys name are still there.
        rows = DemoRows.read(path)
    return SeededDemo(
        output=printed,
        password=printed.split("Password (shown once): ")[1].split()[0],
        pending_on_commit=pending,
        emails_sent=sent,
        rows=rows,
        media_root=media_root,
    )


@dataclass(frozen=True)
class DemoRows:
    """The demo's data file, read once: each model's rows (in the file's order, so a row comes
    after the rows it refers to) and its many-to-many links.

    `loaddata` would parse the file and look every user up by name again for each journey,
    then try an UPDATE before each INSERT (about a second a journey). These rows are written
    as it writes them (raw: every value as dumped, `auto_now` fields included; no signals),
    a model's rows in a few INSERTs."""

    path: Path
    models: tuple  # ((model, (instance, …)), …)
    links: tuple  # ((through model, (row, …)), …)

    @classmethod
    def read(cls, path: Path) -> "DemoRows":
        by_model, links = {}, {}
        with open(path) as data:
            for deserialized in serializers.deserialize("json", data):
                instance = deserialized.object
                by_model.setdefault(type(instance), []).append(instance)
                for name, targets in (deserialized.m2m_data or {}).items():
                    field = instance._meta.get_field(name)
                    through = field.remote_field.through
                    source = field.m2m_field_name() + "_id"
                    target = field.m2m_reverse_field_name() + "_id"
                    links.setdefault(through, []).extend(
                        {source: instance.pk, target: pk} for pk in targets
                    )
        return cls(
            path=path,
            models=tuple((model, tuple(rows)) for model, rows in by_model.items()),
            links=tuple((through, tuple(rows)) for through, rows in links.items()),
        )

    def load(self) -> None:
        """Write every row, as `loaddata` would: in one transaction, the constraints checked
        at the end, the sequences moved past the ids written."""
        fields_of = {model: model._meta.local_concrete_fields for model, _ in self.models}
        with transaction.atomic(), connection.constraint_checks_disabled():
            # Loaded as rows, the published papers' parts arrive after their papers: on
            # PostgreSQL the triggers that keep a published paper unchanged would refuse them.
            with triggers_off():
                for model, rows in self.models:
                    rows = [copy.copy(row) for row in rows]
                    # A row the migrations made already (the cache's write stamp) is updated.
                    present = set(
                        model._base_manager.filter(pk__in=[row.pk for row in rows]).values_list(
                            "pk", flat=True
                        )
                    )
                    for row in rows:
                        if row.pk in present:
                            row.save_base(raw=True)
                    rows = [row for row in rows if row.pk not in present]
                    fields = fields_of[model]
                    size = connection.ops.bulk_batch_size(fields, rows) or len(rows) or 1
                    for start in range(0, len(rows), size):
                        batch = rows[start : start + size]
                        model._base_manager._insert(batch, fields=fields, raw=True)
                for through, rows in self.links:
                    through._base_manager.bulk_create(through(**row) for row in rows)
            tables = [model._meta.db_table for model, _ in self.models + self.links]
            connection.check_constraints(table_names=tables)
        models = [model for model, _ in self.models]
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)

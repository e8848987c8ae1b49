"""`make scale-test`'s helper inside the portal (run with the instances' environment):
`python scripts/scale/portal_side.py <command>` prints one JSON object.

- prepare: known passwords, the SPR lead's authenticator (a key the client computes codes
  from), a business lead's draft in the open quarter, the newest published paper, a day on
  which reminders are due.
- enqueue-reminders DAY N: N runs of the daily reminders for DAY, queued at once (for N
  workers to take together).
- queue: how many tasks wait, run, failed.
- reminders DAY: the reminder log of DAY, (recipient e-mail, kind) pairs.
- checksums: every evidence file's and published PDF's id and SHA-256.
- tokens PREFIX: the API tokens whose name starts with PREFIX, by name, with their count.
- evidence-key ID: where an evidence file is stored (its name in the storage).
"""

import datetime
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spr_portal.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402

PASSWORD = os.environ.get("SCALE_PASSWORD", "scale-test-password-2026")
TOTP_KEY = "3132333435363738393031323334353637383930"  # RFC 6238's test key, as hex


def prepare() -> dict:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from assessments.choices import EDITABLE_STATUSES
    from assessments.models import Assessment, Quarter
    from assessments.services import assessment_start
    from reports.models import BoardReport
    from spr_portal.roles import Role, holders_of
    from threats.stand_ins import leads_today

    users = get_user_model().objects
    for user in users.all():
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    spr = holders_of(Role.SPR_LEAD).order_by("username").first()
    TOTPDevice.objects.filter(user=spr).delete()
    TOTPDevice.objects.create(user=spr, name="scale test", key=TOTP_KEY, confirmed=True)
    quarter = Quarter.objects.open().get()
    draft = (
        Assessment.objects.filter(quarter=quarter, status__in=EDITABLE_STATUSES)
        .select_related("threat")
        .order_by("pk")
        .first()
    )
    if draft is None:  # every self-assessment submitted: a lead starts one not yet begun
        begun = Assessment.objects.filter(quarter=quarter).values("threat")
        threat = quarter.edition.threats().exclude(pk__in=begun).order_by("pk").first()
        department = threat.owning_department_id
        starter = leads_today({department})[department].people[0]
        draft = assessment_start(threat=threat, quarter=quarter, actor=starter)
    department = draft.threat.owning_department_id
    lead = next(
        person
        for person in leads_today({department})[department].people
        if person.username.startswith("lead.")
    )
    published = BoardReport.objects.currently_published().order_by("-published_at").first()
    return {
        "spr": spr.username,
        "lead": lead.username,
        "draft": draft.pk,
        "password": PASSWORD,
        "totp_key": TOTP_KEY,
        "report": published.pk,
        "reminder_day": (quarter.submission_deadline - datetime.timedelta(days=1)).isoformat(),
    }


def enqueue_reminders(day: str, runs: str) -> dict:
    from assessments.tasks import send_daily_reminders

    ids = [
        str(send_daily_reminders.enqueue(today=day, reschedule=False).id) for _ in range(int(runs))
    ]
    return {"queued": ids}


def queue() -> dict:
    from django_tasks_db.models import DBTaskResult

    return {
        "ready": DBTaskResult.objects.ready().count(),  # due now (not those scheduled later)
        "running": DBTaskResult.objects.running().count(),
        "failed": DBTaskResult.objects.failed().count(),
        "done": DBTaskResult.objects.successful().count(),
    }


def reminders(day: str) -> dict:
    from assessments.models import ReminderLog

    rows = ReminderLog.objects.filter(sent_on=day).values_list("recipient__email", "kind")
    return {"sent": sorted([list(row) for row in rows])}


def checksums() -> dict:
    from assessments.models import EvidenceFile
    from reports.models import PublishedPdf

    return {
        "evidence": dict(EvidenceFile.objects.values_list("pk", "sha256")),
        "papers": dict(PublishedPdf.objects.values_list("report_id", "sha256")),
    }


def tokens(prefix: str) -> dict:
    from api.models import ApiToken

    names = ApiToken.objects.filter(name__startswith=prefix).values_list("name", flat=True)
    counted: dict[str, int] = {}
    for name in names:
        counted[name] = counted.get(name, 0) + 1
    return {"tokens": counted}


def evidence_key(pk: str) -> dict:
    from assessments.models import EvidenceFile

    return {"name": EvidenceFile.objects.get(pk=pk).file.name}


COMMANDS = {
    "prepare": prepare,
    "enqueue-reminders": enqueue_reminders,
    "queue": queue,
    "reminders": reminders,
    "checksums": checksums,
    "tokens": tokens,
    "evidence-key": evidence_key,
}

if __name__ == "__main__":
    print(json.dumps(COMMANDS[sys.argv[1]](*sys.argv[2:]), default=str))

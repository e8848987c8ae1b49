"""Copy every evidence file out of the evidence storage (a folder or the bucket) into one tar
file, or back: the object-storage half of scripts/backup.sh and scripts/restore.sh. Files are
streamed through the storage API (never whole in memory) under their stored names, each
checked against the SHA-256 its row records, so a backup never holds a changed file unseen.

  manage.py backup_objects /var/backups/spr-portal/2026-12-02/objects.tar
  manage.py backup_objects --restore /var/backups/spr-portal/2026-12-02/objects.tar

The copies of published papers are not included: the database holds the papers, and the
copies are written again from it on the first download (reports/sendfile.py)."""

import hashlib
import tarfile
import tempfile

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from assessments.models import EvidenceFile
from assessments.models.evidence import evidence_storage
from spr_portal.object_storage import BLOCK, open_stream


class _Hashing:
    """A file-like reader that hashes what passes through it."""

    def __init__(self, handle):
        self.handle, self.sha = handle, hashlib.sha256()

    def read(self, size=-1):
        data = self.handle.read(BLOCK if size is None or size < 0 else size)
        self.sha.update(data)
        return data


class Command(BaseCommand):
    help = "Back up every evidence file to a tar file, or restore them from one (--restore)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--restore", action="store_true")

    def handle(self, *args, path, restore, **options):
        if restore:
            return self._restore(path)
        storage = evidence_storage()
        count = 0
        with tarfile.open(path, "w") as archive:
            for evidence in EvidenceFile.objects.order_by("pk").iterator():
                info = tarfile.TarInfo(evidence.file.name)
                info.size = evidence.size
                reader = _Hashing(open_stream(storage, evidence.file.name))
                archive.addfile(info, reader)
                if reader.sha.hexdigest() != evidence.sha256:
                    raise CommandError(f"{evidence.file.name} does not match its SHA-256")
                count += 1
        self.stdout.write(f"{count} evidence file{'' if count == 1 else 's'} backed up to {path}")

    def _restore(self, path):
        storage = evidence_storage()
        expected = dict(EvidenceFile.objects.values_list("file", "sha256"))
        restored = 0
        with tarfile.open(path, "r") as archive:
            for member in archive:
                if not member.isfile() or member.name not in expected:
                    raise CommandError(f"{member.name} is not an evidence file of this database")
                if storage.exists(member.name):
                    continue
                with tempfile.TemporaryFile() as copy:
                    reader = _Hashing(archive.extractfile(member))
                    while data := reader.read(BLOCK):
                        copy.write(data)
                    if reader.sha.hexdigest() != expected[member.name]:
                        raise CommandError(f"{member.name} does not match its SHA-256")
                    copy.seek(0)
                    if storage.save(member.name, File(copy)) != member.name:
                        raise CommandError(f"{member.name} could not be restored under its name")
                restored += 1
        self.stdout.write(f"{restored} evidence file{'' if restored == 1 else 's'} restored")

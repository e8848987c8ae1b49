"""Serving a stored PDF without reading it through Python, when the deployment allows it.

With SPR_SENDFILE set, the download view checks access as ever, then answers with headers only
and lets the web server in front send the bytes from disk:

- "x-accel-redirect" (nginx): `X-Accel-Redirect: <SPR_SENDFILE_URL><sha256>.pdf`, an
  `internal` location aliased to SPR_SENDFILE_ROOT (docs/benchmarks.md shows the config);
- "x-sendfile" (Apache mod_xsendfile, lighttpd): `X-Sendfile: <absolute path>`;
- "storage" (the default with object storage, spr_portal/object_storage.py): the copy is kept
  in the "papers" storage, shared by every app server, and Django streams it from there in
  blocks (`stored_object`), never holding the whole file.

The database stays the record: the file is a copy named by its SHA-256, written on the first
download after checking the bytes against that fingerprint, so it can never be stale (a
corrected report is another version with another fingerprint) and may be deleted at any time.
"""

import hashlib
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import storages

ACCEL = "x-accel-redirect"
SENDFILE = "x-sendfile"
STORAGE = "storage"


def mode() -> str:
    chosen = settings.SPR_SENDFILE
    if chosen not in {"", ACCEL, SENDFILE, STORAGE}:
        raise ImproperlyConfigured(f"SPR_SENDFILE must be '', {ACCEL}, {SENDFILE} or {STORAGE}")
    return chosen


def _checked_content(stored) -> bytes:
    from reports.models import PublishedPdf

    content = bytes(PublishedPdf.objects.values_list("content", flat=True).get(pk=stored.pk))
    if hashlib.sha256(content).hexdigest() != stored.sha256:
        raise ValueError(f"The stored PDF {stored.pk} does not match its SHA-256")
    return content


def stored_object(stored) -> str:
    """The name of the stored PDF's copy in the "papers" storage, written from the database
    (after checking its SHA-256) if missing. Publishing writes it in the background
    (reports/tasks.py); a download that comes first writes it itself. Two app servers
    writing it at once write the same bytes under the same name."""
    storage = storages["papers"]
    name = f"{stored.sha256}.pdf"
    if not storage.exists(name):
        saved = storage.save(name, ContentFile(_checked_content(stored)))
        if saved != name:  # another server wrote it meanwhile: keep one copy
            storage.delete(saved)
    return name


def stored_copy(stored) -> Path:
    """The file holding the stored PDF's bytes, written from the database if missing."""
    root = Path(settings.SPR_SENDFILE_ROOT)
    path = root / f"{stored.sha256}.pdf"
    if path.exists():
        return path
    content = _checked_content(stored)
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=root, delete=False, suffix=".part") as part:
        part.write(content)
    os.chmod(part.name, 0o644)  # the web server reads it  # noqa: S103
    os.replace(part.name, path)  # atomic: a reader never sees half a file
    return path


def headers_for(stored) -> dict[str, str]:
    """The header that hands the download to the web server, or {} when it is off."""
    how = mode()
    if how in {"", STORAGE}:
        return {}
    path = stored_copy(stored)
    if how == ACCEL:
        return {"X-Accel-Redirect": f"{settings.SPR_SENDFILE_URL}{path.name}"}
    return {"X-Sendfile": str(path.resolve())}

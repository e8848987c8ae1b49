"""Serving a stored PDF without reading it through Python, when the deployment allows it.

With SPR_SENDFILE set, the download view checks access as ever, then answers with headers only
and lets the web server in front send the bytes from disk:

- "x-accel-redirect" (nginx): `X-Accel-Redirect: <SPR_SENDFILE_URL><sha256>.pdf`, an
  `internal` location aliased to SPR_SENDFILE_ROOT (docs/benchmarks.md shows the config);
- "x-sendfile" (Apache mod_xsendfile, lighttpd): `X-Sendfile: <absolute path>`.

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

ACCEL = "x-accel-redirect"
SENDFILE = "x-sendfile"


def mode() -> str:
    chosen = settings.SPR_SENDFILE
    if chosen not in {"", ACCEL, SENDFILE}:
        raise ImproperlyConfigured(f"SPR_SENDFILE must be '', {ACCEL} or {SENDFILE}")
    return chosen


def stored_copy(stored) -> Path:
    """The file holding the stored PDF's bytes, written from the database if missing."""
    root = Path(settings.SPR_SENDFILE_ROOT)
    path = root / f"{stored.sha256}.pdf"
    if path.exists():
        return path
    from reports.models import PublishedPdf

    content = bytes(PublishedPdf.objects.values_list("content", flat=True).get(pk=stored.pk))
    if hashlib.sha256(content).hexdigest() != stored.sha256:
        raise ValueError(f"The stored PDF {stored.pk} does not match its SHA-256")
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=root, delete=False, suffix=".part") as part:
        part.write(content)
    os.chmod(part.name, 0o644)  # the web server reads it  # noqa: S103
    os.replace(part.name, path)  # atomic: a reader never sees half a file
    return path


def headers_for(stored) -> dict[str, str]:
    """The header that hands the download to the web server, or {} when it is off."""
    how = mode()
    if not how:
        return {}
    path = stored_copy(stored)
    if how == ACCEL:
        return {"X-Accel-Redirect": f"{settings.SPR_SENDFILE_URL}{path.name}"}
    return {"X-Sendfile": str(path.resolve())}

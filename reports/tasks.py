"""What publishing leaves to the background: the copy of the published PDF in the shared
"papers" storage (reports/sendfile.py `stored_object`), written once the publication commits,
so that the first reader downloads from object storage without waiting for it. A download
that comes first writes it itself; a failure is tried again, then kept for administrators."""

from django.tasks import task

from spr_portal.background import retry_or_fail


@task
def store_paper_copy(pdf_id: int, attempt: int = 1) -> str:
    from reports.models import PublishedPdf
    from reports.sendfile import stored_object

    stored = PublishedPdf.objects.defer("content").get(pk=pdf_id)
    try:
        return stored_object(stored)
    except ValueError:  # the database's bytes do not match their SHA-256: never retried
        raise
    except Exception as error:  # noqa: BLE001 - the storage unreachable, refused, timed out
        retry_or_fail(store_paper_copy, attempt, error, pdf_id)
        return "retrying"

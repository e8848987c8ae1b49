"""Where the portal keeps files: a folder on this machine, or object storage shared by every
app server (an S3 API: AWS, MinIO, Ceph, moto in `make scale-test`) through django-storages.

Settings choose (spr_portal/settings.py `STORAGES`): with `AWS_STORAGE_BUCKET_NAME` set, the
"evidence" and "papers" storages are django-storages' S3 backend (endpoint, region and
credentials from the environment, as boto3 reads them); otherwise folders under MEDIA_ROOT,
as `make run` has always had them.

Every download streams from the storage in blocks (`open_stream`): an evidence file of 20 MB
never sits whole in an app server's memory, whatever the backend.
"""

from django.core.files.storage import Storage

BLOCK = 64 * 1024


def is_object_storage(storage: Storage) -> bool:
    """True for django-storages' S3 backend (it has a bucket), False for a folder."""
    return hasattr(storage, "bucket") and hasattr(storage, "connection")


def open_stream(storage: Storage, name: str):
    """A file-like object reading `name` from `storage` in blocks, for FileResponse.

    For object storage, the body of one GET, read as it arrives (django-storages' own file
    object would first copy the whole object into a spooled temporary file); for a folder,
    the file itself. Raises FileNotFoundError when there is no such file."""
    if is_object_storage(storage):
        from botocore.exceptions import ClientError
        from storages.utils import clean_name

        key = storage._normalize_name(clean_name(name))  # as django-storages' own _open
        try:
            return storage.bucket.Object(key).get()["Body"]
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in {"NoSuchKey", "404"}:
                raise FileNotFoundError(name) from error
            raise
    return storage.open(name, "rb")


def check(storage: Storage) -> None:
    """Raise if the storage cannot be reached (readiness): one listing, no file read."""
    if is_object_storage(storage):
        storage.connection.meta.client.head_bucket(Bucket=storage.bucket_name)
    else:
        storage.exists("readiness-check")

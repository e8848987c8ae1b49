"""Nothing cached: what a query count measured next is, whatever a test's set-up read and kept.

Since each cached entry is keyed by the stamps of the apps it reads (spr_portal/cache_stamp.py),
a set-up that writes only self-assessments leaves the roles and names its services read still
cached; a count taken then would depend on the set-up, not on the page.
"""

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from spr_portal import cache_stamp


def empty_cache() -> None:
    """Empty the cache (and, with Redis, this process's near copy of it) and forget this
    thread's part of the write stamp."""
    for cache in caches.all():
        cache.clear()
    cache_stamp.forget_local()


def stamp_read_outside_a_request() -> int:
    """The queries a cached read costs for the write stamp outside a request (a service called
    from a test): its row, without Redis (in a request the middleware has read it once)."""
    return 0 if cache_stamp._cache_is_shared() else 1


def cold_queries(client, user, url: str) -> int:
    """The queries `user`'s GET of `url` costs with nothing cached (answered 200)."""
    client.force_login(user)
    empty_cache()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)

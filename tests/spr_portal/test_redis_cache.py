"""The Redis cache keeps one redis-py client a connection pool (spr_portal/redis_cache.py):
every operation answers as Django's own backend does, from one client, in every thread."""

import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.cache.backends.redis import RedisCache

from spr_portal.redis_cache import KeptClientRedisCache
from spr_portal.settings import caches_for

REDIS = "redis://127.0.0.1:6379/2"


@pytest.fixture
def backends():
    """This backend and Django's, on keys of their own (other tests share the server)."""
    try:
        import redis

        redis.Redis.from_url(REDIS, socket_connect_timeout=0.5).ping()
    except Exception:
        pytest.skip(f"Redis does not answer at {REDIS} (CI runs it there)")
    prefix = f"test-{uuid.uuid4().hex}"
    kept = KeptClientRedisCache(REDIS, {"KEY_PREFIX": prefix})
    plain = RedisCache(REDIS, {"KEY_PREFIX": prefix + "-django"})
    yield kept, plain
    for backend in (kept, plain):
        backend.delete_many(["a", "b", "c", *(f"t{n}" for n in range(8))])


def _operations(backend) -> list:
    backend.set("a", 1)
    backend.set_many({"b": {"two": 2}, "c": [3]})
    answers = [backend.get_many(["a", "b", "c", "missing"]), backend.incr("a", 5)]
    answers.append(backend.add("a", 99))  # already there: not added
    backend.delete("b")
    answers += [backend.get("b", "gone"), backend.get("a"), backend.has_key("c")]
    return answers


def test_it_answers_as_djangos_own_backend(backends):
    kept, plain = backends
    assert _operations(kept) == _operations(plain)
    assert _operations(kept) == [{"a": 1, "b": {"two": 2}, "c": [3]}, 6, False, "gone", 6, True]


def test_one_client_serves_every_operation_and_every_thread(backends):
    kept, plain = backends

    def work(n):
        kept.set(f"t{n}", n)
        return kept.get(f"t{n}"), id(kept._cache.get_client(write=n % 2 == 0))

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(work, range(8)))
    assert [value for value, _ in results] == list(range(8))
    assert len({client for _, client in results}) == 1
    # What it spares: Django's own builds a client for each operation.
    assert plain._cache.get_client() is not plain._cache.get_client()


def test_the_settings_use_it_with_redis():
    assert caches_for(REDIS)["default"]["BACKEND"] == "spr_portal.redis_cache.KeptClientRedisCache"
    assert "redis" not in caches_for("")["default"]["BACKEND"]

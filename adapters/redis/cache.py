"""The cache on Redis: hot reads and small shared counters, under one key prefix.

Redis down (refused, timed out, any RedisError): `get` misses, `set` and `delete` do nothing,
and `incr` raises `CacheUnavailable` (a counter has no honest default value: the caller decides
whether to fail open). Failures are logged at WARNING at most once per `warn_every` seconds.

Keys are the caller's: one user's data must live under a key naming that user.
"""
from __future__ import annotations

import time
from typing import Callable

import redis

from adapters.redis import RedisLink
from ports.cache import Cache

# INCR, and start the window on a counter that has no expiry yet (new, or left without one).
_INCR = """
local value = redis.call('INCR', KEYS[1])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return value
"""
_UNAVAILABLE = object()


class CacheUnavailable(RuntimeError):
    """Raised by `RedisCache.incr` when Redis cannot be reached: there is no counter to return."""


class RedisCache(Cache):
    def __init__(self, url: str, prefix: str = "planloom:", socket_timeout: float = 0.25, *,
                 cooldown: float = 1.0, warn_every: float = 30.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.prefix = prefix
        self.link = RedisLink(url, name="cache", socket_timeout=socket_timeout, cooldown=cooldown,
                              warn_every=warn_every, clock=clock)

    def _key(self, key: str) -> str:
        return self.prefix + key

    def get(self, key: str) -> bytes | None:
        return self.link.run("cache get", lambda r: r.get(self._key(key)), None)

    def set(self, key: str, value: bytes, ttl_seconds: int) -> None:
        if ttl_seconds <= 0:  # already expired: nothing to keep, and an older value must not survive
            self.delete(key)
            return
        self.link.run("cache set", lambda r: r.set(self._key(key), value, ex=ttl_seconds), None)

    def delete(self, *keys: str) -> None:
        if keys:
            self.link.run("cache delete", lambda r: r.delete(*(self._key(k) for k in keys)), None)

    def incr(self, key: str, ttl_seconds: int) -> int:
        """Increment a counter (creating it at 1, expiring `ttl_seconds` after creation).

        Raises `CacheUnavailable` when Redis cannot answer, `ValueError` if the key holds no integer.
        """
        def call(r: redis.Redis) -> int:
            try:
                return int(r.eval(_INCR, 1, self._key(key), max(int(ttl_seconds), 1)))
            except redis.ResponseError as exc:
                if "not an integer" in str(exc):
                    raise ValueError(f"cache key {key!r} does not hold an integer") from None
                raise

        value = self.link.run("cache incr", call, _UNAVAILABLE)
        if value is _UNAVAILABLE:
            raise CacheUnavailable("Redis is unavailable: the counter cannot be incremented")
        return value  # type: ignore[return-value]

    def close(self) -> None:
        self.link.close()

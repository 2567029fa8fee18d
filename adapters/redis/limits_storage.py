"""flask-limiter's storage on Redis with Planloom's Redis outage policy (``RedisLink``): while Redis is
away (and for ``cooldown`` seconds after each connection failure) the counting goes on in this
process's memory, a per-process limit, and it moves back to Redis as soon as Redis answers. URI:
``planloom+redis://...`` (or ``planloom+rediss://``).

flask-limiter's own in-memory fallback would do the first half, but after an outage it probes the
storage with an exponential back-off (up to half a minute), so limits stayed per process long after
Redis was back."""
from __future__ import annotations

import time

from limits.storage import MemoryStorage, Storage

from adapters.redis import RedisLink

PREFIX = "planloom:limits:"
_INCRBY = """
local value = redis.call('INCRBY', KEYS[1], ARGV[1])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
return value
"""
_AWAY = object()


class RedisLimitsStorage(Storage):
    STORAGE_SCHEME = ["planloom+redis", "planloom+rediss"]

    def __init__(self, uri: str, wrap_exceptions: bool = False, cooldown: float = 1.0, **options) -> None:
        super().__init__(uri, wrap_exceptions=wrap_exceptions)
        self.link = RedisLink(uri.removeprefix("planloom+"), name="rate limits", cooldown=cooldown)
        self.memory = MemoryStorage()

    @property
    def base_exceptions(self):
        return ()  # nothing escapes: an outage means counting in memory

    def _redis(self, what: str, call, fallback):
        value = self.link.run(what, call, _AWAY)
        return fallback() if value is _AWAY else value

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        return self._redis("rate limit incr", lambda r: int(r.eval(_INCRBY, 1, PREFIX + key, amount, max(int(expiry), 1))),
                           lambda: self.memory.incr(key, expiry, amount))

    def get(self, key: str) -> int:
        return self._redis("rate limit get", lambda r: int(r.get(PREFIX + key) or 0), lambda: self.memory.get(key))

    def get_expiry(self, key: str) -> float:
        def ask(r) -> float:
            left = r.pttl(PREFIX + key)
            return time.time() + max(left, 0) / 1000

        return self._redis("rate limit expiry", ask, lambda: self.memory.get_expiry(key))

    def check(self) -> bool:
        return True  # never "dead" for flask-limiter: the fallback is ours

    def reset(self) -> int | None:
        def wipe(r) -> int:
            keys = list(r.scan_iter(match=PREFIX + "*"))
            return r.delete(*keys) if keys else 0

        self.memory.reset()
        return self._redis("rate limit reset", wipe, lambda: None)

    def clear(self, key: str) -> None:
        self.memory.clear(key)
        self._redis("rate limit clear", lambda r: r.delete(PREFIX + key), lambda: None)

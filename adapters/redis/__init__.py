"""Redis adapters: the cache and the refresh-token/revocation store of the production profile.

Redis is never a source of truth here and never a reason for a 500: every Redis error is caught,
logged (rate-limited) and turned into a miss, and the callers fall back (cache bypassed, token
questions answered by the database). `RedisLink` holds that policy so both adapters share it:

- the client is built lazily on first use (nothing connects at import or construction);
- redis-py's own retries are switched off (redis-py >= 6 retries 3 times with back-off by default,
  which would turn an outage into seconds of latency per request);
- after a connection failure, Redis is skipped for `cooldown` seconds (a blackholed host would
  otherwise cost `socket_connect_timeout` on every call);
- a WARNING is logged at most once per `warn_every` seconds, with the number of failures since
  the last one; an INFO line says when Redis answers again.
"""
from __future__ import annotations

import logging
import threading
import time
from typing import Callable, TypeVar

import redis
from redis.backoff import NoBackoff
from redis.connection import parse_url
from redis.retry import Retry

T = TypeVar("T")
log = logging.getLogger("planloom.redis")


class RedisLink:
    """A lazily built Redis client plus the outage policy (catch, skip, rate-limited warning)."""

    def __init__(self, url: str, *, name: str, socket_timeout: float = 0.25, cooldown: float = 1.0,
                 warn_every: float = 30.0, clock: Callable[[], float] = time.monotonic) -> None:
        parse_url(url)  # a misconfigured URL fails here, at start-up, not on every request
        self.url, self.name, self.socket_timeout = url, name, socket_timeout
        self.cooldown, self.warn_every, self.clock = cooldown, warn_every, clock
        self._lock = threading.Lock()
        self._client: redis.Redis | None = None
        self._skip_until = float("-inf")
        self._last_warning = float("-inf")
        self._failures = 0          # failures since the last warning
        self._down = False

    @property
    def client(self) -> redis.Redis:
        if self._client is None:
            with self._lock:
                if self._client is None:
                    self._client = redis.Redis.from_url(
                        self.url, socket_timeout=self.socket_timeout, socket_connect_timeout=self.socket_timeout,
                        retry=Retry(NoBackoff(), 0), retry_on_error=[], health_check_interval=0)
        return self._client

    def available(self) -> bool:
        """False while in the cooldown that follows a connection failure."""
        return self.clock() >= self._skip_until

    def run(self, what: str, call: Callable[[redis.Redis], T], default: T) -> T:
        """`call(client)`, or `default` if Redis is skipped or fails (the failure is logged)."""
        if not self.available():
            return default
        try:
            result = call(self.client)
        except (redis.RedisError, OSError) as exc:
            self.failed(what, exc)
            return default
        self._recovered()
        return result

    def failed(self, what: str, exc: Exception) -> None:
        connection_lost = isinstance(exc, (redis.ConnectionError, redis.TimeoutError, OSError))
        with self._lock:
            now = self.clock()
            if connection_lost:
                self._skip_until = now + self.cooldown
                self._down = True
            self._failures += 1
            if now - self._last_warning < self.warn_every:
                return
            failures, self._failures, self._last_warning = self._failures, 0, now
        log.warning("Redis (%s) failed during %s: %s: %s; falling back (%d failure(s) since the last warning)",
                    self.name, what, type(exc).__name__, exc, failures)

    def _recovered(self) -> None:
        if self._down:
            with self._lock:
                was_down, self._down = self._down, False
            if was_down:
                log.info("Redis (%s) answers again", self.name)

    def close(self) -> None:
        with self._lock:
            client, self._client = self._client, None
        if client is not None:
            client.close()

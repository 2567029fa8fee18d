"""Per-user API rate limits: a fixed-window counter per user in the shared counter store (Redis when
configured, else a SQLite file every process on the host shares). While that store is away the
counting goes on in this process's memory (a per-process limit, logged) rather than not at all."""
from __future__ import annotations

import logging
import time

from flask import current_app
from limits import parse

from adapters.memory.cache import MemoryCache
from domain.errors import RateLimited

log = logging.getLogger(__name__)


class UserRateLimit:
    def __init__(self, limit: str, counter, clock=time.time, fallback=None) -> None:
        item = parse(limit)
        self.amount, self.window = item.amount, item.get_expiry()
        self.counter, self.clock = counter, clock
        self.fallback = fallback if fallback is not None else MemoryCache(max_entries=100_000, clock=clock)
        self._warned = 0.0

    def count(self, user_id: str) -> None:
        now = self.clock()
        window = int(now // self.window)
        key = f"rate:user:{user_id}:{window}"
        try:
            used = self.counter.incr(key, self.window)
        except Exception as exc:  # the shared store is away: count in this process meanwhile
            if now - self._warned > 30:
                self._warned = now
                log.warning("rate limits count per process: the shared counter store is unavailable (%s)", exc)
            used = self.fallback.incr(key, self.window)
        if used > self.amount:
            retry = int((window + 1) * self.window - now) + 1
            raise RateLimited(f"more than {self.amount} requests in {self.window} s; try again in {retry} s",
                              retry_after_seconds=retry)


def count_user_request(user_id: str) -> None:
    limiter = getattr(current_app, "user_rate_limit", None)
    if limiter is not None:
        limiter.count(user_id)

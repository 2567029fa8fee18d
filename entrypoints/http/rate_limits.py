"""Per-user API rate limits: a fixed-window counter per user, in Redis when configured (shared by every
process) or in this process. Redis away: fail open with a logged warning."""
from __future__ import annotations

import logging
import time

from flask import current_app
from limits import parse

from domain.errors import RateLimited

log = logging.getLogger(__name__)


class UserRateLimit:
    def __init__(self, limit: str, counter, clock=time.time) -> None:
        item = parse(limit)
        self.amount, self.window = item.amount, item.get_expiry()
        self.counter, self.clock = counter, clock
        self._warned = 0.0

    def count(self, user_id: str) -> None:
        now = self.clock()
        window = int(now // self.window)
        try:
            used = self.counter.incr(f"rate:user:{user_id}:{window}", self.window)
        except Exception as exc:  # the shared counter is away: let the request through
            if now - self._warned > 30:
                self._warned = now
                log.warning("rate limits fail open: the counter store is unavailable (%s)", exc)
            return
        if used > self.amount:
            retry = int((window + 1) * self.window - now) + 1
            raise RateLimited(f"more than {self.amount} requests in {self.window} s; try again in {retry} s",
                              retry_after_seconds=retry)


def count_user_request(user_id: str) -> None:
    limiter = getattr(current_app, "user_rate_limit", None)
    if limiter is not None:
        limiter.count(user_id)

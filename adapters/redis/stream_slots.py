"""Stream slots on Redis, shared by every process of every host: one sorted set per user, a member per
open stream scored by when its lease lapses. Acquiring drops the lapsed members, counts the rest and
adds one in a single script (atomic); the key itself expires after the longest lease, so a user whose
processes all died leaves nothing behind.

Redis down: slots are counted by ``fallback`` (the container gives an in-process one: the cap then holds
per process, as rate limits do) meanwhile, and such a lease is released where it was taken."""
from __future__ import annotations

import threading
import time
import uuid
from typing import Callable, Iterable
from uuid import UUID

from ports.stream_slots import StreamLease, StreamSlots
from adapters.redis import RedisLink

# KEYS[1] the user's set; ARGV: now, lapse of the new lease, its id, limit, key ttl (ms)
_ACQUIRE = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1
"""
_UNAVAILABLE = object()


class RedisStreamSlots(StreamSlots):
    def __init__(self, url: str, fallback: StreamSlots, prefix: str = "planloom:streams:",
                 socket_timeout: float = 0.25, *, clock: Callable[[], float] = time.time) -> None:
        self.prefix, self.clock, self.fallback = prefix, clock, fallback
        self.link = RedisLink(url, name="stream slots", socket_timeout=socket_timeout)
        self._local_ids: set[str] = set()  # leases the fallback gave while Redis was away
        self._lock = threading.Lock()

    def _key(self, user_id: UUID) -> str:
        return f"{self.prefix}{user_id}"

    def acquire(self, user_id: UUID, limit: int, ttl_seconds: float) -> StreamLease | None:
        lease, now = StreamLease(user_id, uuid.uuid4().hex), self.clock()
        taken = self.link.run("stream slot acquire", lambda r: r.eval(
            _ACQUIRE, 1, self._key(user_id), now, now + ttl_seconds, lease.id, limit, int(ttl_seconds * 1000) + 1000),
            _UNAVAILABLE)
        if taken is not _UNAVAILABLE:
            return lease if int(taken) else None
        local = self.fallback.acquire(user_id, limit, ttl_seconds)
        if local is not None:
            with self._lock:
                self._local_ids.add(local.id)
        return local

    def refresh(self, leases: Iterable[StreamLease], ttl_seconds: float) -> None:
        leases = list(leases)
        with self._lock:
            local = [lease for lease in leases if lease.id in self._local_ids]
        self.fallback.refresh(local, ttl_seconds)
        shared = [lease for lease in leases if lease.id not in {lease.id for lease in local}]
        if not shared:
            return
        lapse = self.clock() + ttl_seconds

        def call(r) -> None:
            pipe = r.pipeline(transaction=False)
            for lease in shared:  # ZADD without XX: a lease that lapsed meanwhile (Redis restarted) is back
                pipe.zadd(self._key(lease.user_id), {lease.id: lapse})
                pipe.pexpire(self._key(lease.user_id), int(ttl_seconds * 1000) + 1000)
            pipe.execute()

        self.link.run("stream slot refresh", call, None)

    def release(self, lease: StreamLease) -> None:
        with self._lock:
            local = lease.id in self._local_ids
            self._local_ids.discard(lease.id)
        if local:
            self.fallback.release(lease)
        else:
            self.link.run("stream slot release", lambda r: r.zrem(self._key(lease.user_id), lease.id), None)

    def close(self) -> None:
        self.link.close()

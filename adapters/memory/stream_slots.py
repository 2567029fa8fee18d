"""Stream slots in one process: the memory profile's, and Redis' stand-in while it is down."""
from __future__ import annotations

import threading
import time
import uuid
from typing import Callable, Iterable
from uuid import UUID

from ports.stream_slots import StreamLease, StreamSlots


class MemoryStreamSlots(StreamSlots):
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._lock = threading.Lock()
        self._expires: dict[StreamLease, float] = {}

    def acquire(self, user_id: UUID, limit: int, ttl_seconds: float) -> StreamLease | None:
        with self._lock:
            now = self.clock()
            for lease in [lease for lease, expires in self._expires.items() if expires <= now]:
                del self._expires[lease]
            if sum(1 for lease in self._expires if lease.user_id == user_id) >= limit:
                return None
            lease = StreamLease(user_id, uuid.uuid4().hex)
            self._expires[lease] = now + ttl_seconds
            return lease

    def refresh(self, leases: Iterable[StreamLease], ttl_seconds: float) -> None:
        with self._lock:
            expires = self.clock() + ttl_seconds
            for lease in leases:
                self._expires[lease] = expires

    def release(self, lease: StreamLease) -> None:
        with self._lock:
            self._expires.pop(lease, None)

"""The in-process cache of the embedded profile: a thread-safe dict with expiry, like Redis' SET EX/INCR.

Time comes from an injectable monotonic `clock` so tests move it by hand. At most `max_entries`
live at once: past that, expired entries are dropped, then the oldest.
"""
from __future__ import annotations

import threading
import time
from typing import Callable

from ports.cache import Cache


class MemoryCache(Cache):
    def __init__(self, clock: Callable[[], float] = time.monotonic, max_entries: int = 10_000) -> None:
        self.clock, self.max_entries = clock, max_entries
        self._lock = threading.Lock()
        self._entries: dict[str, tuple[bytes, float]] = {}  # key -> (value, expires at on `clock`)

    def _live(self, key: str, now: float) -> tuple[bytes, float] | None:
        entry = self._entries.get(key)
        if entry is not None and entry[1] <= now:
            del self._entries[key]
            return None
        return entry

    def _store(self, key: str, value: bytes, expires_at: float, now: float) -> None:
        self._entries.pop(key, None)  # re-insert: dict order is then the order of writes
        if len(self._entries) >= self.max_entries:
            for stale in [k for k, (_, at) in self._entries.items() if at <= now]:
                del self._entries[stale]
            while len(self._entries) >= self.max_entries:
                del self._entries[next(iter(self._entries))]
        self._entries[key] = (value, expires_at)

    def get(self, key: str) -> bytes | None:
        with self._lock:
            entry = self._live(key, self.clock())
            return None if entry is None else entry[0]

    def set(self, key: str, value: bytes, ttl_seconds: int) -> None:
        with self._lock:
            if ttl_seconds <= 0:
                self._entries.pop(key, None)
                return
            now = self.clock()
            self._store(key, bytes(value), now + ttl_seconds, now)

    def delete(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._entries.pop(key, None)

    def incr(self, key: str, ttl_seconds: int) -> int:
        """Increment a counter (creating it at 1, expiring `ttl_seconds` after creation)."""
        with self._lock:
            now = self.clock()
            entry = self._live(key, now)
            if entry is None:
                self._store(key, b"1", now + max(int(ttl_seconds), 1), now)
                return 1
            try:
                value = int(entry[0]) + 1
            except ValueError:
                raise ValueError(f"cache key {key!r} does not hold an integer") from None
            self._entries[key] = (str(value).encode(), entry[1])
            return value

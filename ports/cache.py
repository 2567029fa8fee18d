"""A cache for hot reads and small shared counters. Never a source of truth: any call may miss."""
from __future__ import annotations

import abc


class Cache(abc.ABC):
    @abc.abstractmethod
    def get(self, key: str) -> bytes | None: ...

    @abc.abstractmethod
    def set(self, key: str, value: bytes, ttl_seconds: int) -> None: ...

    @abc.abstractmethod
    def delete(self, *keys: str) -> None: ...

    @abc.abstractmethod
    def incr(self, key: str, ttl_seconds: int) -> int:
        """Increment a counter (creating it at 1) and return the new value."""

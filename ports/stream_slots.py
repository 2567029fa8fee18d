"""Slots for an account's open notification streams, counted across every process that serves them.

Each open stream holds a lease on one slot. A lease lives ``ttl_seconds`` unless refreshed, so the
slots of a process that died without releasing them come free on their own; a serving process
refreshes the leases of its open streams well within that time.
"""
from __future__ import annotations

import abc
from dataclasses import dataclass
from typing import Iterable
from uuid import UUID


@dataclass(frozen=True)
class StreamLease:
    user_id: UUID
    id: str


class StreamSlots(abc.ABC):
    @abc.abstractmethod
    def acquire(self, user_id: UUID, limit: int, ttl_seconds: float) -> StreamLease | None:
        """Atomically take a slot when the user holds fewer than ``limit`` live leases (from any process);
        None when they hold ``limit`` already."""

    @abc.abstractmethod
    def refresh(self, leases: Iterable[StreamLease], ttl_seconds: float) -> None:
        """Extend the leases of streams still open to ``ttl_seconds`` from now (a lapsed one is taken again)."""

    @abc.abstractmethod
    def release(self, lease: StreamLease) -> None:
        """Free the slot (a lease released twice, or lapsed, changes nothing)."""

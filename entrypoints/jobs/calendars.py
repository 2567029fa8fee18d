"""The periodic calendar sync, plugged into ScheduledJobs' ``calendar_sync`` job (which ticks every minute):
each connection is synced once per ``SYNC_PERIOD``, at the first tick after its own moment in the period
(``domain.model.calendar.sync_slot``, from a stable hash of its id), so connections are staggered over the
period instead of all read at one instant. Never-synced connections come first.

The job reads no calendar itself: it asks (``RequestCalendarSyncs``, ``CHUNK`` connections a commit), which
marks each due connection requested and sends a ``CalendarSyncDue`` event through the outbox; the
``calendar_sync`` consumer, in as many workers as the load needs, reads the calendar if it is still due. A
connection whose request is pending (younger than a period, not yet synced) is not asked for again."""
from __future__ import annotations

import logging
from collections import Counter

from domain import commands
from domain.model.calendar import SYNC_PERIOD, sync_due
from entrypoints.jobs.scheduler import Window
from ports.calendars import CalendarStore

log = logging.getLogger(__name__)

# 300,000 connections synced every 15 minutes are 20,000 requests a minute: BATCH leaves room above that.
BATCH = 25_000  # connections requested per tick at most (more wait for the next tick)
SCAN = 50_000   # connections looked at per tick (those synced least recently, none pending)
CHUNK = 500     # requests committed together


class CalendarSyncHook:
    def __init__(self, calendars: CalendarStore, bus, *, batch: int = BATCH, scan: int = SCAN,
                 chunk: int = CHUNK) -> None:
        self.calendars, self.bus, self.batch, self.scan, self.chunk = calendars, bus, batch, scan, chunk
        self.failed: Counter[str] = Counter()

    def __call__(self, window: Window) -> int:
        """How many connections were requested."""
        stale = self.calendars.stale(window.now, self.scan, pending_since=window.now - SYNC_PERIOD)
        due = [(user, connection) for user, connection, synced in stale if sync_due(connection, synced, window.now)]
        due = due[:self.batch]
        requested = 0
        for start in range(0, len(due), self.chunk):
            chunk = tuple(due[start:start + self.chunk])
            try:
                requested += self.bus.handle(commands.RequestCalendarSyncs(connections=chunk, now=window.now))
            except Exception:  # one chunk's failure must not stop the others; its connections are asked next tick
                self.failed["calendar_sync"] += len(chunk)
                log.exception("calendar_sync: %d sync requests failed", len(chunk))
        return requested

"""The periodic calendar sync, plugged into ScheduledJobs' ``calendar_sync`` job (which ticks every minute):
each connection is synced once per ``SYNC_PERIOD``, at the first tick after its own moment in the period
(``domain.model.calendar.sync_slot``, from a stable hash of its id), so connections are staggered over the
period instead of all read at one instant. Never-synced connections come first; at most ``batch`` a tick."""
from __future__ import annotations

import logging
from collections import Counter

from domain import commands
from domain.model.calendar import sync_due
from entrypoints.jobs.scheduler import Window
from ports.calendars import CalendarStore

log = logging.getLogger(__name__)

SCAN = 10_000  # connections looked at per tick (those synced least recently): more wait for later ticks


class CalendarSyncHook:
    def __init__(self, calendars: CalendarStore, bus, *, batch: int = 200, scan: int = SCAN) -> None:
        self.calendars, self.bus, self.batch, self.scan = calendars, bus, batch, scan
        self.failed: Counter[str] = Counter()

    def __call__(self, window: Window) -> int:
        stale = self.calendars.stale(window.now, self.scan)
        due = [(user, connection) for user, connection, synced in stale if sync_due(connection, synced, window.now)]
        done = 0
        for user_id, connection_id in due[:self.batch]:
            try:
                self.bus.handle(commands.SyncCalendar(user_id=user_id, connection_id=connection_id))
                done += 1
            except Exception:  # one calendar's failure must not stop the others
                self.failed["calendar_sync"] += 1
                log.exception("calendar_sync: connection %s of user %s failed", connection_id, user_id)
        return done

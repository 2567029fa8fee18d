"""The periodic calendar sync, plugged into ScheduledJobs' ``calendar_sync`` job: every connection not
synced for ``every`` gets a SyncCalendar command, least recently synced first and at most ``batch`` a run,
so a large install is spread over several runs (staggered) instead of read all at once."""
from __future__ import annotations

import logging
from collections import Counter
from datetime import timedelta

from domain import commands
from entrypoints.jobs.scheduler import Window
from ports.calendars import CalendarStore

log = logging.getLogger(__name__)

SYNC_EVERY = timedelta(minutes=15)


class CalendarSyncHook:
    def __init__(self, calendars: CalendarStore, bus, *, every: timedelta = SYNC_EVERY, batch: int = 200) -> None:
        self.calendars, self.bus, self.every, self.batch = calendars, bus, every, batch
        self.failed: Counter[str] = Counter()

    def __call__(self, window: Window) -> int:
        done = 0
        # a minute of slack: a connection synced by the previous run is due at this one
        for user_id, connection_id in self.calendars.stale(window.now - self.every + timedelta(minutes=1), self.batch):
            try:
                self.bus.handle(commands.SyncCalendar(user_id=user_id, connection_id=connection_id))
                done += 1
            except Exception:  # one calendar's failure must not stop the others
                self.failed["calendar_sync"] += 1
                log.exception("calendar_sync: connection %s of user %s failed", connection_id, user_id)
        return done

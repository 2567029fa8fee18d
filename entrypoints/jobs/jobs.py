"""The scheduled jobs. Like views, they read what they need, build commands and hand them to the bus;
what to say and when (the reminder policy, the texts) is the handlers' (domain/services/handlers/reminders.py).

Catch-up after downtime (``Window.since`` is the last successful run, clamped by ``catch_up``):

- ``reminders`` looks at no window: it reminds of blocks that have not started yet and start within the
  user's ``reminder_lead_minutes`` (0 turns reminders off). Blocks that started while the jobs were down
  are not announced late as "starting soon"; a block planned after its reminder moment still gets one.
- ``rollover`` and ``overdue`` catch up: blocks that ended, and due dates that passed, anywhere in the
  window (up to a week back) are handled.
- ``digest`` catches up within the user's local day only: today's agenda is sent late, yesterday's never.

Quiet hours are not checked here: every notification goes to the in-app inbox, and delivery on other
channels is held back by the delivery handler. One user's failure never stops a job: the command that
raised is logged and counted in ``failed`` (per job), and the job goes on with the next user.
"""
from __future__ import annotations

import logging
from collections import Counter
from datetime import timedelta
from typing import Callable
from uuid import UUID

from domain import commands
from domain.errors import DomainError
from domain.model import Preferences
from domain.services.handlers.reminders import agenda_day, block_key, reminder_due
from entrypoints.jobs.scheduler import Job, Window
from ports.job_queries import JobQueries
from ports.outbox import Outbox
from ports.preferences import PreferencesStore

log = logging.getLogger(__name__)

MAX_LEAD = timedelta(minutes=1440)  # the largest reminder_lead_minutes preferences accept
OUTBOX_RETENTION = timedelta(days=7)


class ScheduledJobs:
    def __init__(self, bus, queries: JobQueries, preferences: PreferencesStore, outbox: Outbox | None = None, *,
                 calendar_sync: Callable[[Window], int] | None = None, batch: int = 500) -> None:
        self.bus, self.queries, self.preferences, self.outbox = bus, queries, preferences, outbox
        self.calendar_hook = calendar_sync
        self.batch = batch
        self.failed: Counter[str] = Counter()  # commands that raised, per job (the job went on)

    def schedule(self) -> list[Job]:
        minute = timedelta(minutes=1)
        return [
            Job("reminders", self.reminders, every=timedelta(seconds=30), catch_up=MAX_LEAD),
            Job("rollover", self.rollover, every=minute, catch_up=timedelta(days=7)),
            Job("overdue", self.overdue, every=minute, catch_up=timedelta(days=7)),
            Job("digest", self.digest, every=minute, catch_up=timedelta(days=1)),
            Job("calendar_sync", self.calendar_sync, every=minute, catch_up=timedelta(days=1)),  # staggered
            Job("outbox_purge", self.outbox_purge, every=timedelta(hours=1), catch_up=timedelta(days=1)),
        ]

    # -- helpers --------------------------------------------------------------------------------
    def _handle(self, job: str, command) -> bool:
        """Hand one user's command to the bus; if it raises, log and count it, and go on with the next."""
        try:
            return self.bus.handle(command) is not None
        except Exception as exc:  # one user's data must not stop everyone else's reminders or re-plan
            self.failed[job] += 1
            if isinstance(exc, DomainError):
                log.warning("%s: %s refused for user %s: %s", job, type(command).__name__, command.user_id, exc)
            else:
                log.exception("%s: %s failed for user %s", job, type(command).__name__, command.user_id)
            return False

    def _skip(self, job: str, not_due: Callable[[], bool]) -> bool:
        """Whether the policy says there is nothing to send yet. A user whose data makes the check raise is
        not skipped: their command is sent, so the handler's failure is logged and counted like any other."""
        try:
            return not_due()
        except Exception:
            return False

    def _prefs_cache(self) -> Callable[[UUID, str], Preferences | None]:
        """Each user's preferences, read once per run and handed to their commands (their handlers, and the
        Notify they send, read none). None when the read fails: the handler then reads, fails and is counted."""
        cache: dict[UUID, Preferences | None] = {}

        def get(user_id: UUID, timezone_name: str) -> Preferences | None:
            if user_id not in cache:
                try:
                    cache[user_id] = self.preferences.get(user_id) or Preferences(timezone=timezone_name)
                except Exception:  # noqa: BLE001 - reported by the handler, like any failure of this user
                    cache[user_id] = None
            return cache[user_id]

        return get

    def _pages(self, fetch, key):
        cursor = None
        while True:
            page = fetch(cursor)
            yield page
            if len(page) < self.batch:
                return
            cursor = key(page[-1])

    # -- the jobs -------------------------------------------------------------------------------
    def reminders(self, window: Window) -> int:
        """"Starting soon" for each block starting within its owner's lead time, once per block and start."""
        now, prefs, sent = window.now, self._prefs_cache(), 0
        pages = self._pages(lambda c: self.queries.blocks_starting(now, now + MAX_LEAD, self.batch, c),
                            lambda b: (b.start, b.block_id))
        for page in pages:  # the policy is read here only to skip, in bulk, what is not due or already told
            due = [b for b in page if not self._skip(
                "reminders", lambda: not reminder_due(b.start, now, prefs(b.user_id, b.timezone)))]
            known = self.queries.already_notified((b.user_id, block_key(b.block_id, b.start)) for b in due)
            for b in due:
                if (b.user_id, block_key(b.block_id, b.start)) not in known:
                    sent += self._handle("reminders", commands.RemindBlockStarting(
                        user_id=b.user_id, block_id=b.block_id, task_id=b.task_id, title=b.title, start=b.start,
                        end=b.end, now=now, timezone=b.timezone, preferences=prefs(b.user_id, b.timezone)))
        return sent

    def rollover(self, window: Window) -> int:
        """Re-plan each user who has a block that ended in the window while its task stayed open.

        Pinned blocks count too: the planner ignores pinned times that are over, so a missed pinned block
        would otherwise leave its task with no time at all. ``requested_at`` is the latest missed end, so a
        plan computed after it (by an event or another run) makes the command a no-op."""
        done = 0
        for page in self._pages(lambda c: self.queries.missed_work(window.since, window.now, self.batch, c),
                                lambda m: m.user_id):
            for missed in page:
                done += self._handle("rollover", commands.ReplanSchedule(
                    user_id=missed.user_id, requested_at=missed.last_missed_end))
        return done

    def overdue(self, window: Window) -> int:
        """"Overdue" once for each open task whose due date passed in the window."""
        prefs, sent = self._prefs_cache(), 0
        for page in self._pages(lambda c: self.queries.overdue_tasks(window.since, window.now, self.batch, c),
                                lambda t: (t.due, t.task_id)):
            for task in page:
                sent += self._handle("overdue", commands.NotifyOverdue(
                    user_id=task.user_id, task_id=task.task_id, title=task.title, due=task.due,
                    timezone=task.timezone, preferences=prefs(task.user_id, task.timezone)))
        return sent

    def digest(self, window: Window) -> int:
        """Each user's agenda for their local day, at their ``digest_time``; late only within that day."""
        prefs, sent = self._prefs_cache(), 0
        for page in self._pages(lambda c: self.queries.users(self.batch, c), lambda u: u.user_id):
            for user in page:
                if self._skip("digest", lambda: agenda_day(prefs(user.user_id, user.timezone), window.since,
                                                           window.now) is None):
                    continue
                sent += self._handle("digest", commands.SendDailyAgenda(
                    user_id=user.user_id, since=window.since, now=window.now, timezone=user.timezone,
                    preferences=prefs(user.user_id, user.timezone)))
        return sent

    def calendar_sync(self, window: Window) -> int:
        """The periodic calendar sync hook (``entrypoints.jobs.calendars.CalendarSyncHook``: it asks the
        ``calendar_sync`` consumer to read each due connection). Without one it does nothing, but still runs,
        locks and records like any job."""
        return self.calendar_hook(window) if self.calendar_hook is not None else 0

    def outbox_purge(self, window: Window) -> int:
        """Drop outbox messages published more than a week ago."""
        if self.outbox is None:
            return 0
        return self.outbox.purge_published(window.now - OUTBOX_RETENTION)

"""The scheduled jobs. Like views, they read what they need, build commands and hand them to the bus.

Catch-up after downtime (``Window.since`` is the last successful run, clamped by ``catch_up``):

- ``reminders`` looks at no window: it reminds of blocks that have not started yet and start within the
  user's ``reminder_lead_minutes`` (0 turns reminders off). Blocks that started while the jobs were down
  are not announced late as "starting soon"; a block planned after its reminder moment still gets one.
- ``rollover`` and ``overdue`` catch up: blocks that ended, and due dates that passed, anywhere in the
  window (up to a week back) are handled.
- ``digest`` catches up within the user's local day only: today's agenda is sent late, yesterday's never.

Quiet hours are not checked here: every notification goes to the in-app inbox, and delivery on other
channels is held back by the delivery handler. Domain errors for one user (say, a re-plan conflict) are
logged and skipped; anything else propagates so the scheduler retries the whole window next tick.
"""
from __future__ import annotations

import logging
from collections import Counter
from datetime import datetime, time, timedelta, timezone
from typing import Callable
from uuid import UUID
from zoneinfo import ZoneInfo

from domain import commands
from domain.errors import DomainError, StaleVersion
from domain.model import Preferences
from entrypoints.jobs.scheduler import Job, Window
from ports.job_queries import JobQueries
from ports.outbox import Outbox
from ports.preferences import PreferencesStore

log = logging.getLogger(__name__)

MAX_LEAD = timedelta(minutes=1440)  # the largest reminder_lead_minutes preferences accept
OUTBOX_RETENTION = timedelta(days=7)


def _utc(value: datetime) -> datetime:
    return value.astimezone(timezone.utc)


def block_key(block_id: UUID, start: datetime) -> str:
    return f"block:{block_id}:{_utc(start).isoformat()}"


def digest_moment(day, digest_time: str, tz: ZoneInfo) -> datetime:
    """The UTC instant of ``digest_time`` on local ``day``. A time skipped by a DST jump falls after
    the jump (02:30 on a spring-forward night is 03:30 summer time); a repeated one is its first occurrence."""
    return _utc(datetime.combine(day, time.fromisoformat(digest_time), tzinfo=tz))


class ScheduledJobs:
    def __init__(self, bus, queries: JobQueries, preferences: PreferencesStore, outbox: Outbox | None = None, *,
                 calendar_sync: Callable[[Window], int] | None = None, batch: int = 500) -> None:
        self.bus, self.queries, self.preferences, self.outbox = bus, queries, preferences, outbox
        self.calendar_hook = calendar_sync
        self.batch = batch
        self.skipped: Counter[str] = Counter()  # commands refused with a domain error, per job

    def schedule(self) -> list[Job]:
        minute = timedelta(minutes=1)
        return [
            Job("reminders", self.reminders, every=timedelta(seconds=30), catch_up=MAX_LEAD),
            Job("rollover", self.rollover, every=minute, catch_up=timedelta(days=7)),
            Job("overdue", self.overdue, every=minute, catch_up=timedelta(days=7)),
            Job("digest", self.digest, every=minute, catch_up=timedelta(days=1)),
            Job("calendar_sync", self.calendar_sync, every=timedelta(minutes=15), catch_up=timedelta(days=1)),
            Job("outbox_purge", self.outbox_purge, every=timedelta(hours=1), catch_up=timedelta(days=1)),
        ]

    # -- helpers --------------------------------------------------------------------------------
    def _handle(self, job: str, command) -> bool:
        try:
            return self.bus.handle(command) is not None
        except StaleVersion:
            raise  # a concurrent change: retry the window
        except DomainError as exc:
            self.skipped[job] += 1
            log.warning("%s: %s refused for user %s: %s", job, type(command).__name__, command.user_id, exc)
            return False

    def _prefs_cache(self) -> Callable[[UUID, str], Preferences]:
        cache: dict[UUID, Preferences] = {}

        def get(user_id: UUID, timezone_name: str) -> Preferences:
            if user_id not in cache:
                cache[user_id] = self.preferences.get(user_id) or Preferences(timezone=timezone_name)
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
        for page in pages:
            due = [b for b in page
                   if b.start <= now + timedelta(minutes=prefs(b.user_id, b.timezone).reminder_lead_minutes)]
            known = self.queries.already_notified((b.user_id, block_key(b.block_id, b.start)) for b in due)
            for b in due:
                key = block_key(b.block_id, b.start)
                if (b.user_id, key) in known:
                    continue
                tz = ZoneInfo(prefs(b.user_id, b.timezone).timezone)
                minutes = max(1, round((b.start - now).total_seconds() / 60))
                sent += self._handle("reminders", commands.Notify(
                    user_id=b.user_id, kind="block_starting", title=f"Starting soon: {b.title}",
                    body=f"{b.title} starts at {b.start.astimezone(tz):%H:%M} (in {minutes} min).", dedupe_key=key,
                    data={"block_id": str(b.block_id), "task_id": str(b.task_id),
                          "start": _utc(b.start).isoformat(), "end": _utc(b.end).isoformat()}))
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
                tz = ZoneInfo(prefs(task.user_id, task.timezone).timezone)
                sent += self._handle("overdue", commands.Notify(
                    user_id=task.user_id, kind="task_overdue", title=f"Overdue: {task.title}",
                    body=f"{task.title} was due {task.due.astimezone(tz):%a %d %b %H:%M}.",
                    dedupe_key=f"overdue:{task.task_id}:{_utc(task.due).isoformat()}",
                    data={"task_id": str(task.task_id), "due": _utc(task.due).isoformat()}))
        return sent

    def digest(self, window: Window) -> int:
        """Each user's agenda for their local day, at their ``digest_time``; late only within that day."""
        sent = 0
        for page in self._pages(lambda c: self.queries.users(self.batch, c), lambda u: u.user_id):
            for user in page:
                prefs = self.preferences.get(user.user_id) or Preferences(timezone=user.timezone)
                if prefs.notifications.digest_time is None:
                    continue
                tz = ZoneInfo(prefs.timezone)
                today = window.now.astimezone(tz).date()
                moment = digest_moment(today, prefs.notifications.digest_time, tz)
                if not window.since < moment <= window.now:
                    continue
                sent += self._send_agenda(user.user_id, today, tz)
        return sent

    def _send_agenda(self, user_id: UUID, today, tz: ZoneInfo) -> int:
        start = _utc(datetime.combine(today, time(0), tzinfo=tz))
        end = _utc(datetime.combine(today + timedelta(days=1), time(0), tzinfo=tz))
        items = self.queries.agenda(user_id, start, end)
        lines = [f"{i.start.astimezone(tz):%H:%M}–{i.end.astimezone(tz):%H:%M} {i.title}" for i in items]
        minutes = sum(int((i.end - i.start).total_seconds() // 60) for i in items)
        body = "\n".join(lines) if lines else "Nothing is planned for today."
        return int(self._handle("digest", commands.Notify(
            user_id=user_id, kind="daily_agenda", title=f"Your agenda for {today:%a %d %b}", body=body,
            dedupe_key=f"agenda:{today.isoformat()}",
            data={"date": today.isoformat(), "blocks": len(items), "minutes": minutes})))

    def calendar_sync(self, window: Window) -> int:
        """The periodic calendar sync hook. Calendar adapters (Google, CalDAV, ICS) plug a callable in
        here that pulls busy time changed since ``window.since`` and re-plans affected users through the
        bus. Until one is configured it does nothing, but still runs, locks and records like any job."""
        return self.calendar_hook(window) if self.calendar_hook is not None else 0

    def outbox_purge(self, window: Window) -> int:
        """Drop outbox messages published more than a week ago."""
        if self.outbox is None:
            return 0
        return self.outbox.purge_published(window.now - OUTBOX_RETENTION)

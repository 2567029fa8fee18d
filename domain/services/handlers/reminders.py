"""What the scheduled jobs tell people, and when: the reminder policy and the message texts. Each use
case ends in one Notify through the bus (the same dedupe key twice tells the user once)."""
from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from uuid import UUID
from zoneinfo import ZoneInfo

from domain import commands
from domain.model import Preferences
from domain.services import queries
from ports.preferences import PreferencesStore
from ports.unit_of_work import UnitOfWork


def _utc(value: datetime) -> datetime:
    return value.astimezone(timezone.utc)


def block_key(block_id: UUID, start: datetime) -> str:
    """One reminder per block and start: a block moved to another time is reminded again."""
    return f"block:{block_id}:{_utc(start).isoformat()}"


def reminder_due(start: datetime, now: datetime, prefs: Preferences) -> bool:
    """A block is reminded once it starts within the owner's lead time (0 turns reminders off)."""
    lead = prefs.reminder_lead_minutes
    return lead > 0 and now < start <= now + timedelta(minutes=lead)


def digest_moment(day, digest_time: str, tz: ZoneInfo) -> datetime:
    """The UTC instant of ``digest_time`` on local ``day``. A time skipped by a DST jump falls after
    the jump (02:30 on a spring-forward night is 03:30 summer time); a repeated one is its first occurrence."""
    return _utc(datetime.combine(day, time.fromisoformat(digest_time), tzinfo=tz))


def agenda_day(prefs: Preferences, since: datetime, now: datetime):
    """The user's local day whose agenda is due: their ``digest_time`` today fell in (``since``, ``now``].
    None otherwise: late only within the local day (today's agenda is sent late, yesterday's never)."""
    if prefs.notifications.digest_time is None:
        return None
    tz = ZoneInfo(prefs.timezone)
    today = now.astimezone(tz).date()
    return today if since < digest_moment(today, prefs.notifications.digest_time, tz) <= now else None


def _prefs(cmd, preferences: PreferencesStore) -> Preferences:
    """The preferences the job read for this run (once per user), else the stored ones, else the defaults."""
    return cmd.preferences or preferences.get(cmd.user_id) or Preferences(timezone=cmd.timezone)


def remind_block_starting(cmd: commands.RemindBlockStarting, preferences: PreferencesStore, bus):
    prefs = _prefs(cmd, preferences)
    if not reminder_due(cmd.start, cmd.now, prefs):
        return None
    tz = ZoneInfo(prefs.timezone)
    minutes = max(1, round((cmd.start - cmd.now).total_seconds() / 60))
    return bus.handle(commands.Notify(
        user_id=cmd.user_id, kind="block_starting", title=f"Starting soon: {cmd.title}",
        body=f"{cmd.title} starts at {cmd.start.astimezone(tz):%H:%M} (in {minutes} min).",
        dedupe_key=block_key(cmd.block_id, cmd.start),
        data={"block_id": str(cmd.block_id), "task_id": str(cmd.task_id), "start": _utc(cmd.start).isoformat(),
              "end": _utc(cmd.end).isoformat()}, preferences=prefs))


def notify_overdue(cmd: commands.NotifyOverdue, preferences: PreferencesStore, bus):
    prefs = _prefs(cmd, preferences)
    tz = ZoneInfo(prefs.timezone)
    return bus.handle(commands.Notify(
        user_id=cmd.user_id, kind="task_overdue", title=f"Overdue: {cmd.title}",
        body=f"{cmd.title} was due {cmd.due.astimezone(tz):%a %d %b %H:%M}.",
        dedupe_key=f"overdue:{cmd.task_id}:{_utc(cmd.due).isoformat()}",
        data={"task_id": str(cmd.task_id), "due": _utc(cmd.due).isoformat()}, preferences=prefs))


def send_daily_agenda(cmd: commands.SendDailyAgenda, uow: UnitOfWork, preferences: PreferencesStore, bus):
    prefs = _prefs(cmd, preferences)
    today = agenda_day(prefs, cmd.since, cmd.now)
    if today is None:
        return None
    tz = ZoneInfo(prefs.timezone)
    start = _utc(datetime.combine(today, time(0), tzinfo=tz))
    end = _utc(datetime.combine(today + timedelta(days=1), time(0), tzinfo=tz))
    items = [(b, task) for b, task in queries.blocks_with_tasks(uow, cmd.user_id, start, end) if task][:50]
    lines = [f"{b.start.astimezone(tz):%H:%M}–{b.end.astimezone(tz):%H:%M} {task.title}" for b, task in items]
    minutes = sum(int((b.end - b.start).total_seconds() // 60) for b, _ in items)
    return bus.handle(commands.Notify(
        user_id=cmd.user_id, kind="daily_agenda", title=f"Your agenda for {today:%a %d %b}",
        body="\n".join(lines) if lines else "Nothing is planned for today.", dedupe_key=f"agenda:{today.isoformat()}",
        data={"date": today.isoformat(), "blocks": len(items), "minutes": minutes}, preferences=prefs))

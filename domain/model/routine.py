"""Routines: a task with a repeat rule, expanded into occurrences, each with its own window.

Pure: the caller gives the time zone and the window; dateutil does RFC 5545. Occurrences are
computed in local wall time and only then placed in the zone, so "every day at 9:00" stays at
9:00 local across a clock change. Each occurrence is named by its local wall time
(``2026-12-07T09:00``): stable across DST, and the key its record (done/skipped) is stored under.

How a task's fields anchor its rule (DTSTART):

* a fixed time — ``earliest_start`` set, or BYHOUR in the rule: each occurrence may start at its
  time and is due when its duration has passed (late after that);
* a due time — ``due`` set: each occurrence is due at the due's wall time on its day, and may start
  from the beginning of its period;
* neither: each occurrence may start when its period begins and is due when it ends.

The period is a day when the rule names days (DAILY, BYDAY, BYMONTHDAY), else the calendar week
(Monday to Sunday), month or year it repeats by.
"""
from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from itertools import chain, islice
from typing import Callable, Iterator
from uuid import UUID
from zoneinfo import ZoneInfo

from domain.errors import ValidationError
from domain.model.recurrence import Recurrence, parse_rrule

WallFilter = Callable[[datetime, datetime], bool]  # (local wall start, end) -> keep the occurrence?
MAX_OCCURRENCES = 366  # one listing or one routine's expansion into a plan
KEY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$")
_SLACK = {"hour": timedelta(days=1), "day": timedelta(days=1), "week": timedelta(days=7), "month": timedelta(days=31),
          "year": timedelta(days=366)}


class OccurrenceStatus(str, enum.Enum):
    DONE = "done"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class OccurrenceRecord:
    """What the person did with one occurrence of a routine."""

    user_id: UUID
    task_id: UUID
    occurrence: str  # the local wall time key
    at: datetime  # the occurrence's instant (UTC), for range queries
    status: OccurrenceStatus
    recorded_at: datetime


@dataclass(frozen=True)
class Occurrence:
    key: str
    at: datetime  # the rule's instant, aware
    earliest_start: datetime
    due: datetime
    fixed: bool  # a time of day to start at


def occurrence_key(wall: datetime) -> str:
    return f"{wall.year:04d}-{wall.month:02d}-{wall.day:02d}T{wall.hour:02d}:{wall.minute:02d}"  # strftime: 5x slower


def parse_key(value: object, field: str = "occurrence") -> datetime:
    """An occurrence key (``YYYY-MM-DDTHH:MM``, local wall time) as a naive datetime."""
    match = KEY.match(value) if isinstance(value, str) else None
    try:
        wall = datetime(*map(int, match.groups())) if match else None
    except ValueError:
        wall = None
    if wall is None or not 1970 <= wall.year <= 2200:
        raise ValidationError.for_field(field, "must be a local date and time YYYY-MM-DDTHH:MM in 1970-2200")
    return wall


def _place(wall: datetime, zone: ZoneInfo) -> datetime:
    """A local wall time in the zone (a time inside a spring-forward gap moves forward by the gap)."""
    return wall.replace(tzinfo=zone).astimezone(timezone.utc).astimezone(zone)


def _granularity(rule: Recurrence) -> str:
    if rule.freq == "HOURLY":
        return "hour"
    if rule.freq == "DAILY" or rule.get("BYDAY") or rule.get("BYMONTHDAY"):
        return "day"
    if rule.freq == "YEARLY" and rule.get("BYMONTH"):
        return "month"
    return {"WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}[rule.freq]


def _period(day: date, unit: str) -> tuple[date, date]:
    if unit == "day":
        return day, day + timedelta(days=1)
    if unit == "week":
        start = day - timedelta(days=day.weekday())
        return start, start + timedelta(days=7)
    if unit == "month":
        start = day.replace(day=1)
        return start, (start + timedelta(days=32)).replace(day=1)
    return day.replace(month=1, day=1), date(day.year + 1, 1, 1)


class Routine:
    """One routine task's rule in the user's zone. ``Routine.of`` is None for a task without a rule."""

    def __init__(self, task, zone: str) -> None:
        self.task_id, self.duration = task.id, timedelta(minutes=task.duration_minutes)
        self.rule = parse_rrule(task.recurrence)
        self.zone = ZoneInfo(zone)
        self.unit = _granularity(self.rule)
        self.lookback = _SLACK[self.unit] * 2  # how far back a missed occurrence may still wait
        self.fixed = task.earliest_start is not None or self.rule.get("BYHOUR") is not None
        hourly = self.unit == "hour"  # every N hours: each window runs to the next; the anchor sets the phase
        self.due_time = None if self.fixed or hourly or task.due is None else task.due.astimezone(self.zone).time()
        anchor = task.earliest_start or task.due or task.created_at
        wall = anchor.astimezone(self.zone).replace(tzinfo=None, second=0, microsecond=0)
        fixed_time = task.earliest_start is not None or self.due_time is not None or hourly
        self.dtstart = wall if fixed_time else datetime.combine(wall.date(), time())
        until = self.rule.until
        self.until = None
        if until is not None:
            value, utc = until
            self.until = (value.replace(tzinfo=timezone.utc).astimezone(self.zone).replace(tzinfo=None)
                          if utc else value)

    @classmethod
    def of(cls, task, zone: str) -> "Routine | None":
        return cls(task, zone) if task.recurrence else None

    def _occurrence(self, wall: datetime) -> Occurrence:
        at = _place(wall, self.zone)
        if self.fixed:
            return Occurrence(occurrence_key(wall), at, at, at + self.duration, True)
        if self.unit == "hour":
            return Occurrence(occurrence_key(wall), at, at, at + timedelta(hours=self.rule.interval), False)
        first, after = _period(wall.date(), self.unit)
        start = _place(datetime.combine(first, time()), self.zone)
        due = at if self.due_time is not None else _place(datetime.combine(after, time()), self.zone)
        return Occurrence(occurrence_key(wall), at, min(start, due), due, False)

    def _walls(self, low: datetime) -> Iterator[datetime]:
        """The rule's wall times from about ``low`` on (naive local), in order. A rule without COUNT
        starts from a DTSTART moved forward by whole intervals, so its cost does not grow with age."""
        if self.rule.get("COUNT") or low <= self.dtstart:
            return iter(self.rule.rule(self.dtstart, self.until))
        start, extra = self._rebased(low)
        return iter(self.rule.rule(start, self.until, extra))

    def _rebased(self, low: datetime) -> tuple[datetime, dict[str, str]]:
        d, n, freq = self.dtstart, self.rule.interval, self.rule.freq
        plain = not (self.rule.get("BYDAY") or self.rule.get("BYMONTHDAY"))
        if freq == "HOURLY":
            hours = int((low - d).total_seconds() // 3600)
            return d + timedelta(hours=max(0, hours // n - 1) * n), {}
        if freq in ("DAILY", "WEEKLY"):
            step = 1 if freq == "DAILY" else 7
            periods = max(0, (low - d).days // step // n - 1) * n
            return d + timedelta(days=periods * step), {}
        if freq == "MONTHLY":
            months = max(0, ((low.year - d.year) * 12 + low.month - d.month) // n - 1) * n
            index = d.month - 1 + months
            extra = {"BYMONTHDAY": str(d.day)} if plain else {}
            return d.replace(year=d.year + index // 12, month=index % 12 + 1, day=1), extra
        years = max(0, (low.year - d.year) // n - 1) * n
        extra = {"BYMONTHDAY": str(d.day)} if plain else {}
        if plain and not self.rule.get("BYMONTH"):
            extra["BYMONTH"] = str(d.month)
        return d.replace(year=d.year + years, month=1, day=1), extra

    def iter_between(self, start: datetime, end: datetime, keep: WallFilter | None = None) -> Iterator[Occurrence]:
        """Occurrences whose window meets [start, end) (aware), in order (their ``earliest_start`` never
        goes down), each made only when asked for: a caller that needs the first few pays for those.
        ``keep`` may pass over an every-N-hours occurrence by its local wall window before it is made."""
        low = start.astimezone(self.zone).replace(tzinfo=None) - _SLACK[self.unit]
        high = end.astimezone(self.zone).replace(tzinfo=None) + _SLACK[self.unit]
        step = timedelta(hours=self.rule.interval) if self.unit == "hour" and not self.fixed else self.duration
        for wall in self._walls(low):
            if wall >= high:
                return
            if wall < low or (keep is not None and self.unit == "hour" and not keep(wall, wall + step)):
                continue
            occurrence = self._occurrence(wall)
            if occurrence.due > start and occurrence.earliest_start < end:
                yield occurrence

    def between(self, start: datetime, end: datetime, limit: int = MAX_OCCURRENCES) -> list[Occurrence]:
        """Occurrences whose window meets [start, end) (aware), in order, at most ``limit``."""
        return list(islice(self.iter_between(start, end), limit))

    @property
    def reach(self) -> timedelta:
        """How far ahead "done" on the routine looks for the occurrence it completes: a year, or two
        of the rule's periods when those are longer."""
        return max(timedelta(days=366), _SLACK[self.unit] * self.rule.interval * 2)

    def has_after(self, occurrence: Occurrence) -> bool:
        """Whether the rule repeats after ``occurrence`` (false once its COUNT or UNTIL is used up)."""
        wall = parse_key(occurrence.key)
        return next((w for w in self._walls(wall) if w > wall), None) is not None

    def find(self, key: str) -> Occurrence | None:
        """The occurrence named ``key``, if the rule has one then."""
        wall = parse_key(key)
        for candidate in self._walls(wall - timedelta(days=1)):
            if candidate >= wall:
                return self._occurrence(wall) if candidate == wall else None
        return None


def open_occurrences(routine: Routine, now: datetime, end: datetime, recorded: set[str],
                     limit: int = MAX_OCCURRENCES) -> list[Occurrence]:
    """The occurrences to plan, at most ``limit`` (see ``iter_open``)."""
    return list(islice(iter_open(routine, now, end, recorded), limit))


def iter_open(routine: Routine, now: datetime, end: datetime, recorded: set[str],
              keep: WallFilter | None = None) -> Iterator[Occurrence]:
    """The occurrences to plan, in order, made lazily: those not done or skipped whose window meets
    [now, end), after the latest one missed before ``now`` while no later occurrence has begun (Todoist:
    a missed "every monday" waits until done; a missed "every day" gives way to today's). ``keep``: as
    for ``Routine.iter_between`` (the planner keeps every-N-hours occurrences in working hours)."""
    ahead = (o for o in routine.iter_between(now, end, keep) if o.key not in recorded)
    begun: list[Occurrence] = []  # the open ones whose window has begun (ahead is ordered by start)
    for occurrence in ahead:
        if occurrence.earliest_start > now:
            ahead = chain([occurrence], ahead)
            break
        begun.append(occurrence)
    ahead = chain(begun, ahead)
    past = routine.between(now - routine.lookback, now, 64)
    missed = [o for o in past if o.due <= now]
    if missed and missed[-1].key not in recorded and not any(o.earliest_start > missed[-1].earliest_start
                                                             and o.earliest_start <= now for o in past + begun):
        yield missed[-1]
        ahead = (o for o in ahead if o.key != missed[-1].key)
    yield from ahead


def current_occurrence(routine: Routine, now: datetime, recorded: set[str]) -> Occurrence | None:
    """The occurrence a plain "done" on the routine completes, as Todoist's "every monday" tasks do:
    the missed one that still waits, else the next one not yet done or skipped (``recorded``: the keys
    done or skipped within ``routine.reach`` of ``now``). None when there is none within the reach."""
    waiting = open_occurrences(routine, now, now + routine.reach, recorded,
                               limit=min(MAX_OCCURRENCES, len(recorded) + 1))
    return waiting[0] if waiting else None

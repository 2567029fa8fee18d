"""Working hours to free intervals on an integer minute axis, DST-correct via zoneinfo.

The axis starts at ``origin`` (``now`` rounded up to the minute) and counts minutes of
real elapsed time, so a local window of 09:00-17:00 is 8 hours long on every day, and a
day on which clocks change is 23 or 25 hours long.
"""
from __future__ import annotations

import bisect
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from domain.scheduling.problem import WeeklyHours

Span = tuple[int, int]
UTC = timezone.utc


class TimeAxis:
    """Converts aware datetimes to whole minutes after ``origin`` and back."""

    def __init__(self, now: datetime, tz: ZoneInfo):
        now_utc = now.astimezone(UTC)
        floor = now_utc.replace(second=0, microsecond=0)
        self.origin = floor if floor == now_utc else floor + timedelta(minutes=1)
        self.tz = tz

    def floor(self, moment: datetime) -> int:
        seconds = (moment.astimezone(UTC) - self.origin).total_seconds()
        return int(seconds // 60)

    def ceil(self, moment: datetime) -> int:
        seconds = (moment.astimezone(UTC) - self.origin).total_seconds()
        return -int((-seconds) // 60)

    def to_datetime(self, minute: int) -> datetime:
        return (self.origin + timedelta(minutes=minute)).astimezone(self.tz)

    def local_midnight(self, day: date) -> int:
        return self.floor(datetime(day.year, day.month, day.day, tzinfo=self.tz))


def merge(spans: list[Span]) -> list[Span]:
    """Sort and merge overlapping or touching spans, dropping empty ones."""
    out: list[Span] = []
    for s, e in sorted(spans):
        if e <= s:
            continue
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def subtract(spans: list[Span], removed: list[Span]) -> list[Span]:
    """``spans`` minus ``removed``; both sorted and merged, result sorted and merged."""
    out: list[Span] = []
    k = 0
    nr = len(removed)
    for s, e in spans:
        while k < nr and removed[k][1] <= s:
            k += 1
        cur = s
        m = k
        while m < nr and removed[m][0] < e:
            rs, re_ = removed[m]
            if rs > cur:
                out.append((cur, rs))
            if re_ > cur:
                cur = re_
            m += 1
        if cur < e:
            out.append((cur, e))
    return out


def clip(spans: list[Span], lo: int, hi: int) -> list[Span]:
    return [(max(s, lo), min(e, hi)) for s, e in spans if e > lo and s < hi and min(e, hi) > max(s, lo)]


def weekly_windows(hours: WeeklyHours, axis: TimeAxis, horizon: int) -> list[Span]:
    """Every weekly window that meets [0, horizon), on the minute axis, merged."""
    first = axis.to_datetime(0).date() - timedelta(days=1)
    last = axis.to_datetime(horizon).date()
    spans: list[Span] = []
    day = first
    while day <= last:
        windows = hours.get(day.weekday(), ())
        if windows:
            midnight = datetime(day.year, day.month, day.day, tzinfo=axis.tz)
            for start_min, end_min in windows:
                # wall-clock arithmetic on an aware datetime keeps the local time; the
                # UTC conversion then applies the offset valid at that local time
                start = midnight + timedelta(minutes=start_min)
                end = midnight + timedelta(minutes=end_min)
                lo, hi = axis.ceil(start), axis.floor(end)
                if start.utcoffset() == end.utcoffset():
                    spans.append((lo, hi))
                else:  # clocks change inside the window: keep the minutes its wall clock covers
                    spans.extend(_by_wall_clock(axis, day, lo, hi, start_min, end_min))
        day += timedelta(days=1)
    return clip(merge(spans), 0, horizon)


def _by_wall_clock(axis: TimeAxis, day: date, lo: int, hi: int, start_min: int,
                   end_min: int) -> list[Span]:
    """Minutes of [lo, hi) whose local wall-clock time lies in the window: when clocks go
    back, the repeated hour before the window's start is not part of it."""
    out: list[Span] = []
    for t in range(lo, hi):
        local = axis.to_datetime(t)
        wall = (local.date() - day).days * 1440 + local.hour * 60 + local.minute
        if start_min <= wall < end_min:
            if out and out[-1][1] == t:
                out[-1] = (out[-1][0], t + 1)
            else:
                out.append((t, t + 1))
    return out


def day_starts(axis: TimeAxis, horizon: int) -> list[int]:
    """Minute offsets of local midnights from the day containing ``now`` to the horizon."""
    day = axis.to_datetime(0).date()
    last = axis.to_datetime(horizon).date()
    out = []
    while day <= last + timedelta(days=1):
        out.append(axis.local_midnight(day))
        day += timedelta(days=1)
    return out


def split_at(spans: list[Span], cuts: list[int]) -> list[Span]:
    """Split spans at every cut point (used to keep blocks inside one local day)."""
    out: list[Span] = []
    for s, e in spans:
        k = bisect.bisect_right(cuts, s)
        while k < len(cuts) and cuts[k] < e:
            out.append((s, cuts[k]))
            s = cuts[k]
            k += 1
        out.append((s, e))
    return out


def total(spans: list[Span]) -> int:
    return sum(e - s for s, e in spans)

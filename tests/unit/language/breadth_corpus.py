"""Load and score the breadth corpus (``breadth.txt``): shared by its test and bench/quickadd.py.

Each line: ``kind | text | when | title | options``, ``|``-separated, ``#`` starts a comment line.
- ``text``: the expression, typed as ``"Call Bob " + text``; or, after ``=``, the whole line.
- ``when``: the expected local wall time, ``YYYY-MM-DD`` (a day: only the calendar day is scored)
  or ``YYYY-MM-DD HH:MM`` (a time: the instant is scored), optionally with a UTC offset for a wall
  time that a clock change makes ambiguous; ``-`` for no date (negatives).
- ``title``: the expected title; default ``Call Bob`` for an expression, the whole text after ``=``.
- ``options``: space-separated ``now=YYYY-MM-DD HH:MM`` (the reference time, else ``NOW``),
  ``order=DMY``, ``tz=Europe/London``, ``rec=RRULE``.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from collections.abc import Callable
from zoneinfo import ZoneInfo

from domain.errors import ValidationError
from domain.language.interpreter import interpret

CORPUS = Path(__file__).with_name("breadth.txt")
TIMEZONE = "America/New_York"
NOW = "2026-02-11 10:00"  # a Wednesday
PREFIX = "Call Bob "


@dataclass(frozen=True)
class Case:
    kind: str
    text: str
    title: str
    now: datetime
    tz: str
    date_order: str
    when: datetime | None  # aware, in ``tz``
    timed: bool            # the time of day is scored too
    rec: str | None

    @property
    def klass(self) -> str:
        """The class a target is set for: neg, holiday, time (a time of day is expected) or day."""
        if self.kind in ("neg", "holiday"):
            return self.kind
        return "time" if self.timed else "day"


def _wall(value: str, tz: str) -> datetime:
    parsed = datetime.fromisoformat(value)
    return parsed.astimezone(ZoneInfo(tz)) if parsed.tzinfo else parsed.replace(tzinfo=ZoneInfo(tz))


def _case(line: str) -> Case:
    parts = [p.strip() for p in line.split("|")]
    kind, text, when = parts[0], parts[1], parts[2]
    options: dict[str, str] = {}
    for item in (parts[4] if len(parts) > 4 else "").split(" "):
        if "=" in item:
            key, value = item.split("=", 1)
            options[key] = value
        elif item:  # "now=2026-03-08 01:30": the time after the space
            options["now"] += " " + item
    tz = options.get("tz", TIMEZONE)
    full = text.startswith("=")
    text = text[1:] if full else PREFIX + text
    title = parts[3] if len(parts) > 3 and parts[3] else (text if full else PREFIX.strip())
    return Case(kind=kind, text=text, title=title, now=_wall(options.get("now", NOW), tz), tz=tz,
                date_order=options.get("order", "MDY"),
                when=None if when == "-" else _wall(when, tz), timed=len(when) > 10, rec=options.get("rec"))


def load(path: Path = CORPUS) -> list[Case]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [_case(line) for line in lines if line.strip() and not line.lstrip().startswith("#")]


def date_right(case: Case, got: datetime | None) -> bool:
    """The same calendar day (a day expression) or the same instant (a timed one); none for none."""
    if case.when is None or got is None:
        return case.when is None and got is None
    if got.tzinfo is None:
        got = got.replace(tzinfo=ZoneInfo(case.tz))
    got = got.astimezone(ZoneInfo(case.tz))
    if case.timed:
        return got.replace(second=0, microsecond=0) == case.when and got.utcoffset() == case.when.utcoffset()
    return got.date() == case.when.date()


@dataclass(frozen=True)
class Reading:
    when: datetime | None
    title: str | None = None
    rec: str | None = None


def planloom(case: Case) -> Reading:
    try:
        result = interpret(case.text, case.now, case.tz, date_order=case.date_order)
    except ValidationError:
        return Reading(None)
    if not result.tasks:
        return Reading(None)
    task = result.tasks[0]
    return Reading(task.due or task.start, task.title, task.recurrence)


def right(case: Case, reading: Reading) -> bool:
    """The whole reading: the date (and time), the title with nothing left over, the rule."""
    return (date_right(case, reading.when) and reading.title == case.title
            and (case.rec is None or reading.rec == case.rec))


Parser = Callable[[Case], Reading]

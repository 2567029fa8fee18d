"""Value objects the quick-add interpreter returns. Plain dataclasses, no I/O."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

SPAN_FIELDS = ("due", "start", "duration", "priority", "tag", "category", "recurrence")


@dataclass(frozen=True)
class Span:
    """One understood part of the input: ``text == input[start:end]``, offsets into the whole input."""

    field: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ReadingWarning:
    """A reading the grammar is unsure of: ``code`` for programs (see ``WARNING_CODES``), ``message``
    for people, and the part of the input it is about (``input[start:end]``, offsets into the whole
    input; None when it is about the whole text, e.g. the language model being unavailable)."""

    code: str
    message: str
    start: int | None = None
    end: int | None = None

    def placed(self, start: int, end: int) -> "ReadingWarning":
        """This warning about ``start..end``, unless it already names its own part."""
        return self if self.start is not None else replace(self, start=start, end=end)

    def shifted(self, offset: int) -> "ReadingWarning":
        """The same warning with offsets ``offset`` further on (a segment's into the whole input)."""
        if self.start is None or self.end is None:
            return self
        return replace(self, start=self.start + offset, end=self.end + offset)


# What each code means (docs/quick-add.md lists them with examples; the SPA keys on them).
WARNING_CODES = {
    "ambiguous_date_order": "a figure date such as 3/4 read in the user's date order",
    "next_weekday": "'next <weekday>' read as the one in next week, not the nearest",
    "weekday_is_today": "a bare weekday that is today read as next week's",
    "two_digit_year": "a two-digit year read in this century",
    "year_assumed": "a date without a year read in a later year",
    "assumed_am_pm": "an hour without am/pm read as a working hour",
    "approximate_time": "'3pm-ish' read as the exact hour",
    "in_past": "a date or time that is already past",
    "time_passed": "a time already past today read as tomorrow",
    "clock_change": "a time inside a clock change moved past it",
    "weekday_mismatch": "a weekday that does not match the date given with it",
    "range_start": "a range of days; the first is used",
    "rule_end_before_start": "'every ... until <date>' ending before its first time: kept without an end",
    "holiday_elsewhere": "a public holiday not kept in the user's country; left in the title",
    "several_values": "a second date, time, duration... left in the title",
    "no_title": "nothing left for a title; the whole text kept",
    "model_unavailable": "the language model failed; the local rules read the text",
}


@dataclass
class TaskDraft:
    title: str
    due: datetime | None = None
    start: datetime | None = None
    duration_minutes: int | None = None
    priority: int | None = None
    tags: list[str] = field(default_factory=list)
    category: str | None = None
    recurrence: str | None = None
    spans: list[Span] = field(default_factory=list)


@dataclass
class SlashCommand:
    """A parsed ``/command``. Parsing only: the application layer executes it.

    ``task_query`` is the free text naming the task (fuzzy-matched later), ``when`` the parsed
    date of ``/snooze`` and ``/move``, ``priority`` the level of ``/p1``..``/p4`` (name
    ``"priority"``), ``tags`` the ``@tags`` of ``/tag``.
    """

    name: str
    argument: str = ""
    task_query: str | None = None
    when: datetime | None = None
    priority: int | None = None
    tags: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class InterpretContext:
    now: datetime             # aware; the user's "now"
    timezone: str             # IANA name the user's dates are in
    date_order: str = "MDY"   # how "12/5" reads: MDY or DMY
    default_time: str = "17:00"
    model: str | None = None  # a per-user fine-tuned model id, when the adapter supports models
    hint: "Interpretation | None" = None  # the local rules' reading, offered to a language model as a hint


@dataclass
class Interpretation:
    """``warnings`` are messages (the shape every client knows); ``warning_spans`` the same doubts
    with a code and the span they are about. Every local warning is in both; a language model's
    free-text notes are only in ``warnings``."""

    tasks: list[TaskDraft] = field(default_factory=list)
    command: SlashCommand | None = None
    warnings: list[str] = field(default_factory=list)
    warning_spans: list[ReadingWarning] = field(default_factory=list)

    def warn(self, warning: ReadingWarning) -> None:
        self.warnings.append(warning.message)
        self.warning_spans.append(warning)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def warning_to_json(warning: ReadingWarning) -> dict[str, Any]:
    return {"code": warning.code, "message": warning.message, "start": warning.start, "end": warning.end}


def span_to_json(span: Span) -> dict[str, Any]:
    return {"field": span.field, "start": span.start, "end": span.end, "text": span.text}


def draft_to_json(draft: TaskDraft) -> dict[str, Any]:
    return {
        "title": draft.title,
        "due": _iso(draft.due),
        "start": _iso(draft.start),
        "duration_minutes": draft.duration_minutes,
        "priority": draft.priority,
        "tags": list(draft.tags),
        "category": draft.category,
        "recurrence": draft.recurrence,
        "spans": [span_to_json(s) for s in draft.spans],
    }


def command_to_json(command: SlashCommand) -> dict[str, Any]:
    return {
        "name": command.name,
        "argument": command.argument,
        "task_query": command.task_query,
        "when": _iso(command.when),
        "priority": command.priority,
        "tags": list(command.tags),
    }


def to_json(interpretation: Interpretation) -> dict[str, Any]:
    """A JSON-ready dict; datetimes as ISO 8601 strings with their UTC offset."""
    return {
        "tasks": [draft_to_json(d) for d in interpretation.tasks],
        "command": command_to_json(interpretation.command) if interpretation.command else None,
        "warnings": list(interpretation.warnings),
        "warning_spans": [warning_to_json(w) for w in interpretation.warning_spans],
    }


def draft_from_json(data: dict[str, Any]) -> TaskDraft:
    """The inverse of ``draft_to_json`` (drafts kept as JSON, e.g. those read from an image)."""

    def instant(name: str) -> datetime | None:
        return datetime.fromisoformat(data[name]) if data.get(name) else None

    return TaskDraft(title=data["title"], due=instant("due"), start=instant("start"),
                     duration_minutes=data.get("duration_minutes"), priority=data.get("priority"),
                     tags=list(data.get("tags") or []), category=data.get("category"),
                     recurrence=data.get("recurrence"),
                     spans=[Span(s["field"], s["start"], s["end"], s["text"]) for s in data.get("spans") or []])

"""Value objects the quick-add interpreter returns. Plain dataclasses, no I/O."""
from __future__ import annotations

from dataclasses import dataclass, field
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
    tasks: list[TaskDraft] = field(default_factory=list)
    command: SlashCommand | None = None
    warnings: list[str] = field(default_factory=list)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


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
    }

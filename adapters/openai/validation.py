"""The model's answer is untrusted input: parse it strictly into domain value objects.

Unknown keys are dropped, strings capped, numbers clamped, datetimes read as ISO 8601 (naive ones
in the user's time zone) within five years of ``now``. Anything that cannot be trusted raises
``InterpreterUnavailable`` so the caller falls back to the local rules: garbage never passes on.
"""
from __future__ import annotations

import json
import re
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from domain.errors import ValidationError
from domain.language.commands import KNOWN as KNOWN_COMMANDS
from domain.language.model import Interpretation, SlashCommand, Span, TaskDraft
from domain.model.recurrence import validate_rrule
from domain.model.tag import normalise_tag
from ports.interpreter import InterpretContext, InterpreterUnavailable

MAX_ANSWER_CHARS = 200_000
MAX_TASKS = 50
MAX_TITLE = 500
MAX_TAGS = 20
MAX_CATEGORY = 100
MAX_QUERY = 500
MAX_WARNINGS = 10
MAX_WARNING = 300
PRIORITY_RANGE = (1, 4)
DURATION_RANGE = (1, 10080)
HORIZON = timedelta(days=5 * 365 + 2)  # five years, leap days included
TYPED_COMMAND = re.compile(r"\s*/([A-Za-z][\w-]*)")
DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")


class _Invalid(Exception):
    pass


def _fail(message: str) -> _Invalid:
    return _Invalid(message)


def _clean(value: str) -> str:
    """Control characters become spaces, runs of whitespace one space."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in value).split())


def _string(obj: dict, key: str, cap: int, required: bool = False) -> str | None:
    value = obj.get(key)
    if value is None:
        if required:
            raise _fail(f"{key} is missing")
        return None
    if not isinstance(value, str):
        raise _fail(f"{key} must be a string")
    cleaned = _clean(value)[:cap].strip()
    if required and not cleaned:
        raise _fail(f"{key} is empty")
    return cleaned or None


def _integer(obj: dict, key: str, bounds: tuple[int, int]) -> int | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _fail(f"{key} must be an integer")
    if isinstance(value, float):
        if not value.is_integer():
            raise _fail(f"{key} must be an integer")
        value = int(value)
    low, high = bounds
    return min(max(value, low), high)


def _datetime(obj: dict, key: str, context: InterpretContext, tz: ZoneInfo) -> datetime | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > 64:
        raise _fail(f"{key} must be an ISO 8601 string")
    text = value.strip()
    try:
        if DATE_ONLY.fullmatch(text):
            hour, minute = (int(part) for part in context.default_time.split(":"))
            parsed = datetime.combine(date.fromisoformat(text), time(hour, minute))
        else:
            parsed = datetime.fromisoformat(text)
    except ValueError:
        raise _fail(f"{key} is not ISO 8601") from None
    parsed = parsed.replace(tzinfo=tz) if parsed.tzinfo is None else parsed.astimezone(tz)
    if abs(parsed - context.now) > HORIZON:
        raise _fail(f"{key} is more than five years from now")
    return parsed


def _tags(obj: dict, warnings: list[str]) -> list[str]:
    value = obj.get("tags")
    if value is None:
        return []
    if not isinstance(value, list):
        raise _fail("tags must be a list")
    tags: list[str] = []
    for item in value:
        if not isinstance(item, str):
            raise _fail("tags must be strings")
        try:
            name = normalise_tag(_clean(item).lstrip("@#"), "tags")
        except ValidationError:
            warnings.append("Ignored a tag that is not one word of at most 50 characters.")
            continue
        if name not in tags:
            tags.append(name)
    if len(tags) > MAX_TAGS:
        warnings.append(f"Kept the first {MAX_TAGS} tags.")
    return tags[:MAX_TAGS]


def _recurrence(obj: dict, warnings: list[str]) -> str | None:
    value = obj.get("recurrence")
    if value is None:
        return None
    if not isinstance(value, str):
        raise _fail("recurrence must be a string")
    try:
        return validate_rrule(value)
    except ValidationError:
        warnings.append("Ignored a repeat rule that is not a valid RRULE.")
        return None


def _object(value: Any, what: str) -> dict:
    if not isinstance(value, dict):
        raise _fail(f"{what} must be an object")
    return value


def _draft(raw: Any, context: InterpretContext, tz: ZoneInfo, warnings: list[str]) -> TaskDraft:
    obj = _object(raw, "a task")
    return TaskDraft(
        title=_string(obj, "title", MAX_TITLE, required=True) or "",
        due=_datetime(obj, "due", context, tz),
        start=_datetime(obj, "start", context, tz),
        duration_minutes=_integer(obj, "duration_minutes", DURATION_RANGE),
        priority=_integer(obj, "priority", PRIORITY_RANGE),
        tags=_tags(obj, warnings),
        category=_string(obj, "category", MAX_CATEGORY),
        recurrence=_recurrence(obj, warnings),
    )


def _command(raw: Any, text: str, context: InterpretContext, tz: ZoneInfo,
             warnings: list[str]) -> SlashCommand | None:
    """Commands are read only from a typed ``/command``, and only the one the user typed."""
    typed = TYPED_COMMAND.match(text)
    if raw is None:
        if typed:
            raise _fail("the text is a /command but the answer has none")
        return None
    if not typed:
        warnings.append("Ignored a command the model proposed: commands start with '/'.")
        return None
    obj = _object(raw, "command")
    name = _string(obj, "name", 20, required=True) or ""
    name = name.lower().lstrip("/")
    if name not in KNOWN_COMMANDS or name != typed.group(1).lower():
        raise _fail("the command is not the one typed")
    return SlashCommand(
        name=name,
        argument=_string(obj, "argument", len(text)) or "",
        task_query=_string(obj, "task_query", MAX_QUERY),
        when=_datetime(obj, "when", context, tz),
        priority=_integer(obj, "priority", PRIORITY_RANGE),
        tags=_tags(obj, warnings),
    )


def _warnings(raw: Any) -> list[str]:
    if raw is None:
        return []
    if not isinstance(raw, list) or not all(isinstance(w, str) for w in raw):
        raise _fail("warnings must be a list of strings")
    return [w for w in (_clean(w)[:MAX_WARNING] for w in raw[:MAX_WARNINGS]) if w]


_SPAN_VALUE = {
    "due": lambda d: d.due, "start": lambda d: d.start, "duration": lambda d: d.duration_minutes,
    "priority": lambda d: d.priority, "category": lambda d: (d.category or "").casefold(),
    "recurrence": lambda d: d.recurrence,
}


def _spans_from_hint(draft: TaskDraft, hint: TaskDraft) -> list[Span]:
    """The local reading's spans, for the fields the model read the same way (titles agreeing)."""
    if _clean(draft.title).casefold() != _clean(hint.title).casefold():
        return []
    tags = {t.casefold() for t in draft.tags}
    kept = []
    for span in hint.spans:
        if span.field == "tag":
            if span.text.lstrip("@").casefold() in tags:
                kept.append(span)
        elif span.field in _SPAN_VALUE and _SPAN_VALUE[span.field](draft) == _SPAN_VALUE[span.field](hint):
            kept.append(span)
    return kept


def parse_answer(content: Any, text: str, context: InterpretContext) -> Interpretation:
    """The model's JSON answer -> an Interpretation, or ``InterpreterUnavailable``."""
    try:
        return _parse(content, text, context)
    except _Invalid as exc:
        raise InterpreterUnavailable(f"the model's answer was rejected: {exc}") from None


def _parse(content: Any, text: str, context: InterpretContext) -> Interpretation:
    if not isinstance(content, str) or not content.strip():
        raise _fail("the answer is empty")
    if len(content) > MAX_ANSWER_CHARS:
        raise _fail("the answer is too long")
    try:
        data = json.loads(content)
    except (ValueError, RecursionError):
        raise _fail("the answer is not JSON") from None
    obj = _object(data, "the answer")
    tz = ZoneInfo(context.timezone)
    warnings = _warnings(obj.get("warnings"))
    raw_tasks = obj.get("tasks")
    if raw_tasks is None:
        raw_tasks = []
    if not isinstance(raw_tasks, list):
        raise _fail("tasks must be a list")
    if len(raw_tasks) > MAX_TASKS:
        warnings.append(f"Kept the first {MAX_TASKS} tasks.")
    tasks = [_draft(raw, context, tz, warnings) for raw in raw_tasks[:MAX_TASKS]]
    command = _command(obj.get("command"), text, context, tz, warnings)
    if command is not None and command.name != "add":
        tasks = []
    if not tasks and (command is None or command.name == "add"):
        raise _fail("the answer has no task")
    hint = context.hint
    if hint is not None and len(hint.tasks) == len(tasks):
        for draft, local in zip(tasks, hint.tasks):
            draft.spans = _spans_from_hint(draft, local)
    return Interpretation(tasks=tasks, command=command, warnings=warnings)

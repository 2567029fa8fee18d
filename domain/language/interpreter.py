"""The local quick-add interpreter: text + the user's clock and preferences -> Interpretation."""
from __future__ import annotations

import re
from datetime import datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from domain.errors import ValidationError
from domain.language.commands import is_command, parse_command
from domain.language.drafts import build_draft
from domain.language.model import Interpretation, ReadingWarning, SlashCommand, TaskDraft
from domain.language.splitting import split_segments
from domain.language.tokens import Context

# Caps on what one request may ask of the interpreter (documented in docs/quick-add.md and the
# OpenAPI schema): characters in all, characters per line, tasks (lines and ";" pieces).
MAX_LENGTH = 10_000
MAX_LINE_LENGTH = 1_000
MAX_SEGMENTS = 100
DATE_ORDERS = ("MDY", "DMY", "YMD")
HHMM = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")


def _context(now: datetime, timezone: str, date_order: str, default_time: str | time) -> Context:
    if not isinstance(now, datetime) or now.tzinfo is None or now.utcoffset() is None:
        raise ValidationError.for_field("now", "must be a timezone-aware datetime")
    try:
        tz = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise ValidationError.for_field("timezone", f"unknown time zone {timezone!r}") from None
    order = (date_order or "").upper()
    if order not in DATE_ORDERS:
        raise ValidationError.for_field("date_order", f"must be one of {', '.join(DATE_ORDERS)}")
    if isinstance(default_time, str):
        match = HHMM.fullmatch(default_time.strip())
        if not match:
            raise ValidationError.for_field("default_time", "must be HH:MM")
        default_time = time(int(match.group(1)), int(match.group(2)))
    return Context(now=now.astimezone(tz), tz=tz, date_order=order, default_time=default_time)


def _check_lines(text: str, max_line_length: int) -> None:
    for number, line in enumerate(text.splitlines(), start=1):
        if len(line) > max_line_length:
            raise ValidationError.for_field("text", f"line {number} is longer than {max_line_length} characters")


def _drafts(text: str, base: int, ctx: Context,
            max_segments: int) -> tuple[list[TaskDraft], list[ReadingWarning]]:
    tasks: list[TaskDraft] = []
    warnings: list[ReadingWarning] = []
    segments = split_segments(text)
    if len(segments) > max_segments:
        raise ValidationError.for_field("text", f"holds more than {max_segments} tasks")
    for segment in segments:
        draft, notes = build_draft(segment.text, base + segment.offset, ctx)
        tasks.append(draft)
        warnings.extend(notes)
    return tasks, warnings


def interpret(text: str, now: datetime, timezone: str, date_order: str = "MDY",
              default_time: str | time = "17:00", max_length: int = MAX_LENGTH,
              max_line_length: int = MAX_LINE_LENGTH, max_segments: int = MAX_SEGMENTS) -> Interpretation:
    """Interpret a quick-add line (or several) relative to ``now`` in ``timezone``.

    ``default_time`` is the time of day a date without a time gets (end of the working day).
    Raises ``ValidationError`` for text over the caps (``MAX_LENGTH`` in all, ``MAX_LINE_LENGTH`` per
    line, ``MAX_SEGMENTS`` tasks), bad preferences, or an unknown ``/command``.
    """
    if not isinstance(text, str):
        raise ValidationError.for_field("text", "must be a string")
    if len(text) > max_length:
        raise ValidationError.for_field("text", f"is longer than {max_length} characters")
    _check_lines(text, max_line_length)
    ctx = _context(now, timezone, date_order, default_time)
    if is_command(text):
        command, offset, warnings = parse_command(text, ctx)
        tasks: list[TaskDraft] = []
        if command.name == "add":
            tasks, notes = _drafts(command.argument, offset, ctx, max_segments)
            if not tasks:
                raise ValidationError.for_field("text", "/add needs a task")
            warnings = warnings + notes
        return _reading(tasks, command, warnings)
    tasks, warnings = _drafts(text, 0, ctx, max_segments)
    return _reading(tasks, None, warnings)


def _reading(tasks: list[TaskDraft], command: SlashCommand | None, warnings: list[ReadingWarning]) -> Interpretation:
    reading = Interpretation(tasks=tasks, command=command)
    for warning in warnings:
        reading.warn(warning)
    return reading

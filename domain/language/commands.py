"""Slash commands: ``/add``, ``/done``, ``/snooze``, ``/move``, ``/pin``, ``/p1``..``/p4``, ``/tag``,
``/today``, ``/week``, ``/plan``, ``/help``. Parsing only; the application layer executes them."""
from __future__ import annotations

import re
from datetime import datetime

from domain.errors import ValidationError
from domain.language.drafts import parse_when, tidy_title
from domain.language.durations import find_durations
from domain.language.labels import TAG
from domain.language.model import ReadingWarning, SlashCommand
from domain.language.relative import elapsed
from domain.language.tokens import SPACES, Context

COMMAND = re.compile(r"\s*/(?P<name>[A-Za-z][\w-]*)?(?P<rest>.*)", re.S)
NO_TASK = {"today", "week", "plan", "help"}
NEEDS_TASK = {"done", "pin"}
NEEDS_WHEN = {"snooze", "move"}
PRIORITIES = {"p1": 1, "p2": 2, "p3": 3, "p4": 4}
KNOWN = NO_TASK | NEEDS_TASK | NEEDS_WHEN | set(PRIORITIES) | {"add", "tag"}


def is_command(text: str) -> bool:
    return text.lstrip().startswith("/")


def _fail(message: str) -> ValidationError:
    return ValidationError.for_field("text", message)


def snooze_for(argument: str, ctx: Context) -> tuple[datetime | None, str]:
    """``/snooze TASK 2h``: a length instead of a date means "that much from now"."""
    lengths = list(find_durations(argument, ctx))
    if not lengths:
        return None, argument
    last = lengths[-1]
    when = elapsed(ctx, last.value)
    return when, tidy_title(argument, [last])


def parse_command(text: str, ctx: Context) -> tuple[SlashCommand, int, list[ReadingWarning]]:
    """(command, offset of the argument in ``text``, warnings with offsets in ``text``). ``/add``
    tasks are built by the caller."""
    match = COMMAND.match(text)
    assert match is not None
    raw = match.group("name") or ""
    name = raw.lower()
    if name not in KNOWN:
        raise _fail(f"unknown command /{raw}" if raw else "a command name must follow '/'")
    rest = match.group("rest")
    if rest and not rest[0].isspace():
        raise _fail(f"unknown command /{raw}{rest.split()[0]}")
    argument = rest.strip()
    offset = match.start("rest") + (len(rest) - len(rest.lstrip()))
    if name in NO_TASK:
        return SlashCommand(name, argument), offset, []
    if not argument:
        raise _fail(f"/{name} needs a task")
    if name == "add":
        return SlashCommand("add", argument), offset, []
    if name in NEEDS_TASK:
        return SlashCommand(name, argument, task_query=argument), offset, []
    if name in PRIORITIES:
        return SlashCommand("priority", argument, task_query=argument, priority=PRIORITIES[name]), offset, []
    if name == "tag":
        tags = [m.group("tag") for m in TAG.finditer(argument)]
        query = SPACES.sub(" ", TAG.sub(" ", argument)).strip()
        if not tags:
            raise _fail("/tag needs at least one @tag")
        if not query:
            raise _fail("/tag needs a task")
        return SlashCommand("tag", argument, task_query=query, tags=tags), offset, []
    when, _, query, warnings = parse_when(argument, ctx)
    if when is None and name == "snooze":
        when, query = snooze_for(argument, ctx)
    if when is None:
        raise _fail(f"/{name} needs a date or time, e.g. '/{name} {argument} tomorrow 9am'")
    if not query:
        raise _fail(f"/{name} needs a task")
    return SlashCommand(name, argument, task_query=query, when=when), offset, [w.shifted(offset) for w in warnings]

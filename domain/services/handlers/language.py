"""Quick-add and slash commands: read the text, then do what it says through the ordinary use cases."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from domain import commands
from domain.errors import NotFound, ValidationError
from domain.language.matching import match_task
from domain.language.model import InterpretContext, Interpretation, TaskDraft, warning_to_json
from domain.model import Category, Preferences, Task, TimeBlock
from domain.model import _checks
from domain.services import queries
from domain.services.handlers.tasks import add_task
from domain.services.handlers.learning import estimate_duration, record_reading
from domain.services.limits import Limits
from ports.clock import Clock
from ports.model_store import ModelStore
from ports.preferences import PreferencesStore
from ports.unit_of_work import UnitOfWork

HELP = {
    "/add TEXT": "add tasks written the quick-add way",
    "/done TASK": "mark a task done",
    "/snooze TASK WHEN": "hide a task until WHEN",
    "/move TASK WHEN": "move the task's next block to WHEN and pin it",
    "/pin TASK": "pin the task's blocks where they are",
    "/today, /week": "what is planned today or this week",
    "/plan": "re-plan now",
    "/p1 .. /p4 TASK": "set a task's priority",
    "/tag TASK @tag": "add tags to a task",
    "/help": "this list",
}


def _preferences(uow, preferences, actor_id) -> Preferences:
    """The user's saved preferences, or the defaults in the user's own time zone (never UTC by accident)."""
    saved = preferences.get(actor_id)
    if saved is not None:
        return saved
    with uow:
        user = uow.users.get(actor_id)
    if user is None:
        raise NotFound("no such user")
    return Preferences(timezone=user.timezone)


def _context(uow, preferences, models, actor_id, now: datetime, timezone: str | None = None) -> InterpretContext:
    prefs = _preferences(uow, preferences, actor_id)
    zone = _checks.timezone("timezone", timezone) if timezone else prefs.timezone
    own = models.get(actor_id) if models is not None else None
    return InterpretContext(now=now.astimezone(ZoneInfo(zone)), timezone=zone, date_order=prefs.date_order,
                            default_time=prefs.default_time, model=own.usable if own else None)


def parse_text(cmd: commands.ParseText, uow: "UnitOfWork", clock: "Clock", preferences: "PreferencesStore",
               interpreter, models: "ModelStore") -> tuple[str, Interpretation]:
    now = clock.now() if cmd.now is None else _checks.aware("now", cmd.now)
    return interpreter.interpret(cmd.text, _context(uow, preferences, models, cmd.actor_id, now, cmd.timezone))


def _values(draft: TaskDraft, prefs: Preferences) -> dict[str, Any]:
    values: dict[str, Any] = {"title": draft.title or "Untitled"}
    if draft.due is not None:
        values["due"] = draft.due
    if draft.start is not None:
        values["earliest_start"] = draft.start
    values["duration_minutes"] = draft.duration_minutes or prefs.default_duration_minutes
    if draft.priority is not None:
        values["priority"] = draft.priority
    if draft.tags:
        values["tags"] = list(draft.tags)
    if draft.recurrence:
        values["recurrence"] = draft.recurrence
    if "due" in values and "earliest_start" in values and values["earliest_start"] > values["due"]:
        del values["earliest_start"]
    return values


def _category_id(uow: "UnitOfWork", actor_id: uuid.UUID, name: str, now: datetime) -> uuid.UUID:
    """The user's own category of that name, made when it is new ("#work")."""
    category = uow.categories.get_by_name(actor_id, name)
    if category is None:
        try:
            category = Category(id=uuid.uuid4(), user_id=actor_id, name=name, created_at=now)
        except ValidationError as exc:
            raise ValidationError.for_field("category", exc.field_errors.get("name", [exc.detail])[0]) from None
        uow.categories.add(category)
    return category.id


def _draft_task(uow: "UnitOfWork", clock: "Clock", prefs: Preferences, actor_id: uuid.UUID, draft: TaskDraft) -> Task:
    values = _values(draft, prefs)
    if draft.category:
        values["category_id"] = _category_id(uow, actor_id, draft.category, clock.now())
    if draft.duration_minutes is None:
        learned = estimate_duration(uow, actor_id, values.get("category_id"), list(draft.tags))
        values["duration_minutes"] = learned or values["duration_minutes"]
    return add_task(uow, clock, actor_id, values)


def create_drafts(uow: "UnitOfWork", clock: "Clock", prefs: Preferences, limits: Limits, actor_id: uuid.UUID,
                  drafts: list[TaskDraft], text: str, readings: list[TaskDraft] | None = None) -> list[Task]:
    """Create every draft in one transaction, through the same ``add_task`` as ``POST /tasks``: all of
    them, or (on a validation error or the open-task cap) none. ``readings``: what was read, per draft, when
    the person edited drafts before accepting them: an edit is recorded as a correction of the reading."""
    now = clock.now()
    created: list[Task] = []
    with uow:
        limits.ensure_room_for(uow, actor_id, len(drafts))
        for index, draft in enumerate(drafts):
            try:
                task = _draft_task(uow, clock, prefs, actor_id, draft)
            except ValidationError as exc:
                raise ValidationError(f"task {index + 1}: {exc.detail}",
                                      {f"tasks[{index}].{k}": v for k, v in exc.field_errors.items()}) from None
            record_reading(uow, task, text, draft if readings is None else readings[index], now,
                           edited=() if readings is None else tuple(
                               name for name in ("title", "due", "duration_minutes", "priority", "tags", "category")
                               if getattr(readings[index], name) != getattr(draft, name)))
            if draft.start is not None and not draft.recurrence:  # a fixed start ("call mum Sunday at 6pm") is a
                # pinned block; a routine's fixed time ("every monday 9am") holds for each of its occurrences
                uow.blocks.save(TimeBlock(id=uuid.uuid4(), user_id=actor_id, task_id=task.id, start=draft.start,
                                          end=draft.start + timedelta(minutes=task.duration_minutes), pinned=True,
                                          reason="fixed start from quick-add"))
            created.append(task)
        uow.commit()
    return created


def quick_add(cmd: commands.QuickAdd, uow: "UnitOfWork", clock: "Clock", preferences: "PreferencesStore",
              interpreter, models: "ModelStore", limits: Limits) -> dict:
    engine, reading = interpreter.interpret(cmd.text, _context(uow, preferences, models, cmd.actor_id, clock.now()))
    if reading.command is not None and reading.command.name != "add":
        raise ValidationError.for_field("text", "this is a slash command; send it to /ai/command")
    if not reading.tasks:
        raise ValidationError.for_field("text", "no task found in the text")
    prefs = _preferences(uow, preferences, cmd.actor_id)
    tasks = create_drafts(uow, clock, prefs, limits, cmd.actor_id, reading.tasks, cmd.text)
    return {"engine": engine, "tasks": tasks, "warnings": reading.warnings,
            "warning_spans": [warning_to_json(w) for w in reading.warning_spans]}


def run_slash_command(cmd: commands.RunSlashCommand, uow: "UnitOfWork", clock: "Clock",
                      preferences: "PreferencesStore", interpreter, models: "ModelStore", bus,
                      limits: Limits) -> dict:
    """The other use cases a command names run through ``bus``, each once."""
    engine, reading = interpreter.interpret(cmd.text, _context(uow, preferences, models, cmd.actor_id, clock.now()))
    command = reading.command
    if command is None:
        raise ValidationError.for_field("text", "not a slash command; try /help")
    result: dict[str, Any] = {"command": command.name, "status": "done", "warnings": reading.warnings,
                              "warning_spans": [warning_to_json(w) for w in reading.warning_spans]}
    if command.name == "help":
        return result | {"status": "info", "message": "Commands: " + "; ".join(f"{k}: {v}" for k, v in HELP.items())}
    if command.name == "add":
        prefs = _preferences(uow, preferences, cmd.actor_id)
        tasks = create_drafts(uow, clock, prefs, limits, cmd.actor_id, reading.tasks, cmd.text)
        return result | {"message": f"Added {len(tasks)} task(s).", "tasks": tasks}
    if command.name == "plan":
        bus.handle(commands.ReplanSchedule(user_id=cmd.actor_id))
        return result | {"message": "Re-planned."}
    if command.name in ("today", "week"):
        return result | _agenda(uow, clock, preferences, cmd.actor_id, command.name)
    with uow:
        open_tasks = uow.tasks.open_tasks(cmd.actor_id)
    found = match_task(command.task_query or "", open_tasks)
    if found.chosen is None:
        status = "ambiguous" if found.candidates else "not_found"
        message = ("Which task did you mean?" if found.candidates
                   else f"No open task matches {command.task_query!r}.")
        return result | {"status": status, "message": message, "candidates": list(found.candidates)}
    task = found.chosen
    return result | {"tasks": [_apply(command, task, uow, bus, cmd.actor_id)],
                     "message": f"{command.name}: {task.title}"}


def _apply(command, task, uow, bus, actor_id):
    def update(changes):
        return bus.handle(commands.UpdateTask(actor_id=actor_id, task_id=task.id, changes=changes))

    if command.name == "done":
        return update({"status": "done"})
    if command.name == "priority":
        return update({"priority": command.priority})
    if command.name == "tag":
        return update({"tags": list(dict.fromkeys([*task.tags, *command.tags]))})
    if command.name == "snooze":
        changes = {"earliest_start": command.when}
        if task.due is not None and task.due < command.when:
            changes["due"] = None
        return update(changes)
    if command.name == "pin":
        bus.handle(commands.PinTaskBlocks(actor_id, task.id))
        return task
    if command.name == "move":
        with uow:
            blocks = [b for b in uow.blocks.list(actor_id) if b.task_id == task.id]
        if blocks:
            first = blocks[0]
            bus.handle(commands.MoveBlock(actor_id, first.id, command.when, command.when + (first.end - first.start)))
            return task
        return update({"earliest_start": command.when})
    raise ValidationError.for_field("text", f"/{command.name} is not supported here")


def _agenda(uow, clock, preferences, actor_id, span: str) -> dict:
    now = clock.now()
    zone = ZoneInfo(_preferences(uow, preferences, actor_id).timezone)
    local = now.astimezone(zone)
    start = local.replace(hour=0, minute=0, second=0, microsecond=0)
    if span == "week":
        start -= timedelta(days=start.weekday())
    end = start + timedelta(days=1 if span == "today" else 7)
    found = queries.blocks_with_tasks(uow, actor_id, start, end)
    lines = [f"{b.start.astimezone(zone):%a %H:%M}-{b.end.astimezone(zone):%H:%M} {task.title if task else '?'}"
             for b, task in found]
    return {"status": "info", "message": "\n".join(lines) or "Nothing planned.", "blocks": [b for b, _ in found]}

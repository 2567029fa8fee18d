"""Learning from each person: corrections of quick-add readings become training pairs for their model."""
from __future__ import annotations

import json
import statistics
import uuid
from datetime import timedelta, timezone
from uuid import UUID

from domain import commands, events
from domain.errors import AuthenticationFailed, Conflict, PermissionDenied, ValidationError
from domain.language.model import TaskDraft, draft_to_json
from domain.model import Permission
from domain.model.learning import CORRECTION_WINDOW_MINUTES, FineTunePolicy, QuickAddRecord, UserModel
from ports.clock import Clock
from ports.model_store import ModelStore
from ports.unit_of_work import UnitOfWork

MIN_SAMPLES = 3
MIN_TRAINING_PAIRS = 10  # OpenAI's fine-tuning minimum
TRAINING_SYSTEM_PROMPT = ("You turn one line a person typed into tasks for their planner. Answer with JSON: "
                          "{\"tasks\": [{\"title\", \"due\", \"start\", \"duration_minutes\", \"priority\", "
                          "\"tags\", \"category\", \"recurrence\"}]}.")


def record_reading(uow: "UnitOfWork", task, text: str, draft: TaskDraft, now, edited: tuple[str, ...] = ()) -> None:
    """Keep what the interpreter read (``draft``) and the task it made of it, to tell a correction later.
    ``edited``: the fields the person changed of the draft before the task was made (an image's drafts,
    reviewed): the task is then the correction, and what the reading made is the task with the draft's own
    values in those fields (one the reading left empty, filled by default, is no correction, as for old records)."""
    reading = _reading_of(uow, task)
    produced = reading
    if edited:
        read = _drop_spans(draft_to_json(draft))
        produced = {**reading, **{name: read.get(name) for name in edited if read.get(name) not in (None, [])}}
    record = QuickAddRecord(id=uuid.uuid4(), user_id=task.user_id, task_id=task.id, text=text,
                            draft=_drop_spans(draft_to_json(draft)), created_at=now, produced=produced)
    if edited and record.correct(reading, now):
        uow.record(events.QuickAddCorrected(user_id=record.user_id, task_id=record.task_id, record_id=record.id,
                                            fields=record.corrected_fields(), corrected_at=now))
    uow.quick_adds.add(record)


def _reading_of(uow: "UnitOfWork", task) -> dict:
    """The task in the draft's shape (its category by name)."""
    category = uow.categories.get(task.user_id, task.category_id) if task.category_id else None
    return {
        "title": task.title, "due": task.due.isoformat() if task.due else None,
        "start": task.earliest_start.isoformat() if task.earliest_start else None,
        "duration_minutes": task.duration_minutes, "priority": task.priority, "tags": list(task.tags),
        "category": category.name if category else None, "recurrence": task.recurrence,
    }


def _drop_spans(draft: dict) -> dict:
    return {k: v for k, v in draft.items() if k != "spans"}


def estimate_duration(uow: "UnitOfWork", user_id: UUID, category_id: UUID | None, tags: list[str]) -> int | None:
    """The median planned length of the person's own finished tasks like this one (category, then tag)."""
    pools = []
    if category_id is not None:
        pools.append(uow.tasks.done_durations(user_id, category_id=category_id))
    pools.extend(uow.tasks.done_durations(user_id, tag=tag) for tag in tags[:3])
    for samples in pools:
        if len(samples) >= MIN_SAMPLES:
            return int(round(statistics.median(samples) / 5) * 5) or 5
    return None


def record_correction(event: events.TaskUpdated, uow: "UnitOfWork", clock: "Clock") -> None:
    """An edit soon after a quick-add says what the reading should have been. Each edit that changes the
    correction raises ``QuickAddCorrected`` (through the outbox, for insights); an edit that leaves the
    reading's fields as they were is none."""
    now = clock.now()
    with uow:
        record = uow.quick_adds.for_task(event.user_id, event.task_id)
        if record is None or now - record.created_at > timedelta(minutes=CORRECTION_WINDOW_MINUTES):
            return
        task = uow.tasks.get(event.user_id, event.task_id)
        if task is None or not record.correct(_reading_of(uow, task), now):
            return
        uow.quick_adds.save(record)
        uow.record(events.QuickAddCorrected(user_id=record.user_id, task_id=record.task_id, record_id=record.id,
                                            fields=record.corrected_fields(), corrected_at=now))
        uow.commit()


def training_jsonl(uow: "UnitOfWork", user_id: UUID, limit: int = 5000) -> str:
    """The person's corrected readings in OpenAI's chat fine-tuning format, one JSON object per line."""
    with uow:
        records = uow.quick_adds.corrected(user_id, limit)
    lines = []
    for record in records:
        lines.append(json.dumps({"messages": [
            {"role": "system", "content": TRAINING_SYSTEM_PROMPT},
            {"role": "user", "content": json.dumps({"text": record.text, "now": record.created_at.isoformat()})},
            {"role": "assistant", "content": json.dumps({"tasks": [record.corrected]})},
        ]}, ensure_ascii=False))
    return "\n".join(lines) + ("\n" if lines else "")


def _may_fine_tune(uow: "UnitOfWork", actor_id: UUID, policy: FineTunePolicy) -> bool:
    """Whether the quota applies (False for admins); refuses whoever may not start jobs at all."""
    with uow:
        actor = uow.users.get(actor_id)
    if actor is None or not actor.is_active:
        raise AuthenticationFailed("the account no longer exists")
    if actor.can(Permission.FINE_TUNE):
        return False
    if policy.user_monthly_quota <= 0:
        raise PermissionDenied("fine-tuning starts paid jobs on this server's account: only admins may")
    return True


def _base_model(requested: str | None, policy: FineTunePolicy) -> str:
    if requested is None:
        return policy.base_models[0]
    if requested not in policy.base_models:
        raise ValidationError.for_field("base_model", f"must be one of: {', '.join(policy.base_models)}")
    return requested


def start_fine_tune(cmd: commands.StartFineTune, uow: "UnitOfWork", clock: "Clock", fine_tuner,
                    models: "ModelStore", fine_tune_policy: FineTunePolicy) -> UserModel:
    if fine_tuner is None:
        raise Conflict("fine-tuning needs an OpenAI-compatible server (PLANLOOM_OPENAI_MODEL and its key)")
    quota_applies = _may_fine_tune(uow, cmd.actor_id, fine_tune_policy)
    base_model = _base_model(cmd.base_model, fine_tune_policy)
    now = clock.now()
    month = now.astimezone(timezone.utc).strftime("%Y-%m")
    current = models.get(cmd.actor_id)
    started = current.jobs_started_in(month) if current is not None else 0
    if quota_applies and started >= fine_tune_policy.user_monthly_quota:
        raise Conflict(f"your monthly quota of {fine_tune_policy.user_monthly_quota} fine-tuning job(s) is used up; "
                       "it renews on the first of next month")
    if current is not None and current.status in ("validating_files", "queued", "running"):
        raise Conflict(f"a fine-tuning job is already {current.status}")
    data = training_jsonl(uow, cmd.actor_id)
    pairs = data.count("\n")
    if pairs < MIN_TRAINING_PAIRS:
        raise ValidationError.for_field("training_data", f"{pairs} corrected readings; at least "
                                                         f"{MIN_TRAINING_PAIRS} are needed to fine-tune")
    job = fine_tuner.start(data.encode(), base_model, f"planloom-{str(cmd.actor_id)[:8]}")
    model = UserModel(user_id=cmd.actor_id, base_model=base_model, job_id=job.id, status=job.status,
                      updated_at=now, fine_tuned_model=job.fine_tuned_model, error=job.error,
                      month=month, jobs_in_month=started + 1)
    models.put(model)
    return model


def refresh_fine_tune(cmd: commands.RefreshFineTune, clock: "Clock", fine_tuner, models: "ModelStore"):
    current = models.get(cmd.actor_id)
    if current is None:
        return None
    if fine_tuner is None or current.status in ("succeeded", "failed", "cancelled"):
        return current
    job = fine_tuner.status(current.job_id)
    current.status, current.error, current.updated_at = job.status, job.error, clock.now()
    current.fine_tuned_model = job.fine_tuned_model or current.fine_tuned_model
    models.put(current)
    return current

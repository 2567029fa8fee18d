"""What Planloom learns from each person: their corrections of quick-add readings, their own model."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

CORRECTION_WINDOW_MINUTES = 30  # an edit this soon after a quick-add corrects its reading
READING_FIELDS = ("title", "due", "start", "duration_minutes", "priority", "tags", "category", "recurrence")


def _same(field: str, before, after) -> bool:
    """Moments compare as instants (a reading in local time, a task in UTC), tags as a set."""
    if field in ("due", "start") and before and after:
        return datetime.fromisoformat(before) == datetime.fromisoformat(after)
    if field == "tags":
        return sorted(before or []) == sorted(after or [])
    return before == after


def changed_fields(before: dict, after: dict) -> tuple[str, ...]:
    """The fields of ``READING_FIELDS`` whose value differs between two readings (draft shape), in that order."""
    return tuple(name for name in READING_FIELDS if not _same(name, before.get(name), after.get(name)))


@dataclass
class QuickAddRecord:
    id: UUID
    user_id: UUID
    task_id: UUID
    text: str
    draft: dict                    # the reading as the interpreter gave it (draft JSON)
    created_at: datetime
    corrected: dict | None = None  # the task as the person fixed it, in the same draft shape
    corrected_at: datetime | None = None
    produced: dict | None = None   # the task as the reading made it (defaults filled in), in the same shape;
    #                                None on a record from before it was kept

    def _against(self, reading: dict) -> tuple[str, ...]:
        if self.produced is not None:
            return changed_fields(self.produced, reading)
        # an older record is judged against its draft, on the fields the draft gave (the task filled the
        # others with defaults, which are no correction)
        return tuple(name for name in changed_fields(self.draft, reading) if self.draft.get(name) not in (None, []))

    def corrected_fields(self) -> tuple[str, ...]:
        """What the latest correction changed of the reading (empty: not corrected)."""
        return self._against(self.corrected) if self.corrected is not None else ()

    def correct(self, reading: dict, now: datetime) -> bool:
        """The task reads ``reading`` after an edit within the window: it becomes the correction. True when
        that changed the record: a first or another correction, or one undone (the task reads as the reading
        made it again: no correction). An edit that leaves the reading's fields as they were changes nothing."""
        if not self._against(reading):
            if self.corrected is None:
                return False
            self.corrected = self.corrected_at = None
            return True
        if reading == self.corrected:
            return False
        self.corrected, self.corrected_at = reading, now
        return True


@dataclass
class UserModel:
    """A person's fine-tuned language model, and the job that makes it."""

    user_id: UUID
    base_model: str
    job_id: str
    status: str
    updated_at: datetime
    fine_tuned_model: str | None = None
    error: str | None = None
    month: str = ""         # the calendar month (YYYY-MM, UTC) that jobs_in_month counts
    jobs_in_month: int = 0  # jobs the person started in that month, against their quota

    @property
    def usable(self) -> str | None:
        return self.fine_tuned_model if self.status == "succeeded" else None

    def jobs_started_in(self, month: str) -> int:
        return self.jobs_in_month if self.month == month else 0


DEFAULT_BASE_MODELS = ("gpt-4o-mini-2024-07-18",)


@dataclass(frozen=True)
class FineTunePolicy:
    """Who may start fine-tuning jobs (they are paid for on the server's account), and on what.

    Admins may, always; other people only with a monthly quota above zero (0: admins only).
    The base model must be one of ``base_models``; the first is the default."""

    base_models: tuple[str, ...] = DEFAULT_BASE_MODELS
    user_monthly_quota: int = 0

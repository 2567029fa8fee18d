"""What Planloom learns from each person: their corrections of quick-add readings, their own model."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

CORRECTION_WINDOW_MINUTES = 30  # an edit this soon after a quick-add corrects its reading


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

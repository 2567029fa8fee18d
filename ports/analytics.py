"""The analytics store (a document store: SQL embedded, MongoDB in production): per-user facts of closed
tasks, re-plans and quick-adds, and the daily and weekly rollups computed from them. Every write replaces by key, so
writing the same thing twice changes nothing."""
from __future__ import annotations

import abc
from uuid import UUID

from domain.analytics.facts import PlanChange, QuickAddFact, Rollup, TaskFact


class AnalyticsStore(abc.ABC):
    @abc.abstractmethod
    def get_fact(self, user_id: UUID, task_id: UUID) -> TaskFact | None: ...

    @abc.abstractmethod
    def put_fact(self, fact: TaskFact) -> None:
        """Store ``fact``, replacing the one of the same task."""

    @abc.abstractmethod
    def delete_fact(self, user_id: UUID, task_id: UUID) -> None: ...

    @abc.abstractmethod
    def facts_on(self, user_id: UUID, day: str) -> list[TaskFact]:
        """The facts of tasks that closed on this local day, in task id order."""

    @abc.abstractmethod
    def put_plan_change(self, change: PlanChange) -> bool:
        """Store a re-plan once; False when this event id was stored already."""

    @abc.abstractmethod
    def plan_changes(self, user_id: UUID, first: str, last: str) -> list[PlanChange]:
        """The re-plans of local days in [first, last], by day and event id."""

    @abc.abstractmethod
    def get_quick_add(self, user_id: UUID, task_id: UUID) -> QuickAddFact | None: ...

    @abc.abstractmethod
    def put_quick_add(self, fact: QuickAddFact) -> None:
        """Store ``fact``, replacing the one of the same task."""

    @abc.abstractmethod
    def delete_quick_add(self, user_id: UUID, task_id: UUID) -> None: ...

    @abc.abstractmethod
    def quick_adds_on(self, user_id: UUID, day: str) -> list[QuickAddFact]:
        """The quick-adds made on this local day, in task id order."""

    @abc.abstractmethod
    def put_rollup(self, rollup: Rollup) -> None:
        """Store the rollup, replacing the one of the same (user, period, start); an empty one is removed."""

    @abc.abstractmethod
    def rollups(self, user_id: UUID, period: str, first: str, last: str) -> list[Rollup]:
        """The user's non-empty rollups of ``period`` starting in [first, last] (ISO dates), by start."""

    @abc.abstractmethod
    def replace_user(self, user_id: UUID, facts: list[TaskFact], rollups: list[Rollup],
                     quick_adds: list[QuickAddFact]) -> None:
        """Replace every fact (of closed tasks and of quick-adds) and rollup of the user with these, in bulk
        (a rebuild); re-plans stay."""

    @abc.abstractmethod
    def clear_user(self, user_id: UUID) -> None:
        """Forget everything of the user (before a rebuild, or when the account goes)."""

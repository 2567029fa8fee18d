"""The analytics store in memory: deep copies in and out, so callers never share the stored counters."""
from __future__ import annotations

import copy
import threading
from uuid import UUID

from domain.analytics.facts import PlanChange, QuickAddFact, Rollup, TaskFact
from ports.analytics import AnalyticsStore


class MemoryAnalyticsStore(AnalyticsStore):
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._facts: dict[tuple[UUID, UUID], TaskFact] = {}
        self._changes: dict[tuple[UUID, UUID], PlanChange] = {}
        self._quick_adds: dict[tuple[UUID, UUID], QuickAddFact] = {}
        self._rollups: dict[tuple[UUID, str, str], Rollup] = {}

    def get_fact(self, user_id: UUID, task_id: UUID) -> TaskFact | None:
        return self._facts.get((user_id, task_id))

    def put_fact(self, fact: TaskFact) -> None:
        with self._lock:
            self._facts[(fact.user_id, fact.task_id)] = fact

    def delete_fact(self, user_id: UUID, task_id: UUID) -> None:
        with self._lock:
            self._facts.pop((user_id, task_id), None)

    def facts_on(self, user_id: UUID, day: str) -> list[TaskFact]:
        with self._lock:
            found = [f for (u, _), f in self._facts.items() if u == user_id and f.day == day]
        return sorted(found, key=lambda f: str(f.task_id))

    def put_plan_change(self, change: PlanChange) -> bool:
        with self._lock:
            return self._changes.setdefault((change.user_id, change.event_id), change) is change

    def plan_changes(self, user_id: UUID, first: str, last: str) -> list[PlanChange]:
        with self._lock:
            found = [c for (u, _), c in self._changes.items() if u == user_id and first <= c.day <= last]
        return sorted(found, key=lambda c: (c.day, str(c.event_id)))

    def get_quick_add(self, user_id: UUID, task_id: UUID) -> QuickAddFact | None:
        return self._quick_adds.get((user_id, task_id))

    def put_quick_add(self, fact: QuickAddFact) -> None:
        with self._lock:
            self._quick_adds[(fact.user_id, fact.task_id)] = fact

    def delete_quick_add(self, user_id: UUID, task_id: UUID) -> None:
        with self._lock:
            self._quick_adds.pop((user_id, task_id), None)

    def quick_adds_on(self, user_id: UUID, day: str) -> list[QuickAddFact]:
        with self._lock:
            found = [f for (u, _), f in self._quick_adds.items() if u == user_id and f.day == day]
        return sorted(found, key=lambda f: str(f.task_id))

    def put_rollup(self, rollup: Rollup) -> None:
        key = (rollup.user_id, rollup.period, rollup.start)
        with self._lock:
            if rollup.counters:
                self._rollups[key] = copy.deepcopy(rollup)
            else:
                self._rollups.pop(key, None)

    def rollups(self, user_id: UUID, period: str, first: str, last: str) -> list[Rollup]:
        with self._lock:
            found = [r for (u, p, s), r in self._rollups.items() if u == user_id and p == period and first <= s <= last]
        return copy.deepcopy(sorted(found, key=lambda r: r.start))

    def replace_user(self, user_id: UUID, facts: list[TaskFact], rollups: list[Rollup],
                     quick_adds: list[QuickAddFact]) -> None:
        with self._lock:
            for store in (self._facts, self._quick_adds, self._rollups):
                for key in [k for k in store if k[0] == user_id]:
                    del store[key]
            self._facts.update(((f.user_id, f.task_id), f) for f in facts)
            self._quick_adds.update(((f.user_id, f.task_id), f) for f in quick_adds)
            self._rollups.update(((r.user_id, r.period, r.start), copy.deepcopy(r)) for r in rollups if r.counters)

    def clear_user(self, user_id: UUID) -> None:
        with self._lock:
            for store in (self._facts, self._changes, self._quick_adds, self._rollups):
                for key in [k for k in store if k[0] == user_id]:
                    del store[key]

"""The analytics store in SQL tables (the embedded default document store; PostgreSQL in production
without MongoDB). Upserts keyed like the Mongo twin's unique indexes."""
from __future__ import annotations

from uuid import UUID

from sqlalchemy import Engine, delete, insert, select
from sqlalchemy.dialects import postgresql, sqlite

from domain.analytics.facts import PlanChange, QuickAddFact, Rollup, TaskFact, fact_data, fact_from
from ports.analytics import AnalyticsStore
from adapters.sql.tables import analytics_plan_changes as changes
from adapters.sql.tables import analytics_quick_adds as quick
from adapters.sql.tables import analytics_rollups as rollups
from adapters.sql.tables import analytics_task_facts as facts

BATCH = 1000


def _quick_add(row) -> QuickAddFact:
    return QuickAddFact(user_id=row.user_id, task_id=row.task_id, record_id=row.record_id, day=row.day,
                        fields=tuple(row.changed))


def _quick_add_row(fact: QuickAddFact) -> dict:
    return {"user_id": fact.user_id, "task_id": fact.task_id, "record_id": fact.record_id, "day": fact.day,
            "changed": list(fact.fields)}


class SqlAnalyticsStore(AnalyticsStore):
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def _insert(self, table):
        return (postgresql if self.engine.dialect.name == "postgresql" else sqlite).insert(table)

    def get_fact(self, user_id: UUID, task_id: UUID) -> TaskFact | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(facts).where(facts.c.user_id == user_id, facts.c.task_id == task_id)).first()
        return fact_from(row.user_id, row.task_id, row.day, row.data) if row else None

    def put_fact(self, fact: TaskFact) -> None:
        values = {"day": fact.day, "data": fact_data(fact)}
        upsert = self._insert(facts).values(user_id=fact.user_id, task_id=fact.task_id, **values)
        with self.engine.begin() as conn:
            conn.execute(upsert.on_conflict_do_update(index_elements=[facts.c.user_id, facts.c.task_id], set_=values))

    def delete_fact(self, user_id: UUID, task_id: UUID) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(facts).where(facts.c.user_id == user_id, facts.c.task_id == task_id))

    def facts_on(self, user_id: UUID, day: str) -> list[TaskFact]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(facts).where(facts.c.user_id == user_id, facts.c.day == day))
            found = [fact_from(r.user_id, r.task_id, r.day, r.data) for r in rows]
        return sorted(found, key=lambda f: str(f.task_id))

    def put_plan_change(self, change: PlanChange) -> bool:
        insert = self._insert(changes).values(user_id=change.user_id, event_id=change.event_id, day=change.day,
                                              moved_blocks=change.moved_blocks, late_tasks=change.late_tasks,
                                              missed_blocks=change.missed_blocks)
        with self.engine.begin() as conn:
            new = conn.execute(insert.on_conflict_do_nothing(index_elements=[changes.c.user_id, changes.c.event_id])
                               .returning(changes.c.event_id)).first()
        return new is not None

    def plan_changes(self, user_id: UUID, first: str, last: str) -> list[PlanChange]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(changes).where(changes.c.user_id == user_id, changes.c.day >= first,
                                                     changes.c.day <= last))
            found = [PlanChange(user_id=r.user_id, event_id=r.event_id, day=r.day, moved_blocks=r.moved_blocks,
                                late_tasks=r.late_tasks, missed_blocks=r.missed_blocks) for r in rows]
        return sorted(found, key=lambda c: (c.day, str(c.event_id)))

    def get_quick_add(self, user_id: UUID, task_id: UUID) -> QuickAddFact | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(quick).where(quick.c.user_id == user_id, quick.c.task_id == task_id)).first()
        return _quick_add(row) if row else None

    def put_quick_add(self, fact: QuickAddFact) -> None:
        row = _quick_add_row(fact)
        values = {k: v for k, v in row.items() if k not in ("user_id", "task_id")}
        with self.engine.begin() as conn:
            conn.execute(self._insert(quick).values(**row).on_conflict_do_update(
                index_elements=[quick.c.user_id, quick.c.task_id], set_=values))

    def delete_quick_add(self, user_id: UUID, task_id: UUID) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(quick).where(quick.c.user_id == user_id, quick.c.task_id == task_id))

    def quick_adds_on(self, user_id: UUID, day: str) -> list[QuickAddFact]:
        with self.engine.connect() as conn:
            found = [_quick_add(r) for r in conn.execute(select(quick).where(quick.c.user_id == user_id,
                                                                             quick.c.day == day))]
        return sorted(found, key=lambda f: str(f.task_id))

    def put_rollup(self, rollup: Rollup) -> None:
        key = (rollups.c.user_id == rollup.user_id, rollups.c.period == rollup.period, rollups.c.start == rollup.start)
        with self.engine.begin() as conn:
            if not rollup.counters:
                conn.execute(delete(rollups).where(*key))
                return
            upsert = self._insert(rollups).values(user_id=rollup.user_id, period=rollup.period, start=rollup.start,
                                                  counters=rollup.counters)
            conn.execute(upsert.on_conflict_do_update(
                index_elements=[rollups.c.user_id, rollups.c.period, rollups.c.start],
                set_={"counters": rollup.counters}))

    def rollups(self, user_id: UUID, period: str, first: str, last: str) -> list[Rollup]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(rollups).where(
                rollups.c.user_id == user_id, rollups.c.period == period, rollups.c.start >= first,
                rollups.c.start <= last).order_by(rollups.c.start))
            return [Rollup(user_id=r.user_id, period=r.period, start=r.start, counters=r.counters) for r in rows]

    def replace_user(self, user_id: UUID, facts_: list[TaskFact], rollups_: list[Rollup],
                     quick_adds: list[QuickAddFact]) -> None:
        """One transaction: the old rows go, the new ones come in batched inserts."""
        with self.engine.begin() as conn:
            for table in (facts, quick, rollups):
                conn.execute(delete(table).where(table.c.user_id == user_id))
            fact_rows = [{"user_id": f.user_id, "task_id": f.task_id, "day": f.day, "data": fact_data(f)}
                         for f in facts_]
            rollup_rows = [{"user_id": r.user_id, "period": r.period, "start": r.start, "counters": r.counters}
                           for r in rollups_ if r.counters]
            quick_rows = [_quick_add_row(f) for f in quick_adds]
            for table, rows in ((facts, fact_rows), (quick, quick_rows), (rollups, rollup_rows)):
                for index in range(0, len(rows), BATCH):
                    conn.execute(insert(table), rows[index:index + BATCH])

    def clear_user(self, user_id: UUID) -> None:
        with self.engine.begin() as conn:
            for table in (facts, changes, quick, rollups):
                conn.execute(delete(table).where(table.c.user_id == user_id))

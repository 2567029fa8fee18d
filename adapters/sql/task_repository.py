"""Tasks on SQL: rows are converted to and from the domain entity; writes happen at flush."""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable
from uuid import UUID

from sqlalchemy import Connection, and_, delete, func, insert, or_, select, update

from domain.errors import StaleVersion
from domain.model import Task, TaskQuery, TaskStatus
from ports.repositories import TaskRepository
from adapters.sql.tables import tags, task_dependencies, task_tags, tasks

_COLUMNS = (
    "title", "notes", "duration_minutes", "due", "earliest_start", "priority", "status", "category_id",
    "splittable", "min_chunk_minutes", "recurrence", "completed_at", "created_at", "updated_at", "version",
)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class SqlTaskRepository(TaskRepository):
    def __init__(self, connection: Connection) -> None:
        super().__init__()
        self.conn = connection
        self._loaded: dict[UUID, int] = {}  # id -> version as loaded (or inserted)

    # -- reads --------------------------------------------------------------------------
    def _hydrate(self, rows) -> list[Task]:
        rows = list(rows)
        if not rows:
            return []
        ids = [row.id for row in rows]
        tag_names: dict[UUID, list[str]] = defaultdict(list)
        for task_id, name in self.conn.execute(
            select(task_tags.c.task_id, tags.c.name).join(tags, tags.c.id == task_tags.c.tag_id)
            .where(task_tags.c.task_id.in_(ids)).order_by(task_tags.c.task_id, task_tags.c.position)
        ):
            tag_names[task_id].append(name)
        deps: dict[UUID, set[UUID]] = defaultdict(set)
        for task_id, dep in self.conn.execute(
            select(task_dependencies.c.task_id, task_dependencies.c.depends_on_id)
            .where(task_dependencies.c.task_id.in_(ids))
        ):
            deps[task_id].add(dep)
        out = []
        for row in rows:
            values = {name: getattr(row, name) for name in _COLUMNS}
            values["status"] = TaskStatus(values["status"])
            out.append(Task(id=row.id, user_id=row.user_id, tags=tuple(tag_names[row.id]),
                            depends_on=frozenset(deps[row.id]), **values))
        return out

    def _get(self, user_id: UUID, task_id: UUID) -> Task | None:
        row = self.conn.execute(select(tasks).where(tasks.c.id == task_id, tasks.c.user_id == user_id)).first()
        if row is None:
            return None
        task = self._hydrate([row])[0]
        self._loaded[task.id] = task.version
        return task

    def list(self, user_id: UUID, query: TaskQuery) -> tuple[list[Task], int]:
        conditions = [tasks.c.user_id == user_id]
        if query.status:
            conditions.append(tasks.c.status.in_([s.value for s in query.status]))
        if query.category_id is not None:
            conditions.append(tasks.c.category_id == query.category_id)
        if query.tag is not None:
            conditions.append(tasks.c.id.in_(
                select(task_tags.c.task_id).join(tags, tags.c.id == task_tags.c.tag_id)
                .where(tags.c.user_id == user_id, tags.c.name == query.tag)
            ))
        if query.due_before is not None:
            conditions.append(tasks.c.due < query.due_before)
        if query.due_after is not None:
            conditions.append(tasks.c.due >= query.due_after)
        if query.q:
            pattern = f"%{_escape_like(query.q.lower())}%"
            conditions.append(or_(func.lower(tasks.c.title).like(pattern, escape="\\"),
                                  func.lower(tasks.c.notes).like(pattern, escape="\\")))
        column = tasks.c[query.sort.lstrip("-")]
        order = column.desc() if query.sort.startswith("-") else column.asc()
        where = and_(*conditions)
        stmt = (select(tasks, func.count().over().label("_total")).where(where)
                .order_by(column.is_(None), order, tasks.c.id).offset(query.offset).limit(query.limit))
        rows = self.conn.execute(stmt).all()
        if rows:
            total = rows[0]._total
        else:
            total = self.conn.execute(select(func.count()).select_from(tasks).where(where)).scalar_one()
        return self._hydrate(rows), total

    def existing_ids(self, user_id: UUID, ids: Iterable[UUID]) -> set[UUID]:
        ids = list(ids)
        if not ids:
            return set()
        return set(self.conn.execute(select(tasks.c.id).where(tasks.c.user_id == user_id, tasks.c.id.in_(ids))).scalars())

    def dependency_graph(self, user_id: UUID) -> dict[UUID, frozenset[UUID]]:
        graph: dict[UUID, set[UUID]] = defaultdict(set)
        for task_id, dep in self.conn.execute(
            select(task_dependencies.c.task_id, task_dependencies.c.depends_on_id)
            .where(task_dependencies.c.user_id == user_id)
        ):
            graph[task_id].add(dep)
        return {k: frozenset(v) for k, v in graph.items()}

    def open_tasks(self, user_id: UUID) -> list[Task]:
        rows = self.conn.execute(select(tasks).where(
            tasks.c.user_id == user_id, tasks.c.status.in_([TaskStatus.TODO.value, TaskStatus.SCHEDULED.value])
        ).order_by(tasks.c.created_at, tasks.c.id))
        return self._hydrate(rows)

    def done_durations(self, user_id: UUID, category_id: UUID | None = None, tag: str | None = None,
                       limit: int = 50) -> list[int]:
        stmt = select(tasks.c.duration_minutes).where(tasks.c.user_id == user_id, tasks.c.status == "done",
                                                      tasks.c.completed_at.is_not(None))
        if category_id is not None:
            stmt = stmt.where(tasks.c.category_id == category_id)
        if tag is not None:
            stmt = stmt.where(tasks.c.id.in_(
                select(task_tags.c.task_id).join(tags, tags.c.id == task_tags.c.tag_id)
                .where(tags.c.user_id == user_id, tags.c.name == tag)))
        return list(self.conn.execute(stmt.order_by(tasks.c.completed_at.desc()).limit(limit)).scalars())

    # -- writes -------------------------------------------------------------------------
    def _add(self, task: Task) -> None:
        """Insert at once, so rows added later in the same transaction (blocks) can refer to it."""
        self._insert(task)
        self._loaded[task.id] = task.version

    def _delete(self, task: Task) -> None:
        self.conn.execute(delete(tasks).where(tasks.c.id == task.id, tasks.c.user_id == task.user_id))
        self._loaded.pop(task.id, None)

    def flush(self) -> None:
        for task in self.seen:
            if task.id in self._loaded and task.version != self._loaded[task.id]:
                self._update(task, self._loaded[task.id])
                self._loaded[task.id] = task.version

    def _row(self, task: Task) -> dict:
        values = {name: getattr(task, name) for name in _COLUMNS}
        values["status"] = task.status.value
        return values

    def _insert(self, task: Task) -> None:
        self.conn.execute(insert(tasks).values(id=task.id, user_id=task.user_id, **self._row(task)))
        self._write_links(task)

    def _update(self, task: Task, loaded_version: int) -> None:
        result = self.conn.execute(
            update(tasks).where(tasks.c.id == task.id, tasks.c.user_id == task.user_id,
                                tasks.c.version == loaded_version).values(**self._row(task))
        )
        if result.rowcount != 1:
            raise StaleVersion("the task was changed by someone else; reload it and try again")
        self.conn.execute(delete(task_tags).where(task_tags.c.task_id == task.id))
        self.conn.execute(delete(task_dependencies).where(task_dependencies.c.task_id == task.id))
        self._write_links(task)

    def _write_links(self, task: Task) -> None:
        if task.tags:
            ids = dict(self.conn.execute(
                select(tags.c.name, tags.c.id).where(tags.c.user_id == task.user_id, tags.c.name.in_(task.tags))
            ).all())
            self.conn.execute(insert(task_tags), [
                {"task_id": task.id, "tag_id": ids[name], "user_id": task.user_id, "position": i}
                for i, name in enumerate(task.tags)
            ])
        if task.depends_on:
            self.conn.execute(insert(task_dependencies), [
                {"task_id": task.id, "depends_on_id": dep, "user_id": task.user_id} for dep in sorted(task.depends_on)
            ])

"""Tasks on SQL: rows are converted to and from the domain entity; writes happen at flush."""
from __future__ import annotations

import functools
import operator
from collections import defaultdict
from typing import Iterable
from uuid import UUID

from sqlalchemy import Connection, Integer, and_, bindparam, delete, func, insert, or_, select, type_coerce, update
from sqlalchemy.types import NullType

from domain.errors import StaleVersion
from domain.model import Task, TaskQuery, TaskStatus
from ports.repositories import TaskRepository
from adapters.sql.tables import tags, task_dependencies, task_tags, tasks, users

_COLUMNS = (
    "title", "notes", "duration_minutes", "due", "earliest_start", "priority", "status", "category_id",
    "splittable", "min_chunk_minutes", "recurrence", "completed_at", "created_at", "updated_at", "version",
    "actual_minutes", "actual_reported",
)
_STATUS = {status.value: status for status in TaskStatus}
_OPEN_TASKS_LOCK = 0x504C4F54  # the advisory lock class of "open tasks of one user" (pg_advisory_xact_lock(class, key))
_COLUMN_VALUES = operator.itemgetter(*(tasks.c.keys().index(name) for name in _COLUMNS))  # of select(tasks, ...)
assert tasks.c.keys()[:2] == ["id", "user_id"]


# On PostgreSQL the list query brings each task's dependencies along as an array (a correlated
# subquery, evaluated only for the page's rows); tag names come with the row itself (tag_names).
# The subquery names the user too (the list's own user_id parameter): with task_dependencies sharded
# or partitioned by user, it then reads one shard (tests/e2e/test_partition_pruning.py).
_DEPS_ARRAY = (
    select(func.array_agg(task_dependencies.c.depends_on_id))
    .where(task_dependencies.c.user_id == bindparam("user_id"), task_dependencies.c.task_id == tasks.c.id)
    .correlate(tasks).scalar_subquery()
)
_DEPS_ARRAY = type_coerce(_DEPS_ARRAY, NullType()).label("_deps")


_TAG_NAMES = tasks.c.keys().index("tag_names")
_TOTAL = len(tasks.c)  # index of _total in the list query's rows; _deps follows


@functools.lru_cache(maxsize=1024)
def _list_statements(sort: str, status: bool, category: bool, tag: bool, due_before: bool, due_after: bool,
                     text: bool, arrays: bool, recurring: bool | None = None):
    """The page and count statements for one shape of query, built once: values travel as bound
    parameters, so SQLAlchemy neither rebuilds the statement nor recomputes its cache key per request."""
    conditions = [tasks.c.user_id == bindparam("user_id")]
    if status:
        conditions.append(tasks.c.status.in_(bindparam("statuses", expanding=True)))
    if category:
        conditions.append(tasks.c.category_id == bindparam("category_id"))
    if tag:
        conditions.append(tasks.c.id.in_(
            select(task_tags.c.task_id).join(tags, tags.c.id == task_tags.c.tag_id)
            .where(task_tags.c.user_id == bindparam("user_id"), tags.c.user_id == bindparam("user_id"),
                   tags.c.name == bindparam("tag"))
        ))
    if due_before:
        conditions.append(tasks.c.due < bindparam("due_before"))
    if due_after:
        conditions.append(tasks.c.due >= bindparam("due_after"))
    if text:
        conditions.append(or_(func.lower(tasks.c.title).like(bindparam("pattern"), escape="\\"),
                              func.lower(tasks.c.notes).like(bindparam("pattern"), escape="\\")))
    if recurring is not None:  # a routine carries a recurrence rule; "" counts as none
        has_rule = and_(tasks.c.recurrence.is_not(None), tasks.c.recurrence != "")
        conditions.append(has_rule if recurring else ~has_rule)
    column = tasks.c[sort.lstrip("-")]
    order = column.desc() if sort.startswith("-") else column.asc()
    where = and_(*conditions)
    extra = (_DEPS_ARRAY,) if arrays else ()
    page = (select(tasks, func.count().over().label("_total"), *extra).where(where)
            .order_by(column.is_(None), order, tasks.c.id)
            .offset(bindparam("offset", type_=Integer)).limit(bindparam("limit", type_=Integer)))
    return page, select(func.count()).select_from(tasks).where(where)


def _task(row, deps_of) -> Task:
    values = dict(zip(_COLUMNS, _COLUMN_VALUES(row)))
    values["status"] = _STATUS[values["status"]]
    return Task.from_storage(id=row[0], user_id=row[1], tags=tuple(row[_TAG_NAMES] or ()),
                             depends_on=frozenset(deps_of(row)), **values)


def rewrite_tag_name(conn: Connection, user_id: UUID, tag_id: UUID, old: str, new: str | None) -> None:
    """Keep the tasks' copies of a tag's name (tag_names) true when it is renamed (``new``) or
    deleted (None). Called before the tag's row changes, while task_tags still links it."""
    linked = select(task_tags.c.task_id).where(task_tags.c.user_id == user_id, task_tags.c.tag_id == tag_id)
    rows = conn.execute(select(tasks.c.id, tasks.c.tag_names)
                        .where(tasks.c.user_id == user_id, tasks.c.id.in_(linked))).all()
    changes = []
    for task_id, names in rows:
        if new is None:
            names = [name for name in names or () if name != old]
        else:
            names = [new if name == old else name for name in names or ()]
        changes.append({"task_id": task_id, "names": names or None})
    if changes:  # one executemany, however many tasks carry the tag
        conn.execute(update(tasks).where(tasks.c.id == bindparam("task_id"), tasks.c.user_id == user_id)
                     .values(tag_names=bindparam("names")), changes)


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
        deps: dict[UUID, set[UUID]] = defaultdict(set)
        for task_id, dep in self.conn.execute(
            select(task_dependencies.c.task_id, task_dependencies.c.depends_on_id)
            .where(task_dependencies.c.user_id.in_({row.user_id for row in rows}))  # the shard key, always
            .where(task_dependencies.c.task_id.in_([row.id for row in rows]))
        ):
            deps[task_id].add(dep)
        return [_task(row, lambda r: deps[r[0]]) for row in rows]

    def _get(self, user_id: UUID, task_id: UUID) -> Task | None:
        row = self.conn.execute(select(tasks).where(tasks.c.id == task_id, tasks.c.user_id == user_id)).first()
        if row is None:
            return None
        task = self._hydrate([row])[0]
        self._loaded[task.id] = task.version
        return task

    def list(self, user_id: UUID, query: TaskQuery) -> tuple[list[Task], int]:
        arrays = self.conn.dialect.name == "postgresql"
        page, count = _list_statements(
            query.sort, bool(query.status), query.category_id is not None, query.tag is not None,
            query.due_before is not None, query.due_after is not None, bool(query.q), arrays, query.recurring)
        params = {"user_id": user_id, "offset": query.offset, "limit": query.limit,
                  "statuses": [s.value for s in query.status], "category_id": query.category_id,
                  "tag": query.tag, "due_before": query.due_before, "due_after": query.due_after,
                  "pattern": f"%{_escape_like(query.q.lower())}%" if query.q else None}
        rows = self.conn.execute(page, params).all()
        if rows:
            total = rows[0][_TOTAL]
        else:
            total = self.conn.execute(count, params).scalar_one()
        if arrays:
            return [_task(row, lambda r: r[_TOTAL + 1] or ()) for row in rows], total
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
        rows = self.conn.execute(select(tasks).where(*self._open(user_id)).order_by(tasks.c.created_at, tasks.c.id))
        return self._hydrate(rows)

    def open_tasks_among(self, user_id: UUID, ids: Iterable[UUID], dependencies: bool = True) -> list[Task]:
        ids = list(set(ids))
        if not ids:
            return []
        rows = self.conn.execute(select(tasks).where(*self._open(user_id), tasks.c.id.in_(ids)))
        if not dependencies:  # one statement: task_dependencies is not read
            return [_task(row, lambda r: ()) for row in rows]
        return self._hydrate(rows)

    def count_open(self, user_id: UUID) -> int:
        self._lock_open_tasks(user_id)
        return self.conn.execute(select(func.count()).select_from(tasks).where(*self._open(user_id))).scalar_one()

    def _lock_open_tasks(self, user_id: UUID) -> None:
        """Make concurrent counters of one user's open tasks wait for this transaction to end.

        PostgreSQL: a transaction-scoped advisory lock keyed by the user (no row is locked, so writes that
        only reference the user do not wait); at READ COMMITTED the count that follows sees what the
        previous holder committed. SQLite: a write that changes nothing takes the database's write lock
        now instead of at commit, so the count and the insert that follows happen under one lock."""
        if self.conn.dialect.name == "postgresql":
            key = int.from_bytes(user_id.bytes[:4], "big", signed=True)
            self.conn.execute(select(func.pg_advisory_xact_lock(_OPEN_TASKS_LOCK, key)))
        else:
            self.conn.execute(update(users).where(users.c.id == user_id).values(version=users.c.version))

    @staticmethod
    def _open(user_id: UUID) -> tuple:
        return tasks.c.user_id == user_id, tasks.c.status == TaskStatus.TODO.value

    def done_durations(self, user_id: UUID, category_id: UUID | None = None, tag: str | None = None,
                       limit: int = 50) -> list[int]:
        minutes = func.coalesce(tasks.c.actual_minutes, tasks.c.duration_minutes)
        stmt = select(minutes).where(tasks.c.user_id == user_id, tasks.c.status == "done",
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
        values["tag_names"] = list(task.tags) or None
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
        self.conn.execute(delete(task_tags).where(task_tags.c.user_id == task.user_id, task_tags.c.task_id == task.id))
        self.conn.execute(delete(task_dependencies).where(task_dependencies.c.user_id == task.user_id,
                                                          task_dependencies.c.task_id == task.id))
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

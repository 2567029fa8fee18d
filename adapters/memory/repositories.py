"""In-memory repositories over a working copy of MemoryState (see MemoryUnitOfWork)."""
from __future__ import annotations

import copy
from datetime import datetime
from typing import Iterable
from uuid import UUID

from domain.model import BusyTime, Category, PlanSummary, Tag, Task, TaskQuery, TimeBlock, User
from ports import repositories as ports
from ports.outbox import Inbox
from domain.model.learning import QuickAddRecord
from domain.model.notification import InAppNotification
from adapters.memory.database import MemoryState

_MAX = datetime.max.replace(tzinfo=None)


def _sort_key(field: str):
    def key(task: Task):
        value = getattr(task, field)
        if value is None:
            return (1, _MAX)
        if isinstance(value, datetime):
            return (0, value.replace(tzinfo=None) - value.utcoffset())
        return (0, value.lower() if isinstance(value, str) else value)

    return key


class MemoryUserRepository(ports.UserRepository):
    def __init__(self, state: MemoryState) -> None:
        super().__init__()
        self.state = state

    def _add(self, user: User) -> None:
        self.state.users[user.id] = copy.deepcopy(user)

    def _get(self, user_id: UUID) -> User | None:
        return copy.deepcopy(self.state.users.get(user_id))

    def _get_by_email(self, email: str) -> User | None:
        return next((copy.deepcopy(u) for u in self.state.users.values() if u.email == email), None)

    def list(self, offset: int, limit: int) -> tuple[list[User], int]:
        users = sorted(self.state.users.values(), key=lambda u: (u.created_at, str(u.id)))
        return [copy.deepcopy(u) for u in users[offset:offset + limit]], len(users)


class MemoryTaskRepository(ports.TaskRepository):
    def __init__(self, state: MemoryState) -> None:
        super().__init__()
        self.state = state
        self.loaded: dict[UUID, int] = {}  # id -> version as loaded, for the optimistic check

    def _add(self, task: Task) -> None:
        self.state.tasks[task.id] = copy.deepcopy(task)

    def _get(self, user_id: UUID, task_id: UUID) -> Task | None:
        task = self.state.tasks.get(task_id)
        if task is None or task.user_id != user_id:
            return None
        self.loaded[task.id] = task.version
        return copy.deepcopy(task)

    def _delete(self, task: Task) -> None:
        self.state.tasks.pop(task.id, None)
        for other in self.state.tasks.values():
            if task.id in other.depends_on:
                other.depends_on = other.depends_on - {task.id}
        for block_id in [b.id for b in self.state.blocks.values() if b.task_id == task.id]:
            del self.state.blocks[block_id]
        for record_id in [r.id for r in self.state.quick_adds.values() if r.task_id == task.id]:
            del self.state.quick_adds[record_id]  # as the SQL foreign key cascades

    def list(self, user_id: UUID, query: TaskQuery) -> tuple[list[Task], int]:
        q = (query.q or "").lower()
        found = [
            t for t in self.state.tasks.values()
            if t.user_id == user_id
            and (not query.status or t.status in query.status)
            and (query.category_id is None or t.category_id == query.category_id)
            and (query.tag is None or query.tag in t.tags)
            and (query.due_before is None or (t.due is not None and t.due < query.due_before))
            and (query.due_after is None or (t.due is not None and t.due >= query.due_after))
            and (not q or q in t.title.lower() or q in t.notes.lower())
            and (query.recurring is None or bool(t.recurrence) == query.recurring)
        ]
        field = query.sort.lstrip("-")
        found.sort(key=lambda t: str(t.id))
        found.sort(key=_sort_key(field), reverse=query.sort.startswith("-"))
        if query.sort.startswith("-"):  # nulls last in both directions
            found.sort(key=lambda t: getattr(t, field) is None)
        page = found[query.offset:query.offset + query.limit]
        return [copy.deepcopy(t) for t in page], len(found)

    def existing_ids(self, user_id: UUID, ids: Iterable[UUID]) -> set[UUID]:
        return {i for i in ids if i in self.state.tasks and self.state.tasks[i].user_id == user_id}

    def dependency_graph(self, user_id: UUID) -> dict[UUID, frozenset[UUID]]:
        return {t.id: t.depends_on for t in self.state.tasks.values() if t.user_id == user_id and t.depends_on}

    def open_tasks(self, user_id: UUID) -> list[Task]:
        return [copy.deepcopy(t) for t in self.state.tasks.values() if t.user_id == user_id and t.is_open]

    def open_tasks_among(self, user_id: UUID, ids: Iterable[UUID], dependencies: bool = True) -> list[Task]:
        found = (self.state.tasks.get(i) for i in set(ids))
        tasks = [copy.deepcopy(t) for t in found if t is not None and t.user_id == user_id and t.is_open]
        if not dependencies:  # as the SQL adapter: the dependencies are not read
            for task in tasks:
                task.depends_on = frozenset()
        return tasks

    def count_open(self, user_id: UUID) -> int:  # the unit of work holds the database's lock till it ends
        return sum(1 for t in self.state.tasks.values() if t.user_id == user_id and t.is_open)

    def done_durations(self, user_id: UUID, category_id: UUID | None = None, tag: str | None = None,
                       limit: int = 50) -> list[int]:
        done = [t for t in self.state.tasks.values()
                if t.user_id == user_id and t.status.value == "done" and t.completed_at is not None
                and (category_id is None or t.category_id == category_id) and (tag is None or tag in t.tags)]
        done.sort(key=lambda t: t.completed_at, reverse=True)
        return [t.actual_minutes or t.duration_minutes for t in done[:limit]]


class MemoryCategoryRepository(ports.CategoryRepository):
    def __init__(self, state: MemoryState) -> None:
        self.state = state

    def add(self, category: Category) -> None:
        self.state.categories[category.id] = copy.deepcopy(category)

    def get(self, user_id: UUID, category_id: UUID) -> Category | None:
        c = self.state.categories.get(category_id)
        return copy.deepcopy(c) if c is not None and c.user_id == user_id else None

    def get_by_name(self, user_id: UUID, name: str) -> Category | None:
        name = name.strip().lower()
        return next((copy.deepcopy(c) for c in self.state.categories.values()
                     if c.user_id == user_id and c.name.lower() == name), None)

    def list(self, user_id: UUID) -> list[Category]:
        mine = [c for c in self.state.categories.values() if c.user_id == user_id]
        return [copy.deepcopy(c) for c in sorted(mine, key=lambda c: (c.name.lower(), str(c.id)))]

    def delete(self, category: Category) -> None:
        self.state.categories.pop(category.id, None)
        for task in self.state.tasks.values():
            if task.category_id == category.id:
                task.category_id = None


class MemoryTagRepository(ports.TagRepository):
    def __init__(self, state: MemoryState) -> None:
        self.state = state

    def add(self, tag: Tag) -> None:
        old = self.state.tags.get(tag.id)
        if old is not None and old.name != tag.name:
            for task in self.state.tasks.values():
                if task.user_id == tag.user_id and old.name in task.tags:
                    task.tags = tuple(tag.name if n == old.name else n for n in task.tags)
        self.state.tags[tag.id] = copy.deepcopy(tag)

    def get(self, user_id: UUID, tag_id: UUID) -> Tag | None:
        t = self.state.tags.get(tag_id)
        return copy.deepcopy(t) if t is not None and t.user_id == user_id else None

    def get_by_names(self, user_id: UUID, names: Iterable[str]) -> list[Tag]:
        wanted = set(names)
        return [copy.deepcopy(t) for t in self.state.tags.values() if t.user_id == user_id and t.name in wanted]

    def list(self, user_id: UUID) -> list[Tag]:
        mine = [t for t in self.state.tags.values() if t.user_id == user_id]
        return [copy.deepcopy(t) for t in sorted(mine, key=lambda t: t.name)]

    def delete(self, tag: Tag) -> None:
        self.state.tags.pop(tag.id, None)
        for task in self.state.tasks.values():
            if task.user_id == tag.user_id and tag.name in task.tags:
                task.tags = tuple(n for n in task.tags if n != tag.name)


class MemoryBlockRepository(ports.BlockRepository):
    def __init__(self, state: MemoryState) -> None:
        self.state = state

    def list(self, user_id: UUID, start: datetime | None = None, end: datetime | None = None) -> list[TimeBlock]:
        found = [
            b for b in self.state.blocks.values()
            if b.user_id == user_id and (start is None or b.end > start) and (end is None or b.start < end)
        ]
        return [copy.deepcopy(b) for b in sorted(found, key=lambda b: (b.start, str(b.id)))]

    def replace(self, user_id: UUID, blocks: list[TimeBlock]) -> None:
        for block_id in [b.id for b in self.state.blocks.values() if b.user_id == user_id]:
            del self.state.blocks[block_id]
        for block in blocks:
            self.save(block)

    def get(self, user_id: UUID, block_id: UUID) -> TimeBlock | None:
        b = self.state.blocks.get(block_id)
        return copy.deepcopy(b) if b is not None and b.user_id == user_id else None

    def save(self, block: TimeBlock) -> None:
        self.state.blocks[block.id] = copy.deepcopy(block)


class MemoryInbox(Inbox):
    def __init__(self, state: MemoryState) -> None:
        self.state = state

    def claim(self, consumer: str, message_id: UUID, now: datetime) -> bool:
        if (consumer, message_id) in self.state.inbox:
            return False
        self.state.inbox.add((consumer, message_id))
        return True


class MemoryPlanRepository(ports.PlanRepository):
    def __init__(self, state: MemoryState) -> None:
        self.state = state

    def get(self, user_id: UUID) -> PlanSummary | None:
        return copy.deepcopy(self.state.plans.get(user_id))

    def save(self, summary: PlanSummary) -> None:
        self.state.plans[summary.user_id] = copy.deepcopy(summary)

    def lock(self, user_id: UUID) -> None:
        """Nothing to do: a memory unit of work holds the database's lock from start to end."""


class MemoryNotificationRepository(ports.NotificationRepository):
    def __init__(self, state: MemoryState) -> None:
        self.state = state

    def _mine(self, user_id: UUID) -> list[InAppNotification]:
        return [n for n in self.state.notifications.values() if n.user_id == user_id]

    def add(self, notification: InAppNotification) -> bool:
        if any(n.dedupe_key == notification.dedupe_key for n in self._mine(notification.user_id)):
            return False
        self.state.notifications[notification.id] = copy.deepcopy(notification)
        return True

    def get(self, user_id: UUID, notification_id: UUID) -> InAppNotification | None:
        n = self.state.notifications.get(notification_id)
        return copy.deepcopy(n) if n is not None and n.user_id == user_id else None

    def list(self, user_id: UUID, unread_only: bool, offset: int, limit: int) -> tuple[list[InAppNotification], int]:
        found = [n for n in self._mine(user_id) if not unread_only or n.read_at is None]
        found.sort(key=lambda n: (n.created_at, str(n.id)), reverse=True)
        return [copy.deepcopy(n) for n in found[offset:offset + limit]], len(found)

    def set_read(self, user_id: UUID, notification_id: UUID, read_at: datetime | None) -> bool:
        n = self.state.notifications.get(notification_id)
        if n is None or n.user_id != user_id:
            return False
        n.read_at = read_at
        return True

    def since(self, user_id: UUID, after: datetime, limit: int) -> list[InAppNotification]:
        found = sorted((n for n in self._mine(user_id) if n.created_at > after), key=lambda n: (n.created_at, str(n.id)))
        return [copy.deepcopy(n) for n in found[:limit]]


class MemoryQuickAddRepository(ports.QuickAddRepository):
    def __init__(self, state: MemoryState) -> None:
        self.state = state

    def add(self, record: QuickAddRecord) -> None:
        self.state.quick_adds[record.id] = copy.deepcopy(record)

    def save(self, record: QuickAddRecord) -> None:
        self.add(record)

    def for_task(self, user_id: UUID, task_id: UUID) -> QuickAddRecord | None:
        return next((copy.deepcopy(r) for r in self.state.quick_adds.values()
                     if r.user_id == user_id and r.task_id == task_id), None)

    def corrected(self, user_id: UUID, limit: int) -> list[QuickAddRecord]:
        found = sorted((r for r in self.state.quick_adds.values() if r.user_id == user_id and r.corrected),
                       key=lambda r: (r.created_at, str(r.id)))
        return [copy.deepcopy(r) for r in found[:limit]]

    def page(self, user_id: UUID, offset: int, limit: int) -> list[QuickAddRecord]:
        found = sorted((r for r in self.state.quick_adds.values() if r.user_id == user_id),
                       key=lambda r: (r.created_at, str(r.id)))
        return [copy.deepcopy(r) for r in found[offset:offset + limit]]


class MemoryBusyRepository(ports.BusyRepository):
    def __init__(self, state: MemoryState) -> None:
        self.state = state

    def add(self, busy: BusyTime) -> None:
        self.state.busy[busy.id] = copy.deepcopy(busy)

    def get(self, user_id: UUID, busy_id: UUID) -> BusyTime | None:
        b = self.state.busy.get(busy_id)
        return copy.deepcopy(b) if b is not None and b.user_id == user_id else None

    def list(self, user_id: UUID, start: datetime | None = None, end: datetime | None = None) -> list[BusyTime]:
        found = [b for b in self.state.busy.values() if b.user_id == user_id
                 and (start is None or b.end > start) and (end is None or b.start < end)]
        return [copy.deepcopy(b) for b in sorted(found, key=lambda b: (b.start, str(b.id)))]

    def delete(self, busy: BusyTime) -> None:
        self.state.busy.pop(busy.id, None)

    def for_connection(self, user_id: UUID, connection_id: UUID) -> list[BusyTime]:
        return [b for b in self.list(user_id) if b.connection_id == connection_id]

    def delete_connection(self, user_id: UUID, connection_id: UUID) -> int:
        found = self.for_connection(user_id, connection_id)
        for busy in found:
            self.state.busy.pop(busy.id, None)
        return len(found)

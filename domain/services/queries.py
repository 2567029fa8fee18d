"""Reads. They open a unit of work, never commit, and only ever look at one user's data."""
from __future__ import annotations

from uuid import UUID

from domain.errors import AuthenticationFailed, NotFound, StorageUnavailable
from domain.model import Category, Permission, Preferences, Tag, Task, TaskQuery, TimeBlock, User
from ports.calendars import CalendarStore
from ports.images import BlobStore, BlobStoreUnavailable, ImageStore
from ports.preferences import PreferencesStore
from ports.unit_of_work import UnitOfWork


def current_user(uow: "UnitOfWork", user_id: UUID) -> User:
    with uow:
        user = uow.users.get(user_id)
    if user is None or not user.is_active:
        raise AuthenticationFailed("the account no longer exists")
    return user


def find_user(uow: "UnitOfWork", key: str) -> User | None:
    """A user by id or by email (for operators' commands)."""
    try:
        user_id = UUID(key)
    except ValueError:
        user_id = None
    with uow:
        return uow.users.get(user_id) if user_id is not None else uow.users.get_by_email(key)


def list_users(uow: "UnitOfWork", actor_id: UUID, offset: int, limit: int) -> tuple[list[User], int]:
    with uow:
        actor = uow.users.get(actor_id)
        if actor is None:
            raise AuthenticationFailed("the account no longer exists")
        actor.require(Permission.MANAGE_USERS)
        return uow.users.list(offset, limit)


def preferences_of(uow: "UnitOfWork", store: "PreferencesStore", user_id: UUID) -> Preferences:
    stored = store.get(user_id)
    if stored is not None:
        return stored
    return Preferences(timezone=current_user(uow, user_id).timezone)


def get_task(uow: "UnitOfWork", user_id: UUID, task_id: UUID) -> Task:
    with uow:
        task = uow.tasks.get(user_id, task_id)
    if task is None:
        raise NotFound("no such task")
    return task


def list_tasks(uow: "UnitOfWork", user_id: UUID, query: TaskQuery) -> tuple[list[Task], int]:
    with uow:
        return uow.tasks.list(user_id, query)


def get_category(uow: "UnitOfWork", user_id: UUID, category_id: UUID) -> Category:
    with uow:
        category = uow.categories.get(user_id, category_id)
    if category is None:
        raise NotFound("no such category")
    return category


def list_categories(uow: "UnitOfWork", user_id: UUID) -> list[Category]:
    with uow:
        return uow.categories.list(user_id)


def get_tag(uow: "UnitOfWork", user_id: UUID, tag_id: UUID) -> Tag:
    with uow:
        tag = uow.tags.get(user_id, tag_id)
    if tag is None:
        raise NotFound("no such tag")
    return tag


def list_tags(uow: "UnitOfWork", user_id: UUID) -> list[Tag]:
    with uow:
        return uow.tags.list(user_id)


def blocks_with_tasks(uow: "UnitOfWork", user_id: UUID, start, end) -> list[tuple[TimeBlock, Task | None]]:
    """Blocks overlapping [start, end), in order, each with its task while that is open (None once done,
    cancelled or deleted). Reads the blocks, then only the tasks they name, never every open task, and
    not their dependencies: no reader of blocks shows them (each task's ``depends_on`` is empty here)."""
    with uow:
        blocks = uow.blocks.list(user_id, start, end)
        named = {b.task_id for b in blocks}
        tasks = {t.id: t for t in uow.tasks.open_tasks_among(user_id, named, dependencies=False)}
    return [(b, tasks.get(b.task_id)) for b in blocks]


def schedule_of(uow: "UnitOfWork", user_id: UUID, start, end) -> dict:
    """Blocks overlapping [start, end) with their tasks, and what the last plan could not place."""
    with uow:
        blocks = blocks_with_tasks(uow, user_id, start, end)
        summary = uow.plans.get(user_id)
    return {"blocks": blocks, "summary": summary}


def list_notifications(uow: "UnitOfWork", user_id: UUID, unread_only: bool, offset: int, limit: int):
    with uow:
        return uow.notifications.list(user_id, unread_only, offset, limit)


def notifications_since(uow: "UnitOfWork", user_id: UUID, after, limit: int = 100):
    with uow:
        return uow.notifications.since(user_id, after, limit)


def get_busy_time(uow: "UnitOfWork", user_id: UUID, busy_id: UUID):
    with uow:
        busy = uow.busy.get(user_id, busy_id)
    if busy is None:
        raise NotFound("no such busy time")
    return busy


def busy_times(uow: "UnitOfWork", user_id: UUID, start, end) -> list:
    with uow:
        return uow.busy.list(user_id, start, end)


def busy_with_colors(uow: "UnitOfWork", calendars: "CalendarStore", user_id: UUID, start, end) -> list[dict]:
    """Busy time with the colour of the calendar it came from (None: entered by hand)."""
    colors = {c.id: c.display_color for c in calendars.list(user_id)}
    return [dict(vars(b), color=colors.get(b.connection_id)) for b in busy_times(uow, user_id, start, end)]


def calendar_connections(store: "CalendarStore", user_id: UUID) -> list:
    return store.list(user_id)


def calendar_connection(store: "CalendarStore", user_id: UUID, connection_id: UUID):
    connection = store.get(user_id, connection_id)
    if connection is None:
        raise NotFound("no such calendar connection")
    return connection


def images(store: "ImageStore", user_id: UUID, limit: int) -> list:
    return store.list(user_id, limit)


def image(store: "ImageStore", user_id: UUID, image_id: UUID):
    record = store.get(user_id, image_id)
    if record is None:
        raise NotFound("no such image")
    return record


def image_content(store: "ImageStore", blobs: "BlobStore", user_id: UUID, image_id: UUID) -> tuple[bytes, str]:
    """The stored (re-encoded) bytes of the user's own image and their media type."""
    record = image(store, user_id, image_id)
    try:
        data = blobs.get(record.blob_name)
    except BlobStoreUnavailable as exc:
        raise StorageUnavailable("the image's content cannot be read just now; try again shortly") from exc
    if data is None:
        raise NotFound("the image's content is gone")
    return data, record.media_type

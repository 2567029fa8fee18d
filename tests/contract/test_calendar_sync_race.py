"""A calendar sync and the plan's write-back (the ``calendar_write`` consumer) saving one connection at the
same moment: the sync reads the calendar while the write-back writes the plan there and records which
blocks it wrote. Both changes must survive: the record of written blocks (without it a block deleted in the
calendar is missed) and the sync's status and time. Run on memory, SQLite and PostgreSQL."""
from __future__ import annotations

import threading
from uuid import UUID

import pytest

from adapters.fernet.cipher import FernetCipher
from adapters.memory.calendars import MemoryCalendarSource, MemoryCalendarStore
from adapters.memory.occurrences import MemoryOccurrenceLog
from adapters.memory.stores import FixedClock, MemoryPreferencesStore
from adapters.sql.calendars import SqlCalendarStore
from domain import commands
from domain.model.calendar import CalendarConnection
from domain.services.handlers.calendars import publish_plan, sync
from domain.services.handlers.schedule import replan_schedule
from tests.factories import NOW, a_task, a_user

WAIT = 30  # seconds the sync waits for the write-back at most (a safety net: it never takes that long)
CALENDAR = "https://dav.example.com/cal/planloom/"


class SlowCalendar(MemoryCalendarSource):
    """A calendar whose read takes as long as the write-back next to it: ``fetch`` returns only once
    ``saved`` is set (the write-back has saved the connection)."""

    def __init__(self) -> None:
        super().__init__()
        self.reading, self.saved = threading.Event(), threading.Event()

    def fetch(self, connection, start, end):
        self.reading.set()
        assert self.saved.wait(WAIT), "the write-back never finished"
        return super().fetch(connection, start, end)


@pytest.fixture
def calendar_store(backend, engine):
    return MemoryCalendarStore() if engine is None else SqlCalendarStore(engine, FernetCipher("r" * 48))


def test_a_sync_and_the_write_back_at_once_keep_the_written_blocks(backend, make_uow, calendar_store):
    user = a_user()
    with make_uow() as uow:
        uow.users.add(user)
        for minutes in (30, 60, 90):
            uow.tasks.add(a_task(user, duration_minutes=minutes))
        uow.commit()
    clock, preferences, occurrences = FixedClock(NOW), MemoryPreferencesStore(), MemoryOccurrenceLog()
    replan_schedule(commands.ReplanSchedule(user_id=user.id), make_uow(), clock, preferences, occurrences)
    with make_uow() as uow:
        planned = {str(b.id) for b in uow.blocks.list(user.id)}
    assert len(planned) == 3
    source = SlowCalendar()
    source.publish(CALENDAR, [])
    connection = CalendarConnection(id=UUID(int=user.id.int ^ 1), user_id=user.id, kind="caldav", name="Work",
                                    created_at=NOW, url="https://dav.example.com/", username="me", secret="pw",
                                    calendar_url=CALENDAR, write_calendar_url=CALENDAR)
    calendar_store.put(connection)
    sources = {"caldav": source}
    errors: list[BaseException] = []

    def syncing() -> None:
        try:
            sync(calendar_store.get(user.id, connection.id), make_uow(), clock, calendar_store, sources,
                 preferences, occurrences=occurrences)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    reader = threading.Thread(target=syncing)
    reader.start()
    assert source.reading.wait(WAIT)  # the sync has read the connection and is reading the calendar
    try:
        assert publish_plan(commands.PublishPlan(user_id=user.id), make_uow(), clock, calendar_store, sources,
                            preferences, occurrences) == 3
    finally:
        source.saved.set()
        reader.join(WAIT)
    assert not errors and not reader.is_alive()
    stored = calendar_store.get(user.id, connection.id)
    assert set(stored.written) == planned  # the write-back's record survived the sync's save
    assert stored.status == "ok" and stored.last_synced_at == NOW  # and so did the sync's

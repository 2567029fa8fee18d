"""The plan written to a real Radicale calendar and read back: the ``calendar_write`` consumer writes each
new plan (only the difference); a Planloom event moved in the calendar becomes a pinned block there; one
deleted there drops its block and the task is planned again (never lost); a second sync changes nothing."""
from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from dependency_injector import providers

from adapters.caldav.source import BLOCK_UID, CaldavSource
from domain import commands
from entrypoints.config import Settings
from entrypoints.consumers.registry import calendar_write
from entrypoints.container import build_container

ALL_DAY = {d: [["00:00", "24:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}


class World:
    def __init__(self, radicale) -> None:
        self.container = build_container(Settings(profile="memory", secret_key="integration-" * 4))
        self.container.calendar_sources.override(providers.Object({"caldav": CaldavSource(allow_private=True)}))
        self.bus = self.container.bus()
        self.user = self.bus.handle(commands.RegisterUser(email=f"{uuid.uuid4().hex[:8]}@ex.com",
                                                          password="pass-word-1"))
        self.bus.handle(commands.SavePreferences(actor_id=self.user.id, values={"timezone": "UTC",
                                                                                "working_hours": ALL_DAY}))
        self.read, self.plan = radicale.new_calendar(), radicale.new_calendar()
        self.connection = self.bus.handle(commands.ConnectCalendar(actor_id=self.user.id, values={
            "kind": "caldav", "name": "Dav", "url": radicale.url, "username": radicale.username,
            "password": radicale.password, "calendar_url": str(self.read.url),
            "write_calendar_url": str(self.plan.url)}))
        self.written = 0

    def write_new_plans(self) -> None:
        """The calendar_write consumer, fed every ScheduleChanged not fed yet."""
        messages = [m for m in self.container.database().state.outbox if m.name == "ScheduleChanged"]
        for message in messages[self.written:]:
            calendar_write(self.bus)(message)
        self.written = len(messages)

    def sync(self):
        [outcome] = self.bus.handle(commands.SyncCalendar(user_id=self.user.id, connection_id=self.connection.id))
        assert not outcome.error, outcome.error
        return outcome

    def blocks(self) -> dict:
        with self.container.reader() as uow:
            return {b.id: b for b in uow.blocks.list(self.user.id)}

    def events(self) -> dict:
        found = {}
        for resource in self.plan.events():
            component = resource.icalendar_component
            found[str(component["UID"])] = (resource, component)
        return found


@pytest.fixture
def world(radicale) -> World:
    return World(radicale)


def _planned(world: World, *titles: str) -> dict:
    tasks = {world.bus.handle(commands.CreateTask(actor_id=world.user.id, values={
        "title": title, "duration_minutes": 60})).id: title for title in titles}
    world.bus.handle(commands.ReplanSchedule(user_id=world.user.id))
    world.write_new_plans()
    return tasks


def test_each_new_plan_is_written_by_difference(world):
    _planned(world, "Write", "Read")
    blocks = world.blocks()
    assert set(world.events()) == {f"{BLOCK_UID}{b}" for b in blocks}
    stored = world.container.calendars().get(world.user.id, world.connection.id)
    assert set(stored.written) == {str(b) for b in blocks}
    assert world.bus.handle(commands.PublishPlan(user_id=world.user.id)) == 0  # the same plan: nothing written
    assert world.sync().notes == []


def test_a_block_moved_in_the_calendar_is_pinned_there(world):
    tasks = _planned(world, "Write", "Read")
    block = next(b for b in world.blocks().values() if tasks[b.task_id] == "Write")
    resource, component = world.events()[f"{BLOCK_UID}{block.id}"]
    later = block.start + timedelta(hours=5)
    component["DTSTART"].dt, component["DTEND"].dt = later, later + timedelta(minutes=90)  # moved and resized
    resource.save()

    outcome = world.sync()
    assert outcome.notes == ["1 block(s) moved in the calendar were pinned there"]
    moved = world.blocks()[block.id]
    assert (moved.start, moved.end, moved.pinned) == (later, later + timedelta(minutes=90), True)
    world.write_new_plans()
    assert world.sync().notes == []  # the event now says Planloom put it there: nothing more to bring back
    _, component = world.events()[f"{BLOCK_UID}{block.id}"]
    assert component["DTSTART"].dt == later and str(component["X-PLANLOOM-START"]) == later.isoformat()


def test_a_block_deleted_in_the_calendar_is_planned_again(world):
    tasks = _planned(world, "Write", "Read")
    block = next(b for b in world.blocks().values() if tasks[b.task_id] == "Read")
    resource, _ = world.events()[f"{BLOCK_UID}{block.id}"]
    resource.delete()

    outcome = world.sync()
    assert outcome.notes == ["1 block(s) deleted in the calendar were planned again"]
    blocks = world.blocks()
    assert block.id not in blocks
    again = [b for b in blocks.values() if b.task_id == block.task_id]
    assert len(again) == 1 and again[0].minutes == 60  # not lost: planned again
    world.write_new_plans()
    assert f"{BLOCK_UID}{again[0].id}" in world.events()
    assert world.sync().notes == []

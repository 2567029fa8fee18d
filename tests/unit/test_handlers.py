"""Use cases through the message bus of the memory profile (every port on its in-memory twin)."""
from __future__ import annotations

import uuid

import pytest
from dependency_injector import providers

from adapters.memory.database import MemoryDatabase
from adapters.memory.unit_of_work import MemoryUnitOfWork
from domain import commands, events
from domain.errors import AuthenticationFailed, Conflict, NotFound, PermissionDenied, StaleVersion, ValidationError
from domain.services.handlers import COMMAND_HANDLERS
from domain.services.messagebus import MessageBus
from entrypoints.config import Settings
from entrypoints.container import build_container
from ports.password_hasher import PasswordHasher


class PlainHasher(PasswordHasher):
    """A reversible stand-in that counts its calls: unit tests check the flow, the Argon2 adapter has
    its own tests."""

    def __init__(self):
        self.hashed, self.verified = [], []

    def hash(self, password):
        self.hashed.append(password)
        return "h:" + password

    def verify(self, hashed, password):
        self.verified.append(hashed)
        return hashed == "h:" + password

    def needs_rehash(self, hashed):
        return False


@pytest.fixture
def plain_hasher():
    return PlainHasher()


@pytest.fixture
def container(plain_hasher):
    container = build_container(Settings(profile="memory", secret_key="unit-tests-" * 4))
    container.hasher.override(providers.Object(plain_hasher))  # counts its calls (see the sign-in test)
    return container


@pytest.fixture
def bus(container):
    """The memory profile's own bus, as the app and the consumers use it."""
    bus = container.bus()
    bus._clock = container.clock()
    return bus


def _user(bus, role="user"):
    return bus.handle(commands.RegisterUser(email=f"{uuid.uuid4().hex[:8]}@ex.com", password="pass-word-1", role=role))


def test_register_and_authenticate(bus):
    user = _user(bus)
    assert bus.handle(commands.Authenticate(email=user.email.upper(), password="pass-word-1")).id == user.id
    with pytest.raises(AuthenticationFailed):
        bus.handle(commands.Authenticate(email=user.email, password="nope-nope"))
    with pytest.raises(AuthenticationFailed):
        bus.handle(commands.Authenticate(email="ghost@ex.com", password="pass-word-1"))
    with pytest.raises(Conflict):
        bus.handle(commands.RegisterUser(email=user.email, password="pass-word-1"))
    with pytest.raises(ValidationError):
        bus.handle(commands.RegisterUser(email="z@ex.com", password="aaaaaaaaaa"))


def test_unknown_email_does_the_same_work_as_a_known_one(bus, plain_hasher):
    """One verify per sign-in on either path; the unknown path's dummy hash is computed once, not per
    call (which would make unknown accounts take twice as long and so reveal which accounts exist)."""
    hasher = plain_hasher
    user = _user(bus)
    hasher.hashed.clear()
    for email in ("ghost@ex.com", "other-ghost@ex.com", "ghost@ex.com"):
        hasher.verified.clear()
        with pytest.raises(AuthenticationFailed):
            bus.handle(commands.Authenticate(email=email, password="pass-word-1"))
        assert len(hasher.verified) == 1 and hasher.verified[0] != user.password_hash
    assert len(hasher.hashed) == 1  # the dummy hash, computed once for all three calls
    assert hasher.verified == ["h:" + hasher.hashed[0]]
    hasher.verified.clear()
    bus.handle(commands.Authenticate(email=user.email, password="pass-word-1"))
    assert hasher.verified == [user.password_hash] and len(hasher.hashed) == 1


def test_events_reach_handlers_and_failures_are_counted_not_raised(container):
    seen = []
    handlers = {events.TaskCreated: [lambda e: seen.append(e)], events.TaskUpdated: [lambda e: 1 / 0]}
    bus = MessageBus(container.uow, COMMAND_HANDLERS, handlers,
                     {"clock": container.clock(), "hasher": container.hasher(), "preferences": container.preferences(),
                      "email": None, "webhooks": None, "webhook_secret": lambda user_id: "s",
                      "interpreter": container.interpreter(), "models": container.models(),
                      "fine_tuner": None, "cache": None, "fine_tune_policy": container.fine_tune_policy(),
                      "limits": container.limits(), "occurrences": container.occurrences(),
                      "calendars": container.calendars(), "calendar_sources": container.calendar_sources(),
                      "telemetry": container.telemetry(), "secret_cipher": container.secret_cipher(),
                      "images": container.images(), "blobs": container.blobs(), "image_codec": container.image_codec(),
                      "vision": container.vision(), "feed_tokens": container.feed_tokens(),
                      "categorisers": container.categorisers(), "review_policy": container.review_policy(),
                      "analytics": container.analytics()})
    bus.seen = seen
    user = _user(bus)
    task = bus.handle(commands.CreateTask(actor_id=user.id, values={"title": "x"}))
    assert bus.seen == [events.TaskCreated(user_id=user.id, task_id=task.id)]
    bus.handle(commands.UpdateTask(actor_id=user.id, task_id=task.id, changes={"title": "y"}))
    assert bus.failures["TaskUpdated"] == 1


def test_update_checks_version_ownership_and_cycles(bus):
    user, other = _user(bus), _user(bus)
    a = bus.handle(commands.CreateTask(actor_id=user.id, values={"title": "a"}))
    b = bus.handle(commands.CreateTask(actor_id=user.id, values={"title": "b", "depends_on": [a.id]}))
    with pytest.raises(StaleVersion):
        bus.handle(commands.UpdateTask(actor_id=user.id, task_id=a.id, changes={"title": "z"}, expected_version=9))
    with pytest.raises(NotFound):
        bus.handle(commands.UpdateTask(actor_id=other.id, task_id=a.id, changes={"title": "z"}))
    with pytest.raises(Conflict):
        bus.handle(commands.UpdateTask(actor_id=user.id, task_id=a.id, changes={"depends_on": [b.id]}))
    with pytest.raises(NotFound):
        bus.handle(commands.DeleteTask(actor_id=other.id, task_id=a.id))


def test_roles_are_checked_in_the_domain(bus):
    admin, user = _user(bus, role="admin"), _user(bus)
    with pytest.raises(PermissionDenied):
        bus.handle(commands.ChangeRole(actor_id=user.id, user_id=admin.id, role="user"))
    assert bus.handle(commands.ChangeRole(actor_id=admin.id, user_id=user.id, role="admin")).role.value == "admin"


def test_preferences_sync_the_user_timezone(bus):
    user = _user(bus)
    prefs = bus.handle(commands.SavePreferences(actor_id=user.id, values={"timezone": "Asia/Kolkata"}))
    assert prefs.timezone == "Asia/Kolkata"
    updated = bus.handle(commands.UpdateProfile(actor_id=user.id, timezone="Europe/Oslo"))
    assert updated.timezone == "Europe/Oslo"


def test_finishing_a_task_records_the_minutes_its_blocks_had_run(bus):
    from datetime import timedelta

    user = _user(bus)
    all_day = {d: [["00:00", "24:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    bus.handle(commands.SavePreferences(actor_id=user.id, values={"timezone": "UTC", "working_hours": all_day}))
    task = bus.handle(commands.CreateTask(actor_id=user.id, values={"title": "write", "duration_minutes": 60,
                                                                    "tags": ["writing"]}))
    bus.handle(commands.ReplanSchedule(user_id=user.id))
    with bus.uow as uow:
        start = uow.blocks.list(user.id)[0].start
    clock = bus._clock
    clock.set(start + timedelta(minutes=25))
    done = bus.handle(commands.UpdateTask(actor_id=user.id, task_id=task.id, changes={"status": "done"}))
    assert done.actual_minutes == 25
    reopened = bus.handle(commands.UpdateTask(actor_id=user.id, task_id=task.id, changes={"status": "todo"}))
    assert reopened.actual_minutes is None


def test_pin_pins_every_block_of_the_task_and_replans_once(bus):
    user = _user(bus)
    hour_a_day = {d: [["09:00", "10:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    bus.handle(commands.SavePreferences(actor_id=user.id, values={"timezone": "UTC", "working_hours": hour_a_day}))
    task = bus.handle(commands.CreateTask(actor_id=user.id, values={
        "title": "thesis chapter", "duration_minutes": 180, "splittable": True, "min_chunk_minutes": 60}))
    bus.handle(commands.ReplanSchedule(user_id=user.id))
    database = bus.uow.database
    before = len(database.state.outbox)
    result = bus.handle(commands.RunSlashCommand(actor_id=user.id, text="/pin thesis chapter"))
    assert result["status"] == "done"
    with bus.uow as uow:
        blocks = [b for b in uow.blocks.list(user.id) if b.task_id == task.id]
    assert len(blocks) == 3 and all(b.pinned for b in blocks)
    replans = [m for m in database.state.outbox[before:] if m.name == "ScheduleChanged"]
    assert len(replans) == 1


def test_handler_signatures_are_read_once_when_the_bus_is_built():
    def needs_a_mailer(cmd, uow, mailer):
        return cmd

    with pytest.raises(TypeError, match="mailer"):
        MessageBus(MemoryUnitOfWork(MemoryDatabase()), {commands.ReplanSchedule: needs_a_mailer}, {}, {})


def test_each_command_gets_its_own_unit_of_work_from_the_factory():
    database = MemoryDatabase()
    made = []

    def factory():
        made.append(MemoryUnitOfWork(database))
        return made[-1]

    def register(cmd, uow):
        return uow

    bus = MessageBus(factory, {commands.RegisterUser: register}, {}, {})
    first = bus.handle(commands.RegisterUser(email="a@ex.com", password="pass-word-1"))
    second = bus.handle(commands.RegisterUser(email="b@ex.com", password="pass-word-1"))
    assert first is not second and made == [first, second]

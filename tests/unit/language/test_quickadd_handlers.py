"""Quick-add and slash commands through the message bus, on the in-memory adapters."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from domain import commands
from domain.errors import ValidationError
# fixtures: the memory profile's bus, its clock set to 2026-01-05 09:00Z below
from tests.unit.test_handlers import bus, container, plain_hasher  # noqa: F401


@pytest.fixture(autouse=True)
def _monday_morning(container):  # noqa: F811
    container.clock().set(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))


def _user(bus, zone: str):  # noqa: F811
    return bus.handle(commands.RegisterUser(email=f"{zone.replace('/', '-').lower()}@ex.com",
                                            password="pass-word-1", timezone=zone))


def test_today_is_the_users_day_even_before_preferences_are_saved(bus):  # noqa: F811
    """09:00Z is 01:00 in Los Angeles: today there ends at 08:00Z tomorrow, not at midnight UTC."""
    user = _user(bus, "America/Los_Angeles")
    added = bus.handle(commands.QuickAdd(actor_id=user.id, text="call the vet at 10pm"))
    assert added["tasks"][0].earliest_start.isoformat() == "2026-01-06T06:00:00+00:00"
    today = bus.handle(commands.RunSlashCommand(actor_id=user.id, text="/today"))
    assert [b.task_id for b in today["blocks"]] == [added["tasks"][0].id]
    assert today["message"] == "Mon 22:00-22:30 call the vet"


def test_quick_add_finds_or_makes_categories_and_tags_of_the_same_user_only(bus):  # noqa: F811
    alice, bob = _user(bus, "Europe/Paris"), _user(bus, "Asia/Tokyo")
    bobs = bus.handle(commands.CreateCategory(actor_id=bob.id, name="work"))
    bus.handle(commands.CreateTag(actor_id=bob.id, name="home"))
    task = bus.handle(commands.QuickAdd(actor_id=alice.id, text="fix the sink #work @home"))["tasks"][0]
    with bus.uow as uow:
        alices = uow.categories.get_by_name(alice.id, "work")
        assert task.category_id == alices.id != bobs.id
        assert [t.name for t in uow.tags.get_by_names(alice.id, ["home"])] == ["home"]
        assert uow.categories.get(bob.id, alices.id) is None
    again = bus.handle(commands.QuickAdd(actor_id=alice.id, text="and the tap #work"))["tasks"][0]
    assert again.category_id == alices.id


def test_a_bad_draft_names_its_task_and_field_and_nothing_is_created(bus):  # noqa: F811
    user = _user(bus, "Europe/Paris")
    with pytest.raises(ValidationError) as caught:
        bus.handle(commands.QuickAdd(actor_id=user.id, text="fine\nbad #" + "a" * 70))
    assert list(caught.value.field_errors) == ["tasks[1].category"]
    with bus.uow as uow:
        assert uow.tasks.open_tasks(user.id) == [] and uow.categories.list(user.id) == []

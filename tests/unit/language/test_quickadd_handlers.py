"""Quick-add and slash commands through the message bus, on the in-memory adapters."""
from __future__ import annotations

from domain import commands
# fixtures: a bus on the memory adapters, its clock at 2026-01-05 09:00Z
from tests.unit.test_handlers import bus, plain_hasher  # noqa: F401


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

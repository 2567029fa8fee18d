"""The preferences-store contract on every adapter."""
from __future__ import annotations

import uuid

import pytest

from adapters.memory.stores import MemoryPreferencesStore
from adapters.sql.preferences import SqlPreferencesStore
from domain.model import Preferences


@pytest.fixture
def preferences_store(backend, engine):
    return MemoryPreferencesStore() if backend == "memory" else SqlPreferencesStore(engine)


def test_preferences_round_trip(preferences_store):
    user_id = uuid.uuid4()
    assert preferences_store.get(user_id) is None
    prefs = Preferences(timezone="America/New_York", working_hours={"mon": [["08:00", "12:00"], ["13:00", "24:00"]]},
                        buffer_minutes=10, daily_cap_minutes=360, date_order="DMY")
    preferences_store.put(user_id, prefs)
    assert preferences_store.get(user_id) == prefs
    prefs.buffer_minutes = 15
    preferences_store.put(user_id, prefs)
    assert preferences_store.get(user_id).buffer_minutes == 15
    preferences_store.delete(user_id)
    assert preferences_store.get(user_id) is None

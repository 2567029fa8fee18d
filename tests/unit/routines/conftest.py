"""A memory-profile container at a fixed Monday morning, and a user in Berlin, for routine use cases."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import pytest

from domain import commands
from domain.services.handlers.routines import list_occurrences
from entrypoints.config import Settings
from entrypoints.container import build_container

MONDAY = datetime(2026, 3, 2, 7, 0, tzinfo=timezone.utc)  # 8:00 in Berlin; default working hours 9-17 Mon-Fri


@pytest.fixture
def container():
    built = build_container(Settings(profile="memory", secret_key="unit-tests-" * 4))
    built.clock().set(MONDAY)
    return built


@pytest.fixture
def berliner(container):
    """A function that registers a new user in Europe/Berlin through the container's bus."""
    def register():
        return container.bus().handle(commands.RegisterUser(
            email=f"{uuid.uuid4().hex[:8]}@ex.com", password="pass-word-1", timezone="Europe/Berlin"))
    return register


def statuses(container, user, task, days: int = 21) -> list[tuple[str, str]]:
    """(occurrence, status) of the routine from the day before MONDAY for ``days``, as the API lists them."""
    return [(o["occurrence"], o["status"]) for o in list_occurrences(
        container.uow(), container.preferences(), container.occurrences(), container.clock(), user.id, task.id,
        MONDAY - timedelta(days=1), MONDAY + timedelta(days=days))]

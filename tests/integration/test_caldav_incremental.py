"""Incremental CalDAV sync against a real Radicale: RFC 6578 sync-collection with the token of the last
read; nothing changed is one small request and ``unchanged``; a change reads only the changed resources
and the busy time ends up exactly as a whole read would leave it; a token the server does not know, a new
day or a deletion whose UID cannot be told falls back to reading the window whole."""
from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from dependency_injector import providers

from adapters.caldav.source import CaldavSource
from domain import commands
from domain.model.calendar import CalendarConnection
from entrypoints.config import Settings
from entrypoints.container import build_container
from tests.calendar_server import ics

UTC = timezone.utc


def _at(hours: float) -> datetime:
    return datetime.now(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(days=1, hours=hours)


def _event(uid: str, hours: float, title: str = "") -> str:
    return ics((uid, _at(hours), _at(hours + 1), title or uid))


def _window():
    now = datetime.now(UTC)
    return now - timedelta(days=1), now + timedelta(weeks=8)


@pytest.fixture
def calendar(radicale):
    calendar = radicale.new_calendar()
    for i in range(5):
        calendar.save_event(_event(f"e{i}@x", 2 * i))
    return calendar


def _connection(radicale, calendar) -> CalendarConnection:
    return CalendarConnection(id=uuid.uuid4(), user_id=uuid.uuid4(), kind="caldav", name="Dav",
                              created_at=datetime.now(UTC), url=radicale.url, username=radicale.username,
                              secret=radicale.password, calendar_url=str(calendar.url))


def test_sync_token_reads_only_what_changed(radicale, calendar):
    source, connection = CaldavSource(allow_private=True), _connection(radicale, calendar)
    first = source.fetch(connection, *_window())
    assert not first.partial and {e.uid for e in first.events} == {f"e{i}@x" for i in range(5)}
    assert json.loads(first.cursor)["tokens"][str(calendar.url)].startswith("http")
    connection.cursor = first.cursor
    same = source.fetch(connection, *_window())
    assert same.unchanged and same.events == []
    connection.cursor = same.cursor

    calendar.save_event(_event("e1@x", 30, "moved"))
    calendar.event_by_uid("e2@x").delete()
    calendar.save_event(_event("new@x", 40))
    changed = source.fetch(connection, *_window())
    assert changed.partial and changed.replaced == {"e1@x", "e2@x", "new@x"}
    assert {(e.uid, e.title) for e in changed.events} == {("e1@x", "moved"), ("new@x", "new@x")}
    connection.cursor = changed.cursor
    assert source.fetch(connection, *_window()).unchanged


def test_an_unknown_token_or_a_new_day_reads_the_window_whole(radicale, calendar):
    source, connection = CaldavSource(allow_private=True), _connection(radicale, calendar)
    cursor = json.loads(source.fetch(connection, *_window()).cursor)
    cursor["tokens"][str(calendar.url)] = "http://radicale.org/ns/sync/" + "0" * 64  # one it never gave
    connection.cursor = json.dumps(cursor)
    again = source.fetch(connection, *_window())
    assert not again.partial and not again.unchanged and len(again.events) == 5
    assert json.loads(again.cursor)["tokens"][str(calendar.url)] != cursor["tokens"][str(calendar.url)]
    connection.cursor = again.cursor
    low, high = _window()
    assert len(source.fetch(connection, low, high + timedelta(days=1)).events) == 5  # the window moved a day


def test_a_resource_not_named_by_its_uid_is_followed_to_its_deletion(radicale, calendar):
    source, connection = CaldavSource(allow_private=True), _connection(radicale, calendar)
    href = str(calendar.url) + "odd-name.ics"
    radicale.client().put(href, _event("hidden@x", 20), {"Content-Type": "text/calendar"})
    first = source.fetch(connection, *_window())
    assert json.loads(first.cursor)["names"] == {href: "hidden@x"}
    connection.cursor = first.cursor
    radicale.client().delete(href)
    gone = source.fetch(connection, *_window())
    assert gone.partial and gone.replaced == {"hidden@x"} and gone.events == []


def test_busy_time_after_incremental_syncs_equals_a_whole_read(radicale, calendar):
    container = build_container(Settings(profile="memory", secret_key="integration-" * 4))
    source = CaldavSource(allow_private=True)
    container.calendar_sources.override(providers.Object({"caldav": source}))
    bus = container.bus()
    user = bus.handle(commands.RegisterUser(email=f"{uuid.uuid4().hex[:8]}@ex.com", password="pass-word-1"))
    values = {"kind": "caldav", "name": "Dav", "url": radicale.url, "username": radicale.username,
              "password": radicale.password, "calendar_url": str(calendar.url)}
    connection = bus.handle(commands.ConnectCalendar(actor_id=user.id, values=values))
    sync = commands.SyncCalendar(user_id=user.id, connection_id=connection.id)

    def busy():
        with container.reader() as uow:
            return sorted((b.external_id.split("\x1f")[0], b.start, b.title) for b in uow.busy.list(user.id))

    assert len(busy()) == 5
    calendar.save_event(_event("e3@x", 50, "later"))
    calendar.event_by_uid("e0@x").delete()
    [outcome] = bus.handle(sync)
    assert (outcome.added, outcome.updated, outcome.removed, outcome.events) == (0, 1, 1, 1)
    incremental = busy()
    assert [uid for uid, *_ in incremental] == ["e1@x", "e2@x", "e3@x", "e4@x"]
    stored = container.calendars().get(user.id, connection.id)
    stored.cursor = ""  # forget the token: the next sync reads the window whole
    container.calendars().put(stored)
    [whole] = bus.handle(sync)
    assert whole.events == 4 and not whole.changed and busy() == incremental

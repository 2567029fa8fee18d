"""The notification hub: one database read per user per tick whatever the number of their streams,
fan-out to each stream from its own position, and caps per account and per process."""
from __future__ import annotations

import queue
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import pytest

from entrypoints.http import sse
from entrypoints.http.streams import NotificationHub, TooManyStreams

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


@dataclass
class Note:
    user_id: uuid.UUID
    created_at: datetime
    title: str


class Inbox:
    """A stand-in for the notifications table that counts the reads made of it."""

    def __init__(self) -> None:
        self.notes: list[Note] = []
        self.reads: list[uuid.UUID] = []
        self.lock = threading.Lock()

    def add(self, user_id, minutes: int, title: str) -> None:
        with self.lock:
            self.notes.append(Note(user_id, T0 + timedelta(minutes=minutes), title))

    def since(self, user_id, after):
        with self.lock:
            self.reads.append(user_id)
            return sorted((n for n in self.notes if n.user_id == user_id and n.created_at > after),
                          key=lambda n: n.created_at)


def received(inbox: queue.Queue, count: int) -> list[str]:
    titles: list[str] = []
    while len(titles) < count:
        titles += [n.title for n in inbox.get(timeout=30)]
    return titles


def test_streams_of_one_user_share_one_read_and_each_resumes_from_its_own_position():
    notes, alice, bob = Inbox(), uuid.uuid4(), uuid.uuid4()
    notes.add(alice, 1, "old")
    notes.add(alice, 3, "newer")
    hub = NotificationHub(notes.since, per_user=5, poll_seconds=0.05)
    from_start, from_two, bobs = queue.Queue(), queue.Queue(), queue.Queue()
    subs = [hub.subscribe(alice, T0, from_start.put), hub.subscribe(alice, T0 + timedelta(minutes=2), from_two.put),
            hub.subscribe(bob, T0, bobs.put)]
    assert received(from_start, 2) == ["old", "newer"]
    assert received(from_two, 1) == ["newer"]
    notes.add(alice, 5, "fresh")
    notes.add(bob, 5, "for bob")
    assert received(from_start, 1) == ["fresh"] and received(from_two, 1) == ["fresh"]
    assert received(bobs, 1) == ["for bob"]
    ticks = hub.ticks
    assert notes.reads.count(alice) <= ticks + 1 and notes.reads.count(bob) <= ticks + 1  # one read per user per tick
    for sub in subs:
        hub.unsubscribe(sub)
    assert hub.open_streams() == 0


def test_caps_per_account_and_per_process_and_closing_frees_a_slot():
    hub = NotificationHub(Inbox().since, per_user=2, total=3, poll_seconds=0.05)
    alice, bob, carol = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    first = hub.subscribe(alice, T0, lambda _: None)
    hub.subscribe(alice, T0, lambda _: None)
    with pytest.raises(TooManyStreams) as per_user:
        hub.subscribe(alice, T0, lambda _: None)
    assert per_user.value.per_user and "at most 2" in per_user.value.detail
    hub.subscribe(bob, T0, lambda _: None)
    with pytest.raises(TooManyStreams) as total:
        hub.subscribe(carol, T0, lambda _: None)
    assert not total.value.per_user
    hub.unsubscribe(first)
    hub.unsubscribe(first)  # twice changes nothing
    assert hub.open_streams(alice) == 1 and hub.open_streams() == 2
    hub.subscribe(carol, T0, lambda _: None)


def test_a_database_error_keeps_the_streams_open():
    calls = []

    def failing(user_id, after):
        calls.append(user_id)
        raise OSError("database away")

    hub = NotificationHub(failing, poll_seconds=0.01)
    sub = hub.subscribe(uuid.uuid4(), T0, lambda _: None)
    threading.Event().wait(0.2)
    assert calls and hub.open_streams() == 1 and not sub.closed
    hub.unsubscribe(sub)


def test_the_blocking_stream_sends_events_then_releases_its_slot():
    notes, alice = Inbox(), uuid.uuid4()
    notes.add(alice, 1, "hello")
    hub = NotificationHub(notes.since, per_user=1, poll_seconds=0.05)
    events = sse.blocking_events(hub, alice, T0, 0.3, lambda n: n.title)
    with pytest.raises(TooManyStreams):  # the slot is claimed before the first byte
        sse.blocking_events(hub, alice, T0, 0.3, lambda n: n.title)
    text = "".join(events)
    assert text.startswith(sse.PREAMBLE) and "event: notification\ndata: hello\n\n" in text
    assert f"id: {(T0 + timedelta(minutes=1)).isoformat()}" in text
    assert hub.open_streams(alice) == 0


class Announcements:
    """A stand-in for PostgreSQL's LISTEN: ``wait`` hands back the users announced meanwhile."""

    def __init__(self) -> None:
        self.pending: queue.Queue = queue.Queue()
        self.closed = 0

    def announce(self, user_id) -> None:
        self.pending.put(user_id)

    def wait(self, timeout: float) -> set:
        try:
            return {self.pending.get(timeout=timeout)}
        except queue.Empty:
            return set()

    def close(self) -> None:
        self.closed += 1


def test_with_a_listener_only_announced_users_are_read_after_the_first_round():
    notes, alice, bob, announcements = Inbox(), uuid.uuid4(), uuid.uuid4(), Announcements()
    hub = NotificationHub(notes.since, poll_seconds=0.05, listener=announcements, sweep_seconds=3600)
    alices, bobs = queue.Queue(), queue.Queue()
    subs = [hub.subscribe(alice, T0, alices.put), hub.subscribe(bob, T0, bobs.put)]
    notes.add(alice, 1, "announced")
    announcements.announce(alice)
    assert received(alices, 1) == ["announced"]
    notes.add(bob, 1, "never announced")
    announcements.announce(alice)
    threading.Event().wait(0.3)
    assert bobs.empty() and notes.reads.count(bob) == 1  # only the first round read Bob's backlog
    for sub in subs:
        hub.unsubscribe(sub)
    for _ in range(100):
        if announcements.closed:
            break
        threading.Event().wait(0.05)
    assert announcements.closed == 1  # the last stream gone, the LISTEN connection is let go

"""Calendar connections: connect, change, disconnect, and sync their events into busy time.

A sync reads the calendar outside any transaction, then in one unit of work makes the connection's busy
time exactly what the calendar says within the window (now - 1 day to the planning horizon): occurrences
are matched by UID and recurrence id, so a second sync of an unchanged calendar changes nothing, a moved
event is updated in place and a deleted or cancelled one goes away. When anything changed, a
``CalendarSynced`` event re-plans the user (the ``replan`` consumer).
"""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Callable
from urllib.parse import urlsplit
from uuid import UUID
from zoneinfo import ZoneInfo

from domain import commands, events
from domain.errors import Conflict, NotFound, ValidationError
from domain.model.calendar import (MAX_CONNECTIONS, CalendarConnection, SyncOutcome, sync_due, to_busy_times,
                                   uid_of_key)
from domain.services.handlers.calendar_write import reconcile, remember_cleared
from domain.services.handlers.notifications import notify
from domain.services.planning import HORIZON
from ports.calendars import CalendarSource, CalendarStore, CalendarUnavailable
from ports.clock import Clock
from ports.occurrences import OccurrenceLog
from ports.preferences import PreferencesStore
from ports.unit_of_work import UnitOfWork

LOOK_BACK = timedelta(days=1)
WRITE_FAILED = "writing the plan: "  # how a failed write-back starts ``last_error``
MAX_ICS_TEXT = 500_000  # characters of an uploaded calendar (the request-body limit applies too)


def _source(sources: dict[str, CalendarSource], kind: str) -> CalendarSource:
    source = sources.get(kind)
    if source is None:
        raise ValidationError.for_field("kind", f"{kind} calendars are not available on this server")
    return source


def _required(values: dict, name: str, max_len: int) -> str:
    value = values.get(name)
    if not isinstance(value, str) or not value.strip():
        raise ValidationError.for_field(name, "is required for this kind of calendar")
    if len(value) > max_len:
        raise ValidationError.for_field(name, f"must have at most {max_len} characters")
    return value.strip()


def _web_url(values: dict, name: str = "url") -> str:
    url = _required(values, name, 2000)
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValidationError.for_field(name, "must be an http(s) address")
    if parts.username is not None or parts.password is not None:
        raise ValidationError.for_field(name, "must not carry credentials: give them separately")
    return url


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc}/"


def new_connection(user_id: UUID, values: dict, now: datetime) -> CalendarConnection:
    """The connection ``values`` describe, validated for its kind (nothing contacted yet)."""
    kind = values.get("kind")
    common = dict(id=uuid.uuid4(), user_id=user_id, kind=kind if isinstance(kind, str) else "", created_at=now,
                  name=values.get("name") or "", blocks_time=bool(values.get("blocks_time", True)))
    if kind == "ics_url":
        url = _web_url(values)
        return CalendarConnection(**common, url=_origin(url), secret=url)
    if kind == "ics_file":
        return CalendarConnection(**common, secret=_required(values, "content", MAX_ICS_TEXT))
    if kind == "caldav":
        calendar_url = values.get("calendar_url") or ""
        if calendar_url:
            calendar_url = _web_url(values, "calendar_url")
        write_url = _web_url(values, "write_calendar_url") if values.get("write_calendar_url") else ""
        return CalendarConnection(**common, url=_web_url(values), username=_required(values, "username", 200),
                                  secret=_required(values, "password", 1000), calendar_url=calendar_url,
                                  write_calendar_url=write_url)
    return CalendarConnection(**common)  # an unknown kind: the entity names the field


def _zone(uow: "UnitOfWork", preferences: "PreferencesStore", user_id: UUID) -> ZoneInfo:
    prefs = preferences.get(user_id)
    if prefs is not None:
        return ZoneInfo(prefs.timezone)
    with uow:
        user = uow.users.get(user_id)
    return ZoneInfo(user.timezone if user is not None else "UTC")


def _save(calendars: "CalendarStore", connection: CalendarConnection,
          change: Callable[[CalendarConnection], None], new: bool = False) -> None:
    """Make ``change`` to ``connection`` and to the stored connection, atomically (``CalendarStore.update``):
    a sync and the plan's write-back saving one connection at once keep each other's changes (the write-back's
    record of written blocks, the sync's status). ``connection`` becomes what is stored. A ``new`` connection
    (its first sync) is stored whole; one disconnected meanwhile is not stored again."""
    change(connection)
    if new:
        calendars.put(connection)
        return
    stored = calendars.update(connection.user_id, connection.id, change)
    if stored is not None:
        vars(connection).update(vars(stored))


def _failed(connection: CalendarConnection, error: str, permanent: bool, uow: "UnitOfWork", clock: "Clock",
            calendars: "CalendarStore", preferences: "PreferencesStore", new: bool = False) -> None:
    """Record the failure on the connection and, once it is worth telling (``failure_worth_telling``), tell
    the owner in their inbox: once per run of failures (the run's start is the notification's dedupe key)."""
    now = clock.now()
    _save(calendars, connection, lambda c: c.failed(now, error), new)
    if connection.failure_worth_telling(permanent):
        advice = ("Check its address and credentials in Settings, Calendars." if permanent else
                  "Planloom keeps trying at every sync; its busy time stays as last read.")
        notify(commands.Notify(
            user_id=connection.user_id, kind="calendar_failing", title=f"Calendar \u201c{connection.name}\u201d "
            "cannot be synced", body=f"The last sync failed: {connection.last_error}. {advice}",
            dedupe_key=f"calendar:{connection.id}:{connection.failing_since.isoformat()}",
            data={"connection_id": str(connection.id), "error": connection.last_error, "permanent": permanent}),
            uow, clock, preferences)


def _reconciled(done) -> list[str]:
    return ([f"{done.moved} block(s) moved in the calendar were pinned there"] if done.moved else []) + (
        [f"{done.deleted} block(s) deleted in the calendar were planned again"] if done.deleted else [])


def sync(connection: CalendarConnection, uow: "UnitOfWork", clock: "Clock", calendars: "CalendarStore",
         calendar_sources: dict, preferences: "PreferencesStore", first: bool = False,
         occurrences: "OccurrenceLog | None" = None) -> SyncOutcome:
    """Bring the connection's busy time up to date; a failure to read is recorded on the connection. The
    ``first`` sync of a new connection raises a permanent failure instead: such a connection is not kept.
    With ``occurrences``, changes made outside Planloom to its blocks in the receiving calendar come back too
    (``calendar_write.reconcile``)."""
    now = clock.now()
    window = (now - LOOK_BACK, now + HORIZON)
    outcome = SyncOutcome(connection_id=connection.id)
    try:
        fetched = _source(calendar_sources, connection.kind).fetch(connection, *window)
    except CalendarUnavailable as exc:
        if first and exc.permanent:
            raise
        outcome.error = str(exc) or type(exc).__name__
        _failed(connection, outcome.error, exc.permanent, uow, clock, calendars, preferences, first)
        return outcome
    if occurrences is not None and connection.write_calendar_url:
        try:
            outcome.notes += _reconciled(reconcile(connection, _source(calendar_sources, connection.kind), window,
                                                   uow, clock, preferences, occurrences))
        except CalendarUnavailable as exc:
            outcome.error = f"reading the plan's events: {exc}"
            _failed(connection, outcome.error, exc.permanent, uow, clock, calendars, preferences, first)
            return outcome
    if fetched.unchanged:  # the same calendar as last time, in the same window
        _save(calendars, connection, lambda c: c.synced(now, fetched.cursor), first)
        return outcome
    outcome.events = len(fetched.events)
    wanted = to_busy_times(fetched.events, connection, _zone(uow, preferences, connection.user_id), window,
                           uuid.uuid4) if connection.blocks_time else {}
    seen = {e.key for e in fetched.events}
    with uow:
        held = {b.external_id: b for b in uow.busy.for_connection(connection.user_id, connection.id)}
        # partial: only what it names is in question (its events, and every occurrence of a UID it replaced)
        gone = [old for key, old in held.items() if key not in wanted and (
            not fetched.partial or key in seen or uid_of_key(key) in fetched.replaced)]
        outcome.removed = len(gone)
        fresh = []
        for key, new in wanted.items():
            old = held.get(key)
            if old is not None and (old.start, old.end, old.title) == (new.start, new.end, new.title):
                continue
            if old is not None:
                gone.append(old)
                new.id = old.id
                outcome.updated += 1
            else:
                outcome.added += 1
            fresh.append(new)
        uow.busy.delete_many(gone)  # in bulk: a first import brings thousands of events
        uow.busy.add_many(fresh)
        _follow_blocks(uow, connection.user_id, fetched.block_changes, outcome)
        if outcome.changed:
            uow.record(events.CalendarSynced(user_id=connection.user_id, connection_id=connection.id,
                                             added=outcome.added, updated=outcome.updated, removed=outcome.removed))
        uow.commit()
    _save(calendars, connection, lambda c: c.synced(now, fetched.cursor, fetched.color), first)
    return outcome


def _follow_blocks(uow: "UnitOfWork", user_id: UUID, changes, outcome: SyncOutcome) -> None:
    """Planloom's blocks as the calendar holds them: one moved or resized there is pinned at its new time;
    one deleted there is unscheduled (the re-plan that follows places its task again, elsewhere than the
    slot it was cleared from: ``remember_cleared``). Blocks that no longer exist (an older plan's) are left
    alone."""
    for change in changes:
        block = uow.blocks.get(user_id, change.block_id)
        if block is None:
            continue
        if change.deleted:
            uow.blocks.replace(user_id, [b for b in uow.blocks.list(user_id) if b.id != block.id])
            remember_cleared(uow, block)
            outcome.blocks_unscheduled += 1
        elif (block.start, block.end) != (change.start, change.end) and change.end > change.start:
            block.start, block.end, block.pinned = change.start, change.end, True
            uow.blocks.save(block)
            outcome.blocks_pinned += 1


def _owned(calendars: "CalendarStore", user_id: UUID, connection_id: UUID) -> CalendarConnection:
    connection = calendars.get(user_id, connection_id)
    if connection is None:
        raise NotFound("no such calendar connection")
    return connection


def connect_calendar(cmd: commands.ConnectCalendar, uow: "UnitOfWork", clock: "Clock", calendars: "CalendarStore",
                     calendar_sources: dict, preferences: "PreferencesStore") -> CalendarConnection:
    if len(calendars.list(cmd.actor_id)) >= MAX_CONNECTIONS:
        raise Conflict(f"at most {MAX_CONNECTIONS} calendars per account; disconnect one first")
    connection = new_connection(cmd.actor_id, cmd.values, clock.now())
    _source(calendar_sources, connection.kind)
    try:  # the first read is the check: a calendar is read once, not once to check and once to import
        sync(connection, uow, clock, calendars, calendar_sources, preferences, first=True)
    except CalendarUnavailable as exc:
        field = "content" if connection.kind == "ics_file" else "url"
        raise ValidationError.for_field(field, str(exc)) from None
    return connection


def update_calendar(cmd: commands.UpdateCalendar, uow: "UnitOfWork", clock: "Clock", calendars: "CalendarStore",
                    calendar_sources: dict, preferences: "PreferencesStore") -> CalendarConnection:
    connection = _owned(calendars, cmd.actor_id, cmd.connection_id)
    changes = dict(cmd.changes)
    if "name" in changes:
        connection.name = changes["name"]
    if "blocks_time" in changes:
        connection.blocks_time = bool(changes["blocks_time"])
    for name in ("calendar_url", "write_calendar_url"):
        if changes.get(name) is not None:
            if connection.kind not in ("caldav", "google"):
                raise ValidationError.for_field(name, "only CalDAV and Google accounts have calendars to choose")
            setattr(connection, name, _web_url(changes, name) if changes[name] else "")
    chosen = {name: getattr(connection, name)
              for name in ("name", "blocks_time", "calendar_url", "write_calendar_url")}
    if "write_calendar_url" in changes:
        chosen["written"] = []  # another calendar receives the plan: nothing was written there yet
    chosen["cursor"] = ""  # read it whole again: what it brings depends on these choices
    connection.__post_init__()  # the same checks as a new one
    _save(calendars, connection, lambda c: vars(c).update(chosen))
    sync(connection, uow, clock, calendars, calendar_sources, preferences)
    return connection


def sync_calendar(cmd: commands.SyncCalendar, uow: "UnitOfWork", clock: "Clock", calendars: "CalendarStore",
                  calendar_sources: dict, preferences: "PreferencesStore",
                  occurrences: "OccurrenceLog") -> list[SyncOutcome]:
    """One connection's outcome, or (no ``connection_id``) every connection's of the user. The periodic sync's
    request (``only_if_due``) for a connection gone or synced since its slot reads nothing: no outcome."""
    if cmd.connection_id is None:
        connections = calendars.list(cmd.user_id)
    elif cmd.only_if_due:
        connection = calendars.get(cmd.user_id, cmd.connection_id)
        if connection is None:
            return []
        if not sync_due(connection.id, connection.last_synced_at, clock.now()):
            if connection.sync_requested_at is not None:  # nothing left to ask for until its next slot
                calendars.update(cmd.user_id, connection.id, lambda c: setattr(c, "sync_requested_at", None))
            return []
        connections = [connection]
    else:
        connections = [_owned(calendars, cmd.user_id, cmd.connection_id)]
    outcomes = []
    for connection in connections:
        write_failed = connection.status == "error" and connection.last_error.startswith(WRITE_FAILED)
        outcome = sync(connection, uow, clock, calendars, calendar_sources, preferences, occurrences=occurrences)
        if write_failed and not outcome.error and connection.write_calendar_url:  # the write is retried here
            now = clock.now()
            _write_plan(connection, _source(calendar_sources, connection.kind), (now - LOOK_BACK, now + HORIZON),
                        uow, clock, calendars, preferences)
            outcome.error = connection.last_error if connection.status == "error" else ""
        outcomes.append(outcome)
    return outcomes


def request_calendar_syncs(cmd: commands.RequestCalendarSyncs, uow: "UnitOfWork", calendars: "CalendarStore") -> int:
    """The periodic sync's requests: the connections are marked requested first, then their
    ``CalendarSyncDue`` events are committed to the outbox (one transaction). A failed commit leaves them
    marked without a message: the periodic sync asks again once the mark is a sync period old, as for a
    message lost on the way. How many were requested."""
    if not cmd.connections:
        return 0
    calendars.request_sync(list(cmd.connections), cmd.now)
    with uow:
        for user_id, connection_id in cmd.connections:
            uow.record(events.CalendarSyncDue(user_id=user_id, connection_id=connection_id))
        uow.commit()
    return len(cmd.connections)


def disconnect_calendar(cmd: commands.DisconnectCalendar, uow: "UnitOfWork", calendars: "CalendarStore",
                        calendar_sources: dict) -> None:
    connection = _owned(calendars, cmd.actor_id, cmd.connection_id)
    source = calendar_sources.get(connection.kind)
    if source is not None:
        source.forget(connection)  # an OAuth grant is revoked (best effort)
    with uow:
        removed = uow.busy.delete_connection(cmd.actor_id, connection.id)
        if removed:
            uow.record(events.CalendarSynced(user_id=cmd.actor_id, connection_id=connection.id, added=0, updated=0,
                                             removed=removed))
        uow.commit()
    calendars.delete(cmd.actor_id, connection.id)


def list_remote_calendars(cmd: commands.ListRemoteCalendars, calendars: "CalendarStore",
                          calendar_sources: dict) -> list:
    """The calendars of the connection's account, to choose which to read and which receives the plan; the
    colour of the one read is remembered."""
    connection = _owned(calendars, cmd.actor_id, cmd.connection_id)
    try:
        listed = _source(calendar_sources, connection.kind).calendars(connection)
    except CalendarUnavailable as exc:
        raise Conflict(f"the calendar server could not be read: {exc}") from None
    if connection.take_color({c.url: c.color for c in listed}):  # the read calendar's colour, for the week view
        calendars.put(connection)
    return listed


def _write_plan(connection: CalendarConnection, source: CalendarSource, window: tuple[datetime, datetime],
                uow: "UnitOfWork", clock: "Clock", calendars: "CalendarStore", preferences: "PreferencesStore") -> int:
    """Write the plan's blocks in ``window`` to the connection's receiving calendar (only the difference) and
    remember which were written; a failure is recorded (and told) on the connection. How many events changed."""
    with uow:
        blocks = uow.blocks.list(connection.user_id, *window)
        titles = {task.id: task.title for task in uow.tasks.open_tasks(connection.user_id)}
    try:
        changed = source.write_blocks(connection, blocks, titles, *window)
    except CalendarUnavailable as exc:
        _failed(connection, f"{WRITE_FAILED}{exc}", exc.permanent, uow, clock, calendars, preferences)
        return 0
    written = [str(b.id) for b in blocks]
    _save(calendars, connection, lambda c: setattr(c, "written", written))
    return changed


def publish_plan(cmd: commands.PublishPlan, uow: "UnitOfWork", clock: "Clock", calendars: "CalendarStore",
                 calendar_sources: dict, preferences: "PreferencesStore", occurrences: "OccurrenceLog") -> int:
    """Write the user's plan to each calendar chosen to receive it (only the difference); a calendar that
    fails records its error and is written again at its next sync or the next plan. First, what was done
    outside Planloom to its events there comes back (``calendar_write.reconcile``): then the plan is made
    again and the new plan, not this one, is written. How many events changed."""
    now = clock.now()
    window = (now - LOOK_BACK, now + HORIZON)
    changed = 0
    for connection in [c for c in calendars.list(cmd.user_id) if c.write_calendar_url]:
        source = _source(calendar_sources, connection.kind)
        try:
            if reconcile(connection, source, window, uow, clock, preferences, occurrences).changed:
                continue  # re-planned: the new plan's ScheduleChanged writes it
        except CalendarUnavailable as exc:
            _failed(connection, f"{WRITE_FAILED}{exc}", exc.permanent, uow, clock, calendars, preferences)
            continue
        changed += _write_plan(connection, source, window, uow, clock, calendars, preferences)
    return changed

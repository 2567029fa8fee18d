"""Calendars: where a user's connections are kept, and how events are read from (and blocks written to)
a calendar of each kind."""
from __future__ import annotations

import abc
from dataclasses import dataclass
from datetime import datetime
from typing import Callable
from uuid import UUID

from domain.model import TimeBlock
from domain.model.calendar import CalendarConnection, ExternalEvent


class CalendarUnavailable(Exception):
    """The calendar could not be read or written. ``permanent``: the same request will fail the same way
    (a refused address, bad credentials, not a calendar), so retrying it is useless."""

    def __init__(self, message: str, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


@dataclass(frozen=True)
class RemoteCalendar:
    url: str
    name: str
    color: str = ""


@dataclass(frozen=True)
class BlockChange:
    """One of Planloom's blocks as the remote calendar now holds it: moved or resized there (``start``,
    ``end``), or deleted there (both None)."""

    block_id: UUID
    start: datetime | None = None
    end: datetime | None = None

    @property
    def deleted(self) -> bool:
        return self.start is None or self.end is None


@dataclass(frozen=True)
class FetchResult:
    events: list[ExternalEvent]
    cursor: str = ""         # what the next fetch may start from, when the remote has incremental sync
    unchanged: bool = False  # the remote said nothing changed since ``connection.cursor`` (``events`` is empty)
    partial: bool = False    # ``events`` are only what changed since ``connection.cursor``: occurrences not
    #                          among them are as they were (a cancelled one is gone)
    block_changes: tuple[BlockChange, ...] = ()  # Planloom's blocks as the remote holds them (kinds that can tell)
    # CalDAV's partial answers name whole resources: every held occurrence of a UID in ``replaced`` (added,
    # changed or deleted since ``connection.cursor``) is in question, not only those ``events`` name.
    replaced: frozenset[str] = frozenset()
    color: str = ""  # the read calendar's own colour, when the read tells it (#rrggbb or #rrggbbaa)


@dataclass(frozen=True)
class WrittenBlock:
    """A Planloom block as the receiving calendar holds it now: where it is (``start``/``end``) and where
    Planloom last put it (``written_start``/``written_end``, carried in the event). The two differ when
    someone moved or resized the event outside Planloom."""

    block_id: UUID
    start: datetime
    end: datetime
    written_start: datetime
    written_end: datetime

    @property
    def moved_outside(self) -> bool:
        return (self.start, self.end) != (self.written_start, self.written_end)


class CalendarSource(abc.ABC):
    """One kind of calendar (``kinds``): ICS, CalDAV, Google..."""

    kinds: tuple[str, ...] = ()

    @abc.abstractmethod
    def fetch(self, connection: CalendarConnection, start: datetime, end: datetime) -> FetchResult:
        """Every occurrence overlapping [start, end), recurring events expanded, at most ``MAX_EVENTS``
        of them (more is a permanent CalendarUnavailable); or, when ``connection.cursor`` lets the remote
        say so, ``unchanged``; or CalendarUnavailable."""

    def check(self, connection: CalendarConnection) -> None:
        """Refuse a connection that cannot work before it is stored (bad address, bad calendar text):
        a permanent CalendarUnavailable. The default accepts it."""

    def calendars(self, connection: CalendarConnection) -> list[RemoteCalendar]:
        """The calendars the account holds (kinds with one calendar per connection: none)."""
        return []

    def read_blocks(self, connection: CalendarConnection, start: datetime,
                    end: datetime) -> dict[UUID, WrittenBlock] | None:
        """Planloom's events in the connection's ``write_calendar_url`` within [start, end), by block id; None
        for kinds that do not read them this way (read-only ones, and those that report ``block_changes``
        in ``fetch`` instead)."""
        return None

    def write_blocks(self, connection: CalendarConnection, blocks: list[TimeBlock], titles: dict[UUID, str],
                     start: datetime, end: datetime) -> int:
        """Make ``blocks`` (within [start, end)) Planloom's events in the connection's ``write_calendar_url``,
        marked as Planloom's so they are never duplicated nor read back as busy time: create or update what
        differs, delete Planloom's events that are no longer blocks (``titles``: task id -> event title).
        How many events it created, changed or deleted. Read-only kinds refuse."""
        raise CalendarUnavailable(f"a {connection.kind} calendar is read-only", permanent=True)

    def forget(self, connection: CalendarConnection) -> None:
        """The connection is being deleted: give up what it holds remotely (an OAuth grant is revoked).
        Best effort: a remote that cannot be reached must not keep the user from disconnecting."""


class OAuthConnector(abc.ABC):
    """A calendar kind connected by OAuth 2.0 (authorization code with PKCE): the consent address, and the
    code exchanged for a token set (kept as the connection's ``secret``)."""

    @abc.abstractmethod
    def authorization_url(self, state: str, code_verifier: str, redirect_uri: str) -> str:
        """Where the user consents; the provider comes back to the callback with ``state`` and a code."""

    @abc.abstractmethod
    def default_calendar(self) -> str:
        """The ``calendar_url`` a new connection reads: the account's main calendar."""

    @abc.abstractmethod
    def exchange(self, code: str, code_verifier: str, redirect_uri: str) -> str:
        """The token set for ``code`` as an opaque secret; CalendarUnavailable (``permanent``: the code or
        verifier was refused) otherwise."""


class CalendarStore(abc.ABC):
    """Each user's calendar connections. ``secret`` goes in and comes out in clear: durable adapters
    encrypt it at rest."""

    @abc.abstractmethod
    def get(self, user_id: UUID, connection_id: UUID) -> CalendarConnection | None: ...

    @abc.abstractmethod
    def list(self, user_id: UUID) -> list[CalendarConnection]:
        """Oldest first."""

    @abc.abstractmethod
    def put(self, connection: CalendarConnection) -> None:
        """Insert or replace."""

    @abc.abstractmethod
    def update(self, user_id: UUID, connection_id: UUID,
               change: Callable[[CalendarConnection], None]) -> CalendarConnection | None:
        """Apply ``change`` to the stored connection and store it, atomically: two updates at once both
        take effect (each ``change`` sees the other's result), unlike two ``put`` of copies read earlier.
        ``change`` may run more than once (keep it free of side effects). The connection as stored, or None
        (nothing stored) when there is no such connection, e.g. it was disconnected meanwhile."""

    @abc.abstractmethod
    def delete(self, user_id: UUID, connection_id: UUID) -> bool: ...

    @abc.abstractmethod
    def stale(self, before: datetime, limit: int, *,
              pending_since: datetime | None = None) -> list[tuple[UUID, UUID, datetime | None]]:
        """(user id, connection id, last synced) of connections last synced before ``before`` (or never:
        None), never synced first, then least recently synced: the periodic sync's work list. With
        ``pending_since``, connections whose sync was requested at or after it (``sync_requested_at``, cleared
        by a sync) are left out: a request still pending is not made again, an older one (lost) is."""

    @abc.abstractmethod
    def request_sync(self, connections: list[tuple[UUID, UUID]], at: datetime) -> None:
        """Mark each (user id, connection id) of ``connections`` requested at ``at`` (``sync_requested_at``),
        touching nothing else of it; connections no longer stored are skipped."""


class SecretCipher(abc.ABC):
    """Encrypts secrets at rest (authenticated encryption)."""

    @abc.abstractmethod
    def encrypt(self, plain: str) -> str: ...

    @abc.abstractmethod
    def decrypt(self, token: str) -> str:
        """The plain text, or ValueError when the token was not made with this key or was altered."""


class FeedTokenStore(abc.ABC):
    """Each user's secret plan-feed token, kept only as a digest (SHA-256 of the token): whoever reads the
    store cannot subscribe to anyone's plan. One live token per user; issuing another replaces it."""

    @abc.abstractmethod
    def issue(self, user_id: UUID, digest: str, now: datetime) -> None:
        """The user's token is now the one with ``digest`` (the previous one stops working)."""

    @abc.abstractmethod
    def revoke(self, user_id: UUID) -> bool:
        """No token works for the user any more; whether one did."""

    @abc.abstractmethod
    def owner(self, digest: str) -> UUID | None:
        """The user whose live token has ``digest``."""

    @abc.abstractmethod
    def issued_at(self, user_id: UUID) -> datetime | None:
        """When the user's live token was issued; None when there is none."""

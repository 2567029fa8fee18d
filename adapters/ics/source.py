"""CalendarSource for ICS: ``ics_url`` fetches the feed (its address is the connection's secret) at
every sync, ``ics_file`` reads the text uploaded with the connection. Read-only."""
from __future__ import annotations

import socket
from datetime import datetime
from typing import Callable

from adapters import ical
from adapters.netguard import FetchRefused, fetch_public
from domain.model.calendar import CalendarConnection
from ports.calendars import CalendarSource, CalendarUnavailable, FetchResult

MAX_FEED_BYTES = 5_000_000
FETCH_TIMEOUT = 10.0
USER_AGENT = "Planloom-Calendar/1.0"


class IcsSource(CalendarSource):
    kinds = ("ics_url", "ics_file")

    def __init__(self, allow_private: bool = False, timeout: float = FETCH_TIMEOUT,
                 max_bytes: int = MAX_FEED_BYTES, resolver: Callable[..., list] = socket.getaddrinfo) -> None:
        self.allow_private, self.timeout, self.max_bytes, self.resolver = allow_private, timeout, max_bytes, resolver
        self.requests = 0  # feeds fetched, for the figures

    def _get(self, connection: CalendarConnection, validators: dict[str, str] | None = None):
        self.requests += 1
        headers = {"User-Agent": USER_AGENT, "Accept": "text/calendar, */*;q=0.5", **(validators or {})}
        try:
            answer = fetch_public(connection.secret, allow_private=self.allow_private, timeout=self.timeout,
                                  max_bytes=self.max_bytes, resolver=self.resolver, headers=headers)
        except FetchRefused as exc:
            raise CalendarUnavailable(str(exc), permanent=exc.permanent) from None
        if answer.status not in (200, 304) or (answer.status == 304 and not validators):
            permanent = answer.status in (401, 403, 404, 410)
            raise CalendarUnavailable(f"the feed answered HTTP {answer.status}", permanent=permanent)
        return answer

    def _calendar(self, connection: CalendarConnection, text: bytes | str | None = None):
        if text is None:
            text = connection.secret if connection.kind == "ics_file" else self._get(connection).body
        try:
            return ical.parse(text)
        except ical.NotACalendar as exc:
            raise CalendarUnavailable(str(exc), permanent=True) from None

    def check(self, connection: CalendarConnection) -> None:
        if connection.kind == "ics_file":
            self._calendar(connection)
        else:  # an address that can never be fetched is refused now; a feed that is down is not
            try:
                self._calendar(connection)
            except CalendarUnavailable as exc:
                if exc.permanent:
                    raise

    def fetch(self, connection: CalendarConnection, start: datetime, end: datetime) -> FetchResult:
        """A feed is asked with the validators of its last answer (ETag, Last-Modified) while the window
        ends on the same day: a 304 is ``unchanged``. A new day reads it whole, so recurring events are
        expanded into the days the window has reached."""
        cursor = ""
        if connection.kind == "ics_file":
            calendar = self._calendar(connection)
        else:
            day = f"{end:%Y-%m-%d}"
            etag, modified, cursor_day = (connection.cursor.split("\n") + ["", "", ""])[:3]
            validators = {name: value for name, value in (("If-None-Match", etag), ("If-Modified-Since", modified))
                          if value} if cursor_day == day else {}
            answer = self._get(connection, validators)
            if answer.status == 304:
                return FetchResult(events=[], cursor=connection.cursor, unchanged=True)
            calendar = self._calendar(connection, answer.body)
            if answer.headers.get("etag") or answer.headers.get("last-modified"):
                cursor = "\n".join((answer.headers.get("etag", ""), answer.headers.get("last-modified", ""), day))
        try:
            return FetchResult(events=ical.events_between(calendar, start, end), cursor=cursor[:1000],
                               color=ical.color_of(calendar))
        except ical.NotACalendar as exc:
            raise CalendarUnavailable(str(exc), permanent=True) from None

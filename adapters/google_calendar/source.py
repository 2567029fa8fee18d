"""CalendarSource for Google Calendar: Calendar v3 through google-api-python-client with its bundled
discovery document (no discovery request), pointed at the configured API root.

Reading: a full read lists the calendar's events in the window (``singleEvents``: recurring events come
expanded by Google, each instance with its own stable id, which is the occurrence's key) and keeps the
``nextSyncToken``; later reads the same day send it and get only what changed (``partial``). A token Google
no longer honours (410 Gone) means a full read again; so does a new day, so instances that enter the
window as days pass are read. Cancelled items are kept (``showDeleted``) so deletions are seen.

Planloom's blocks are written as events with a client-chosen id (``planloom`` + the block's id, so an insert
made twice is a 409, never a duplicate) and marked in ``extendedProperties.private``; they are never read
back as busy time, but reported as ``block_changes`` so a move or deletion made in Google reaches the plan
(when the plan goes to another calendar than the one read, its blocks are listed there at each read).

Every call retries, a bounded number of times, on 403 rate-limit reasons, 429 and 5xx, honouring
``Retry-After``. The access token refreshes itself at the token endpoint when it expires or is refused
(google-auth); the refreshed token set is written back into ``connection.secret`` for the store to keep.
"""
from __future__ import annotations

import json
import time
from datetime import date, datetime, timezone
from typing import Any, Callable
from urllib.parse import quote, unquote
from uuid import UUID

import google_auth_httplib2
import httplib2
from google.auth.exceptions import RefreshError, TransportError
from google.oauth2.credentials import Credentials
from googleapiclient.discovery import build
from googleapiclient.errors import HttpError

from adapters.google_calendar.oauth import SCOPES, GoogleEndpoints, GoogleOAuth, dump_token_set, token_set
from domain.model import TimeBlock
from domain.model.calendar import MAX_EVENTS, CalendarConnection, ExternalEvent
from ports.calendars import (BlockChange, CalendarSource, CalendarUnavailable, FetchResult, OAuthConnector,
                             RemoteCalendar)

TIMEOUT = 15.0
PAGE = 2500                 # Google's largest page of events
MAX_RETRIES = 4             # per call, after the first attempt
MAX_WAIT = 30.0             # seconds: the longest pause between attempts, whatever Retry-After says
MARK = "planloom"           # extendedProperties.private key marking Planloom's blocks
BLOCK_ID = "planloomBlock"
TASK_ID = "planloomTask"
EVENT_ID = "planloom"       # + the block's id in hex: a valid Google event id (base32hex characters)
RATE_REASONS = ("rateLimitExceeded", "userRateLimitExceeded")


class _Gone(Exception):
    """The sync token is no longer valid: read the calendar whole."""


class _Refused(CalendarUnavailable):
    """Google answered an error status (``status``) that retrying does not mend."""

    def __init__(self, message: str, status: int, permanent: bool) -> None:
        super().__init__(message, permanent=permanent)
        self.status = status


class GoogleCalendarSource(CalendarSource, OAuthConnector):
    kinds = ("google",)

    def __init__(self, endpoints: GoogleEndpoints, timeout: float = TIMEOUT, max_retries: int = MAX_RETRIES,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.endpoints, self.timeout, self.max_retries, self.sleep = endpoints, timeout, max_retries, sleep
        self.api = endpoints.api_url.rstrip("/") + "/"
        self.oauth = GoogleOAuth(endpoints, timeout)
        self.calls = 0  # API requests sent (retries included), for the figures

    # -- OAuth --------------------------------------------------------------------------------------
    def authorization_url(self, state: str, code_verifier: str, redirect_uri: str) -> str:
        return self.oauth.authorization_url(state, code_verifier, redirect_uri)

    def default_calendar(self) -> str:
        return self.calendar_url("primary")

    def exchange(self, code: str, code_verifier: str, redirect_uri: str) -> str:
        return self.oauth.exchange(code, code_verifier, redirect_uri)

    def forget(self, connection: CalendarConnection) -> None:
        self.oauth.revoke(connection.secret)

    # -- the client -----------------------------------------------------------------------------------
    def calendar_url(self, calendar_id: str) -> str:
        """How a calendar is named in a connection (``calendar_url``, ``write_calendar_url``)."""
        return f"{self.api}calendars/{quote(calendar_id, safe='@')}"

    def _calendar_id(self, url: str) -> str:
        prefix = f"{self.api}calendars/"
        calendar_id = unquote(url[len(prefix):]) if url.startswith(prefix) else ""
        if not calendar_id or "/" in calendar_id:
            raise CalendarUnavailable("not a calendar of this Google account", permanent=True)
        return calendar_id

    def _credentials(self, connection: CalendarConnection) -> Credentials:
        tokens = token_set(connection.secret)
        expires_at = tokens.get("expires_at")
        expiry = (datetime.fromtimestamp(expires_at, timezone.utc).replace(tzinfo=None)
                  if isinstance(expires_at, (int, float)) else None)  # google-auth compares naive UTC
        return Credentials(token=tokens.get("access_token"), refresh_token=tokens.get("refresh_token"),
                           token_uri=self.endpoints.token_url, client_id=self.endpoints.client_id,
                           client_secret=self.endpoints.client_secret, scopes=list(SCOPES), expiry=expiry)

    def _service(self, connection: CalendarConnection):
        credentials = self._credentials(connection)
        http = google_auth_httplib2.AuthorizedHttp(credentials, http=httplib2.Http(timeout=self.timeout))
        service = build("calendar", "v3", http=http, static_discovery=True, cache_discovery=False,
                        client_options={"api_endpoint": self.api})
        return service, credentials

    def _keep_refreshed(self, connection: CalendarConnection, credentials: Credentials) -> None:
        """A token refreshed during the calls replaces the stored one (the caller stores the connection)."""
        tokens = token_set(connection.secret)
        if credentials.token and credentials.token != tokens.get("access_token"):
            expiry = credentials.expiry.replace(tzinfo=timezone.utc).timestamp() if credentials.expiry else None
            connection.secret = dump_token_set(credentials.token, credentials.refresh_token or
                                               tokens.get("refresh_token", ""), expiry, tokens.get("scope", ""))

    def _execute(self, request) -> dict:
        """One call, retried on rate limits and server errors (bounded, ``Retry-After`` honoured)."""
        for attempt in range(self.max_retries + 1):
            self.calls += 1
            try:
                return request.execute(num_retries=0)
            except HttpError as exc:
                status = exc.resp.status
                if status == 410:
                    raise _Gone() from None
                retry = status in (429, 500, 502, 503, 504) or (status == 403 and _reason(exc) in RATE_REASONS)
                if not retry or attempt == self.max_retries:
                    raise _unavailable(exc) from None
                self.sleep(_pause(exc.resp.get("retry-after"), attempt))
        raise AssertionError("unreachable")

    def _pages(self, method: Callable[..., Any], **params) -> tuple[list[dict], str]:
        """Every item of a paged list, and the last page's ``nextSyncToken``."""
        items: list[dict] = []
        page_token = None
        while True:
            answer = self._execute(method(**params, **({"pageToken": page_token} if page_token else {})))
            items += [i for i in answer.get("items") or [] if isinstance(i, dict) and isinstance(i.get("id"), str)]
            if len(items) > MAX_EVENTS * 2:  # instances plus cancellations; the window's cap is checked later
                raise CalendarUnavailable(f"the calendar holds more than {MAX_EVENTS:,} events in the window",
                                          permanent=True)
            page_token = answer.get("nextPageToken")
            if not page_token:
                return items, answer.get("nextSyncToken", "")

    # -- the port -----------------------------------------------------------------------------------
    def check(self, connection: CalendarConnection) -> None:
        """The calendar can be read; an account's primary calendar is named after its address, which
        becomes the connection's ``username`` when it has none."""
        with _Calls(self, connection) as service:
            found = self._execute(service.calendars().get(calendarId=self._calendar_id(connection.calendar_url)))
        if not connection.username and "@" in found.get("id", ""):
            connection.username = found["id"][:200]

    def calendars(self, connection: CalendarConnection) -> list[RemoteCalendar]:
        with _Calls(self, connection) as service:
            items, _ = self._pages(service.calendarList().list, maxResults=250)
        # The primary calendar under the address a new connection reads (``default_calendar``), so that its
        # colour and the choice of the calendar read or written match the connection's own address.
        return [RemoteCalendar(url=self.default_calendar() if c.get("primary") else self.calendar_url(c["id"]),
                               name=c.get("summaryOverride") or c.get("summary") or c["id"],
                               color=c.get("backgroundColor", "")) for c in items]

    def fetch(self, connection: CalendarConnection, start: datetime, end: datetime) -> FetchResult:
        calendar_id = self._calendar_id(connection.calendar_url)
        day = f"{end:%Y-%m-%d}"
        sync_token, cursor_day = (connection.cursor.split("\n") + ["", ""])[:2]
        with _Calls(self, connection) as service:
            events = service.events()
            items, partial = None, False
            if sync_token and cursor_day == day:
                try:
                    items, next_token = self._pages(events.list, calendarId=calendar_id, syncToken=sync_token,
                                                    singleEvents=True, maxResults=PAGE)
                    partial = True
                except _Gone:
                    items = None
            if items is None:
                items, next_token = self._pages(events.list, calendarId=calendar_id, singleEvents=True,
                                                showDeleted=True, maxResults=PAGE, timeMin=_rfc3339(start),
                                                timeMax=_rfc3339(end))
            blocks = items
            if connection.write_calendar_url and connection.write_calendar_url != connection.calendar_url:
                blocks, _ = self._pages(  # the plan goes to another calendar: its blocks are followed there
                    events.list, calendarId=self._calendar_id(connection.write_calendar_url), singleEvents=True,
                    showDeleted=True, maxResults=PAGE, privateExtendedProperty=f"{MARK}=block",
                    timeMin=_rfc3339(start), timeMax=_rfc3339(end))
            owned = [i for i in items if _block_id(i) is None]
            if sum(1 for i in owned if i.get("status") != "cancelled") > MAX_EVENTS:
                raise CalendarUnavailable(f"the calendar holds more than {MAX_EVENTS:,} events in the window",
                                          permanent=True)
            changes = tuple(c for c in (_block_change(i) for i in blocks) if c is not None)
            occurrences = [_event(i) for i in owned]  # read here: an item Planloom cannot read fails the sync
        return FetchResult(events=occurrences, cursor=f"{next_token}\n{day}" if next_token else "",
                           partial=partial, block_changes=changes)

    def write_blocks(self, connection: CalendarConnection, blocks: list[TimeBlock], titles: dict,
                     start: datetime, end: datetime) -> int:
        if not connection.write_calendar_url:
            raise CalendarUnavailable("no calendar was chosen to receive the plan", permanent=True)
        calendar_id = self._calendar_id(connection.write_calendar_url)
        wanted = {b.id: b for b in blocks}
        changes = 0
        with _Calls(self, connection) as service:
            events = service.events()
            items, _ = self._pages(events.list, calendarId=calendar_id, singleEvents=True, maxResults=PAGE,
                                   privateExtendedProperty=f"{MARK}=block", timeMin=_rfc3339(start),
                                   timeMax=_rfc3339(end))
            held = {_block_id(i): i for i in items if _block_id(i) is not None and i.get("status") != "cancelled"}
            for block_id, item in held.items():
                if block_id not in wanted:
                    self._delete(events, calendar_id, item["id"])
                    changes += 1
            for block_id, block in wanted.items():
                body = _block_body(block, titles.get(block.task_id, "Planloom"))
                item = held.get(block_id)
                if item is not None and _same(item, body):
                    continue
                if item is not None:
                    self._execute(events.patch(calendarId=calendar_id, eventId=item["id"], body=body))
                else:
                    self._insert(events, calendar_id, body)
                changes += 1
        return changes

    def _insert(self, events, calendar_id: str, body: dict) -> None:
        try:
            self._execute(events.insert(calendarId=calendar_id, body=body))
        except _Refused as exc:
            if exc.status != 409:
                raise
            # the id is taken: a deleted event of the same block, or one outside the listed window
            self._execute(events.patch(calendarId=calendar_id, eventId=body["id"],
                                       body={**body, "status": "confirmed"}))

    def _delete(self, events, calendar_id: str, event_id: str) -> None:
        try:
            self._execute(events.delete(calendarId=calendar_id, eventId=event_id))
        except _Gone:
            pass  # deleted already
        except _Refused as exc:
            if exc.status != 404:
                raise


class _Calls:
    """A Calendar v3 service for one connection; on leaving, a refreshed token is kept and the client's
    failures become CalendarUnavailable."""

    def __init__(self, source: GoogleCalendarSource, connection: CalendarConnection) -> None:
        self.source, self.connection = source, connection

    def __enter__(self):
        self.service, self.credentials = self.source._service(self.connection)
        return self.service

    def __exit__(self, kind, exc, traceback) -> bool:
        self.source._keep_refreshed(self.connection, self.credentials)
        if exc is None or isinstance(exc, CalendarUnavailable):
            return False
        if isinstance(exc, RefreshError):
            raise CalendarUnavailable("Google refused the stored grant: connect the calendar again",
                                      permanent=True) from None
        if isinstance(exc, _Gone):
            raise CalendarUnavailable("Google answered HTTP 410") from None
        if isinstance(exc, (TransportError, httplib2.HttpLib2Error, OSError, ValueError, KeyError, TypeError)):
            raise CalendarUnavailable(f"Google Calendar failed: {type(exc).__name__}: {exc}"[:300]) from None
        return False


def _reason(exc: HttpError) -> str:
    try:
        errors = json.loads(exc.content.decode("utf-8", "replace")).get("error", {}).get("errors") or [{}]
        return str(errors[0].get("reason", ""))
    except (ValueError, AttributeError):
        return ""


def _pause(retry_after: str | None, attempt: int) -> float:
    """``Retry-After`` in seconds when Google sends it, else 1, 2, 4... seconds; at most ``MAX_WAIT``."""
    try:
        wait = float(retry_after) if retry_after else 2.0 ** attempt
    except ValueError:
        wait = 2.0 ** attempt
    return max(0.0, min(wait, MAX_WAIT))


def _unavailable(exc: HttpError) -> _Refused:
    status = exc.resp.status
    detail = f"Google Calendar answered HTTP {status}"
    reason = _reason(exc)
    if reason:
        detail += f" ({reason})"
    return _Refused(detail, status, permanent=status in (400, 401, 404) or (status == 403 and
                                                                        reason not in RATE_REASONS))


def _rfc3339(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def _when(value: dict | None) -> datetime | date | None:
    """An event's start or end: an aware datetime, or a date for all-day events."""
    if not value:
        return None
    if value.get("dateTime"):
        moment = datetime.fromisoformat(value["dateTime"].replace("Z", "+00:00"))
        return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    if value.get("date"):
        return date.fromisoformat(value["date"])
    return None


def _event(item: dict) -> ExternalEvent:
    start = _when(item.get("start"))
    declined = any(a.get("self") and a.get("responseStatus") == "declined" for a in item.get("attendees", []))
    cancelled = item.get("status") == "cancelled" or start is None
    return ExternalEvent(uid=item["id"], recurrence_id="", start=start or date(1970, 1, 1),
                         end=_when(item.get("end")), title=str(item.get("summary", ""))[:200], cancelled=cancelled,
                         transparent=item.get("transparency") == "transparent", declined=declined)


def _block_id(item: dict) -> UUID | None:
    private = (item.get("extendedProperties") or {}).get("private") or {}
    if private.get(MARK) == "block":
        try:
            return UUID(private.get(BLOCK_ID, ""))
        except ValueError:
            return None
    event_id = item.get("id", "")  # a cancelled event comes back with little more than its id
    if event_id.startswith(EVENT_ID) and len(event_id) == len(EVENT_ID) + 32:
        try:
            return UUID(hex=event_id[len(EVENT_ID):])
        except ValueError:
            return None
    return None


def _block_change(item: dict) -> BlockChange | None:
    block_id = _block_id(item)
    if block_id is None:
        return None
    start, end = _when(item.get("start")), _when(item.get("end"))
    if item.get("status") == "cancelled" or not isinstance(start, datetime) or not isinstance(end, datetime):
        return BlockChange(block_id=block_id)
    return BlockChange(block_id=block_id, start=start, end=end)


def _block_body(block: TimeBlock, title: str) -> dict:
    return {"id": f"{EVENT_ID}{block.id.hex}", "summary": title[:200],
            "start": {"dateTime": _rfc3339(block.start)}, "end": {"dateTime": _rfc3339(block.end)},
            "transparency": "opaque",
            "extendedProperties": {"private": {MARK: "block", BLOCK_ID: str(block.id), TASK_ID: str(block.task_id)}}}


def _same(item: dict, body: dict) -> bool:
    return (_when(item.get("start")) == _when(body["start"]) and _when(item.get("end")) == _when(body["end"])
            and item.get("summary", "") == body["summary"])

"""Calendar connections: what a client sends to connect one, and what it gets back (never the secret)."""
from __future__ import annotations

from marshmallow import fields, validate

from domain.model.calendar import MAX_CONNECTIONS, MAX_EVENTS
from domain.services.handlers.calendars import MAX_ICS_TEXT
from entrypoints.http.schemas.common import StrictBool, StrictSchema, not_blank, patterned, text

WEB_URL = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#@]+"
CONNECTABLE = ("ics_url", "ics_file", "caldav")


def _web_url(pattern: str = WEB_URL, **kwargs) -> fields.String:
    return patterned(pattern, "must be an http(s) address", 2000, **kwargs)


class ConnectCalendarSchema(StrictSchema):
    kind = fields.String(required=True, validate=validate.OneOf(CONNECTABLE), metadata={
        "description": "``ics_url``: subscribe to a feed (``url``); ``ics_file``: import ``content`` once "
                       "(it is re-read at every sync); ``caldav``: ``url``, ``username``, ``password`` and "
                       "optionally ``calendar_url`` (else every calendar of the account)"})
    name = not_blank(100, required=True)
    url = _web_url(metadata={"description": "the feed's address (kept secret: only its origin is shown) or the "
                                            "CalDAV server's"})
    username = text(200)
    password = fields.String(load_only=True, validate=validate.Length(max=1000),
                             metadata={"description": "CalDAV (app) password; encrypted at rest, never returned"})
    content = fields.String(load_only=True, validate=validate.Length(max=MAX_ICS_TEXT),
                            metadata={"description": f"an .ics file's text, at most {MAX_ICS_TEXT:,} characters "
                                                     "(and the request-body limit); encrypted at rest"})
    calendar_url = _web_url(metadata={"description": "CalDAV: the calendar to read (else every calendar)"})
    write_calendar_url = _web_url(metadata={"description": "CalDAV: the calendar that receives the plan's blocks "
                                                           "(events marked as Planloom's; only the difference is "
                                                           "written at each new plan)"})
    blocks_time = StrictBool(load_default=True, metadata={"description": "whether its events keep work away"})


class UpdateCalendarSchema(StrictSchema):
    name = not_blank(100)
    blocks_time = StrictBool()
    calendar_url = _web_url("^$|" + WEB_URL, metadata={
        "description": "CalDAV or Google: the calendar to read (a ``url`` from ``/calendars``); CalDAV, empty: all"})
    write_calendar_url = _web_url("^$|" + WEB_URL, metadata={
        "description": "CalDAV or Google: the calendar that receives the plan's blocks (a ``url`` from "
                       "``/calendars``); empty: none"})


class CalendarConnectionSchema(StrictSchema):
    id = fields.UUID()
    kind = fields.String(validate=validate.OneOf(CONNECTABLE + ("google",)))
    name = fields.String()
    url = fields.String(metadata={"description": "the CalDAV server, or only the origin of an ICS feed"})
    username = fields.String()
    calendar_url = fields.String()
    write_calendar_url = fields.String()
    blocks_time = fields.Boolean()
    status = fields.String(validate=validate.OneOf(("pending", "ok", "error")))
    last_error = fields.String()
    last_synced_at = fields.AwareDateTime(allow_none=True)
    failures = fields.Integer(metadata={"description": "syncs failed in a row (0: the last one worked)"})
    failing_since = fields.AwareDateTime(allow_none=True, metadata={
        "description": "when the current run of failures began; the owner is told in the inbox (kind "
                       "``calendar_failing``) at once if retrying cannot help, else from the second failure"})
    color = fields.String(attribute="display_color", metadata={
        "description": "#rrggbb: the read calendar's own colour (Google, CalDAV: remembered when its account's "
                       "calendars are listed), else a stable one chosen by the connection's id"})
    created_at = fields.AwareDateTime()


class SyncOutcomeSchema(StrictSchema):
    connection_id = fields.UUID()
    added = fields.Integer()
    updated = fields.Integer()
    removed = fields.Integer()
    events = fields.Integer(metadata={"description": f"occurrences read in the window (at most {MAX_EVENTS:,})"})
    error = fields.String()
    blocks_pinned = fields.Integer(metadata={"description": "Planloom's blocks moved in the calendar: pinned there"})
    blocks_unscheduled = fields.Integer(metadata={"description": "Planloom's blocks deleted in the calendar: their "
                                                                 "tasks are planned again"})


LIMITS = (f"At most {MAX_CONNECTIONS} calendars per account (409 beyond). A sync reads the window from a day ago "
          f"to the planning horizon (8 weeks), recurring events expanded, at most {MAX_EVENTS:,} occurrences "
          "per calendar (more sets the connection's status to error).")


class RemoteCalendarSchema(StrictSchema):
    url = fields.String()
    name = fields.String()
    color = fields.String()

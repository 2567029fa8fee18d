"""Calendar connections: subscribe to an ICS feed, upload an .ics file, connect a CalDAV account; list,
change, sync and disconnect them. Their events become busy time that the plan moves around."""
from __future__ import annotations

from uuid import UUID

from flask import current_app
from flask.views import MethodView
from flask_jwt_extended import jwt_required

from domain import commands
from domain.services import queries
from entrypoints.http.auth import current_user_id
from entrypoints.http.blueprint import Blueprint
from entrypoints.http.schemas.calendars import (LIMITS, CalendarConnectionSchema, ConnectCalendarSchema,
                                                RemoteCalendarSchema, SyncOutcomeSchema, UpdateCalendarSchema)

CONNECT = ("``ics_url`` needs ``url``; ``ics_file`` needs ``content``; ``caldav`` needs ``url``, ``username`` and "
           "``password``. An address that can never be read (not http(s), a private or loopback address, not a "
           "calendar) or a file that is not iCalendar is a 422. A calendar that is only down now is stored with "
           "``status: error`` and ``last_error``, and read again at the next sync. Feeds are read within a "
           "timeout (10 s) and at most 5 MB.")

blp = Blueprint("calendars", __name__, url_prefix="/api/v1/calendar", description="Calendars")


def _store():
    return current_app.container.calendars()


@blp.route("/connections")
class Connections(MethodView):
    decorators = [jwt_required()]

    @blp.response(200, CalendarConnectionSchema(many=True))
    def get(self):
        """Your calendar connections, oldest first (never their passwords, tokens or feed addresses)"""
        return queries.calendar_connections(_store(), current_user_id())

    @blp.arguments(ConnectCalendarSchema())
    @blp.response(201, CalendarConnectionSchema)
    @blp.alt_response(409, description="The account has the most calendars it may have")
    @blp.doc(description=CONNECT + " " + LIMITS)
    def post(self, body):
        """Connect a calendar and import its busy time at once"""
        return current_app.container.bus().handle(commands.ConnectCalendar(actor_id=current_user_id(), values=body))


@blp.route("/connections/<uuid:connection_id>")
class Connection(MethodView):
    decorators = [jwt_required()]

    @blp.response(200, CalendarConnectionSchema)
    def get(self, connection_id: UUID):
        """One calendar connection, with its sync status and last error"""
        return queries.calendar_connection(_store(), current_user_id(), connection_id)

    @blp.arguments(UpdateCalendarSchema())
    @blp.response(200, CalendarConnectionSchema)
    def patch(self, body, connection_id: UUID):
        """Rename it, choose whether it blocks time (or which CalDAV calendar it reads); it syncs again"""
        return current_app.container.bus().handle(commands.UpdateCalendar(
            actor_id=current_user_id(), connection_id=connection_id, changes=body))

    @blp.response(204)
    def delete(self, connection_id: UUID):
        """Disconnect: its credentials and the busy time it brought are deleted, and the plan follows"""
        current_app.container.bus().handle(commands.DisconnectCalendar(actor_id=current_user_id(),
                                                                       connection_id=connection_id))


@blp.route("/connections/<uuid:connection_id>/sync")
class SyncOne(MethodView):
    decorators = [jwt_required()]

    @blp.response(200, SyncOutcomeSchema)
    def post(self, connection_id: UUID):
        """Read this calendar again now: what changed in your busy time (a failure is in ``error``)"""
        return current_app.container.bus().handle(commands.SyncCalendar(user_id=current_user_id(),
                                                                        connection_id=connection_id))[0]


@blp.route("/connections/<uuid:connection_id>/calendars")
class RemoteCalendars(MethodView):
    decorators = [jwt_required()]

    @blp.response(200, RemoteCalendarSchema(many=True))
    @blp.alt_response(409, description="The calendar server could not be read now")
    def get(self, connection_id: UUID):
        """The calendars of a CalDAV or Google account: which to read (``calendar_url``), which receives the plan
        (``write_calendar_url``). Kinds with one calendar answer an empty list."""
        return current_app.container.bus().handle(commands.ListRemoteCalendars(actor_id=current_user_id(),
                                                                               connection_id=connection_id))


@blp.route("/sync")
class SyncAll(MethodView):
    decorators = [jwt_required()]

    @blp.response(200, SyncOutcomeSchema(many=True))
    def post(self):
        """Read every calendar of yours again now"""
        return current_app.container.bus().handle(commands.SyncCalendar(user_id=current_user_id()))

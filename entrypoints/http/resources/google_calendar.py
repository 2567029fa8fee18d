"""Google Calendar over OAuth 2.0: the consent address (``connect``), and the callback Google sends the
user back to. The account's events then sync like every calendar's (``/calendar/connections``)."""
from __future__ import annotations

from flask import current_app, redirect, url_for
from flask.views import MethodView
from flask_jwt_extended import get_jwt_identity, jwt_required, verify_jwt_in_request
from marshmallow import EXCLUDE, Schema, fields, validate

from domain import commands
from entrypoints.http.auth import current_user_id
from entrypoints.http.blueprint import Blueprint
from entrypoints.http.schemas.common import StrictSchema, text

MAX_STATE = 4000
AFTER_CONNECT = "/settings?calendar=connected&connection={id}"  # the SPA's page the user lands on

blp = Blueprint("google_calendar", __name__, url_prefix="/api/v1/calendar/google", description="Calendars")


class ConnectArgs(StrictSchema):
    name = text(100, load_default="", metadata={"description": "the connection's name (default: Google Calendar)"})


class ConsentSchema(StrictSchema):
    authorization_url = fields.String(metadata={"description": "send the user's browser here to consent"})


class CallbackArgs(Schema):
    class Meta:
        unknown = EXCLUDE  # Google adds scope, authuser, prompt, hd, iss...

    state = fields.String(load_default="", validate=validate.Length(max=MAX_STATE))
    code = fields.String(load_default="", validate=validate.Length(max=MAX_STATE))
    error = fields.String(load_default="", validate=validate.Length(max=200))


def _redirect_uri() -> str:
    configured = current_app.container.settings().google_redirect_url
    return configured or url_for("google_calendar.Callback", _external=True)


@blp.route("/connect")
class Connect(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(ConnectArgs(), location="query")
    @blp.response(200, ConsentSchema)
    @blp.alt_response(409, description="The account has the most calendars it may have")
    @blp.alt_response(422, description="Google Calendar is not configured on this server")
    def get(self, args):
        """The address where you let Planloom read your Google calendars and write its blocks (OAuth 2.0
        with PKCE, offline access). Its ``state`` is bound to you, expires in 10 minutes and works once."""
        url = current_app.container.bus().handle(commands.StartOAuthConnect(
            actor_id=current_user_id(), kind="google", redirect_uri=_redirect_uri(), name=args["name"]))
        return {"authorization_url": url}


@blp.route("/callback")
class Callback(MethodView):
    @blp.arguments(CallbackArgs(), location="query")
    @blp.response(303, description="Connected: on to the SPA's settings")
    @blp.alt_response(400, description="A tampered, expired or replayed state, consent refused, or the code refused")
    @blp.alt_response(502, description="Google's token endpoint is unreachable or failing: connect again later")
    @blp.doc(security=[])
    def get(self, args):
        """Where Google sends you back: the code is exchanged for tokens (encrypted at rest), the calendar is
        read, and you land on the settings page"""
        verify_jwt_in_request(optional=True)  # signed in here too: it must be the same account as the state's
        actor = current_user_id() if get_jwt_identity() is not None else None
        connection = current_app.container.bus().handle(commands.FinishOAuthConnect(
            state=args["state"], code=args["code"], error=args["error"], redirect_uri=_redirect_uri(),
            actor_id=actor))
        return redirect(AFTER_CONNECT.format(id=connection.id), 303)

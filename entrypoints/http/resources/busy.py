"""Busy time entered by hand: the plan never places work over it."""
from __future__ import annotations

from datetime import timedelta
from uuid import UUID

from flask import current_app
from flask.views import MethodView
from flask_jwt_extended import jwt_required
from marshmallow import fields

from domain import commands
from domain.services import queries
from entrypoints.http.auth import current_user_id
from entrypoints.http.blueprint import Blueprint
from entrypoints.http.idempotency import idempotent
from entrypoints.http.schemas.common import StrictSchema, aware_datetime, text
from entrypoints.http.schemas.schedule import RangeArgs, time_range

blp = Blueprint("busy", __name__, url_prefix="/api/v1/busy", description="Busy time")


class BusySchema(StrictSchema):
    id = fields.UUID(dump_only=True)
    start = aware_datetime(required=True)
    end = aware_datetime(required=True)
    title = text(200, load_default="")
    source = fields.String(dump_only=True)
    color = fields.String(dump_only=True, allow_none=True, dump_default=None, metadata={
        "description": "the colour (#rrggbb) of the calendar it came from; null for busy time entered by hand"})


@blp.route("")
class Busy(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(RangeArgs(), location="query")
    @blp.response(200, BusySchema(many=True))
    def get(self, args):
        """Busy time overlapping [from, to) (default: the next 8 weeks)

        ``to`` must be after ``from`` and at most a year (366 days) later; otherwise a 422.
        """
        start, end = time_range(args, current_app.container.clock().now(), timedelta(weeks=8))
        container = current_app.container
        return queries.busy_with_colors(container.reader(), container.calendars(), current_user_id(), start, end)

    @idempotent
    @blp.arguments(BusySchema())
    @blp.response(201, BusySchema)
    def post(self, body):
        """Block out time (honours Idempotency-Key); the plan moves around it at once

        ``end`` must be after ``start``; otherwise a 422.
        """
        return current_app.container.bus().handle(commands.AddBusyTime(actor_id=current_user_id(), **body))


@blp.route("/<uuid:busy_id>")
class BusyById(MethodView):
    decorators = [jwt_required()]

    @blp.response(200, BusySchema)
    def get(self, busy_id: UUID):
        """One stretch of busy time"""
        return queries.get_busy_time(current_app.container.reader(), current_user_id(), busy_id)

    @blp.response(204)
    def delete(self, busy_id: UUID):
        """Free the time again"""
        current_app.container.bus().handle(commands.DeleteBusyTime(actor_id=current_user_id(), busy_id=busy_id))

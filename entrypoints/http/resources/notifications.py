"""In-app notifications: list, mark read or unread, and a live Server-Sent Events stream."""
from __future__ import annotations

import json
from datetime import datetime
from uuid import UUID

from flask import Response, current_app, request
from flask.views import MethodView
from flask_jwt_extended import jwt_required
from marshmallow import fields

from domain import commands
from domain.errors import RateLimited
from domain.services import queries
from entrypoints.http import sse, streams
from entrypoints.http.auth import current_user_id
from entrypoints.http.blueprint import Blueprint
from entrypoints.http.bridge import ASYNC_FRONT
from entrypoints.http.errors import problem
from entrypoints.http.schemas.common import StrictSchema

blp = Blueprint("notifications", __name__, url_prefix="/api/v1/notifications", description="Notifications")

STREAM_SECONDS = 55.0  # then the browser's EventSource reconnects with Last-Event-ID
STREAM_RETRY_SECONDS = 10


class NotificationSchema(StrictSchema):
    id = fields.UUID()
    kind = fields.String()
    title = fields.String()
    body = fields.String()
    data = fields.Dict()
    created_at = fields.AwareDateTime()
    read_at = fields.AwareDateTime(allow_none=True)


class ListArgs(StrictSchema):
    unread = fields.Boolean(load_default=False)  # query strings spell booleans: true, 1, yes


def _json(notification) -> str:
    return json.dumps(NotificationSchema().dump(notification))


@blp.route("")
class Notifications(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(ListArgs, location="query")
    @blp.response(200, NotificationSchema(many=True))
    @blp.paginate(page_size=50, max_page_size=100)
    def get(self, args, pagination_parameters):
        """Newest first; ``unread=true`` for only the unread ones"""
        pp = pagination_parameters
        items, total = queries.list_notifications(current_app.container.reader(), current_user_id(), args["unread"],
                                                  (pp.page - 1) * pp.page_size, pp.page_size)
        pp.item_count = total
        return items


@blp.route("/<uuid:notification_id>/read")
class Read(MethodView):
    decorators = [jwt_required()]

    @blp.response(200, NotificationSchema)
    def put(self, notification_id: UUID):
        """Mark read"""
        return current_app.container.bus().handle(commands.MarkNotificationRead(current_user_id(), notification_id))

    @blp.response(200, NotificationSchema)
    def delete(self, notification_id: UUID):
        """Mark unread"""
        return current_app.container.bus().handle(
            commands.MarkNotificationRead(current_user_id(), notification_id, read=False))


@blp.route("/stream")
class Stream(MethodView):
    decorators = [jwt_required()]

    @blp.response(200, content_type="text/event-stream")
    @blp.alt_response(429, description="This account already holds PLANLOOM_STREAMS_PER_USER open streams "
                                       "(on every server process together); Retry-After says when to try again")
    @blp.alt_response(503, description="This server process holds PLANLOOM_STREAMS_MAX open streams")
    def get(self):
        """Server-Sent Events: each new notification as a ``notification`` event (resumes from Last-Event-ID).

        At most ``PLANLOOM_STREAMS_PER_USER`` (default 5) streams per account are open at once, whichever
        server processes serve them; a stream ends after ``seconds`` (at most 55) and the browser reconnects."""
        user_id, container = current_user_id(), current_app.container
        last = request.headers.get("Last-Event-ID") or request.args.get("after")
        try:
            after = datetime.fromisoformat(last) if last else container.clock().now()
        except ValueError:
            after = container.clock().now()
        after = after if after.tzinfo else container.clock().now()
        try:
            seconds = max(0.0, min(float(request.args.get("seconds", STREAM_SECONDS)), STREAM_SECONDS))
        except ValueError:
            seconds = STREAM_SECONDS
        headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
        hub = streams.hub_of(current_app)
        try:
            if ASYNC_FRONT in request.environ:  # served by the asynchronous front: no thread held
                stream = sse.AsyncStream(hub, user_id, after, seconds, _json)
                stream.open()
                request.environ[ASYNC_FRONT] = stream
                return Response(b"", mimetype="text/event-stream", headers=headers)
            events = sse.blocking_events(hub, user_id, after, seconds, _json)
        except streams.TooManyStreams as refused:
            if refused.per_user:
                raise RateLimited(refused.detail, retry_after_seconds=STREAM_RETRY_SECONDS) from None
            return problem(503, refused.detail, headers={"Retry-After": str(STREAM_RETRY_SECONDS)})
        return Response(events, mimetype="text/event-stream", headers=headers)  # needs no request context

"""In-app notifications: list, mark read or unread, and a live Server-Sent Events stream."""
from __future__ import annotations

import json
import time
from datetime import datetime, timedelta
from uuid import UUID

from flask import Response, current_app, request, stream_with_context
from flask.views import MethodView
from flask_jwt_extended import jwt_required
from marshmallow import fields

from domain import commands
from domain.services import queries
from entrypoints.http.auth import current_user_id
from entrypoints.http.blueprint import Blueprint
from entrypoints.http.schemas.common import StrictSchema

blp = Blueprint("notifications", __name__, url_prefix="/api/v1/notifications", description="Notifications")

STREAM_SECONDS = 55.0  # then the browser's EventSource reconnects with Last-Event-ID
POLL_SECONDS = 1.0


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
    def get(self):
        """Server-Sent Events: each new notification as a ``notification`` event (resumes from Last-Event-ID)"""
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

        def events():
            nonlocal after
            yield "retry: 3000\n\n"
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline:
                for notification in queries.notifications_since(container.reader(), user_id, after):
                    after = notification.created_at
                    yield f"id: {after.isoformat()}\nevent: notification\ndata: {_json(notification)}\n\n"
                time.sleep(POLL_SECONDS)
                yield ": keep-alive\n\n"

        return Response(stream_with_context(events()), mimetype="text/event-stream",
                        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})

"""The secret plan feed: a calendar address any app can subscribe to (no sign-in: the token in the
address is the credential), and the signed-in routes that issue, rotate and revoke it."""
from __future__ import annotations

from flask import Response, current_app, request, url_for
from flask.views import MethodView
from flask_jwt_extended import jwt_required
from marshmallow import fields

from adapters.ics.feed import REFRESH, etag, render
from domain import commands
from domain.model.calendar_feed import FEED_LOOK_BACK, MAX_FEED_BLOCKS, MAX_TITLE
from domain.services.handlers.calendar_feed import feed_issued_at, plan_feed
from entrypoints.http.auth import current_user_id
from entrypoints.http.blueprint import Blueprint
from entrypoints.http.schemas.common import StrictSchema

CAPS = (f"The feed holds your blocks from {FEED_LOOK_BACK.days} days ago to the planning horizon (8 weeks), earliest "
        f"first, at most {MAX_FEED_BLOCKS:,} of them; titles are cut to {MAX_TITLE} characters. Times carry your "
        "time zone (TZID) with its VTIMEZONE. Each event's UID is its block's, stable while the block does not move. "
        "The token is 43 characters of [A-Za-z0-9_-]; only its SHA-256 digest is stored, so the address is shown "
        "once, when issued: rotate to get a new one (the old one stops working at once).")

blp = Blueprint("calendar_feed", __name__, url_prefix="/api/v1/calendar", description="Calendars")


class FeedStatusSchema(StrictSchema):
    active = fields.Boolean(metadata={"description": "whether a feed address works now"})
    issued_at = fields.AwareDateTime(allow_none=True)


class IssuedFeedSchema(StrictSchema):
    url = fields.String(metadata={"description": "the feed's address (secret: shown only now)"})
    issued_at = fields.AwareDateTime()


def _container():
    return current_app.container


@blp.route("/feed")
class FeedAddress(MethodView):
    decorators = [jwt_required()]

    @blp.response(200, FeedStatusSchema)
    @blp.doc(description=CAPS)
    def get(self):
        """Whether you have a plan feed, and since when (its address is only shown when issued)"""
        issued = feed_issued_at(current_user_id(), _container().feed_tokens())
        return {"active": issued is not None, "issued_at": issued}

    @blp.response(201, IssuedFeedSchema)
    @blp.doc(description=CAPS)
    def post(self):
        """Issue your plan feed's address, or rotate it: a new secret address; the previous one stops working"""
        issued = _container().bus().handle(commands.RotateCalendarFeed(actor_id=current_user_id()))
        return {"url": url_for("calendar_feed.PlanFeed", token=issued.token, _external=True),
                "issued_at": issued.issued_at}

    @blp.response(204)
    @blp.alt_response(404, description="You have no plan feed")
    def delete(self):
        """Revoke your plan feed: its address stops working"""
        _container().bus().handle(commands.RevokeCalendarFeed(actor_id=current_user_id()))


@blp.route("/feed/<string:token>.ics")
class PlanFeed(MethodView):
    @blp.response(200, content_type="text/calendar")
    @blp.alt_response(304, description="Unchanged since the ETag given in If-None-Match")
    @blp.alt_response(404, description="No live feed has this token (never issued, rotated or revoked)")
    @blp.doc(security=[], description=CAPS)
    def get(self, token: str):
        """Your plan as an iCalendar feed (subscribe to it in any calendar app; no sign-in)"""
        container = _container()
        feed = plan_feed(token, container.reader(), container.clock(), container.feed_tokens(),
                         container.preferences())
        body = render(feed)
        tag = etag(body)
        headers = {"ETag": tag, "Cache-Control": f"private, max-age={int(REFRESH.total_seconds())}",
                   "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex"}
        if tag in {t.strip() for t in request.headers.get("If-None-Match", "").split(",")}:
            return Response(status=304, headers=headers)
        return Response(body, mimetype="text/calendar", headers={
            **headers, "Content-Disposition": 'inline; filename="planloom.ics"'})

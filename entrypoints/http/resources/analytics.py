"""Insights: what was planned, what got done, how good the estimates were (the signed-in user's only)."""
from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from flask_jwt_extended import jwt_required
from marshmallow import Schema

from domain.services import insights
from entrypoints.http.auth import current_user_id
from entrypoints.http.blueprint import Blueprint
from entrypoints.http.schemas.analytics import (CategoriesSchema, DateRangeArgs, EstimatesSchema, SummarySchema,
                                                WeeklySchema)

blp = Blueprint("analytics", __name__, url_prefix="/api/v1/analytics", description="Insights")

_RANGE_NOTE = ("\n\n``from``/``to`` are local days, inclusive; at most 366 days and ``from`` not after ``to``, "
               "else a 422.\n")


def _report(kind: str, args: dict) -> dict:
    container = current_app.container
    return insights.report(kind, container.reader(), container.analytics(), container.preferences(),
                           current_user_id(), args.get("from_"), args.get("to"), container.clock().now())


def _route(kind: str, schema: type[Schema], summary: str) -> None:
    """One GET per report: the four differ only in the report and its schema."""

    class Report(MethodView):
        decorators = [jwt_required()]

        @blp.arguments(DateRangeArgs(), location="query")
        @blp.response(200, schema)
        def get(self, args):
            return _report(kind, args)

    Report.get.__doc__ = summary + _RANGE_NOTE  # the OpenAPI summary and description
    Report.__name__ = Report.__qualname__ = f"{kind.capitalize()}Report"
    blp.route(f"/{kind}")(Report)


_route("summary", SummarySchema,
       "Planned vs. done, on-time rate, lateness, estimate accuracy, streaks, busiest hours, plan changes")
_route("weekly", WeeklySchema, "Planned vs. done minutes per week (Monday), empty weeks included")
_route("categories", CategoriesSchema, "Time per category and per tag")
_route("estimates", EstimatesSchema,
       "Estimate accuracy: planned vs. actual minutes overall, by category and by duration, with the correction "
       "factor and the learned durations\n\n\"Actual\" is the minutes the person reported when (or after) marking a "
       "task done (PATCH /tasks/{id} with actual_minutes). Tasks without a reported actual are left out rather "
       "than counted as planned: the minutes of a task's blocks add up to its estimate at most, so they could "
       "show a task finished early but never one that overran.")

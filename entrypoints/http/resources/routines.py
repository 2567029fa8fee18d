"""Routines: the occurrences of a repeating task, and marking one done or skipped."""
from __future__ import annotations

from datetime import timedelta
from uuid import UUID

from flask import current_app
from flask.views import MethodView
from flask_jwt_extended import jwt_required

from domain import commands
from domain.model.routine import MAX_OCCURRENCES
from domain.services.handlers.routines import list_occurrences
from entrypoints.http.auth import current_user_id
from entrypoints.http.blueprint import Blueprint
from entrypoints.http.schemas.routines import OccurrenceSchema, OccurrenceStatusSchema
from entrypoints.http.schemas.schedule import RangeArgs, time_range

blp = Blueprint("routines", __name__, url_prefix="/api/v1/tasks", description="Routines")

DEFAULT_RANGE = timedelta(days=28)
LIST_LIMITS = (
    f"``to`` must be after ``from`` and at most 366 days later (else a 422); at most {MAX_OCCURRENCES} "
    f"occurrences are listed. Each has its window (``start``, ``due``) and its status: ``done``, ``skipped``, "
    f"``open`` (to do; a missed one that still waits, as a missed \"every monday\" does, is open), or ``missed``.")
NOT_A_ROUTINE = "The task has no recurrence, or the routine is done or cancelled"


@blp.route("/<uuid:task_id>/occurrences")
class Occurrences(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(RangeArgs, location="query")
    @blp.response(200, OccurrenceSchema(many=True))
    @blp.alt_response(409, description="The task has no recurrence")
    @blp.doc(description=LIST_LIMITS)
    def get(self, args, task_id: UUID):
        """The occurrences of a routine whose window meets [from, to) (default: the next 28 days)"""
        container = current_app.container
        start, end = time_range(args, container.clock().now(), DEFAULT_RANGE)
        return list_occurrences(container.reader(), container.preferences(), container.occurrences(),
                                container.clock(), current_user_id(), task_id, start, end)


@blp.route("/<uuid:task_id>/occurrences/<occurrence:occurrence>")
class OccurrenceByKey(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(OccurrenceStatusSchema)
    @blp.response(200, OccurrenceSchema)
    @blp.alt_response(409, description=NOT_A_ROUTINE)
    def put(self, body, task_id: UUID, occurrence: str):
        """Mark one occurrence done or skipped; the plan drops it and the next one stays

        Idempotent: the same status again changes nothing. ``occurrence`` must be a local time the rule
        has an occurrence at (else a 422).
        """
        return current_app.container.bus().handle(commands.RecordOccurrence(
            actor_id=current_user_id(), task_id=task_id, occurrence=occurrence, status=body["status"]))

    @blp.response(200, OccurrenceSchema)
    @blp.alt_response(409, description=NOT_A_ROUTINE)
    @blp.alt_response(422, description="The rule has no occurrence at that local time")
    def delete(self, task_id: UUID, occurrence: str):
        """Open an occurrence again (forget that it was done or skipped); idempotent"""
        return current_app.container.bus().handle(commands.RecordOccurrence(
            actor_id=current_user_id(), task_id=task_id, occurrence=occurrence, status=None))

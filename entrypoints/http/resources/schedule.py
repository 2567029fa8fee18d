"""The schedule: preview a plan, re-plan now, read blocks, pin and move them."""
from __future__ import annotations

from datetime import timedelta
from uuid import UUID

from flask import current_app, request
from flask.views import MethodView
from flask_jwt_extended import jwt_required

from domain import commands
from domain.errors import ValidationError
from domain.scheduling import plan as run_engine
from domain.scheduling import plan_to_json, problem_from_json
from domain.scheduling.json_format import MAX_BUSY, MAX_CHUNKS, MAX_HORIZON_DAYS, MAX_WINDOWS, MIN_CHUNK
from domain.services import queries
from domain.services.planning import PLAN_SECONDS, deadline
from entrypoints.http.auth import current_user_id
from entrypoints.http.blueprint import Blueprint
from entrypoints.http.caching import cached_read
from entrypoints.http.schemas.schedule import BlockSchema, RangeArgs, ScheduleSchema, time_range

blp = Blueprint("schedule", __name__, url_prefix="/api/v1/schedule", description="Planning")

PREVIEW_MAX_TASKS = 500
PREVIEW_LIMITS = (
    f"A problem in the JSON format of docs/scheduling.md. Limits (422 above them, naming the field): "
    f"at most {PREVIEW_MAX_TASKS} tasks, {MAX_BUSY} busy intervals, {MAX_HORIZON_DAYS} days from now to "
    f"horizon_end, {MAX_WINDOWS} working-hour intervals per day, min_chunk_minutes >= {MIN_CHUNK}, and "
    f"at most {MAX_CHUNKS} blocks the tasks could be cut into (sum of duration / min_chunk_minutes over "
    f"splittable tasks, 1 per other task). The engine's work is also capped by a budget that grows "
    f"with the problem and by a {PLAN_SECONDS:g}-second deadline; a plan cut short says "
    f"metrics.truncated = true and lists the tasks it did not reach with code 'truncated'.")
PREVIEW_SCHEMA = {"type": "object", "properties": {
    "tasks": {"type": "array", "maxItems": PREVIEW_MAX_TASKS},
    "busy": {"type": "array", "maxItems": MAX_BUSY}}}
DEFAULT_RANGE = timedelta(days=7)


def _schedule(start, end) -> dict:
    found = queries.schedule_of(current_app.container.reader(), current_user_id(), start, end)
    blocks = []
    for block, task in found["blocks"]:
        blocks.append({"id": block.id, "task_id": block.task_id, "start": block.start, "end": block.end,
                       "pinned": block.pinned, "reason": block.reason, "task": task})
    summary = found["summary"]
    return {"blocks": blocks, "plan": summary}


@blp.route("/preview")
class Preview(MethodView):
    decorators = [jwt_required()]

    @blp.response(200)
    @blp.doc(requestBody={"required": True, "description": PREVIEW_LIMITS,
                          "content": {"application/json": {"schema": PREVIEW_SCHEMA}}})
    def post(self):
        """Plan a problem in the documented JSON format without storing anything"""
        data = request.get_json(silent=False)
        tasks = data.get("tasks") if isinstance(data, dict) else None
        if isinstance(tasks, list) and len(tasks) > PREVIEW_MAX_TASKS:
            raise ValidationError.for_field("tasks", f"a preview takes at most {PREVIEW_MAX_TASKS} tasks")
        stop = deadline(current_app.container.clock().now)
        return plan_to_json(run_engine(problem_from_json(data), stop=stop))


@blp.route("")
class Schedule(MethodView):
    decorators = [jwt_required()]

    @cached_read("schedule")
    @blp.arguments(RangeArgs, location="query")
    @blp.response(200, ScheduleSchema)
    def get(self, args):
        """Blocks overlapping [from, to) with their tasks (default: the next 7 days), and the last plan's notes

        ``to`` must be after ``from`` and at most a year (366 days) later; otherwise a 422.
        """
        start, end = time_range(args, current_app.container.clock().now(), DEFAULT_RANGE)
        return _schedule(start, end)

    @blp.response(200, ScheduleSchema)
    def post(self):
        """Re-plan the open tasks now and store the new blocks"""
        user_id = current_user_id()
        current_app.container.bus().handle(commands.ReplanSchedule(user_id=user_id))
        now = current_app.container.clock().now()
        return _schedule(now - timedelta(days=1), now + timedelta(weeks=8))


@blp.route("/blocks/<uuid:block_id>/pin")
class Pin(MethodView):
    decorators = [jwt_required()]

    @blp.response(200, BlockSchema)
    def put(self, block_id: UUID):
        """Pin a block: re-planning will not move it"""
        return current_app.container.bus().handle(commands.PinBlock(current_user_id(), block_id, True))

    @blp.response(200, BlockSchema)
    def delete(self, block_id: UUID):
        """Unpin a block"""
        return current_app.container.bus().handle(commands.PinBlock(current_user_id(), block_id, False))


@blp.route("/blocks/<uuid:block_id>")
class MoveBlockView(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(BlockSchema)
    @blp.response(200, BlockSchema)
    def patch(self, body, block_id: UUID):
        """Move a block by hand (this pins it); the rest of the plan flows around it

        ``end`` must be after ``start``, and the block must not overlap another pinned block (a 409).
        """
        return current_app.container.bus().handle(
            commands.MoveBlock(current_user_id(), block_id, body["start"], body["end"]))

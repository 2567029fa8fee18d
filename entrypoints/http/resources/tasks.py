from __future__ import annotations

from uuid import UUID

from flask import current_app, url_for
from flask.views import MethodView
from flask_jwt_extended import jwt_required

from domain import commands
from domain.errors import StaleVersion
from domain.model import TaskQuery, TaskStatus
from domain.services import queries
from entrypoints.http.auth import current_user_id
from entrypoints.http.blueprint import Blueprint
from entrypoints.http.caching import cached_read
from entrypoints.http.idempotency import etag_of, idempotent, if_match_version
from entrypoints.http.schemas.tasks import TaskDumpSchema, TaskListArgs, TaskSchema

blp = Blueprint("tasks", __name__, url_prefix="/api/v1/tasks", description="Tasks")

MAX_PAGE_SIZE = 100


def _with_etag(task, status: int = 200, **headers: str):
    return task, status, {"ETag": etag_of(task.version), **headers}


@blp.route("")
class Tasks(MethodView):
    decorators = [jwt_required()]

    @cached_read("tasks")
    @blp.arguments(TaskListArgs(), location="query")  # an instance: a class is instantiated per request
    @blp.response(200, TaskDumpSchema(many=True))
    @blp.paginate(page_size=50, max_page_size=MAX_PAGE_SIZE)
    def get(self, args, pagination_parameters):
        """List tasks: filter by status, category, tag, due range, text and recurrence; sort; paginate"""
        pp = pagination_parameters
        query = TaskQuery(
            status=tuple(TaskStatus(s) for s in args.get("status", ())),
            category_id=args.get("category_id"), tag=args.get("tag", "").lower() or None,
            due_before=args.get("due_before"), due_after=args.get("due_after"), q=args.get("q"),
            recurring=args.get("recurring"),
            sort=args["sort"], offset=(pp.page - 1) * pp.page_size, limit=pp.page_size,
        )
        items, total = queries.list_tasks(current_app.container.reader(), current_user_id(), query)
        pp.item_count = total
        return items

    @idempotent
    @blp.arguments(TaskSchema())
    @blp.response(201, TaskDumpSchema)
    @blp.alt_response(409, description="A dependency cycle, or PLANLOOM_MAX_OPEN_TASKS open tasks already")
    def post(self, body):
        """Create a task (honours Idempotency-Key)

        Rules beyond the schema (a 422 names the field): ``category_id`` and ``depends_on`` name your own
        category and tasks, ``earliest_start`` is not after ``due``, ``min_chunk_minutes`` does not exceed
        ``duration_minutes``, and ``recurrence`` is an RFC 5545 RRULE. A dependency cycle is a 409.
        """
        task = current_app.container.bus().handle(commands.CreateTask(actor_id=current_user_id(), values=body))
        return _with_etag(task, 201, Location=url_for("tasks.TaskById", task_id=task.id))


@blp.route("/<uuid:task_id>")
class TaskById(MethodView):
    decorators = [jwt_required()]

    @blp.response(200, TaskDumpSchema)
    def get(self, task_id: UUID):
        """One task"""
        return _with_etag(queries.get_task(current_app.container.reader(), current_user_id(), task_id))

    @blp.arguments(TaskSchema(partial=True))
    @blp.response(200, TaskDumpSchema)
    @blp.alt_response(409, description="Reopening would pass the open-task cap, or a dependency cycle")
    @blp.alt_response(412, description="If-Match names an older version")
    def patch(self, body, task_id: UUID):
        """Change some fields; send If-Match with the ETag to guard against lost updates

        The same rules as creating a task hold for the task as changed (a 422 names the field).
        """
        expected = if_match_version()
        if expected == -1:
            queries.get_task(current_app.container.reader(), current_user_id(), task_id)  # 404 before 412
            raise StaleVersion("If-Match does not name a version of this task")
        task = current_app.container.bus().handle(commands.UpdateTask(
            actor_id=current_user_id(), task_id=task_id, changes=body, expected_version=expected))
        return _with_etag(task)

    @blp.response(204)
    def delete(self, task_id: UUID):
        """Delete a task (its blocks go with it; dependants lose the dependency)"""
        current_app.container.bus().handle(commands.DeleteTask(actor_id=current_user_id(), task_id=task_id))

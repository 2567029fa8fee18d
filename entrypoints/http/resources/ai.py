"""Language: read text without storing, quick-add tasks, run slash commands."""
from __future__ import annotations

from flask import Response, current_app
from flask.views import MethodView
from flask_jwt_extended import jwt_required
from marshmallow import fields

from domain import commands
from domain.language.interpreter import MAX_LENGTH, MAX_LINE_LENGTH, MAX_SEGMENTS
from domain.language.model import WARNING_CODES, to_json
from domain.services.handlers.learning import training_jsonl
from entrypoints.http.auth import current_user_id
from entrypoints.http.blueprint import Blueprint
from entrypoints.http.idempotency import idempotent
from entrypoints.http.schemas.common import StrictSchema, aware_datetime
from entrypoints.http.schemas.common import text as text_field
from entrypoints.http.schemas.schedule import BlockSchema
from entrypoints.http.schemas.tasks import TaskDumpSchema

blp = Blueprint("ai", __name__, url_prefix="/api/v1", description="Language: quick-add and slash commands")

CAPS = (f"At most {MAX_LENGTH} characters in all, {MAX_LINE_LENGTH} characters per line and {MAX_SEGMENTS} tasks "
        "(lines and ';'-separated pieces); more is a 422.")


def _quick_add_text():
    return text_field(MAX_LENGTH, 1, required=True, metadata={"description": "Quick-add text. " + CAPS})


class ParseArgs(StrictSchema):
    text = _quick_add_text()
    now = aware_datetime()
    timezone = text_field(64)


class TextArgs(StrictSchema):
    text = _quick_add_text()


class WarningSpanSchema(StrictSchema):
    code = fields.String(required=True, metadata={"enum": sorted(WARNING_CODES), "description": "; ".join(
        f"{code}: {meaning}" for code, meaning in WARNING_CODES.items())})
    message = fields.String(required=True, metadata={"description": "The same text as in warnings"})
    start = fields.Integer(required=True, allow_none=True, metadata={
        "description": "Offset (Unicode code points) into the text of the part the warning is about; "
                       "null when it is about the whole text"})
    end = fields.Integer(required=True, allow_none=True, metadata={"description": "End offset, exclusive"})


WARNINGS_DOC = "Readings the interpreter is unsure of, as messages"
WARNING_SPANS_DOC = ("The same doubts with a code and the span of the text they are about (every local warning; a "
                     "language model's free-text notes are only in warnings)")


class ParseResult(StrictSchema):
    engine = fields.String()
    tasks = fields.List(fields.Dict())
    command = fields.Dict(allow_none=True)
    warnings = fields.List(fields.String(), metadata={"description": WARNINGS_DOC})
    warning_spans = fields.List(fields.Nested(WarningSpanSchema), metadata={"description": WARNING_SPANS_DOC})


class QuickAddResult(StrictSchema):
    engine = fields.String()
    tasks = fields.List(fields.Nested(TaskDumpSchema))
    warnings = fields.List(fields.String(), metadata={"description": WARNINGS_DOC})
    warning_spans = fields.List(fields.Nested(WarningSpanSchema), metadata={"description": WARNING_SPANS_DOC})


class CommandResult(StrictSchema):
    command = fields.String()
    status = fields.String()
    message = fields.String()
    warnings = fields.List(fields.String(), metadata={"description": WARNINGS_DOC})
    warning_spans = fields.List(fields.Nested(WarningSpanSchema), metadata={"description": WARNING_SPANS_DOC})
    tasks = fields.List(fields.Nested(TaskDumpSchema))
    candidates = fields.List(fields.Nested(TaskDumpSchema))
    blocks = fields.List(fields.Nested(BlockSchema))


@blp.route("/ai/parse")
class Parse(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(ParseArgs)
    @blp.response(200, ParseResult)
    @blp.alt_response(422, description="Text over the caps, a bad now or timezone, or an unknown command")
    def post(self, body):
        """Read a quick-add line (or several) into task drafts and/or a slash command; stores nothing"""
        engine, reading = current_app.container.bus().handle(commands.ParseText(actor_id=current_user_id(), **body))
        return {"engine": engine, **to_json(reading)}


@blp.route("/tasks/quick-add")
class QuickAdd(MethodView):
    decorators = [jwt_required()]

    @idempotent
    @blp.arguments(TextArgs)
    @blp.response(201, QuickAddResult)
    @blp.alt_response(409, description="The tasks would pass the open-task cap (PLANLOOM_MAX_OPEN_TASKS)")
    @blp.alt_response(422, description="Text over the caps, no task in it, or a slash command")
    def post(self, body):
        """Create the tasks a quick-add line describes (honours Idempotency-Key)"""
        return current_app.container.bus().handle(commands.QuickAdd(actor_id=current_user_id(), text=body["text"]))


@blp.route("/ai/command")
class Command(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(TextArgs)
    @blp.response(200, CommandResult)
    @blp.alt_response(409, description="/add would pass the open-task cap (PLANLOOM_MAX_OPEN_TASKS)")
    @blp.alt_response(422, description="Text over the caps, or an unknown or incomplete command")
    def post(self, body):
        """Run a slash command (/done, /snooze, /move, /pin, /today, /week, /plan, /p1../p4, /tag, /help)"""
        return current_app.container.bus().handle(commands.RunSlashCommand(actor_id=current_user_id(),
                                                                           text=body["text"]))


class FineTuneArgs(StrictSchema):
    base_model = text_field(200, 1, metadata={
        "description": "One of the server's allowed base models (PLANLOOM_FINE_TUNE_MODELS); default: the first."})


class FineTuneSchema(StrictSchema):
    base_model = fields.String()
    job_id = fields.String()
    status = fields.String()
    fine_tuned_model = fields.String(allow_none=True)
    error = fields.String(allow_none=True)
    updated_at = fields.AwareDateTime()


@blp.route("/ai/training-data")
class TrainingData(MethodView):
    decorators = [jwt_required()]

    @blp.response(200, content_type="application/jsonl")
    def get(self):
        """Your corrected quick-add readings as JSONL in OpenAI's chat fine-tuning format"""
        body = training_jsonl(current_app.container.reader(), current_user_id())
        return Response(body, mimetype="application/jsonl",
                        headers={"Content-Disposition": 'attachment; filename="planloom-training.jsonl"'})


@blp.route("/ai/fine-tunes")
class FineTunes(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(FineTuneArgs)
    @blp.response(202, FineTuneSchema)
    @blp.alt_response(403, description="Only admins may start fine-tuning jobs on this server")
    @blp.alt_response(409, description="No language-model server configured, a job already running, or the "
                                       "monthly quota used up")
    @blp.alt_response(422, description="A base model outside the allow-list, or fewer than 10 corrected readings")
    def post(self, body):
        """Fine-tune a model on your corrections; your parses use it once the job succeeds

        The job is paid for on the server's OpenAI (compatible) account, so only admins may start one,
        unless the server gives every user a monthly quota of jobs (PLANLOOM_FINE_TUNE_USER_MONTHLY_QUOTA,
        calendar months in UTC). `base_model` must be one of the models the server allows
        (PLANLOOM_FINE_TUNE_MODELS); without it, the first of them."""
        return current_app.container.bus().handle(commands.StartFineTune(current_user_id(), body.get("base_model")))

    @blp.response(200, FineTuneSchema)
    def get(self):
        """Your model and the state of its fine-tuning job (refreshed from the server)"""
        model = current_app.container.bus().handle(commands.RefreshFineTune(current_user_id()))
        if model is None:
            from domain.errors import NotFound

            raise NotFound("no fine-tuning job yet")
        return model

"""A local server that speaks the OpenAI HTTP protocol, for offline tests of the OpenAI adapter.

A werkzeug WSGI app in a thread on a free port of 127.0.0.1 serves ``POST /v1/chat/completions``,
``POST /v1/files`` (multipart), ``POST /v1/fine_tuning/jobs`` and ``GET /v1/fine_tuning/jobs/{id}``
with bodies shaped like OpenAI's. Chat answers are scripted per test as a queue of behaviours
(``answer``, ``tool_answer``, ``raw_content``, ``fail``, ``rate_limit``, ``stall``); a chat request
that finds the queue empty gets a 500 that says so (and is listed in ``unscripted``). Files and
jobs keep state; ``fail(..., route="files"|"jobs")`` scripts an error for them, ``finish_job`` and
``fail_job`` move a job on. Every request is recorded (method, path, headers, JSON body or form
fields and files) for assertions. Registered by ``pytest_plugins`` in tests/conftest.py as the
``fake_openai`` fixture: a fresh server per test, stopped afterwards.
"""
from __future__ import annotations

import json
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Callable

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    json: Any = None
    form: dict[str, str] = field(default_factory=dict)
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list((self.json or {}).get("messages", []))


@dataclass
class Reply:
    status: int = 200
    body: Any = None                      # a dict/list is sent as JSON, str/bytes as they are
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0                    # seconds to wait before answering (cut short on stop)


Behaviour = Callable[[dict[str, Any]], Reply]


def _error(status: int, message: str, kind: str, code: str | None = None) -> dict[str, Any]:
    return {"error": {"message": message, "type": kind, "param": None, "code": code}}


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args: Any, **kwargs: Any) -> None:
        pass


class FakeOpenAI:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._queues: dict[str, deque[Behaviour]] = {"chat": deque(), "files": deque(), "jobs": deque()}
        self.requests: list[Recorded] = []
        self.unscripted: list[Recorded] = []
        self.uploaded: dict[str, dict[str, Any]] = {}
        self.jobs: dict[str, dict[str, Any]] = {}
        self._server = make_server("127.0.0.1", 0, self._app, threaded=True, request_handler=_QuietHandler)
        self._server.block_on_close = False  # a stalled handler must not hold up the teardown
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02},
                                        name="fake-openai", daemon=True)

    # -- lifecycle ---------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}/v1"

    def start(self) -> "FakeOpenAI":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    # -- scripting the chat endpoint ----------------------------------------------------------
    def script(self, behaviour: Behaviour, route: str = "chat", times: int = 1) -> None:
        with self._lock:
            self._queues[route].extend([behaviour] * times)

    def answer(self, payload: Any, times: int = 1) -> None:
        """A valid completion whose content is ``payload`` as JSON (a str is sent as it is)."""
        content = payload if isinstance(payload, str) else json.dumps(payload)
        self.script(lambda req: Reply(body=self._completion(req, {"content": content})), times=times)

    def raw_content(self, content: str | None, finish_reason: str = "stop", refusal: str | None = None) -> None:
        """A completion with this exact content (malformed JSON, truncated text, None, a refusal)."""
        self.script(lambda req: Reply(body=self._completion(
            req, {"content": content, "refusal": refusal}, finish_reason)))

    def tool_answer(self, arguments: Any, name: str = "record_interpretation") -> None:
        """A completion that calls the tool ``name`` with ``arguments`` (JSON-encoded unless a str)."""
        args = arguments if isinstance(arguments, str) else json.dumps(arguments)
        call = {"id": f"call_{uuid.uuid4().hex[:24]}", "type": "function",
                "function": {"name": name, "arguments": args}}
        self.script(lambda req: Reply(body=self._completion(req, {"content": None, "tool_calls": [call]},
                                                            "tool_calls")))

    def fail(self, status: int, message: str = "The server had an error while processing your request.",
             route: str = "chat", times: int = 1, headers: dict[str, str] | None = None) -> None:
        kind = {400: "invalid_request_error", 401: "invalid_request_error", 404: "invalid_request_error",
                429: "requests", 503: "server_error"}.get(status, "server_error" if status >= 500 else "error")
        body = _error(status, message, kind)
        self.script(lambda req: Reply(status, body, dict(headers or {})), route=route, times=times)

    def rate_limit(self, retry_after_ms: int = 20, times: int = 1) -> None:
        """429 with ``retry-after-ms`` (the SDK prefers it) and a whole-second ``Retry-After``."""
        headers = {"retry-after-ms": str(retry_after_ms), "retry-after": str(max(1, -(-retry_after_ms // 1000))),
                   "x-ratelimit-remaining-requests": "0"}
        body = _error(429, "Rate limit reached for requests.", "requests", "rate_limit_exceeded")
        self.script(lambda req: Reply(429, body, headers), times=times)

    def stall(self, seconds: float, times: int = 1) -> None:
        """Answer only after ``seconds`` (longer than the client's timeout), then validly but uselessly."""
        self.script(lambda req: Reply(body=self._completion(req, {"content": "{}"}), delay=seconds), times=times)

    # -- fine-tuning state --------------------------------------------------------------------
    def finish_job(self, job_id: str, fine_tuned_model: str | None = None) -> str:
        with self._lock:
            job = self.jobs[job_id]
            name = fine_tuned_model or f"ft:{job['model']}:planloom:{job['user_provided_suffix'] or 'x'}:{job_id[-8:]}"
            job.update(status="succeeded", fine_tuned_model=name, finished_at=int(time.time()),
                       trained_tokens=1234, result_files=[f"file-{uuid.uuid4().hex[:24]}"])
            return name

    def fail_job(self, job_id: str, message: str = "Training file has too few examples.") -> None:
        with self._lock:
            self.jobs[job_id].update(status="failed", finished_at=int(time.time()),
                                     error={"code": "invalid_training_file", "message": message, "param": "training_file"})

    # -- what was received --------------------------------------------------------------------
    @property
    def chat_requests(self) -> list[Recorded]:
        with self._lock:
            return [r for r in self.requests if r.path == "/v1/chat/completions"]

    # -- the protocol -------------------------------------------------------------------------
    def _completion(self, req: dict[str, Any], message: dict[str, Any], finish_reason: str = "stop") -> dict[str, Any]:
        return {
            "id": f"chatcmpl-{uuid.uuid4().hex[:29]}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": req.get("model", "unknown"),
            "system_fingerprint": "fp_fake",
            "choices": [{"index": 0, "logprobs": None, "finish_reason": finish_reason,
                         "message": {"role": "assistant", "refusal": None, "annotations": [], **message}}],
            "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
        }

    def _next(self, route: str) -> Behaviour | None:
        with self._lock:
            queue = self._queues[route]
            return queue.popleft() if queue else None

    def _app(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        request = Request(environ)
        recorded = Recorded(request.method, request.path, {k.lower(): v for k, v in request.headers.items()})
        if request.mimetype == "application/json":
            recorded.json = request.get_json(silent=True)
        elif request.mimetype == "multipart/form-data":
            recorded.form = dict(request.form)
            recorded.files = {name: (f.filename or "", f.read()) for name, f in request.files.items()}
        with self._lock:
            self.requests.append(recorded)
        reply = self._route(request, recorded)
        if reply.delay:
            self._stop.wait(reply.delay)
        body = reply.body
        if isinstance(body, (dict, list)):
            body, mimetype = json.dumps(body), "application/json"
        else:
            mimetype = "application/json" if body is None or isinstance(body, str) else "application/octet-stream"
        headers = {"x-request-id": f"req_{uuid.uuid4().hex}", "openai-processing-ms": "12",
                   "connection": "close", **reply.headers}
        return Response(body or b"", status=reply.status, headers=headers, mimetype=mimetype)(environ, start_response)

    def _route(self, request: Request, recorded: Recorded) -> Reply:
        path, method = request.path, request.method
        if path == "/v1/chat/completions" and method == "POST":
            behaviour = self._next("chat")
            if behaviour is None:
                with self._lock:
                    self.unscripted.append(recorded)
                return Reply(500, _error(500, "fake_openai: no scripted answer for this request", "server_error"),
                             {"x-should-retry": "false"})
            return behaviour(recorded.json or {})
        if path == "/v1/files" and method == "POST":
            behaviour = self._next("files")
            return behaviour(recorded.form) if behaviour else self._upload(recorded)
        if path == "/v1/fine_tuning/jobs" and method == "POST":
            behaviour = self._next("jobs")
            return behaviour(recorded.json or {}) if behaviour else self._create_job(recorded.json or {})
        if path.startswith("/v1/fine_tuning/jobs/") and method == "GET":
            behaviour = self._next("jobs")
            if behaviour:
                return behaviour({})
            with self._lock:
                job = self.jobs.get(path.rsplit("/", 1)[1])
                return Reply(body=dict(job)) if job else Reply(
                    404, _error(404, "No such fine-tuning job.", "invalid_request_error", "fine_tune_not_found"))
        return Reply(404, _error(404, f"Unknown route {method} {path}", "invalid_request_error"))

    def _upload(self, recorded: Recorded) -> Reply:
        if "file" not in recorded.files or recorded.form.get("purpose") not in {"fine-tune", "assistants", "batch"}:
            return Reply(400, _error(400, "file and a valid purpose are required", "invalid_request_error"))
        filename, content = recorded.files["file"]
        file_id = f"file-{uuid.uuid4().hex[:24]}"
        body = {"id": file_id, "object": "file", "bytes": len(content), "created_at": int(time.time()),
                "filename": filename, "purpose": recorded.form["purpose"], "status": "processed",
                "status_details": None, "expires_at": None}
        with self._lock:
            self.uploaded[file_id] = {**body, "content": content}
        return Reply(body=body)

    def _create_job(self, payload: dict[str, Any]) -> Reply:
        with self._lock:
            known = payload.get("training_file") in self.uploaded
        if not known:
            return Reply(400, _error(400, f"invalid training_file: {payload.get('training_file')}",
                                     "invalid_request_error", "invalid_file"))
        if not payload.get("model"):
            return Reply(400, _error(400, "model is required", "invalid_request_error"))
        job_id = f"ftjob-{uuid.uuid4().hex[:24]}"
        job = {
            "object": "fine_tuning.job", "id": job_id, "model": payload["model"], "created_at": int(time.time()),
            "finished_at": None, "fine_tuned_model": None, "organization_id": "org-fake",
            "result_files": [], "status": "validating_files", "validation_file": payload.get("validation_file"),
            "training_file": payload["training_file"], "trained_tokens": None, "error": None,
            "user_provided_suffix": payload.get("suffix"), "seed": 42, "estimated_finish": None,
            "integrations": [], "metadata": None,
            "hyperparameters": {"n_epochs": "auto", "batch_size": "auto", "learning_rate_multiplier": "auto"},
            "method": {"type": "supervised", "supervised": {"hyperparameters": {
                "n_epochs": "auto", "batch_size": "auto", "learning_rate_multiplier": "auto"}}},
        }
        with self._lock:
            self.jobs[job_id] = job
        return Reply(body=dict(job))


@pytest.fixture
def fake_openai():
    """A fresh OpenAI-protocol server for one test; ``.base_url`` goes to the SDK as ``base_url``."""
    server = FakeOpenAI().start()
    try:
        yield server
    finally:
        server.stop()

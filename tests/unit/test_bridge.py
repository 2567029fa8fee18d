"""The buffering front, driven as an ASGI server drives it: requests read whole before Flask runs,
bodies capped and timed, responses collected, headers mapped to the WSGI environ."""
from __future__ import annotations

import asyncio
import gc
import io
import json
import threading

from flask import Flask, request
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Response

from entrypoints.config import Settings
from entrypoints.container import build_container
from entrypoints.http.app import create_app
from entrypoints.http import timing
from entrypoints.http.bridge import BufferedWsgi


def _app() -> Flask:
    app = Flask("bridge-test")

    @app.post("/echo")
    def echo():
        return {"body": request.get_data(as_text=True), "length": request.content_length,
                "cookie": request.headers.get("Cookie"), "accept": request.headers.get("Accept"),
                "path": request.path, "query": request.args.get("q"), "remote": request.remote_addr}

    return app


def _scope(path: str = "/echo", headers: list | None = None, query: bytes = b"") -> dict:
    return {"type": "http", "http_version": "1.1", "method": "POST", "scheme": "http", "path": path,
            "root_path": "", "query_string": query, "headers": headers or [],
            "server": ("127.0.0.1", 8000), "client": ("10.1.2.3", 5555)}


def _call(bridge: BufferedWsgi, scope: dict, messages: list[dict | None]) -> tuple[int, dict, bytes]:
    """Feeds ``messages`` to the app (None: the client goes quiet) and collects what it sends."""
    sent: list[dict] = []

    async def receive():
        if messages:
            message = messages.pop(0)
            if message is not None:
                return message
        await asyncio.sleep(3600)

    async def send(message):
        sent.append(message)

    asyncio.run(bridge(scope, receive, send))
    start = sent[0]
    return start["status"], {k.decode(): v.decode() for k, v in start["headers"]}, b"".join(
        m.get("body", b"") for m in sent[1:])


def test_a_request_read_in_chunks_reaches_flask_whole_with_its_headers():
    bridge = BufferedWsgi(_app(), threads=1)
    headers = [(b"content-type", b"text/plain"), (b"transfer-encoding", b"chunked"), (b"cookie", b"a=1"),
               (b"cookie", b"b=2"), (b"accept", b"text/html"), (b"accept", b"application/json")]
    status, _, body = _call(bridge, _scope(headers=headers, query=b"q=%C3%A9t%C3%A9"), [
        {"type": "http.request", "body": b"hello ", "more_body": True},
        {"type": "http.request", "body": b"world", "more_body": False}])
    assert status == 200
    assert json.loads(body) == {"body": "hello world", "length": 11, "cookie": "a=1; b=2",
                                "accept": "text/html,application/json", "path": "/echo", "query": "été",
                                "remote": "10.1.2.3"}


def test_bodies_over_the_cap_get_413_declared_or_streamed():
    bridge = BufferedWsgi(_app(), threads=1, max_body_bytes=10)
    declared, _, body = _call(bridge, _scope(headers=[(b"content-length", b"11")]), [])
    assert declared == 413 and json.loads(body)["status"] == 413
    streamed, headers, _ = _call(bridge, _scope(), [{"type": "http.request", "body": b"x" * 6, "more_body": True},
                                                    {"type": "http.request", "body": b"x" * 6, "more_body": True}])
    assert streamed == 413 and headers["content-type"] == "application/problem+json"


def test_a_body_that_stops_arriving_gets_408():
    bridge = BufferedWsgi(_app(), threads=1, body_timeout=0.2)
    status, headers, body = _call(bridge, _scope(), [{"type": "http.request", "body": b"{", "more_body": True}, None])
    assert status == 408 and headers["connection"] == "close"
    assert "0.2 s" in json.loads(body)["detail"]


def test_healthz_is_answered_without_a_pool_thread():
    bridge, release = BufferedWsgi(_app(), threads=1), threading.Event()
    bridge.executor.submit(release.wait, 30)  # the only thread is busy
    try:
        status, headers, body = _call(bridge, _scope(path="/healthz") | {"method": "GET"}, [])
    finally:
        release.set()
    assert status == 200 and json.loads(body) == {"status": "ok"} and headers["content-length"] == str(len(body))


def test_every_413_is_worded_alike_whichever_layer_refuses():
    """The async front (declared or streamed size), the chunked-body cap and Werkzeug's Content-Length
    check answer the same title and detail."""
    settings = Settings(profile="memory", secret_key="bridge-" * 8, max_body_bytes=100)
    app = create_app(settings, build_container(settings))
    body, json_type = b'{"title": "' + b"x" * 200 + b'"}', (b"content-type", b"application/json")
    declared = app.test_client().post("/api/v1/tasks", data=body, content_type="application/json")
    environ = EnvironBuilder(path="/api/v1/tasks", method="POST", input_stream=io.BytesIO(body),
                             headers={"Transfer-Encoding": "chunked", "Content-Type": "application/json"}).get_environ()
    del environ["CONTENT_LENGTH"]
    environ["wsgi.input_terminated"] = True  # as gunicorn says of a chunked body it de-chunks
    chunked = Response.from_app(app, environ)
    answers = [(declared.status_code, declared.get_json()), (chunked.status_code, chunked.get_json())]
    front = BufferedWsgi(app, threads=1, max_body_bytes=100)
    for headers in ([json_type, (b"content-length", str(len(body)).encode())], [json_type]):
        status, _, sent = _call(front, _scope("/api/v1/tasks", headers), [
            {"type": "http.request", "body": body[:150], "more_body": True},
            {"type": "http.request", "body": body[150:], "more_body": False}])
        answers.append((status, json.loads(sent)))
    assert {(status, answer["title"], answer["detail"]) for status, answer in answers} == {
        (413, "Payload too large", "Request bodies are limited to 100 bytes.")}


def test_the_image_upload_route_alone_takes_bodies_up_to_the_image_cap():
    from entrypoints.http.uploads import IMAGE_UPLOAD_BODY_BYTES

    bridge = BufferedWsgi(_app(), threads=1, max_body_bytes=10)
    size = str(IMAGE_UPLOAD_BODY_BYTES).encode()
    over = str(IMAGE_UPLOAD_BODY_BYTES + 1).encode()
    upload = _scope("/api/v1/images", [(b"content-length", size)])
    status, _, _ = _call(bridge, upload, [{"type": "http.request", "body": b"x" * IMAGE_UPLOAD_BODY_BYTES}])
    assert status == 404  # read whole and handed to the app (this one has no such route), not a 413
    refused, _, body = _call(bridge, _scope("/api/v1/images", [(b"content-length", over)]), [])
    assert refused == 413 and str(IMAGE_UPLOAD_BODY_BYTES) in json.loads(body)["detail"]
    elsewhere, _, _ = _call(bridge, _scope("/api/v1/tasks", [(b"content-length", b"11")]), [])
    assert elsewhere == 413


def test_every_flask_answer_says_where_its_time_went_in_a_server_timing_header():
    """total (in the front) holds the wait for a thread and Flask's time; the thread's CPU and its
    wait for a core are parts of Flask's time; a collection forced inside the view is counted."""

    app = _app()

    @app.get("/collect")
    def collect():
        gc.collect()
        return {}

    bridge = BufferedWsgi(app, threads=1)
    _, headers, _ = _call(bridge, _scope(path="/collect") | {"method": "GET"}, [{"type": "http.request", "body": b""}])
    parts = timing.parse(headers["server-timing"])
    assert set(parts) == {"total", "queue", "app", "cpu", "runq", "gc"}  # runq: Linux, as here
    assert all(value >= 0 for value in parts.values())
    assert parts["total"] >= parts["queue"] + parts["app"] - 0.02  # two decimals each, rounded
    assert parts["gc"] > 0


def test_gc_pauses_count_each_collection_by_generation_once_installed():
    pauses = timing.GcPauses()
    assert pauses.install() is pauses.install() and gc.callbacks.count(pauses) == 1
    try:
        gc.collect()
        gc.collect(0)
    finally:
        gc.callbacks.remove(pauses)
    assert pauses.collections[2] >= 1 and pauses.collections[0] >= 1 and pauses.seconds > 0


def test_server_timing_values_parse_back_and_odd_metrics_are_left_out():
    name, value = timing.header(1.0, 1.001, 1.002, 1.012, 0.004, None, 1.013, 0.0005)
    assert name == b"server-timing"
    assert timing.parse(value.decode()) == {"total": 13.0, "queue": 1.0, "app": 10.0, "cpu": 4.0, "gc": 0.5}
    assert timing.parse('db;desc="x", miss, cache;dur=oops, edge;dur=1.5') == {"edge": 1.5}

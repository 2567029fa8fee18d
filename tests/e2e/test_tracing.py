"""Tracing, when PLANLOOM_TRACING_ENDPOINT is set: spans go over OTLP/HTTP (protobuf) to a collector
(here one started by the test that decodes the real wire format). A request's server span and the
consumer span of the event it caused share the request id; the event carried it through the outbox."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from opentelemetry import trace
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

from entrypoints import tracing
from tests.e2e.conftest import sign_up


class Collector:
    """An OTLP/HTTP trace receiver: POST /v1/traces with an ExportTraceServiceRequest body."""

    def __init__(self) -> None:
        self.spans: list[dict] = []
        collector = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                assert self.path == "/v1/traces" and self.headers["Content-Type"] == "application/x-protobuf"
                request = ExportTraceServiceRequest.FromString(body)
                for resource in request.resource_spans:
                    service = {a.key: a.value.string_value for a in resource.resource.attributes}["service.name"]
                    for scope in resource.scope_spans:
                        for span in scope.spans:
                            attributes = {a.key: a.value.string_value or a.value.int_value
                                          for a in span.attributes}
                            collector.spans.append({"name": span.name, "service": service, "kind": span.kind,
                                                    "trace_id": span.trace_id.hex(), "attributes": attributes})
                self.send_response(200)
                self.send_header("Content-Type", "application/x-protobuf")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def wait_for(self, predicate, timeout: float = 10.0) -> list[dict]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            tracing._installed["provider"].force_flush()
            found = [s for s in self.spans if predicate(s)]
            if found:
                return found
            time.sleep(0.1)
        raise AssertionError(f"no such span among {[(s['name'], s['service']) for s in self.spans]}")


@pytest.fixture(scope="session")
def collector():
    """One collector for the session: a process sets its tracer provider once."""
    found = Collector()
    yield found
    tracing.uninstall()  # the last batch goes out while the collector still listens; later tests trace nothing
    found.server.shutdown()


def test_a_request_and_the_consumers_of_its_events_share_its_request_id(make_app, collector):
    app = make_app("memory", tracing_endpoint=collector.url)
    assert tracing._installed, "tracing is on"
    client = app.test_client()
    alice = sign_up(client)
    created = alice.post("/api/v1/tasks", json={"title": "Write the report", "duration_minutes": 60},
                         headers={"X-Request-ID": "req-trace-0001"})
    assert created.status_code == 201

    (server,) = collector.wait_for(lambda s: s["attributes"].get("planloom.request_id") == "req-trace-0001"
                                   and s["kind"] == trace.SpanKind.SERVER.value + 1)
    assert server["service"] == "planloom-web"
    assert server["name"] == "POST /api/v1/tasks"  # the route template, never a user's id in a name

    # The event the request wrote carries its id through the outbox and the (in-process) broker ...
    container = app.container
    relayed = []
    container.outbox().relay_batch(100, relayed.extend, container.clock().now())
    created_events = [m for m in relayed if m.name == "TaskCreated"]
    assert created_events and {m.request_id for m in created_events} == {"req-trace-0001"}
    # ... into the consumer, which runs under that id and in a span of its own.
    consumer = container.consumer(name="replan")
    consumer.handle(created_events[0])
    (span,) = collector.wait_for(lambda s: s["name"] == "consume replan"
                                 and s["attributes"].get("planloom.request_id") == "req-trace-0001")
    assert span["attributes"]["planloom.event"] == "TaskCreated"
    assert span["kind"] == trace.SpanKind.CONSUMER.value + 1


def test_the_events_a_consumer_raises_keep_the_request_id(make_app, collector):
    app = make_app("memory", tracing_endpoint=collector.url)
    client = app.test_client()
    alice = sign_up(client)
    assert alice.post("/api/v1/tasks", json={"title": "Plan me", "duration_minutes": 30},
                      headers={"X-Request-ID": "req-chain-0002"}).status_code == 201
    container = app.container
    first = []
    container.outbox().relay_batch(100, first.extend, container.clock().now())
    consumer = container.consumer(name="replan")
    for message in first:
        if message.name in consumer.routing_keys:
            consumer.handle(message)
    second = []
    container.outbox().relay_batch(100, second.extend, container.clock().now())
    changed = [m for m in second if m.name == "ScheduleChanged"]
    assert changed and {m.request_id for m in changed} == {"req-chain-0002"}

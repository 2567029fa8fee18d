"""OpenTelemetry tracing, off unless ``PLANLOOM_TRACING_ENDPOINT`` names an OTLP/HTTP collector
(``http://otel-collector:4318``; Jaeger, Tempo, Honeycomb and the OpenTelemetry Collector take it).

On: each process exports its spans in batches (a background thread; a collector that is away costs
dropped spans, never a slower request). HTTP requests become server spans through the Flask
instrumentation, each with ``planloom.request_id``; each consumed message becomes a consumer span
``consume <queue>`` with the request id that caused it, restored as the context's ``REQUEST_ID`` so the
events the consumer raises carry it on. Off: the OpenTelemetry API's no-op tracer, nothing exported.
"""
from __future__ import annotations

import logging
from typing import Callable

from opentelemetry import trace

from ports.outbox import OutboxMessage
from ports.telemetry import REQUEST_ID

log = logging.getLogger(__name__)
_installed: dict[str, object] = {}


def install(settings, service: str):
    """Export this process's spans to the configured collector (once per process); the provider, or None
    when tracing is off."""
    if not settings.tracing_endpoint:
        return None
    if "provider" in _installed:
        return _installed["provider"]
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor
    from opentelemetry.sdk.trace.sampling import ParentBased, TraceIdRatioBased

    provider = TracerProvider(resource=Resource.create({"service.name": service}),
                              sampler=ParentBased(TraceIdRatioBased(settings.tracing_sample_ratio)))
    endpoint = settings.tracing_endpoint.rstrip("/") + "/v1/traces"
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=endpoint, timeout=5)))
    _installed["provider"] = provider  # used explicitly (not made the global one): uninstall() can undo it
    log.info("tracing: spans of %s go to %s", service, endpoint)
    return provider


def uninstall() -> None:
    """Export what is left and stop tracing in this process (tests; a process's end does it too)."""
    provider = _installed.pop("provider", None)
    if provider is not None:
        provider.shutdown()


def _tracer():
    provider = _installed.get("provider")
    return provider.get_tracer("planloom.consumers") if provider is not None else trace.get_tracer(__name__)


def instrument_app(app, provider) -> None:
    """Server spans for every request, named by route template, with the request id."""
    from flask import g
    from opentelemetry.instrumentation.flask import FlaskInstrumentor

    def request_hook(span, environ) -> None:
        if span is not None and span.is_recording():
            span.set_attribute("planloom.request_id", getattr(g, "request_id", "") or "")

    FlaskInstrumentor().instrument_app(app, tracer_provider=provider, request_hook=request_hook,
                                       excluded_urls="healthz,readyz,metrics")


def consuming(queue: str, handle: Callable[[OutboxMessage], None]) -> Callable[[OutboxMessage], None]:
    """``handle`` for one queue's messages, in a consumer span, with the request id that caused each."""
    def traced(message: OutboxMessage) -> None:
        token = REQUEST_ID.set(message.request_id)
        try:
            with _tracer().start_as_current_span(f"consume {queue}", kind=trace.SpanKind.CONSUMER) as span:
                if span.is_recording():
                    span.set_attribute("messaging.destination.name", queue)
                    span.set_attribute("messaging.message.id", str(message.id))
                    span.set_attribute("planloom.event", message.name)
                    span.set_attribute("planloom.request_id", message.request_id or "")
                handle(message)
        finally:
            REQUEST_ID.reset(token)

    return traced

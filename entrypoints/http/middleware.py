"""Cross-cutting HTTP concerns: request ids and one log line per request, security headers,
CORS for configured origins only, body size and media type checks."""
from __future__ import annotations

import logging
import time
import uuid
from typing import Any

from flask import Flask, Response, g, request

from entrypoints.http.errors import problem
from entrypoints.http.uploads import takes_uploads
from ports.telemetry import REQUEST_ID

log = logging.getLogger("planloom.access")

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
}
# Same-origin only, and no inline code: the SPA and the API docs (entrypoints.http.docs) ship files.
CSP_APP = ("default-src 'self'; img-src 'self' data: blob:; style-src 'self'; "
           "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
BODY_METHODS = ("POST", "PUT", "PATCH")
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
# Added to every response that does not set them itself, in this order; the API's also get Cache-Control.
_DEFAULTS = [(name.lower(), name, value) for name, value in SECURITY_HEADERS.items()] + [
    ("content-security-policy", "Content-Security-Policy", CSP_APP)]
_API_DEFAULTS = _DEFAULTS + [("cache-control", "Cache-Control", "no-store")]


def install(app: Flask, settings: Any) -> None:
    origins = set(settings.cors_origins)
    json_logs = settings.log_format == "json"
    telemetry = app.container.telemetry()

    @app.before_request
    def _start() -> Response | None:
        g.request_id = request.headers.get("X-Request-ID", "")[:64] or uuid.uuid4().hex
        REQUEST_ID.set(g.request_id)  # the events this request writes carry it on (ports.telemetry)
        g.started = time.perf_counter()
        if request.method == "OPTIONS" and request.headers.get("Origin") in origins:
            return Response(status=204)
        if request.method in BODY_METHODS and request.path.startswith("/api/") and _has_body():
            mimetype = request.mimetype or ""
            if mimetype == "multipart/form-data" and takes_uploads(request.method, request.path):
                return None
            if mimetype != "application/json" and not mimetype.endswith("+json"):
                return problem(415, "Send the request body as application/json.")
        return None

    @app.after_request
    def _finish(response: Response) -> Response:
        headers = response.headers
        present = {name.lower() for name in headers.keys()}  # one pass, not one scan per default
        defaults = _API_DEFAULTS if request.path.startswith("/api/") else _DEFAULTS
        headers.extend([(name, value) for key, name, value in defaults if key not in present])
        origin = request.headers.get("Origin")
        if origin and origin in origins:
            response.headers["Access-Control-Allow-Origin"] = origin
            response.headers["Vary"] = "Origin"
            response.headers["Access-Control-Allow-Headers"] = "Authorization, Content-Type, If-Match, Idempotency-Key"
            response.headers["Access-Control-Allow-Methods"] = "GET, POST, PUT, PATCH, DELETE, OPTIONS"
            response.headers["Access-Control-Expose-Headers"] = "ETag, X-Pagination, X-Request-ID, Retry-After"
            response.headers["Access-Control-Max-Age"] = "600"
        request_id = getattr(g, "request_id", "-")
        response.headers["X-Request-ID"] = request_id
        seconds = time.perf_counter() - getattr(g, "started", time.perf_counter())
        duration_ms = seconds * 1000
        route = request.url_rule.rule if request.url_rule is not None else "unmatched"  # a template: bounded
        method = request.method if request.method in METHODS else "other"  # any token is a method to HTTP
        telemetry.observe_request(route, method, response.status_code, seconds)
        if response.status_code == 429:
            telemetry.count_rate_limited(route)
        fields = {"method": request.method, "path": request.path, "route": route, "status": response.status_code,
                  "duration_ms": round(duration_ms, 2), "request_id": request_id}
        if json_logs:  # the fields ride on the record: entrypoints.logs writes them as the line's own keys
            log.info("%s %s %s", request.method, request.path, response.status_code, extra=fields)
        else:
            log.info("%(method)s %(path)s %(status)s %(duration_ms).1fms id=%(request_id)s", fields)
        return response


def is_chunked() -> bool:
    """A body sent without a length, in chunks (``chunked`` is the last of the transfer codings)."""
    return request.content_length is None and "chunked" in request.headers.get("Transfer-Encoding", "").lower()


def _has_body() -> bool:
    return bool(request.content_length) or is_chunked()

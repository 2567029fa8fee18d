"""One JSON shape for every error: RFC 9457 problem details with field errors.

Domain errors map to statuses here and only here. No stack trace ever reaches a client.
"""
from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, current_app, jsonify, request
from sqlalchemy.exc import IntegrityError, OperationalError, TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException

from domain import errors as domain
from entrypoints.http.wording import TITLES, body_too_large

log = logging.getLogger("planloom.http")

STATUS_OF: dict[type[domain.DomainError], int] = {  # first match wins: subclasses before their base
    domain.UnsupportedMedia: 415,
    domain.TooLarge: 413,
    domain.ValidationError: 422,
    domain.BadRequest: 400,
    domain.NotFound: 404,
    domain.Conflict: 409,
    domain.StaleVersion: 412,
    domain.PermissionDenied: 403,
    domain.AuthenticationFailed: 401,
    domain.RateLimited: 429,
    domain.ProviderUnavailable: 502,
    domain.StorageUnavailable: 503,
}
TITLED = (domain.ProviderUnavailable,)  # errors whose problem title is their own, not their status's



def problem(status: int, detail: str, errors: dict[str, Any] | None = None, title: str | None = None,
            headers: dict[str, str] | None = None) -> Response:
    body: dict[str, Any] = {"type": "about:blank", "status": status, "title": title or TITLES.get(status, "Error"),
                            "detail": detail}
    if errors:
        body["errors"] = errors
    response = jsonify(body)
    response.status_code = status
    response.mimetype = "application/problem+json"
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _flatten(messages: Any, prefix: str = "") -> dict[str, list[str]]:
    """webargs/marshmallow nest errors by location and field; flatten to ``field.path: [messages]``."""
    out: dict[str, list[str]] = {}
    if isinstance(messages, dict):
        for key, value in messages.items():
            if isinstance(key, int):  # a list item, named as the domain names it: ``working_hours.mon[0]``
                path = f"{prefix}[{key}]"
            else:
                path = f"{prefix}.{key}" if prefix else str(key)
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                out[path] = list(value)
            else:
                out.update(_flatten(value, path))
    elif isinstance(messages, list):
        out[prefix or "_"] = [str(m) for m in messages]
    else:
        out[prefix or "_"] = [str(messages)]
    return out


def _strip_location(errors: dict[str, list[str]]) -> dict[str, list[str]]:
    clean: dict[str, list[str]] = {}
    for path, messages in errors.items():
        head, _, rest = path.partition(".")
        key = rest if head in ("json", "query", "path", "headers", "form", "files") and rest else path
        clean.setdefault(key, []).extend(messages)
    return clean


def http_exception(error: HTTPException) -> Response:
    status = error.code or 500
    data = getattr(error, "data", None) or {}
    messages = data.get("messages")
    if messages:
        fields = _strip_location(_flatten(messages))
        if fields.get("_") == ["Invalid JSON body."] or "Invalid JSON body." in str(messages):
            return problem(400, "The request body is not valid JSON.")
        first = next(iter(fields.items()))
        return problem(status, f"{first[0]}: {first[1][0]}", fields)
    headers = {}
    if status == 405 and getattr(error, "valid_methods", None):
        headers["Allow"] = ", ".join(error.valid_methods)
    if status == 413:  # Werkzeug's Content-Length check: worded like the other 413s
        return problem(413, body_too_large(request.max_content_length or current_app.config["MAX_CONTENT_LENGTH"]))
    if status == 429:
        retry = getattr(error, "retry_after", None)
        headers["Retry-After"] = str(int(retry)) if retry else "60"
    detail = data.get("message") or error.description or TITLES.get(status, "Error")
    return problem(status, str(detail), headers=headers)


def domain_error(error: domain.DomainError) -> Response:
    status = next((code for kind, code in STATUS_OF.items() if isinstance(error, kind)), 400)
    headers = {"Retry-After": str(error.retry_after_seconds)} if isinstance(error, domain.RateLimited) else None
    if status == 503:
        headers = {"Retry-After": "5"}
    if status == 401:
        headers = {"WWW-Authenticate": "Bearer"}
    title = error.title if isinstance(error, TITLED) else None
    return problem(status, error.detail, error.field_errors or None, title=title, headers=headers)


def register(app: Flask) -> None:
    app.register_error_handler(domain.DomainError, domain_error)
    app.register_error_handler(HTTPException, http_exception)

    @app.errorhandler(IntegrityError)
    def _integrity(error: IntegrityError) -> Response:
        log.warning("integrity error: %s", error.orig)
        return problem(409, "The change conflicts with existing data.")

    @app.errorhandler(OperationalError)
    def _unavailable(error: OperationalError) -> Response:
        log.error("database unavailable: %s", error.orig)
        return problem(503, "The database is unavailable; try again shortly.", headers={"Retry-After": "5"})

    @app.errorhandler(PoolTimeout)
    def _pool_exhausted(error: PoolTimeout) -> Response:
        log.error("no free database connection: %s", error)
        return problem(503, "The database is busy; try again shortly.", headers={"Retry-After": "5"})

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> Response:
        log.exception("unhandled error")
        return problem(500, "Something went wrong on our side. It has been logged.")

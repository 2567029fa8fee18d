"""``Idempotency-Key`` for authenticated POSTs that create things.

A replay with the same key and body gets the stored response (with ``Idempotent-Replayed: true``);
the same key with another body is a 422. Keys are scoped to the user and live 24 hours.
"""
from __future__ import annotations

import functools
import hashlib
from datetime import timedelta
from typing import Callable

from flask import current_app, make_response, request

from entrypoints.http.auth import current_user_id
from entrypoints.http.errors import problem
from ports.idempotency import StoredResponse

TTL = timedelta(hours=24)
KEPT_HEADERS = ("Location", "ETag", "Content-Type")


def _fingerprint() -> str:
    digest = hashlib.sha256()
    digest.update(request.method.encode() + b" " + request.path.encode() + b"\n")
    digest.update(request.get_data(cache=True))
    return digest.hexdigest()


def idempotent(view: Callable) -> Callable:
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        key = request.headers.get("Idempotency-Key")
        if key is None:
            return view(*args, **kwargs)
        if not 1 <= len(key) <= 255 or not key.isprintable():
            return problem(400, "Idempotency-Key must be 1 to 255 printable characters.",
                           {"Idempotency-Key": ["invalid"]})
        container = current_app.container
        store, now, user_id = container.idempotency(), container.clock().now(), current_user_id()
        fingerprint = _fingerprint()
        stored = store.get(user_id, key, now)
        if stored is not None:
            if stored.request_hash != fingerprint:
                return problem(422, "This Idempotency-Key was already used with a different request.",
                               {"Idempotency-Key": ["reused with a different request"]})
            response = current_app.response_class(stored.body, status=stored.status, headers=stored.headers)
            response.headers["Idempotent-Replayed"] = "true"
            return response
        response = make_response(view(*args, **kwargs))
        if response.status_code < 500:
            headers = {name: response.headers[name] for name in KEPT_HEADERS if name in response.headers}
            body = response.get_data(as_text=True)
            store.put(user_id, key, StoredResponse(fingerprint, response.status_code, body, headers), now, now + TTL)
        return response

    return wrapper


def etag_of(version: int) -> str:
    return f'"v{version}"'


def if_match_version() -> int | None:
    """The version named by If-Match, None when absent or ``*``; -1 when it names no version of ours."""
    header = request.headers.get("If-Match")
    if header is None or header.strip() == "*":
        return None
    for candidate in header.split(","):
        tag = candidate.strip().removeprefix("W/").strip('"')
        if tag.startswith("v") and tag[1:].isdigit() and len(tag) < 12:
            return int(tag[1:])
    return -1



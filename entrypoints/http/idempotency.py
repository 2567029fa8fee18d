"""``Idempotency-Key`` for authenticated POSTs that create things.

The key is claimed before the request runs (a pending entry, committed on its own), then the view
runs, then its response is stored. A replay with the same key and body gets the stored response
(with ``Idempotent-Replayed: true``); the same key with another body is a 422. A duplicate that
arrives while the first is still running waits briefly for its response, then answers 409 with
``Retry-After``. A run that fails (an exception or a 5xx) gives the key back. Keys are scoped to
the user and live 24 hours; a claim whose process died lapses after ``CLAIM_TTL``.
"""
from __future__ import annotations

import functools
import hashlib
import re
import time
from datetime import timedelta
from typing import Callable

from flask import current_app, make_response, request
from flask_smorest import Blueprint

from entrypoints.http.auth import current_user_id
from entrypoints.http.errors import problem
from ports.idempotency import StoredResponse

TTL = timedelta(hours=24)
CLAIM_TTL = timedelta(minutes=2)  # longer than any request may run (the server's worker timeout is 60 s)
WAIT_SECONDS, POLL_SECONDS = 1.0, 0.05  # how long a duplicate waits for the first one's response
KEPT_HEADERS = ("Location", "ETag", "Content-Type")
MAX_KEY_LENGTH = 255
# Visible ASCII, inner spaces allowed (a Structured Fields string, as the IETF draft has it): one pattern
# for the check and the document, so a generated client sends only what is accepted.
KEY_PATTERN = r"^[!-~]([ -~]*[!-~])?$"
_KEY = re.compile(KEY_PATTERN)
# The header as the OpenAPI document states it; PlanloomApi documents the problems it adds (409, 422).
HEADER = {
    "in": "header", "name": "Idempotency-Key", "required": False,
    "schema": {"type": "string", "minLength": 1, "maxLength": MAX_KEY_LENGTH, "pattern": KEY_PATTERN},
    "description": (
        f"Makes a retry safe: 1 to {MAX_KEY_LENGTH} visible ASCII characters (spaces inside; otherwise a 400), "
        "chosen by the client, "
        "scoped to the user, kept 24 hours. The same key and body again answers the stored response, with "
        "`Idempotent-Replayed: true`; the same key with another body is a 422; while the first request "
        "with that key still runs, a 409 with `Retry-After`."),
}


def _fingerprint() -> str:
    digest = hashlib.sha256()
    digest.update(request.method.encode() + b" " + request.path.encode() + b"\n")
    digest.update(request.get_data(cache=True))
    return digest.hexdigest()


def _answer(stored: StoredResponse, fingerprint: str):
    if stored.request_hash != fingerprint:
        return problem(422, "This Idempotency-Key was already used with a different request.",
                       {"Idempotency-Key": ["reused with a different request"]})
    if stored.pending:
        return problem(409, "A request with this Idempotency-Key is still in progress; retry shortly.",
                       {"Idempotency-Key": ["in progress"]}, headers={"Retry-After": "1"})
    response = current_app.response_class(stored.body, status=stored.status, headers=stored.headers)
    response.headers["Idempotent-Replayed"] = "true"
    return response


def _wait_for(store, user_id, key: str, held: StoredResponse) -> StoredResponse:
    """A pending entry: poll briefly for the first request's response."""
    deadline = time.monotonic() + WAIT_SECONDS
    while held.pending and time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
        held = store.get(user_id, key, current_app.container.clock().now()) or held
    return held


def idempotent(view: Callable) -> Callable:
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        key = request.headers.get("Idempotency-Key")
        if key is None:
            return view(*args, **kwargs)
        if len(key) > MAX_KEY_LENGTH or not _KEY.fullmatch(key):
            return problem(400, f"Idempotency-Key must be 1 to {MAX_KEY_LENGTH} visible ASCII characters.",
                           {"Idempotency-Key": ["invalid"]})
        container = current_app.container
        store, now, user_id = container.idempotency(), container.clock().now(), current_user_id()
        fingerprint = _fingerprint()
        held = store.claim(user_id, key, fingerprint, now, now + CLAIM_TTL)
        if held is not None:
            if held.pending and held.request_hash == fingerprint:
                held = _wait_for(store, user_id, key, held)
            return _answer(held, fingerprint)
        try:
            response = make_response(view(*args, **kwargs))
        except BaseException:
            store.release(user_id, key)
            raise
        if response.status_code >= 500:
            store.release(user_id, key)
            return response
        headers = {name: response.headers[name] for name in KEPT_HEADERS if name in response.headers}
        stored = StoredResponse(fingerprint, response.status_code, response.get_data(as_text=True), headers)
        store.complete(user_id, key, stored, container.clock().now() + TTL)
        return response

    wrapper.honours_idempotency_key = True
    return Blueprint.doc(parameters=[HEADER])(wrapper)


def etag_of(version: int) -> str:
    return f'"v{version}"'


def if_match_version() -> int | None:
    """The version named by If-Match, None when absent or ``*``; -1 when it names no version of ours."""
    header = request.headers.get("If-Match")
    if header is None or header.strip() == "*":
        return None
    for candidate in header.split(","):
        tag = candidate.strip().removeprefix("W/").strip('"')
        if tag.startswith("v") and tag[1:].isascii() and tag[1:].isdigit() and len(tag) < 12:  # not "v²"
            return int(tag[1:])
    return -1



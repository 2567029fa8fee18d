"""Request bodies: size-capped even when chunked, JSON nested no deeper than a bound, parsed by orjson.

Werkzeug caps a chunked body (no Content-Length) by silently cutting it at ``MAX_CONTENT_LENGTH``,
so an oversized upload used to fail as "not valid JSON" (400) instead of the documented 413. Here
the body is read once, up to one byte past the cap, before any view sees it.

The standard library's JSON decoder recurses once per nesting level: a body nested 100,000 deep
raised RecursionError (a 500). Nesting is measured on the raw bytes (strings removed, then
innermost bracket pairs peeled in C-speed regex passes, at most ``MAX_DEPTH`` of them), and the
schemas' parser reads JSON with orjson, which refuses what the standard library accepted and
then choked on (integers of thousands of digits, NaN, lone surrogates).
"""
from __future__ import annotations

import io
import json
import re

import orjson
from flask import Flask, Response, request

from entrypoints.http.errors import problem
from entrypoints.http.middleware import BODY_METHODS, is_chunked
from entrypoints.http.uploads import body_limit
from entrypoints.http.wording import body_too_large

MAX_DEPTH = 32
_STRINGS = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_INNERMOST = re.compile(rb"\[\]|\{\}")
_OPENERS = re.compile(rb"[\[{]{%d}" % (MAX_DEPTH + 1))


def too_deep(data: bytes) -> bool:
    """Whether the JSON text nests arrays/objects more than ``MAX_DEPTH`` levels (text that is not
    JSON may come out either way: both answers are a 400). A few C-speed passes over the body,
    not a Python loop per byte: ``MAX_DEPTH + 1`` openers in a row settle it at once, as in any
    deep attack."""
    if data.count(b"[") + data.count(b"{") <= MAX_DEPTH:
        return False
    brackets = _STRINGS.sub(b"", data).translate(None, _NOT_BRACKETS)
    for _ in range(MAX_DEPTH):
        if _OPENERS.search(brackets):
            return True
        peeled = _INNERMOST.sub(b"", brackets)
        if not peeled or peeled == brackets:
            return False  # all peeled, or unbalanced (not JSON at all)
        brackets = peeled
    return _INNERMOST.search(brackets) is not None


def load_json(data: bytes):
    """What the schemas' parser reads. webargs takes a decoding error whose ``doc`` is empty for "no
    body" (orjson leaves it empty for bytes that are not UTF-8): only an empty body is that."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as error:
        raise json.JSONDecodeError(error.msg, data.decode("utf-8", "replace"), error.pos) from None


def install(app: Flask, max_bytes: int) -> None:
    @app.before_request
    def _bounded_body() -> Response | None:
        if request.method not in BODY_METHODS or not request.path.startswith("/api/"):
            return None
        limit = body_limit(request.method, request.path, max_bytes)
        if limit != max_bytes:
            request.max_content_length = limit  # Werkzeug's Content-Length check, on this route only
        if is_chunked():
            data = request.environ["wsgi.input"].read(limit + 1)
            if len(data) > limit:
                return problem(413, body_too_large(limit))
            request.environ["wsgi.input"] = io.BytesIO(data)
            request.environ["CONTENT_LENGTH"] = str(len(data))
        if request.is_json and too_deep(request.get_data(cache=True)):
            return problem(400, f"The JSON body nests arrays or objects more than {MAX_DEPTH} levels deep.")
        return None


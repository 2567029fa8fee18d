"""The words of problems that more than one layer answers: the asynchronous front (``bridge``, no Flask)
and the Flask app (``errors``, ``body``). Standard library only, so the front can import it."""
from __future__ import annotations

TITLES = {
    400: "Bad request", 401: "Unauthorized", 403: "Forbidden", 404: "Not found", 405: "Method not allowed",
    408: "Request timeout", 409: "Conflict", 412: "Precondition failed", 413: "Payload too large",
    415: "Unsupported media type", 422: "Unprocessable content", 428: "Precondition required",
    429: "Too many requests", 500: "Internal server error", 503: "Service unavailable",
}


def body_too_large(max_bytes: int) -> str:
    """The detail of every 413: from the front, from the chunked-body cap, from Werkzeug's Content-Length check."""
    return f"Request bodies are limited to {max_bytes} bytes."

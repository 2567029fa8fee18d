"""Routes that take uploads larger than the ordinary request-body cap (``PLANLOOM_MAX_BODY_BYTES``).

The front (the ASGI bridge) and Flask both ask ``body_limit`` before reading a body: an image upload may
carry the image cap plus room for the multipart envelope and a caption; every other route keeps the
ordinary cap. Plain standard library: the bridge imports this without Flask.
"""
from __future__ import annotations

from domain.model.image import MAX_CAPTION, MAX_IMAGE_BYTES

IMAGE_UPLOAD_PATH = "/api/v1/images"
IMAGE_UPLOAD_BODY_BYTES = MAX_IMAGE_BYTES + 16 * 1024 + 4 * MAX_CAPTION  # envelope, headers, a UTF-8 caption


def body_limit(method: str, path: str, default: int) -> int:
    """The most bytes a request's body may have on this route."""
    if takes_uploads(method, path):
        return max(default, IMAGE_UPLOAD_BODY_BYTES)
    return default


def takes_uploads(method: str, path: str) -> bool:
    """Whether the route takes a multipart/form-data body (every other takes JSON only)."""
    return method == "POST" and path.rstrip("/") == IMAGE_UPLOAD_PATH

"""Serve the built SPA at ``/`` with history fallback for client-side routes."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, send_from_directory
from werkzeug.routing import PathConverter

DEFAULT_DIST = Path(__file__).resolve().parents[2] / "ui" / "dist"


class UiPath(PathConverter):
    """A path the SPA may answer: never the API's or the probes', so that an API resource's
    ``Allow`` lists its own methods only (not the SPA's GET) and unknown API paths stay 404s."""

    regex = r"(?!api/|healthz|readyz)[^/].*?"


def blueprint(dist: Path | None) -> Blueprint:
    """Register ``UiPath`` as the app's ``ui_path`` converter first."""
    root = (dist or DEFAULT_DIST).resolve()
    blp = Blueprint("spa", __name__)

    @blp.get("/", defaults={"path": ""})
    @blp.get("/<ui_path:path>")
    def serve(path: str):
        if path and (root / path).is_file():
            response = send_from_directory(root, path)
            if path.startswith("assets/"):
                response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
            return response
        if not (root / "index.html").is_file():
            abort(404, description="The web UI is not built; run `make run` (or `npm run build` in ui/).")
        response = send_from_directory(root, "index.html")
        response.headers["Cache-Control"] = "no-cache"
        return response

    return blp

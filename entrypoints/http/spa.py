"""Serve the built SPA at ``/`` with history fallback for client-side routes."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, send_from_directory

DEFAULT_DIST = Path(__file__).resolve().parents[2] / "ui" / "dist"


def blueprint(dist: Path | None) -> Blueprint:
    root = (dist or DEFAULT_DIST).resolve()
    blp = Blueprint("spa", __name__)

    @blp.get("/", defaults={"path": ""})
    @blp.get("/<path:path>")
    def serve(path: str):
        if path.startswith(("api/", "healthz", "readyz")):
            abort(404)
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

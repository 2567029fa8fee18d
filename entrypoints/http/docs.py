"""The interactive API docs at /api/v1/docs: Swagger UI's files from the installed flask-swagger-ui
package (its version pins Swagger UI's; nothing comes from a CDN, so offline servers have docs too),
started by a static script, so that the page's CSP allows only 'self' (no 'unsafe-inline')."""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from flask import Blueprint, send_from_directory

PREFIX = "/api/v1/docs"
STATIC = Path(__file__).resolve().parent / "static"


def swagger_ui_dist() -> Path:
    return Path(str(files("flask_swagger_ui") / "dist"))


def blueprint() -> Blueprint:
    dist = swagger_ui_dist()
    blp = Blueprint("docs", __name__, url_prefix=PREFIX)

    @blp.get("")
    def page():
        response = send_from_directory(STATIC, "docs.html")
        response.headers["Cache-Control"] = "no-cache"
        return response

    @blp.get("/init.js")
    def init():
        return send_from_directory(STATIC, "docs-init.js", mimetype="text/javascript")

    @blp.get("/assets/<path:name>")
    def asset(name: str):  # send_from_directory refuses paths that leave the folder (404)
        return send_from_directory(dist, name, max_age=86_400)

    return blp

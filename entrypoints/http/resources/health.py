from __future__ import annotations

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text

from entrypoints.http.errors import problem

blp = Blueprint("health", __name__)


@blp.get("/healthz")
def healthz():
    """The process is up."""
    return jsonify(status="ok")


@blp.get("/readyz")
def readyz():
    """The database answers."""
    try:
        with current_app.container.engine().connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # any failure to reach the database means not ready
        current_app.logger.warning("readiness check failed: %s", exc)
        return problem(503, "The database is not reachable.")
    return jsonify(status="ready")

from __future__ import annotations

from flask import Blueprint, current_app, jsonify

from entrypoints.http.errors import problem

blp = Blueprint("health", __name__)


@blp.get("/healthz")
def healthz():
    """The process is up."""
    return jsonify(status="ok")


@blp.get("/readyz")
def readyz():
    """The database answers, within the readiness deadline (PLANLOOM_READINESS_TIMEOUT)."""
    reason = current_app.container.readiness().problem()
    if reason is not None:
        current_app.logger.warning("readiness check failed: %s", reason)
        return problem(503, "The database is not reachable.")
    return jsonify(status="ready")

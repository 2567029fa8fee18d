"""The API on a database that accepts connections and never answers: 503s, never a hang."""
from __future__ import annotations

import uuid

from tests.integration.test_database_hangs import hung_url, outcome  # noqa: F401 - hung_url is a fixture


def test_readyz_answers_503_and_requests_answer_503_on_a_hung_database(hung_url, make_app):
    url, _ = hung_url
    app = make_app("sqlite", database_url=url, readiness_timeout=0.5, db_connect_timeout=2)
    client = app.test_client()
    ready = outcome(lambda: client.get("/readyz"))
    assert ready.status_code == 503 and ready.mimetype == "application/problem+json"
    assert ready.get_json()["detail"] == "The database is not reachable."
    signed_out = outcome(lambda: client.post("/api/v1/auth/login", json={
        "email": f"{uuid.uuid4().hex}@example.com", "password": "whatever-it-is"}))
    assert signed_out.status_code == 503 and signed_out.mimetype == "application/problem+json"
    assert client.get("/healthz").status_code == 200

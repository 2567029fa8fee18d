"""Cross-cutting HTTP behaviour: health, docs, headers, CORS, logs, the SPA."""
from __future__ import annotations

import json
import logging
from datetime import datetime

from entrypoints.logs import JsonFormatter
from tests.e2e.conftest import assert_problem, sign_up


def test_health_and_readiness(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}
    assert client.get("/readyz").get_json() == {"status": "ready"}


def test_readiness_fails_cleanly_without_a_database(make_app, tmp_path):
    app = make_app("sqlite", database_url="postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert_problem(app.test_client().get("/readyz"), 503)


def test_openapi_document_and_docs(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.1")
    paths = spec["paths"]
    for path in ("/api/v1/auth/login", "/api/v1/tasks", "/api/v1/tasks/{task_id}", "/api/v1/users/me/preferences"):
        assert path in paths
    assert "Task" in spec["components"]["schemas"] and "TaskPatch" in spec["components"]["schemas"]
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200 and b"swagger" in docs.data.lower()


def test_security_headers_and_request_id(client):
    response = client.get("/healthz", headers={"X-Request-ID": "abc123"})
    for header in ("X-Content-Type-Options", "X-Frame-Options", "Content-Security-Policy", "Referrer-Policy"):
        assert header in response.headers
    assert response.headers["X-Request-ID"] == "abc123"
    assert client.get("/healthz").headers["X-Request-ID"]


def test_cors_only_for_configured_origins(make_app):
    client = make_app("sqlite", cors_origins=["https://app.example.com"]).test_client()
    allowed = client.options("/api/v1/tasks", headers={"Origin": "https://app.example.com",
                                                        "Access-Control-Request-Method": "POST"})
    assert allowed.status_code == 204
    assert allowed.headers["Access-Control-Allow-Origin"] == "https://app.example.com"
    denied = client.get("/healthz", headers={"Origin": "https://evil.example.com"})
    assert "Access-Control-Allow-Origin" not in denied.headers


def test_unknown_routes_and_methods_are_problems(client):
    assert_problem(client.get("/api/v1/nothing-here"), 404)
    response = assert_problem(client.delete("/api/v1/auth/login"), 405)
    assert response["title"] == "Method not allowed"


def test_one_json_log_line_per_request(make_app, caplog):
    client = make_app("sqlite", log_format="json").test_client()
    with caplog.at_level(logging.INFO, logger="planloom.access"):
        client.get("/healthz", headers={"X-Request-ID": "rid-1"})
    lines = [json.loads(JsonFormatter().format(r)) for r in caplog.records if r.name == "planloom.access"]
    assert lines == [{"time": lines[0]["time"], "level": "info", "logger": "planloom.access",
                      "message": "GET /healthz 200", "request_id": "rid-1", "method": "GET", "path": "/healthz",
                      "route": "/healthz", "status": 200, "duration_ms": lines[0]["duration_ms"]}]
    assert datetime.fromisoformat(lines[0]["time"]).tzinfo is not None


def test_log_lines_written_while_serving_a_consumed_message_name_its_request():
    from ports.telemetry import REQUEST_ID

    token = REQUEST_ID.set("rid-from-the-request")
    try:
        record = logging.LogRecord("planloom.consumer", logging.WARNING, __file__, 1, "retry %s", ("x",), None)
        line = json.loads(JsonFormatter().format(record))
    finally:
        REQUEST_ID.reset(token)
    assert line["request_id"] == "rid-from-the-request" and line["message"] == "retry x"
    assert line["level"] == "warning"


def test_spa_is_served_with_history_fallback(make_app, tmp_path):
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html><div id=app></div>")
    (dist / "assets" / "app.js").write_text("console.log('hi')")
    client = make_app("sqlite", ui_dist=dist).test_client()
    assert b"id=app" in client.get("/").data
    assert b"id=app" in client.get("/tasks/some/client/route").data
    asset = client.get("/assets/app.js")
    assert asset.status_code == 200 and "immutable" in asset.headers["Cache-Control"]
    assert_problem(client.get("/api/v1/unknown"), 404)
    assert client.get("/../secret_key").status_code == 404 or b"id=app" in client.get("/../secret_key").data


def test_unexpected_errors_are_a_500_problem_without_trace(make_app):
    app = make_app("sqlite")

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    response = app.test_client().get("/boom")
    body = assert_problem(response, 500)
    assert "secret internals" not in json.dumps(body)


def test_sign_up_flow_shares_one_container(client):
    user = sign_up(client)
    assert user.get("/api/v1/users/me").status_code == 200


def test_behind_a_proxy_the_client_address_keys_the_limits(make_app):
    client = make_app("sqlite", login_ip_rate_limit="2 per minute", proxy_hops=1).test_client()
    body = {"email": "nobody@example.com", "password": "wrong-password"}
    for _ in range(2):
        client.post("/api/v1/auth/login", json=body, headers={"X-Forwarded-For": "203.0.113.7"})
    assert_problem(client.post("/api/v1/auth/login", json=body, headers={"X-Forwarded-For": "203.0.113.7"}), 429)
    other = client.post("/api/v1/auth/login", json=body, headers={"X-Forwarded-For": "198.51.100.9"})
    assert other.status_code == 401  # another client behind the same proxy has its own budget

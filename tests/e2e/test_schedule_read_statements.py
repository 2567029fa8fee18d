"""The week's schedule read (GET /api/v1/schedule) sends only what its answer needs: the blocks, the tasks
they name, the plan's notes. Each block's task carries id, title, priority, due and status, never its
dependencies, so the read must not touch ``task_dependencies`` (it used to: one statement per read)."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import event

from tests.e2e.conftest import sign_up


def _statements_of(app, client, method: str, path: str, **kwargs):
    sent: list[str] = []

    def record(conn, cursor, statement, *rest):
        sent.append(statement)

    engine = app.container.engine()
    event.listen(engine, "before_cursor_execute", record)
    try:
        response = client.open(path, method=method, **kwargs)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return response, sent


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_the_schedule_read_does_not_read_dependencies(make_app, backend):
    app = make_app(backend)
    client = app.test_client()
    alice = sign_up(client)
    first = alice.post("/api/v1/tasks", json={"title": "Draft", "duration_minutes": 60}).get_json()
    second = alice.post("/api/v1/tasks", json={"title": "Send", "duration_minutes": 30,
                                               "depends_on": [first["id"]]}).get_json()
    assert second["depends_on"] == [first["id"]]
    assert alice.post("/api/v1/schedule").status_code < 400

    response, sent = _statements_of(app, client, "GET", "/api/v1/schedule", headers=alice.headers)
    assert response.status_code == 200, response.get_json()
    tasks = {b["task"]["id"]: b["task"] for b in response.get_json()["blocks"] if b["task"]}
    assert set(tasks) == {first["id"], second["id"]}, "both tasks are planned and shown"
    assert all("depends_on" not in task for task in tasks.values()), "the answer never shows dependencies"

    touched = [s for s in sent if re.search(r"\b(from|join)\s+time_blocks\b", s, re.I)]
    assert touched, "the read reached the database (not a cached answer)"
    dependencies = [" ".join(s.split())[:160] for s in sent if re.search(r"\btask_dependencies\b", s, re.I)]
    assert not dependencies, dependencies
    # and the task page still brings the dependencies along
    task = alice.get(f"/api/v1/tasks/{second['id']}").get_json()
    assert task["depends_on"] == [first["id"]]

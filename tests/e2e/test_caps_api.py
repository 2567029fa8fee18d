"""Caps on what one account may ask for: quick-add text, tasks per request, open tasks (409)."""
from __future__ import annotations

import pytest

from tests.e2e.conftest import assert_problem, sign_up


def test_quick_add_caps_are_clear_422s_and_store_nothing(alice):
    assert_problem(alice.post("/api/v1/tasks/quick-add", json={"text": "a;" * 4999}), 422, "text")
    assert_problem(alice.post("/api/v1/tasks/quick-add", json={"text": "x\n" * 101}), 422, "text")
    assert_problem(alice.post("/api/v1/ai/parse", json={"text": "1" + " " * 9988 + "x"}), 422, "text")
    assert_problem(alice.post("/api/v1/ai/command", json={"text": "/add " + "a;" * 101}), 422, "text")
    assert alice.get("/api/v1/tasks").get_json() == []
    created = alice.post("/api/v1/tasks/quick-add", json={"text": "a;" * 100})
    assert created.status_code == 201 and len(created.get_json()["tasks"]) == 100


@pytest.fixture
def capped(make_app):
    return sign_up(make_app("fresh", max_open_tasks=3).test_client())


def test_open_tasks_are_capped_for_post_tasks_and_quick_add(capped):
    assert capped.post("/api/v1/tasks/quick-add", json={"text": "one; two"}).status_code == 201
    body = assert_problem(capped.post("/api/v1/tasks/quick-add", json={"text": "three; four"}), 409)
    assert "3" in body["detail"]
    assert sorted(t["title"] for t in capped.get("/api/v1/tasks").get_json()) == ["one", "two"]
    third = capped.post("/api/v1/tasks", json={"title": "three"})
    assert third.status_code == 201
    assert_problem(capped.post("/api/v1/tasks", json={"title": "four"}), 409)
    assert_problem(capped.post("/api/v1/ai/command", json={"text": "/add four"}), 409)
    done = capped.patch(f"/api/v1/tasks/{third.get_json()['id']}", json={"status": "done"},
                        headers={"If-Match": third.headers["ETag"]})
    assert done.status_code == 200, done.get_json()
    assert capped.post("/api/v1/tasks", json={"title": "four"}).status_code == 201
    reopen = capped.patch(f"/api/v1/tasks/{third.get_json()['id']}", json={"status": "todo"})
    assert_problem(reopen, 409)  # reopening counts as much as creating
    assert capped.get(f"/api/v1/tasks/{third.get_json()['id']}").get_json()["status"] == "done"


def test_the_caps_are_in_the_openapi_document(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    parse = spec["paths"]["/api/v1/ai/parse"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    ref = parse["$ref"].rsplit("/", 1)[-1]
    text = spec["components"]["schemas"][ref]["properties"]["text"]
    assert text["maxLength"] == 10_000
    assert "1000 characters per line" in text["description"] and "100 tasks" in text["description"]
    responses = spec["paths"]["/api/v1/tasks/quick-add"]["post"]["responses"]
    assert "409" in responses and "422" in responses
    assert "422" in spec["paths"]["/api/v1/ai/parse"]["post"]["responses"]
    assert "409" in spec["paths"]["/api/v1/tasks"]["post"]["responses"]

"""Categories and tags through HTTP."""
from __future__ import annotations

from tests.e2e.conftest import assert_problem


def test_categories_crud_and_uniqueness(alice):
    work = alice.post("/api/v1/categories", json={"name": "Work", "color": "#112233"})
    assert work.status_code == 201
    cat = work.get_json()
    assert_problem(alice.post("/api/v1/categories", json={"name": "work"}), 409, "name")
    assert_problem(alice.post("/api/v1/categories", json={"name": "x", "color": "red"}), 422, "color")
    renamed = alice.patch(f"/api/v1/categories/{cat['id']}", json={"name": "Job"})
    assert renamed.get_json()["name"] == "Job" and renamed.get_json()["color"] == "#112233"
    task = alice.post("/api/v1/tasks", json={"title": "t", "category_id": cat["id"]}).get_json()
    assert alice.delete(f"/api/v1/categories/{cat['id']}").status_code == 204
    assert alice.get(f"/api/v1/tasks/{task['id']}").get_json()["category_id"] is None
    assert alice.get("/api/v1/categories").get_json() == []


def test_tags_follow_tasks(alice):
    alice.post("/api/v1/tasks", json={"title": "t", "tags": ["errand", "home"]})
    tags = {t["name"]: t for t in alice.get("/api/v1/tags").get_json()}
    assert set(tags) == {"errand", "home"}
    assert_problem(alice.post("/api/v1/tags", json={"name": "Errand"}), 409, "name")
    assert_problem(alice.patch(f"/api/v1/tags/{tags['errand']['id']}", json={"name": "home"}), 409, "name")
    alice.patch(f"/api/v1/tags/{tags['errand']['id']}", json={"name": "shopping"})
    assert alice.get("/api/v1/tasks").get_json()[0]["tags"] == ["shopping", "home"]
    alice.delete(f"/api/v1/tags/{tags['home']['id']}")
    assert alice.get("/api/v1/tasks").get_json()[0]["tags"] == ["shopping"]
    assert_problem(alice.post("/api/v1/tags", json={"name": "two words"}), 422, "name")

"""Tasks through HTTP: CRUD, filters, pagination, ETags, idempotency, and input that must be refused."""
from __future__ import annotations

import json
import uuid

import pytest

from tests.e2e.conftest import assert_problem

T = "/api/v1/tasks"


def _create(api, **body):
    body.setdefault("title", "something")
    response = api.post(T, json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_create_get_patch_delete(alice):
    created = alice.post(T, json={"title": "  Draft the Q3 report ", "duration_minutes": 180, "priority": 1,
                                  "due": "2026-12-04T17:00:00+01:00", "tags": ["Work", "report"],
                                  "splittable": True, "min_chunk_minutes": 60})
    assert created.status_code == 201
    task = created.get_json()
    assert task["title"] == "Draft the Q3 report" and task["tags"] == ["work", "report"]
    assert task["due"] == "2026-12-04T16:00:00+00:00" and task["status"] == "todo" and task["version"] == 1
    assert created.headers["Location"].endswith(task["id"]) and created.headers["ETag"] == '"v1"'

    fetched = alice.get(f"{T}/{task['id']}")
    assert fetched.get_json() == task

    patched = alice.patch(f"{T}/{task['id']}", json={"status": "done"}, headers={"If-Match": '"v1"'})
    assert patched.status_code == 200
    assert patched.get_json()["status"] == "done" and patched.get_json()["completed_at"]
    assert patched.headers["ETag"] == '"v2"'

    assert alice.delete(f"{T}/{task['id']}").status_code == 204
    assert_problem(alice.get(f"{T}/{task['id']}"), 404)
    assert_problem(alice.delete(f"{T}/{task['id']}"), 404)


def test_stale_if_match_is_412_and_changes_nothing(alice):
    task = _create(alice)
    alice.patch(f"{T}/{task['id']}", json={"title": "first edit"})
    assert_problem(alice.patch(f"{T}/{task['id']}", json={"title": "stale edit"}, headers={"If-Match": '"v1"'}), 412)
    assert_problem(alice.patch(f"{T}/{task['id']}", json={"title": "x"}, headers={"If-Match": '"bogus"'}), 412)
    assert alice.get(f"{T}/{task['id']}").get_json()["title"] == "first edit"
    ok = alice.patch(f"{T}/{task['id']}", json={"title": "fresh"}, headers={"If-Match": 'W/"v2"'})
    assert ok.status_code == 200


def test_dependencies_within_one_user_and_no_cycles(alice, bob):
    a = _create(alice, title="a")
    b = _create(alice, title="b", depends_on=[a["id"]])
    c = _create(alice, title="c", depends_on=[b["id"]])
    body = assert_problem(alice.patch(f"{T}/{a['id']}", json={"depends_on": [c["id"]]}), 409, "depends_on")
    assert "cycle" in body["detail"]
    assert alice.get(f"{T}/{a['id']}").get_json()["depends_on"] == []
    assert_problem(alice.patch(f"{T}/{a['id']}", json={"depends_on": [a["id"]]}), 422, "depends_on")
    bobs = _create(bob)
    assert_problem(alice.post(T, json={"title": "x", "depends_on": [bobs["id"]]}), 422, "depends_on")
    alice.delete(f"{T}/{a['id']}")
    assert alice.get(f"{T}/{b['id']}").get_json()["depends_on"] == []


def test_list_filters_sort_and_pagination_headers(alice):
    work = alice.post("/api/v1/categories", json={"name": "Work"}).get_json()
    _create(alice, title="Quarterly report", category_id=work["id"], tags=["q3"], due="2026-12-01T10:00:00Z",
            priority=1)
    _create(alice, title="Buy milk", due="2026-12-03T10:00:00Z", priority=3)
    done = _create(alice, title="Old report")
    alice.patch(f"{T}/{done['id']}", json={"status": "done"})

    def titles(query):
        response = alice.get(f"{T}?{query}")
        assert response.status_code == 200, response.get_json()
        return [t["title"] for t in response.get_json()]

    assert titles("status=todo&sort=priority") == ["Quarterly report", "Buy milk"]
    assert titles(f"category_id={work['id']}") == ["Quarterly report"]
    assert titles("tag=Q3") == ["Quarterly report"]
    assert titles("q=REPORT&sort=title") == ["Old report", "Quarterly report"]
    assert titles("due_before=2026-12-02T00:00:00Z") == ["Quarterly report"]
    assert titles("due_after=2026-12-02T00:00:00%2B00:00") == ["Buy milk"]
    assert titles("sort=-due") == ["Buy milk", "Quarterly report", "Old report"]
    page = alice.get(f"{T}?page=2&page_size=2&sort=title")
    assert [t["title"] for t in page.get_json()] == ["Quarterly report"]
    pagination = json.loads(page.headers["X-Pagination"])
    assert pagination["total"] == 3 and pagination["total_pages"] == 2 and pagination["page"] == 2
    assert_problem(alice.get(f"{T}?page_size=1000"), 422, "page_size")
    assert_problem(alice.get(f"{T}?sort=password_hash"), 422, "sort")
    assert_problem(alice.get(f"{T}?status=sleeping"), 422)
    assert_problem(alice.get(f"{T}?due_before=2026-13-45"), 422, "due_before")


def test_list_filters_routines(alice, bob):
    _create(alice, title="Water plants", recurrence="FREQ=WEEKLY;BYDAY=MO,TH")
    _create(alice, title="Buy a watering can")
    _create(bob, title="Bob's routine", recurrence="FREQ=DAILY")

    def titles(query):
        response = alice.get(f"{T}?{query}")
        assert response.status_code == 200, response.get_json()
        return [t["title"] for t in response.get_json()]

    assert titles("recurring=true") == ["Water plants"]
    assert titles("recurring=false") == ["Buy a watering can"]
    assert titles("recurring=true&q=can") == []
    assert sorted(titles("sort=title")) == ["Buy a watering can", "Water plants"]
    assert_problem(alice.get(f"{T}?recurring=sometimes"), 422, "recurring")


def test_idempotency_key_replays_and_refuses_a_different_body(alice):
    key = {"Idempotency-Key": str(uuid.uuid4())}
    first = alice.post(T, json={"title": "pay rent"}, headers=key)
    again = alice.post(T, json={"title": "pay rent"}, headers=key)
    assert first.status_code == again.status_code == 201
    assert again.get_json() == first.get_json() and again.headers["Idempotent-Replayed"] == "true"
    assert again.headers["Location"] == first.headers["Location"]
    assert len(alice.get(T).get_json()) == 1
    assert_problem(alice.post(T, json={"title": "pay more rent"}, headers=key), 422, "Idempotency-Key")
    assert len(alice.get(T).get_json()) == 1
    assert_problem(alice.post(T, json={"title": "x"}, headers={"Idempotency-Key": "k" * 300}), 400)


def test_idempotency_keys_do_not_cross_users(alice, bob):
    key = {"Idempotency-Key": "same-key"}
    mine = alice.post(T, json={"title": "alice's"}, headers=key).get_json()
    theirs = bob.post(T, json={"title": "bob's"}, headers=key)
    assert theirs.status_code == 201 and theirs.get_json()["id"] != mine["id"]


BAD_BODIES = [
    ({"title": ""}, "title"),
    ({"title": "x" * 501}, "title"),
    ({"title": 5}, "title"),
    ({"title": "x", "duration_minutes": "60"}, "duration_minutes"),
    ({"title": "x", "duration_minutes": 0}, "duration_minutes"),
    ({"title": "x", "duration_minutes": 10081}, "duration_minutes"),
    ({"title": "x", "duration_minutes": 1.5}, "duration_minutes"),
    ({"title": "x", "priority": 5}, "priority"),
    ({"title": "x", "priority": True}, "priority"),
    ({"title": "x", "splittable": "yes"}, "splittable"),
    ({"title": "x", "due": "2026-02-30T10:00:00Z"}, "due"),
    ({"title": "x", "due": "2026-02-10T10:00:00"}, "due"),
    ({"title": "x", "due": "tomorrow"}, "due"),
    ({"title": "x", "status": "archived"}, "status"),
    ({"title": "x", "tags": ["a b"]}, "tags"),
    ({"title": "x", "tags": [f"t{i}" for i in range(21)]}, "tags"),
    ({"title": "x", "category_id": "not-a-uuid"}, "category_id"),
    ({"title": "x", "category_id": str(uuid.uuid4())}, "category_id"),
    ({"title": "x", "depends_on": [str(uuid.uuid4())]}, "depends_on"),
    ({"title": "x", "recurrence": "EVERY DAY"}, "recurrence"),
    ({"title": "x", "recurrence": "FREQ=DAILY;COUNT=2;UNTIL=20260101"}, "recurrence"),
    ({"title": "x", "earliest_start": "2026-12-05T00:00:00Z", "due": "2026-12-01T00:00:00Z"}, "earliest_start"),
    ({"title": "x", "splittable": True, "duration_minutes": 30, "min_chunk_minutes": 60}, "min_chunk_minutes"),
    ({"title": "x", "id": str(uuid.uuid4())}, "id"),
    ({"title": "x", "user_id": str(uuid.uuid4())}, "user_id"),
    ({"title": "x", "version": 7}, "version"),
    ({"title": "x", "created_at": "2026-01-01T00:00:00Z"}, "created_at"),
]


@pytest.mark.parametrize("body,field", BAD_BODIES)
def test_bad_task_input_is_a_422_naming_the_field_and_stores_nothing(alice, body, field):
    assert_problem(alice.post(T, json=body), 422, field)
    task = _create(alice, title="keep me")
    patch_body = {k: v for k, v in body.items() if k != "title"} or {"title": body["title"]}
    response = alice.patch(f"{T}/{task['id']}", json=patch_body)
    assert response.status_code in (409, 422), response.get_json()
    assert alice.get(f"{T}/{task['id']}").get_json() == task
    assert len(alice.get(T).get_json()) == 1


def test_malformed_requests(alice):
    raw = {"headers": {"Content-Type": "application/json"}}
    assert_problem(alice.post(T, data="{not json", **raw), 400)
    assert_problem(alice.post(T, data="[1, 2]", **raw), 422)
    assert_problem(alice.post(T, data="null", **raw), 422)
    assert_problem(alice.post(T, data="title=x", headers={"Content-Type": "application/x-www-form-urlencoded"}), 415)
    assert_problem(alice.post(T, data="x", headers={"Content-Type": "text/plain"}), 415)
    assert_problem(alice.post(T, json={"title": "x", "notes": "n" * 2_000_000}), 413)
    assert_problem(alice.get(f"{T}/not-a-uuid"), 404)
    assert_problem(alice.put(f"{T}/{uuid.uuid4()}", json={}), 405)
    assert alice.get(T).get_json() == []


def test_default_duration_comes_from_preferences(alice):
    alice.put("/api/v1/users/me/preferences", json={"default_duration_minutes": 50})
    assert _create(alice)["duration_minutes"] == 50

"""With PLANLOOM_REDIS_URL: hot reads are cached per user and invalidated by events; revocation uses Redis."""
from __future__ import annotations

import uuid

import pytest

from adapters.redis.cache import RedisCache
from adapters.redis.token_store import RedisTokenStore
from tests.e2e.conftest import assert_problem, sign_up

REDIS = "redis://127.0.0.1:6379/14"


@pytest.fixture
def redis_app(make_app):
    return make_app("sqlite", redis_url=REDIS)


def test_the_container_picks_the_redis_adapters(redis_app):
    assert isinstance(redis_app.container.cache(), RedisCache)
    assert isinstance(redis_app.container.token_store(), RedisTokenStore)


def test_task_lists_are_cached_and_invalidated_by_changes(redis_app):
    client = redis_app.test_client()
    alice, bob = sign_up(client), sign_up(client)
    alice.post("/api/v1/tasks", json={"title": "first"})
    first = alice.get("/api/v1/tasks?sort=title")
    assert "X-Cache" not in first.headers
    again = alice.get("/api/v1/tasks?sort=title")
    assert again.headers.get("X-Cache") == "hit" and again.get_json() == first.get_json()
    assert again.headers["X-Pagination"] == first.headers["X-Pagination"]
    assert bob.get("/api/v1/tasks?sort=title").get_json() == []  # never another user's entry
    task = alice.post("/api/v1/tasks", json={"title": "second"}).get_json()
    after_create = alice.get("/api/v1/tasks?sort=title")
    assert "X-Cache" not in after_create.headers and [t["title"] for t in after_create.get_json()] == ["first", "second"]
    alice.patch(f"/api/v1/tasks/{task['id']}", json={"title": "renamed"})
    assert [t["title"] for t in alice.get("/api/v1/tasks?sort=title").get_json()] == ["first", "renamed"]
    alice.delete(f"/api/v1/tasks/{task['id']}")
    assert [t["title"] for t in alice.get("/api/v1/tasks?sort=title").get_json()] == ["first"]


def test_logout_revokes_through_redis_immediately(redis_app):
    client = redis_app.test_client()
    user = sign_up(client)
    assert user.get("/api/v1/users/me").status_code == 200
    assert user.get("/api/v1/users/me").status_code == 200  # the active answer is cached now
    user.post("/api/v1/auth/logout")
    assert_problem(user.get("/api/v1/users/me"), 401)


def test_a_dead_redis_is_bypassed_without_errors(make_app):
    app = make_app("sqlite", redis_url="redis://127.0.0.1:1/0")
    client = app.test_client()
    user = sign_up(client)
    for _ in range(3):
        user.post("/api/v1/tasks", json={"title": f"t{uuid.uuid4().hex[:4]}"})
        assert user.get("/api/v1/tasks").status_code == 200
    assert len(user.get("/api/v1/tasks").get_json()) == 3
    assert client.post("/api/v1/auth/login", json={"email": user.email, "password": "wrong-password"}).status_code == 401
    user.post("/api/v1/auth/logout")
    assert_problem(user.get("/api/v1/users/me"), 401)

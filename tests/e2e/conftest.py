"""The HTTP app built through the real container: on the memory profile (every port on its twin, the
fast half), on SQLite and on PostgreSQL."""
from __future__ import annotations

import uuid
from dataclasses import replace

import pytest
from dependency_injector import providers

from adapters.sql.migrate import upgrade
from adapters.system.clock import SystemClock
from entrypoints.config import Settings
from entrypoints.container import build_container
from entrypoints.http.app import create_app
from tests.conftest import random_email

PASSWORD = "correct horse battery"


def _settings(tmp_path, database_url: str, **overrides) -> Settings:
    base = Settings(data_dir=tmp_path, database_url=database_url, secret_key=uuid.uuid4().hex * 2,
                    login_rate_limit="1000 per minute", login_ip_rate_limit="1000 per minute",
                    register_rate_limit="100000 per minute",
                    argon2_time_cost=1, argon2_memory_kib=1024)
    return replace(base, **overrides)


def _built(settings: Settings):
    return settings, build_container(settings)


@pytest.fixture
def make_app(tmp_path, hasher, request):
    def build(backend: str = "sqlite", **overrides):
        """``backend`` is "memory" (the memory profile), "sqlite" or "postgres" (the session's shared database)
        or "fresh" (a new SQLite database of this test's own: for tests whose background consumers would see
        others' events)."""
        if backend == "memory":
            settings, container = _built(_settings(tmp_path, "", profile="memory", **overrides))
            container.clock.override(providers.Object(SystemClock()))  # over HTTP nobody can move a fixed clock
            app = create_app(settings, container)
            app.testing = False
            return app
        if backend == "fresh":
            overrides.setdefault("database_url", f"sqlite:///{tmp_path / f'{uuid.uuid4().hex}.db'}")
            upgrade(overrides["database_url"])
        url = overrides.pop("database_url", None) or request.getfixturevalue(
            "sqlite_url" if backend == "sqlite" else "postgres_url")
        settings, container = _built(_settings(tmp_path, url, **overrides))
        container.hasher.override(providers.Object(hasher))
        app = create_app(settings, container)
        app.testing = False  # keep production error handling: no exception propagation
        return app

    return build


@pytest.fixture(params=["memory", "sqlite", "postgres"])
def app(request, make_app):
    return make_app(request.param)


@pytest.fixture
def client(app):
    return app.test_client()


class Api:
    """A signed-in user's view of the API."""

    def __init__(self, client, email: str, tokens: dict, user: dict) -> None:
        self.client, self.email, self.tokens, self.user = client, email, tokens, user

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens['access_token']}"}

    def call(self, method: str, path: str, **kwargs):
        headers = self.headers | kwargs.pop("headers", {})
        return self.client.open(path, method=method, headers=headers, **kwargs)

    def get(self, path, **kw):
        return self.call("GET", path, **kw)

    def post(self, path, **kw):
        return self.call("POST", path, **kw)

    def patch(self, path, **kw):
        return self.call("PATCH", path, **kw)

    def put(self, path, **kw):
        return self.call("PUT", path, **kw)

    def delete(self, path, **kw):
        return self.call("DELETE", path, **kw)


def sign_up(client, **body) -> Api:
    body.setdefault("email", random_email())
    body.setdefault("password", PASSWORD)
    response = client.post("/api/v1/auth/register", json=body)
    assert response.status_code == 201, response.get_json()
    data = response.get_json()
    return Api(client, body["email"], {k: data[k] for k in ("access_token", "refresh_token")}, data["user"])


@pytest.fixture
def alice(client) -> Api:
    return sign_up(client, display_name="Alice", timezone="Europe/Paris")


@pytest.fixture
def bob(client) -> Api:
    return sign_up(client, display_name="Bob")


def assert_problem(response, status: int, field: str | None = None) -> dict:
    assert response.status_code == status, (response.status_code, response.get_data(as_text=True))
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["status"] == status and body["title"] and body["detail"]
    assert "Traceback" not in response.get_data(as_text=True)
    if field is not None:
        assert field in body.get("errors", {}), body
    return body

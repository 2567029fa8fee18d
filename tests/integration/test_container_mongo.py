"""With ``mongo_url`` set, the real container and HTTP app keep preferences in MongoDB (nx-27017 in
tests, or the server named by ``PLANLOOM_TEST_MONGO_URL``) while relational data stays in SQL."""
from __future__ import annotations

import uuid

import pymongo
import pytest
from sqlalchemy import func, select

from adapters.mongo.preferences import MongoPreferencesStore
from adapters.sql.migrate import upgrade
from adapters.sql.preferences import SqlPreferencesStore
from adapters.sql.tables import preferences as preferences_table
from entrypoints.config import Settings
from entrypoints.container import Container
from entrypoints.http.app import create_app
from tests.conftest import random_email


def _settings(tmp_path, **overrides) -> Settings:
    database_url = f"sqlite:///{tmp_path / 'planloom.db'}"
    upgrade(database_url)
    values = dict(data_dir=tmp_path, database_url=database_url, secret_key="x" * 32,
                  argon2_time_cost=1, argon2_memory_kib=1024,
                  login_rate_limit="1000 per minute", login_ip_rate_limit="1000 per minute")
    return Settings(**(values | overrides))


@pytest.fixture
def mongo_collection(mongo_url):
    client = pymongo.MongoClient(mongo_url, serverSelectionTimeoutMS=3000)
    yield client.get_default_database()["preferences"]
    client.close()


def _shut(container: Container) -> None:
    store = container.preferences()
    if isinstance(store, MongoPreferencesStore):
        store.close()
    container.engine().dispose()


def test_the_container_picks_the_mongo_store_when_a_mongo_url_is_set(tmp_path, mongo_url):
    container = Container(settings=_settings(tmp_path, mongo_url=mongo_url))
    store = container.preferences()
    assert type(store) is MongoPreferencesStore
    assert store.url == mongo_url and container.preferences() is store  # one store per container
    _shut(container)


def test_the_container_keeps_the_sql_store_without_a_mongo_url(tmp_path):
    container = Container(settings=_settings(tmp_path))
    assert type(container.preferences()) is SqlPreferencesStore
    _shut(container)


def test_preferences_put_over_http_are_stored_in_mongo(tmp_path, mongo_url, mongo_collection):
    settings = _settings(tmp_path, mongo_url=mongo_url)
    app = create_app(settings)
    assert type(app.container.preferences()) is MongoPreferencesStore
    client = app.test_client()
    try:
        registered = client.post("/api/v1/auth/register",
                                 json={"email": random_email(), "password": "correct horse battery"})
        assert registered.status_code == 201, registered.get_json()
        body = registered.get_json()
        user_id = body["user"]["id"]
        headers = {"Authorization": f"Bearer {body['access_token']}"}

        prefs = {"timezone": "Asia/Kathmandu", "working_hours": {"mon": [["07:30", "12:00"], ["13:00", "24:00"]]},
                 "buffer_minutes": 10, "daily_cap_minutes": 300, "date_order": "DMY"}
        put = client.put("/api/v1/users/me/preferences", json=prefs, headers=headers)
        assert put.status_code == 200, put.get_json()
        got = client.get("/api/v1/users/me/preferences", headers=headers)
        assert got.status_code == 200
        assert got.get_json() == put.get_json()
        assert got.get_json()["working_hours"]["mon"] == [["07:30", "12:00"], ["13:00", "24:00"]]

        # the document is in MongoDB, read back over the wire without the adapter ...
        documents = list(mongo_collection.find({"user_id": str(uuid.UUID(user_id))}))
        assert len(documents) == 1
        stored = documents[0]
        assert stored["timezone"] == "Asia/Kathmandu" and stored["buffer_minutes"] == 10
        assert stored["daily_cap_minutes"] == 300 and stored["date_order"] == "DMY"
        assert stored["working_hours"]["mon"] == [["07:30", "12:00"], ["13:00", "24:00"]]
        assert stored["working_hours"]["sat"] == []
        # ... and not in the SQL database, which still holds the account
        with app.container.engine().connect() as conn:
            in_sql = conn.execute(select(func.count()).select_from(preferences_table)).scalar_one()
        assert in_sql == 0
        assert client.get("/api/v1/users/me", headers=headers).get_json()["timezone"] == "Asia/Kathmandu"

        # a second PUT replaces the same document
        again = client.put("/api/v1/users/me/preferences", json={"timezone": "Asia/Kathmandu", "daily_cap_minutes": None},
                           headers=headers)
        assert again.status_code == 200, again.get_json()
        documents = list(mongo_collection.find({"user_id": str(uuid.UUID(user_id))}))
        assert len(documents) == 1 and documents[0]["daily_cap_minutes"] is None
        assert documents[0]["working_hours"]["mon"] == [["09:00", "17:00"]]  # absent fields take their defaults
    finally:
        _shut(app.container)


def test_routine_occurrences_recorded_over_http_are_stored_in_mongo(tmp_path, mongo_url):
    from adapters.mongo.occurrences import MongoOccurrenceLog

    app = create_app(_settings(tmp_path, mongo_url=mongo_url))
    assert type(app.container.occurrences()) is MongoOccurrenceLog
    client = pymongo.MongoClient(mongo_url, serverSelectionTimeoutMS=3000)
    try:
        http = app.test_client()
        body = http.post("/api/v1/auth/register",
                         json={"email": random_email(), "password": "correct horse battery"}).get_json()
        headers = {"Authorization": f"Bearer {body['access_token']}"}
        task = http.post("/api/v1/tasks", json={"title": "stretch", "recurrence": "FREQ=DAILY"},
                         headers=headers).get_json()
        key = http.get(f"/api/v1/tasks/{task['id']}/occurrences", headers=headers).get_json()[0]["occurrence"]
        done = http.put(f"/api/v1/tasks/{task['id']}/occurrences/{key}", json={"status": "done"}, headers=headers)
        assert done.status_code == 200, done.get_json()
        stored = list(client.get_default_database()["routine_occurrences"].find({"task_id": task["id"]}))
        assert [(d["occurrence"], d["status"]) for d in stored] == [(key, "done")]
        listed = http.get(f"/api/v1/tasks/{task['id']}/occurrences", headers=headers).get_json()
        assert listed[0]["status"] == "done"
        http.delete(f"/api/v1/tasks/{task['id']}", headers=headers)
        assert list(client.get_default_database()["routine_occurrences"].find({"task_id": task["id"]})) == []
    finally:
        client.close()
        app.container.occurrences().close()
        _shut(app.container)


def test_insights_live_in_mongo_and_are_read_back_over_http(tmp_path, mongo_url):
    from adapters.mongo.analytics import MongoAnalyticsStore
    from domain import commands

    app = create_app(_settings(tmp_path, mongo_url=mongo_url))
    assert type(app.container.analytics()) is MongoAnalyticsStore
    client = pymongo.MongoClient(mongo_url, serverSelectionTimeoutMS=3000)
    try:
        http = app.test_client()
        body = http.post("/api/v1/auth/register",
                         json={"email": random_email(), "password": "correct horse battery"}).get_json()
        headers = {"Authorization": f"Bearer {body['access_token']}"}
        task = http.post("/api/v1/tasks", json={"title": "ship it", "duration_minutes": 50, "tags": ["a.b"]},
                         headers=headers).get_json()
        assert http.patch(f"/api/v1/tasks/{task['id']}", json={"status": "done"}, headers=headers).status_code == 200
        app.container.bus().handle(commands.RebuildAnalytics(user_id=uuid.UUID(body["user"]["id"])))
        database = client.get_default_database()
        user = {"user_id": body["user"]["id"]}
        assert database["analytics_task_facts"].count_documents(user) == 1
        assert {d["period"] for d in database["analytics_rollups"].find(user)} == {"day", "week"}
        summary = http.get("/api/v1/analytics/summary", headers=headers).get_json()
        assert (summary["done"], summary["planned_minutes"]) == (1, 50)
        tags = http.get("/api/v1/analytics/categories", headers=headers).get_json()["tags"]
        assert tags == [{"tag": "a.b", "minutes": 50}]
    finally:
        client.close()
        app.container.analytics().close()
        _shut(app.container)

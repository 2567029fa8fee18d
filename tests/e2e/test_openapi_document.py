"""What the OpenAPI document promises, checked on the points generated clients tripped over."""
from __future__ import annotations

import json
import re

import pytest

from domain.model.time_of_day import BOUNDARY_OF_DAY, TIME_OF_DAY
from entrypoints.http.idempotency import KEY_PATTERN
from tests.e2e.conftest import assert_problem, sign_up

PROBLEM = "application/problem+json"


@pytest.fixture
def spec(client) -> dict:
    return client.get("/api/v1/openapi.json").get_json()


def _response(spec: dict, response: dict) -> dict:
    ref = response.get("$ref")
    return spec["components"]["responses"][ref.rsplit("/", 1)[1]] if ref else response


def test_every_error_is_documented_as_a_problem(spec):
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if method == "parameters":
                continue
            responses = operation["responses"]
            for status, response in responses.items():
                if status == "default" or int(status) >= 400:
                    content = _response(spec, response)["content"]
                    assert list(content) == [PROBLEM], (method, path, status)
            assert "429" in responses, (method, path)
            if method in ("post", "put", "patch"):
                assert {"400", "413", "415"} <= set(responses), (method, path)
            if "{" in path:
                assert "404" in responses, (method, path)
            if operation.get("security") != []:
                assert "401" in responses, (method, path)


def test_validated_operations_document_their_422_and_public_ones_no_bearer(spec):
    assert "422" in spec["paths"]["/api/v1/tasks"]["post"]["responses"]
    assert "422" in spec["paths"]["/api/v1/tasks"]["get"]["responses"]
    assert spec["paths"]["/api/v1/auth/register"]["post"]["security"] == []
    assert "401" in spec["paths"]["/api/v1/auth/login"]["post"]["responses"]


def test_nullable_fields_are_declared_nullable(spec):
    task = spec["components"]["schemas"]["TaskDump"]["properties"]
    for name in ("completed_at", "due", "earliest_start", "actual_minutes", "category_id", "recurrence"):
        assert "null" in task[name]["type"], name


def test_the_pagination_header_is_a_json_string(client, spec):
    user = sign_up(client)
    header = spec["paths"]["/api/v1/tasks"]["get"]["responses"]["200"]["headers"]["X-Pagination"]["schema"]
    assert header["type"] == "string" and header["contentMediaType"] == "application/json"
    sent = json.loads(user.get("/api/v1/tasks").headers["X-Pagination"])
    assert set(sent) <= set(spec["components"]["schemas"]["PaginationMetadata"]["properties"])


def test_a_tag_is_one_word_in_the_document_and_in_the_answer(client, spec):
    user = sign_up(client)
    pattern = spec["components"]["schemas"]["Tag"]["properties"]["name"]["pattern"]
    assert re.search(pattern, "probe") and not re.search(pattern, "probe name")
    assert user.post("/api/v1/tags", json={"name": "probe"}).status_code == 201
    assert_problem(user.post("/api/v1/tags", json={"name": "probe name"}), 422, "name")


@pytest.mark.parametrize("method,path", [("PATCH", "/api/v1/users/me"), ("PUT", "/api/v1/users/me/preferences"),
                                         ("POST", "/api/v1/tasks")])
def test_a_required_body_is_required(client, method, path):
    user = sign_up(client)
    assert_problem(user.call(method, path), 422, "body")
    assert_problem(user.call(method, path, data="", content_type="application/json"), 422, "body")


def test_a_range_rule_is_in_the_operation_text(spec):
    assert "year" in spec["paths"]["/api/v1/schedule"]["get"]["description"]
    assert "after" in spec["paths"]["/api/v1/busy"]["post"]["description"]


def test_busy_time_reads_by_id_for_its_owner_only(client):
    alice, bob = sign_up(client), sign_up(client)
    busy = alice.post("/api/v1/busy", json={"start": "2026-03-02T09:00:00+01:00", "end": "2026-03-02T10:00:00+01:00",
                                            "title": "dentist"}).get_json()
    got = alice.get(f"/api/v1/busy/{busy['id']}")
    assert got.status_code == 200 and got.get_json() == busy
    assert_problem(bob.get(f"/api/v1/busy/{busy['id']}"), 404)
    assert alice.delete(f"/api/v1/busy/{busy['id']}").status_code == 204
    assert_problem(alice.get(f"/api/v1/busy/{busy['id']}"), 404)


def test_the_request_limits_are_in_the_document(spec):
    description = spec["info"]["description"]
    assert "413" in description and "32 levels" in description and "10,000" in description


def test_times_of_day_carry_the_domains_pattern(spec):
    schemas = spec["components"]["schemas"]
    assert schemas["Preferences"]["properties"]["default_time"]["pattern"] == TIME_OF_DAY
    notes = schemas["NotificationSettings"]["properties"]
    assert notes["digest_time"]["pattern"] == notes["quiet_hours"]["items"]["pattern"] == TIME_OF_DAY
    assert schemas["WorkingHours"]["properties"]["mon"]["items"]["items"]["pattern"] == BOUNDARY_OF_DAY


def _idempotent_operations(app) -> set[tuple[str, str]]:
    """(method, OpenAPI path) of every view that honours Idempotency-Key, found on the app's routes."""
    found = set()
    for rule in app.url_map.iter_rules():
        view_class = getattr(app.view_functions[rule.endpoint], "view_class", None)
        for method in (rule.methods or ()) if view_class else ():
            if getattr(getattr(view_class, method.lower(), None), "honours_idempotency_key", False):
                found.add((method.lower(), re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)))
    return found


def test_every_route_that_honours_an_idempotency_key_documents_it(app, spec):
    honoured = _idempotent_operations(app)
    assert ("post", "/api/v1/tasks") in honoured and len(honoured) >= 5
    documented = {(method, path) for path, operations in spec["paths"].items() for method, operation in operations.items()
                  if method != "parameters" and any(p["in"] == "header" and p["name"] == "Idempotency-Key"
                                                    for p in operation.get("parameters", []))}
    assert documented == honoured
    for method, path in honoured:
        operation = spec["paths"][path][method]
        header = next(p for p in operation["parameters"] if p["name"] == "Idempotency-Key")
        assert header["schema"]["maxLength"] == 255 and not header["required"]
        assert header["schema"]["pattern"] == KEY_PATTERN
        responses = {status: _response(spec, r) for status, r in operation["responses"].items()}
        assert "Idempotency-Key is still running" in responses["409"]["description"], path
        assert "Idempotency-Key was already used" in responses["422"]["description"], path
        assert list(responses["409"]["content"]) == list(responses["422"]["content"]) == [PROBLEM]
        created = next(r for status, r in responses.items() if status.startswith("2"))
        assert "Idempotent-Replayed" in created["headers"], path

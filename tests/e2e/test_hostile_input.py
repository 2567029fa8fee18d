"""Input that once made a 500: each answers a documented 4xx problem now, on both databases."""
from __future__ import annotations

import io
import uuid

import pytest
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Response

from tests.e2e.conftest import assert_problem, sign_up

HUGE = "100000000000000000000"


@pytest.mark.parametrize("path", ["/api/v1/tasks", "/api/v1/notifications", "/api/v1/users"])
def test_page_numbers_are_capped_and_documented(client, alice, path):
    assert_problem(alice.get(f"{path}?page={HUGE}"), 422, "page")
    assert_problem(alice.get(f"{path}?page_size={HUGE}"), 422, "page_size")
    spec = client.get("/api/v1/openapi.json").get_json()
    params = {p["name"]: p["schema"] for p in spec["paths"][path]["get"]["parameters"] if p["in"] == "query"}
    assert params["page"]["maximum"] == 10_000 and params["page_size"]["maximum"] <= 100


def test_the_long_filtered_query_is_refused_not_failed(alice):
    query = (f"category_id={uuid.uuid4()}&status=todo&status=cancelled&status=done"
             "&due_after=2117-02-19T19:19:32.0%2B23:50&page=17089760")
    assert_problem(alice.get(f"/api/v1/tasks?{query}"), 422, "page")
    listed = alice.get("/api/v1/tasks?due_after=2117-02-19T19:19:32.0%2B23:50&page=2")
    assert listed.status_code == 200 and listed.get_json() == []


def test_if_match_with_unicode_digits_names_no_version(alice):
    task = alice.post("/api/v1/tasks", json={"title": "guarded"}).get_json()
    for tag in ('"v²"', '"v١"', '"v99999999999999"'):
        assert_problem(alice.patch(f"/api/v1/tasks/{task['id']}", json={"title": "x"}, headers={"If-Match": tag}), 412)
    assert alice.get(f"/api/v1/tasks/{task['id']}").get_json()["title"] == "guarded"


@pytest.mark.parametrize("when", ["9999-12-31T00:00:00%2B00:00", "0001-01-01T00:00:00%2B00:00",
                                  "1969-12-31T23:00:00Z", "2201-01-01T00:00:00Z"])
def test_dates_outside_the_documented_range_are_refused(alice, when):
    assert_problem(alice.get(f"/api/v1/schedule?from={when}"), 422, "from")
    assert_problem(alice.get(f"/api/v1/tasks?due_before={when}"), 422, "due_before")
    body = {"title": "far", "due": when.replace("%2B", "+")}
    assert_problem(alice.post("/api/v1/tasks", json=body), 422, "due")
    assert_problem(alice.post("/api/v1/busy", json={"start": body["due"], "end": body["due"]}), 422, "start")


def test_the_last_accepted_due_date_plans_for_a_user_east_of_utc(client):
    tokyo = sign_up(client, timezone="Asia/Tokyo")
    created = tokyo.post("/api/v1/tasks", json={"title": "edge", "due": "2200-12-31T23:00:00Z"})
    assert created.status_code == 201, created.get_json()
    assert tokyo.post("/api/v1/schedule").status_code == 200
    assert tokyo.get("/api/v1/schedule?from=2200-12-25T00:00:00Z").status_code == 200
    spec = client.get("/api/v1/openapi.json").get_json()
    assert "2200" in spec["components"]["schemas"]["Task"]["properties"]["due"]["description"]


DEEP = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize("body", [DEEP, '{"title": ' + DEEP + "}", '{"title": "t", "tags": ' + "[" * 40 + "]" * 40 + "}"])
def test_deeply_nested_json_is_a_400(alice, body):
    response = alice.post("/api/v1/tasks", data=body, content_type="application/json")
    assert "nest" in assert_problem(response, 400)["detail"]
    assert alice.get("/api/v1/tasks").get_json() == []


def test_deep_json_inside_a_free_form_field_is_a_400(alice):
    body = '{"notifications": {"channels": {"a": ' + DEEP + "}}}"
    assert_problem(alice.put("/api/v1/users/me/preferences", data=body, content_type="application/json"), 400)


def test_a_body_that_is_not_utf8_is_malformed_not_missing(alice):
    response = alice.put("/api/v1/users/me/preferences", data=b"\xff\xfeoWQ\x00", content_type="application/json")
    assert_problem(response, 400)


def test_huge_integers_are_refused_cleanly(alice):
    response = alice.post("/api/v1/tasks", data='{"title": "t", "priority": ' + "9" * 5000 + "}",
                          content_type="application/json")
    assert response.status_code in (400, 422)
    assert_problem(response, response.status_code)


def _chunked(app, headers: dict, body: bytes) -> Response:
    builder = EnvironBuilder(path="/api/v1/tasks", method="POST", input_stream=io.BytesIO(body),
                             headers=headers | {"Transfer-Encoding": "chunked", "Content-Type": "application/json"})
    environ = builder.get_environ()
    environ.pop("CONTENT_LENGTH", None)
    environ["wsgi.input_terminated"] = True  # as gunicorn says of a chunked body it de-chunks
    return Response.from_app(app, environ)


def test_a_chunked_body_over_the_limit_is_a_413(app, alice):
    assert_problem(_chunked(app, alice.headers, b" " * (50 * 2**20)), 413)
    assert_problem(_chunked(app, alice.headers, b" " * (2**20 + 1)), 413)


def test_a_chunked_body_within_the_limit_is_read_whole(app, alice):
    body = b'{"title": "chunked", "notes": "' + b"n" * 19_000 + b'"}'
    response = _chunked(app, alice.headers, body)
    assert response.status_code == 201, response.get_data(as_text=True)
    assert alice.get("/api/v1/tasks").get_json()[0]["title"] == "chunked"

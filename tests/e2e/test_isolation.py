"""Every route that takes an id answers 404 to anyone but the owner, on every verb, and changes nothing.

The routes are discovered from the app's URL map, so a new ``{id}`` route is covered (or fails this
test until someone says how to make its object) without anyone remembering to add it here.
"""
from __future__ import annotations

import io
import uuid

from domain import commands
from tests.e2e.conftest import sign_up

# a body that would be valid for the owner, so only ownership can refuse the request
BODIES = {"task_id": {"title": "hijacked"}, "category_id": {"name": "hijacked"}, "tag_id": {"name": "hijacked"},
          "user_id": {"role": "admin"},
          "block_id": {"start": "2030-01-07T10:00:00+00:00", "end": "2030-01-07T11:00:00+00:00"},
          "notification_id": None, "busy_id": None, "connection_id": {"name": "hijacked"}, "image_id": {}}
RULE_BODIES = {"/api/v1/images/<uuid:image_id>/annotations": {"category": "receipt"}}  # where the id's body won't do
ADMIN_ONLY = {"user_id"}  # /users/{id} is an admin route: a non-admin gets 403 whatever the id


def _alice_objects(alice, app) -> dict[str, str]:
    task = alice.post("/api/v1/tasks", json={"title": "private"}).get_json()
    category = alice.post("/api/v1/categories", json={"name": "Secret"}).get_json()
    tag = alice.post("/api/v1/tags", json={"name": "hidden"}).get_json()
    block = alice.post("/api/v1/schedule").get_json()["blocks"][0]
    note = app.container.bus().handle(commands.Notify(user_id=uuid.UUID(alice.user["id"]), kind="task_overdue",
                                                      title="late", body="x", dedupe_key="k"))
    busy = alice.post("/api/v1/busy", json={"start": "2030-01-07T10:00:00+00:00",
                                            "end": "2030-01-07T11:00:00+00:00"}).get_json()
    connection = alice.post("/api/v1/calendar/connections", json={
        "kind": "ics_file", "name": "Private", "content": "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"})
    image = alice.post("/api/v1/images", data={"file": (io.BytesIO(_png()), "list.png")},
                       content_type="multipart/form-data")
    assert image.status_code == 202, image.get_json()
    return {"connection_id": connection.get_json()["id"], "busy_id": busy["id"], "notification_id": str(note.id),
            "task_id": task["id"], "category_id": category["id"], "tag_id": tag["id"], "user_id": alice.user["id"],
            "block_id": block["id"], "image_id": image.get_json()["id"]}


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(out, format="PNG")
    return out.getvalue()


def test_every_id_route_is_404_for_another_user(app, client):
    alice, bob = sign_up(client), sign_up(client)
    ids = _alice_objects(alice, app)
    before = {path: alice.get(path).get_json() for path in (
        f"/api/v1/tasks/{ids['task_id']}", f"/api/v1/categories/{ids['category_id']}", f"/api/v1/tags/{ids['tag_id']}")}
    walked = []
    for rule in app.url_map.iter_rules():
        params = [name for name, conv in rule._converters.items() if type(conv).__name__ == "UUIDConverter"]
        if not params:
            continue
        unknown = set(params) - set(ids)
        assert not unknown, f"{rule.rule}: teach this test how to make a {unknown} object"
        path = rule.rule
        for name in params:
            path = path.replace(f"<uuid:{name}>", ids[name])
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            body = RULE_BODIES.get(rule.rule) or BODIES[params[-1]] if method in ("POST", "PATCH") or (method == "PUT" and BODIES[params[-1]]) \
                else None
            response = bob.call(method, path, **({"json": body} if body is not None else {}))
            expected = 403 if set(params) & ADMIN_ONLY else 404
            assert response.status_code == expected, (method, path, response.status_code, response.get_json())
            assert response.mimetype == "application/problem+json"
            walked.append((method, rule.rule))
    assert len(walked) >= 9, walked
    after = {path: alice.get(path).get_json() for path in before}
    assert after == before


def test_lists_show_only_ones_own_data(app, client):
    alice, bob = sign_up(client), sign_up(client)
    _alice_objects(alice, app)
    for path in ("/api/v1/tasks", "/api/v1/categories", "/api/v1/tags", "/api/v1/notifications"):
        assert bob.get(path).get_json() == []
    assert bob.get("/api/v1/tasks?tag=hidden").get_json() == []

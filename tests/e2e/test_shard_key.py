"""Every statement the API sends about a tenant's rows names the tenant: each SELECT, UPDATE and DELETE
that reads a table with a ``user_id`` column carries a ``user_id`` predicate, on SQLite and PostgreSQL.
That is what sharding by user (Citus, distribution column ``user_id``) needs to route a query to one
shard. Checked on the SQL text the engine sends during a walk over the API (a new route's queries are
checked as soon as a test here calls it); the scheduled jobs' cross-user queries are outside it."""
from __future__ import annotations

import io
import re
from urllib.parse import urlsplit

import pytest
from sqlalchemy import event

from adapters.sql.tables import metadata
from tests.e2e.conftest import PASSWORD, sign_up

# Sessions are found by the token's own id before anyone knows whose it is (a refresh, a revocation check):
# those two tables go by their token ids (a shard of their own, or the coordinator), not by user.
BY_TOKEN = {"token_families", "refresh_tokens"}
# A value that names a user without the user's id (sign-in's e-mail address, the plan feed's token digest) is
# looked up in a table keyed by that value, distributed by it: its key column.
BY_LOOKUP = {"user_emails": "email", "calendar_feed_digests": "digest"}
TENANT_TABLES = sorted(t.name for t in metadata.sorted_tables
                       if "user_id" in t.c and t.name not in BY_TOKEN and t.name not in BY_LOOKUP)
READS = re.compile(r"^\s*(select|update|delete)\b", re.I)


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(out, format="PNG")
    return out.getvalue()


def _walk(client) -> None:
    """A tour of the API as one user: sign-up and sign-in, tasks with tags and dependencies, quick-add and
    slash commands, catalog, the plan (re-plan, pin, move), busy time, a calendar, routines, notifications,
    insights, images, the plan feed (issued, read by its address, rotated, revoked)."""
    alice = sign_up(client)
    signed_in = client.post("/api/v1/auth/login", json={"email": alice.email, "password": PASSWORD})
    assert signed_in.status_code == 200, signed_in.get_json()
    refreshed = client.post("/api/v1/auth/refresh",
                            headers={"Authorization": f"Bearer {alice.tokens['refresh_token']}"})
    assert refreshed.status_code == 200, refreshed.get_json()
    alice.tokens = refreshed.get_json()
    call = alice.call

    def succeeding(method, path, **kwargs):  # every step of the walk does what it says
        response = call(method, path, **kwargs)
        assert response.status_code < 400, (method, path, response.status_code, response.get_json())
        return response

    alice.call = succeeding
    first = alice.post("/api/v1/tasks", json={"title": "Draft", "duration_minutes": 60, "tags": ["deep"]}).get_json()
    second = alice.post("/api/v1/tasks", json={"title": "Send", "duration_minutes": 30,
                                               "depends_on": [first["id"]]}).get_json()
    alice.get("/api/v1/tasks?tag=deep&sort=due")
    alice.get(f"/api/v1/tasks/{first['id']}")
    alice.patch(f"/api/v1/tasks/{second['id']}", json={"title": "Send it", "tags": ["mail"]})
    alice.post("/api/v1/tasks/quick-add", json={"text": "call bob tomorrow 3pm 30m p2 #work"})
    alice.post("/api/v1/ai/command", json={"text": "/today"})
    category = alice.post("/api/v1/categories", json={"name": "Home"}).get_json()
    alice.patch(f"/api/v1/categories/{category['id']}", json={"name": "House"})
    alice.patch(f"/api/v1/tasks/{second['id']}", json={"category_id": category["id"]})  # deleted at the end
    tag = alice.post("/api/v1/tags", json={"name": "errand"}).get_json()
    alice.patch(f"/api/v1/tags/{tag['id']}", json={"name": "errands"})
    plan = alice.post("/api/v1/schedule").get_json()
    block = plan["blocks"][0]
    alice.put(f"/api/v1/schedule/blocks/{block['id']}/pin")
    alice.get("/api/v1/schedule")
    busy = alice.post("/api/v1/busy", json={"start": "2030-01-07T10:00:00+00:00",
                                            "end": "2030-01-07T11:00:00+00:00"}).get_json()
    alice.delete(f"/api/v1/busy/{busy['id']}")
    alice.post("/api/v1/calendar/connections", json={
        "kind": "ics_file", "name": "Mine", "content": "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"})
    alice.get("/api/v1/calendar/connections")
    routine = alice.post("/api/v1/tasks", json={"title": "Water plants", "duration_minutes": 15,
                                                "recurrence": "FREQ=WEEKLY;BYDAY=MO"}).get_json()
    alice.get(f"/api/v1/tasks/{routine['id']}/occurrences")
    alice.patch(f"/api/v1/tasks/{routine['id']}", json={"status": "done"})
    alice.get("/api/v1/notifications")
    alice.get("/api/v1/analytics/summary")
    alice.post("/api/v1/images", data={"file": (io.BytesIO(_png()), "list.png")}, content_type="multipart/form-data")
    alice.get("/api/v1/images")
    first_feed = urlsplit(alice.post("/api/v1/calendar/feed").get_json()["url"]).path
    assert client.get(first_feed).status_code == 200  # the address alone, as a calendar app reads it
    feed = urlsplit(alice.post("/api/v1/calendar/feed").get_json()["url"]).path
    assert client.get(first_feed).status_code == 404 and client.get(feed).status_code == 200
    alice.delete("/api/v1/calendar/feed")
    assert client.get(feed).status_code == 404
    alice.delete(f"/api/v1/tasks/{first['id']}")
    alice.delete(f"/api/v1/tags/{tag['id']}")
    alice.delete(f"/api/v1/categories/{category['id']}")


def _reads(table: str, statement: str) -> bool:
    return re.search(rf"\b(from|join|update)\s+{table}\b", statement, re.I) is not None


def _where(statement: str, column: str) -> bool:
    """Whether the statement's WHERE clause names ``column`` (a selected column alone routes nothing)."""
    return re.search(rf"\bwhere\b.*\b{re.escape(column)}\b", statement, re.I | re.S) is not None


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_every_query_about_a_tenants_rows_names_the_tenant(make_app, backend):
    app = make_app(backend)
    sent: list[str] = []
    event.listen(app.container.engine(), "before_cursor_execute",
                 lambda conn, cursor, statement, *rest: sent.append(statement))
    _walk(app.test_client())

    tenant_reads = [s for s in sent if READS.match(s) and any(_reads(t, s) for t in TENANT_TABLES)]
    assert len(tenant_reads) >= 40, "the walk reached the tenant tables"
    unnamed = sorted({" ".join(s.split())[:200] for s in tenant_reads if not _where(s, "user_id")})
    assert not unnamed, unnamed
    # users by its id (sign-in too, since user_emails names the id); each lookup table by its key
    for table, key in {"users": "id", **BY_LOOKUP}.items():
        reads = [s for s in sent if READS.match(s) and _reads(table, s)]
        assert reads, f"the walk read {table}"
        unkeyed = sorted({" ".join(s.split())[:200] for s in reads if not _where(s, f"{table}.{key}")})
        assert not unkeyed, unkeyed


def test_the_check_sees_a_query_without_the_tenant():
    statement = "DELETE FROM task_tags WHERE task_tags.task_id = %(task_id_1)s"
    assert READS.match(statement) and not _where(statement, "user_id")
    by_digest = "SELECT calendar_feed_tokens.user_id FROM calendar_feed_tokens WHERE calendar_feed_tokens.digest = ?"
    assert _reads("calendar_feed_tokens", by_digest) and not _where(by_digest, "user_id")
    by_email = "SELECT users.id, users.email FROM users WHERE users.email = %(email_1)s"
    assert _reads("users", by_email) and not _where(by_email, "users.id")
    assert "task_tags" in TENANT_TABLES and "tasks" in TENANT_TABLES and "users" not in TENANT_TABLES

"""A late task, end to end on the embedded profile: re-plan -> deadline at risk -> in-app inbox, an email
through a real SMTP server, and a signed webhook to a local receiver."""
from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

from aiosmtpd.controller import Controller

from adapters.webhook.sender import verify_signature
from tests.e2e.conftest import sign_up
from tests.integration.test_smtp_sender import RecordingHandler, free_port
from tests.integration.test_webhook_sender import Receiver

ALL_WEEK = {d: [["00:00", "24:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}


def _wait(predicate, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def test_deadline_at_risk_reaches_inbox_email_and_webhook(make_app):
    handler, receiver = RecordingHandler(), Receiver()
    smtp = Controller(handler, hostname="127.0.0.1", port=free_port())
    smtp.start()
    app = make_app("fresh", background=True, smtp_host="127.0.0.1", smtp_port=smtp.port, smtp_security="none",
                   webhook_allow_private=True)
    try:
        assert app.background.wait_ready()
        user = sign_up(app.test_client(), timezone="UTC")
        user.put("/api/v1/users/me/preferences", json={
            "timezone": "UTC", "working_hours": ALL_WEEK,
            "notifications": {"channels": {"deadline_at_risk": ["email", "webhook"]}, "quiet_hours": None,
                              "webhook_url": receiver.url()}})
        due = datetime.now(timezone.utc) + timedelta(hours=1)
        user.post("/api/v1/tasks", json={"title": "impossible report", "duration_minutes": 300,
                                         "due": due.isoformat(), "priority": 1})

        def inbox():
            return [n for n in user.get("/api/v1/notifications").get_json() if n["kind"] == "deadline_at_risk"]

        assert _wait(lambda: inbox() and handler.received and receiver.requests)
        note = inbox()[0]
        assert note["title"] == "At risk: impossible report" and note["read_at"] is None
        mail = handler.received[0]
        assert mail.rcpt_tos == [user.email] and mail.message["Subject"] == "At risk: impossible report"
        hook = receiver.requests[0]
        secret = app.container.webhook_secret()(user.user["id"])
        assert verify_signature(secret, hook.headers["X-Planloom-Timestamp"], hook.body,
                                hook.headers["X-Planloom-Signature"])
        assert b'"kind": "deadline_at_risk"' in hook.body or b'"kind":"deadline_at_risk"' in hook.body
        time.sleep(1.0)  # let any duplicate delivery show up before counting
        assert len(inbox()) == 1 and len(handler.received) == 1
        # webhooks are at-least-once (a slow answer is retried); a repeat carries the same delivery id
        assert len({r.headers["X-Planloom-Delivery"] for r in receiver.requests}) == 1
        read = user.put(f"/api/v1/notifications/{note['id']}/read")
        assert read.status_code == 200 and read.get_json()["read_at"]
        assert user.get("/api/v1/notifications?unread=true").get_json() == []
    finally:
        app.background.stop()
        smtp.stop()
        receiver.stop()


def test_the_live_stream_sends_new_notifications(make_app):
    from domain import commands
    import uuid

    app = make_app("sqlite")
    client = app.test_client()
    user = sign_up(client)
    since = datetime.now(timezone.utc) - timedelta(seconds=1)
    app.container.bus().handle(commands.Notify(user_id=uuid.UUID(user.user["id"]), kind="task_overdue",
                                               title="Overdue: taxes", body="was due yesterday", dedupe_key="x"))
    response = client.get(f"/api/v1/notifications/stream?seconds=0.5&after={since.isoformat().replace('+', '%2B')}",
                          headers=user.headers)
    assert response.status_code == 200 and response.mimetype == "text/event-stream"
    body = response.get_data(as_text=True)
    assert "event: notification" in body and "Overdue: taxes" in body and body.startswith("retry: 3000")


def test_streams_are_capped_per_account_with_a_problem_and_retry_after(make_app):
    app = make_app("sqlite", streams_per_user=2)
    client = app.test_client()
    alice, bob = sign_up(client), sign_up(client)
    open_streams = [client.get("/api/v1/notifications/stream?seconds=5", headers=alice.headers, buffered=False)
                    for _ in range(2)]
    assert [r.status_code for r in open_streams] == [200, 200]
    refused = client.get("/api/v1/notifications/stream?seconds=5", headers=alice.headers)
    assert refused.status_code == 429 and refused.mimetype == "application/problem+json"
    assert refused.headers["Retry-After"] == "10" and "at most 2" in refused.get_json()["detail"]
    other = client.get("/api/v1/notifications/stream?seconds=0", headers=bob.headers)
    assert other.status_code == 200  # the cap is per account
    open_streams[0].close()  # a closed stream frees its slot
    again = client.get("/api/v1/notifications/stream?seconds=0", headers=alice.headers)
    assert again.status_code == 200
    open_streams[1].close()

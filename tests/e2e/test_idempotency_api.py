"""Idempotency-Key under real concurrency: the key is claimed before the request runs, so duplicates
sent at the same time create one object; a run that fails gives the key back. SQLite and PostgreSQL."""
from __future__ import annotations

import threading
import uuid

from dependency_injector import providers

from tests.e2e.conftest import assert_problem, sign_up

T = "/api/v1/tasks"


def _concurrently(count: int, call) -> list:
    barrier, results, errors = threading.Barrier(count), [None] * count, []

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = call()
        except Exception as exc:  # noqa: BLE001 - anything escaping is the failure
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    return results


class GatedBus:
    """The real bus, but the first command waits for the test to open the gate (or fails once)."""

    def __init__(self, bus, fail_first: bool = False) -> None:
        self.bus, self.fail_first = bus, fail_first
        self.entered, self.gate, self.calls = threading.Event(), threading.Event(), 0

    def handle(self, command):
        self.calls += 1
        if self.calls == 1:
            if self.fail_first:
                raise RuntimeError("the run failed")
            self.entered.set()
            assert self.gate.wait(60)
        return self.bus.handle(command)


def test_concurrent_duplicates_create_one_task(app):
    user = sign_up(app.test_client())
    title = f"once {uuid.uuid4().hex[:6]}"
    headers = user.headers | {"Idempotency-Key": str(uuid.uuid4())}
    responses = _concurrently(8, lambda: app.test_client().post(T, json={"title": title}, headers=headers))
    created = [r for r in responses if r.status_code == 201]
    busy = [r for r in responses if r.status_code != 201]
    assert created and len({r.get_json()["id"] for r in created}) == 1
    assert sum(r.headers.get("Idempotent-Replayed") != "true" for r in created) == 1  # one ran, the rest replayed
    for response in busy:
        assert "in progress" in assert_problem(response, 409)["detail"] and response.headers["Retry-After"]
    assert [t["title"] for t in user.get(T).get_json()] == [title]


def test_a_duplicate_of_a_running_request_gets_409_then_the_replay(app):
    user = sign_up(app.test_client())
    gated = GatedBus(app.container.bus())
    app.container.bus.override(providers.Object(gated))
    headers = user.headers | {"Idempotency-Key": "slow-one"}
    first: list = []
    runner = threading.Thread(target=lambda: first.append(app.test_client().post(T, json={"title": "slow"},
                                                                                  headers=headers)))
    runner.start()
    try:
        assert gated.entered.wait(60)
        duplicate = app.test_client().post(T, json={"title": "slow"}, headers=headers)
        assert "in progress" in assert_problem(duplicate, 409)["detail"]
    finally:
        gated.gate.set()
        runner.join(60)
        app.container.bus.reset_override()
    assert first[0].status_code == 201
    replay = user.post(T, json={"title": "slow"}, headers=headers)
    assert replay.status_code == 201 and replay.headers["Idempotent-Replayed"] == "true"
    assert replay.get_json()["id"] == first[0].get_json()["id"]
    assert len(user.get(T).get_json()) == 1


def test_a_failed_run_releases_the_key(app):
    user = sign_up(app.test_client())
    app.container.bus.override(providers.Object(GatedBus(app.container.bus(), fail_first=True)))
    headers = user.headers | {"Idempotency-Key": "try-again"}
    try:
        assert_problem(user.post(T, json={"title": "retried"}, headers=headers), 500)
        again = user.post(T, json={"title": "retried"}, headers=headers)
    finally:
        app.container.bus.reset_override()
    assert again.status_code == 201 and "Idempotent-Replayed" not in again.headers
    assert [t["title"] for t in user.get(T).get_json()] == ["retried"]


def test_keys_are_visible_ascii_as_the_document_says(make_app):
    alice = sign_up(make_app("memory").test_client())
    for bad in ("é-1", " lead", "trail ", "tab\tinside", "x" * 256):
        assert_problem(alice.post(T, json={"title": "refused"}, headers={"Idempotency-Key": bad}), 400)
    first = alice.post(T, json={"title": "kept"}, headers={"Idempotency-Key": "order 42/a~b"})
    again = alice.post(T, json={"title": "kept"}, headers={"Idempotency-Key": "order 42/a~b"})
    assert first.status_code == again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
    assert [t["title"] for t in alice.get(T).get_json()] == ["kept"]

"""The load balancer, proven with real processes: a real nginx with the repository's config in front of
two ``planloom serve`` processes on one PostgreSQL database. Under a steady stream of writes, one backend
is killed (SIGKILL, workers and all). nginx's passive health check (``max_fails``/``fail_timeout`` of the
upstream) and ``proxy_next_upstream`` take it out: the errors stop within the check's interval (here at
once: a refused connection is retried on the other backend), and every write that was acknowledged
(201) is there afterwards."""
from __future__ import annotations

import os
import re
import signal
import threading
import time
import uuid

import requests

from tests.databases import fresh_database
from tests.live_server import planloom_env, start_server, stop_server
from tests.nginx_server import nginx_in_front, upstream_parameters


WRITERS = 4
PER_SECOND = 4  # per writer: 16/s in all, under the config's 30 r/s per address


def _fail_timeout() -> float:
    return float(re.search(r"fail_timeout=(\d+)s", upstream_parameters()).group(1))


def test_killing_a_backend_mid_load_loses_no_acknowledged_write(tmp_path):
    with fresh_database("planloom_lb") as database_url:
        env = planloom_env(tmp_path, PLANLOOM_DATABASE_URL=database_url, PLANLOOM_PROXY_HOPS="1",
                           PLANLOOM_API_RATE_LIMIT="100000 per minute", PLANLOOM_SECRET_KEY="lb-test-" * 6)
        first, a = start_server(tmp_path / "a", "--workers", "1", env=env)
        second, b = start_server(tmp_path / "b", "--workers", "1", env=env)
        try:
            with nginx_in_front(tmp_path / "nginx", [a.removeprefix("http://"), b.removeprefix("http://")]) as (
                    base, certificate):
                _run(base, certificate, first)
            _check_balancing(tmp_path / "nginx" / "logs" / "access.log", a.removeprefix("http://"),
                             b.removeprefix("http://"))
        finally:
            for process in (first, second):
                if process.poll() is None:
                    stop_server(process)


def _session(certificate: str) -> requests.Session:
    """TLS is nginx's, checked against the test's own certificate (not REQUESTS_CA_BUNDLE's)."""
    session = requests.Session()
    session.trust_env, session.verify = False, certificate
    return session


def _run(base: str, certificate: str, victim) -> None:
    session = _session(certificate)
    signed = session.post(f"{base}/api/v1/auth/register",
                          json={"email": f"lb-{uuid.uuid4().hex[:8]}@example.com", "password": "pass-word-1"})
    assert signed.status_code == 201, signed.text
    headers = {"Authorization": f"Bearer {signed.json()['access_token']}"}
    results: list[tuple[float, int, str | None, str]] = []  # (when, status, task id, title)
    lock, stop = threading.Lock(), threading.Event()

    def writer(number: int) -> None:
        mine = _session(certificate)
        i = 0
        while not stop.is_set():
            title = f"writer {number} task {i}"
            i += 1
            try:
                answer = mine.post(f"{base}/api/v1/tasks", json={"title": title, "duration_minutes": 15},
                                   headers=headers, timeout=10)
                status, task = answer.status_code, answer.json().get("id") if answer.status_code == 201 else None
            except requests.RequestException:
                status, task = 0, None
            with lock:
                results.append((time.monotonic(), status, task, title))
            time.sleep(1 / PER_SECOND)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    time.sleep(3)
    killed_at = time.monotonic()
    os.killpg(victim.pid, signal.SIGKILL)  # the master and its workers, without a goodbye
    time.sleep(5)
    stop.set()
    for thread in threads:
        thread.join(20)

    before = [r for r in results if r[0] < killed_at]
    after = [r for r in results if r[0] >= killed_at]
    errors_after = [r for r in after if r[1] != 201]
    assert len(before) >= WRITERS * 6 and len(after) >= WRITERS * 10, (len(before), len(after))
    assert all(r[1] == 201 for r in before), [r for r in before if r[1] != 201]
    # Only requests already inside the killed backend can fail (at most one per writer), never a 500,
    # and none once the health check's interval has passed.
    assert len(errors_after) <= WRITERS, errors_after
    assert all(r[1] in (0, 502, 503, 504) for r in errors_after), errors_after
    assert not [r for r in errors_after if r[0] > killed_at + _fail_timeout()]
    assert not [r for r in after if r[0] > killed_at + 1 and r[1] != 201], "errors went on after the kill"

    acknowledged = {r[2]: r[3] for r in results if r[1] == 201}
    stored, page = {}, 1
    while True:  # read back through nginx (the survivor), a page at a time (nginx limits requests per address)
        answer = session.get(f"{base}/api/v1/tasks", params={"page": page, "page_size": 100}, headers=headers)
        assert answer.status_code == 200, answer.text
        stored |= {task["id"]: task["title"] for task in answer.json()}
        if len(answer.json()) < 100:
            break
        page += 1
    assert {task_id: stored.get(task_id) for task_id in acknowledged} == acknowledged


def _check_balancing(access_log, killed: str, survivor: str) -> None:
    """From nginx's JSON access log: the writes were spread over both backends, and a write that found the
    killed one gone was passed on to the survivor (``upstream`` lists both)."""
    import json

    writes = [entry for entry in map(json.loads, access_log.read_text().splitlines())
              if entry["method"] == "POST" and entry["uri"] == "/api/v1/tasks"]
    served = {entry["upstream"] for entry in writes if entry["status"] == 201}
    assert killed in served and survivor in served, served
    assert any(entry["upstream"] == f"{killed}, {survivor}" and entry["status"] == 201 for entry in writes), served

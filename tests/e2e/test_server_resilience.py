"""``planloom serve`` under abuse, on a real socket: open notification streams and slow clients must not
take the threads that answer everyone else. Bounded, loopback only, and each test ends by itself;
no timing is asserted (request timeouts below are only bounds)."""
from __future__ import annotations

import selectors
import socket
import threading
import uuid
from urllib.parse import urlsplit

import pytest
import requests

from domain import commands
from entrypoints.config import Settings
from entrypoints.container import Container
from tests.conftest import random_email
from tests.live_server import live_server, planloom_env

PER_USER = 3
THREADS = 2
SLOW_CLIENTS = 600


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("served")
    env = planloom_env(data, PLANLOOM_STREAMS_PER_USER=str(PER_USER), PLANLOOM_API_RATE_LIMIT="100000 per minute")
    with live_server(data, "--workers", "1", "--threads", str(THREADS), "--header-timeout", "2",
                     "--body-timeout", "2", env=env) as base:
        yield base, Settings.from_env(env)


def _sign_up(base: str) -> tuple[str, dict]:
    answer = requests.post(f"{base}/api/v1/auth/register", json={"email": random_email(), "password": "long-password"},
                           timeout=30)
    assert answer.status_code == 201, answer.text
    return answer.json()["user"]["id"], {"Authorization": f"Bearer {answer.json()['access_token']}"}


def _open_stream(base: str, headers: dict) -> tuple[requests.Response, object]:
    """The response and its line iterator (kept: dropping a half-read iterator closes the connection)."""
    stream = requests.get(f"{base}/api/v1/notifications/stream?seconds=30", headers=headers, stream=True,
                          timeout=30)
    assert stream.status_code == 200 and stream.headers["Content-Type"].startswith("text/event-stream")
    lines = stream.iter_lines()
    assert next(lines) == b"retry: 3000"
    return stream, lines


def test_open_streams_take_no_request_thread_and_are_capped_per_account(server):
    base, settings = server
    alice_id, alice = _sign_up(base)
    _, bob = _sign_up(base)
    streams = [_open_stream(base, alice) for _ in range(PER_USER)] + [_open_stream(base, bob) for _ in range(PER_USER)]
    try:
        assert len(streams) > THREADS  # a thread each would have left none for the requests below
        refused = requests.get(f"{base}/api/v1/notifications/stream?seconds=30", headers=alice, timeout=30)
        assert refused.status_code == 429 and refused.headers["Content-Type"] == "application/problem+json"
        assert f"at most {PER_USER}" in refused.json()["detail"] and refused.headers["Retry-After"] == "10"
        for _ in range(10):
            assert requests.get(f"{base}/healthz", timeout=30).status_code == 200
            assert requests.get(f"{base}/api/v1/tasks", headers=alice, timeout=30).status_code == 200

        Container(settings=settings).bus().handle(commands.Notify(
            user_id=uuid.UUID(alice_id), kind="task_overdue", title="Overdue: taxes", body="was due yesterday",
            dedupe_key=uuid.uuid4().hex))
        for _, lines in streams[:PER_USER]:  # every one of Alice's streams gets it, from one hub
            assert any(b"Overdue: taxes" in line for line in lines)
    finally:
        for stream, _ in streams:
            stream.close()


def _partial_request(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
    return sock


def test_slow_clients_are_cut_off_and_others_are_served(server):
    base, _ = server
    port = urlsplit(base).port
    slow = [_partial_request(port) for _ in range(SLOW_CLIENTS)]
    stop = threading.Event()

    def trickle():  # one more header byte per client every half second: never a complete request
        while not stop.wait(0.5):
            for sock in slow:
                try:
                    sock.send(b"a")
                except OSError:
                    pass

    trickler = threading.Thread(target=trickle, daemon=True)
    trickler.start()
    try:
        for _ in range(5):
            assert requests.get(f"{base}/healthz", timeout=30).status_code == 200
        # The server closes each slow connection at its header deadline (2 s here): wait for every EOF.
        selector = selectors.DefaultSelector()
        for sock in slow:
            sock.setblocking(False)
            selector.register(sock, selectors.EVENT_READ)
        closed = 0
        while closed < len(slow):
            ready = selector.select(timeout=60)
            assert ready, f"{len(slow) - closed} slow connections still open a minute after their deadline"
            for key, _ in ready:
                try:
                    data = key.fileobj.recv(4096)
                except ConnectionResetError:
                    data = b""
                if not data:
                    selector.unregister(key.fileobj)
                    closed += 1
        selector.close()
    finally:
        stop.set()
        trickler.join(10)
        for sock in slow:
            sock.close()
    assert requests.get(f"{base}/healthz", timeout=30).status_code == 200


def _raw(port: int, payload: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(payload)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
        return answer


def test_a_body_that_never_arrives_gets_408_and_an_oversized_one_413(server):
    base, settings = server
    port = urlsplit(base).port
    head = b"POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
    late = _raw(port, head + b"Content-Length: 100\r\n\r\n{\"email\":")
    assert late.startswith(b"HTTP/1.1 408") and b"application/problem+json" in late
    declared = _raw(port, head + f"Content-Length: {settings.max_body_bytes + 1}\r\n\r\n".encode())
    assert declared.startswith(b"HTTP/1.1 413") and b"limited to 1048576 bytes" in declared
    chunk = b"x" * 65536
    chunked = _raw(port, head + b"Transfer-Encoding: chunked\r\n\r\n"
                   + (b"%x\r\n" % len(chunk) + chunk + b"\r\n") * 20 + b"0\r\n\r\n")
    assert chunked.startswith(b"HTTP/1.1 413")


def test_the_stream_cap_is_per_account_across_worker_processes(tmp_path):
    """Two workers, each with its hub: the account's streams are counted in the data folder's shared file,
    so the cap is the same whichever worker each connection lands on (not the cap times the workers)."""
    env = planloom_env(tmp_path, PLANLOOM_STREAMS_PER_USER="2", PLANLOOM_API_RATE_LIMIT="100000 per minute")
    with live_server(tmp_path, "--workers", "2", "--threads", "2", env=env) as base:
        _, alice = _sign_up(base)
        answers = [requests.get(f"{base}/api/v1/notifications/stream?seconds=30", headers=alice, stream=True,
                                timeout=30) for _ in range(6)]
        try:
            assert sorted(answer.status_code for answer in answers) == [200, 200, 429, 429, 429, 429]
        finally:
            for answer in answers:
                answer.close()


def test_a_request_head_over_16_kib_gets_431_and_one_within_it_is_served(server):
    base, _ = server
    port = urlsplit(base).port
    big = _raw(port, b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Big: " + b"a" * 17_000 + b"\r\n\r\n")
    assert big.startswith(b"HTTP/1.1 431")
    endless = _raw(port, b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Big: " + b"a" * 200_000)  # never ends
    assert endless.startswith(b"HTTP/1.1 431")
    fine = _raw(port, b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nX-Big: "
                + b"a" * 15_000 + b"\r\n\r\n")
    assert fine.startswith(b"HTTP/1.1 200") and fine.endswith(b'{"status":"ok"}')


def test_pipelined_requests_are_all_answered_in_order(server):
    base, _ = server
    port = urlsplit(base).port
    one = b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n"
    answer = _raw(port, one + b"GET /api/v1/openapi.json HTTP/1.1\r\nHost: localhost\r\n\r\n"
                  + b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
    assert answer.count(b"HTTP/1.1 200") == 3
    assert answer.index(b'"openapi"') < answer.rindex(b'{"status":"ok"}')

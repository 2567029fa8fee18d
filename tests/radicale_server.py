"""A real CalDAV server for the tests: Radicale, started on a free loopback port with a temporary storage
folder and one user (htpasswd, plain), stopped at the end of the session."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass

import caldav
import pytest

START_TIMEOUT_S = 20.0


@dataclass(frozen=True)
class Radicale:
    url: str
    username: str
    password: str

    def client(self) -> caldav.DAVClient:
        return caldav.DAVClient(url=self.url, username=self.username, password=self.password, timeout=10)

    def new_calendar(self, name: str = "") -> caldav.Calendar:
        return self.client().principal().make_calendar(name=name or f"cal-{uuid.uuid4().hex[:8]}")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def radicale(tmp_path_factory) -> Radicale:
    folder = tmp_path_factory.mktemp("radicale")
    password = uuid.uuid4().hex
    (folder / "users").write_text(f"planner@example.com:{password}\n")
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "radicale", f"--storage-filesystem-folder={folder / 'collections'}",
         f"--server-hosts=127.0.0.1:{port}", "--auth-type=htpasswd", f"--auth-htpasswd-filename={folder / 'users'}",
         "--auth-htpasswd-encryption=plain", "--logging-level=warning"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError("Radicale did not start") from None
            time.sleep(0.1)
    yield Radicale(f"http://127.0.0.1:{port}/", "planner@example.com", password)
    process.terminate()
    process.wait(timeout=10)

"""A PostgreSQL that hangs (accepts connections, never answers) vs. how long requests wait.

    .venv/bin/python bench/hung_database.py                              # this tree only
    .venv/bin/python bench/hung_database.py --baseline-tree /tmp/before   # and the code before, side by side

``PLANLOOM_DATABASE_URL`` points at a local TCP listener that accepts and stays silent (what a stopped
backend or a black-holed path looks like to a client). Each tree's ``planloom serve --workers 1`` is
started on it; once ``/healthz`` answers, the script times three ``/readyz`` in a row, one
``POST /auth/login`` (it needs the database) and ``/healthz`` after them, each with a 30 s client
deadline, and prints the seconds (and status) side by side.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from api import ROOT, Server, free_port  # noqa: E402
from tests.silent_listener import silent_listener  # noqa: E402

DEADLINE = 30.0
CHECKS = [("GET", "/readyz"), ("GET", "/readyz"), ("GET", "/readyz"), ("POST", "/api/v1/auth/login"),
          ("GET", "/healthz")]


def timed(base: str, method: str, path: str) -> str:
    body = b'{"email": "someone@example.com", "password": "not-the-password"}' if method == "POST" else None
    request = urllib.request.Request(base + path, data=body, method=method,
                                     headers={"Content-Type": "application/json"})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=DEADLINE) as answer:
            status = answer.status
    except urllib.error.HTTPError as error:
        status = error.code
    except (TimeoutError, urllib.error.URLError, OSError):
        return f"no answer in {DEADLINE:g} s"
    return f"{time.perf_counter() - started:6.2f} s  {status}"


def measure(name: str, tree: Path, database_url: str, workdir: Path) -> list[str]:
    tree = tree.resolve()
    data = workdir / name
    data.mkdir()
    env = os.environ | {"PLANLOOM_DATA_DIR": str(data), "PLANLOOM_DATABASE_URL": database_url,
                        "PYTHONPATH": str(tree)}
    port = free_port()
    server = Server(name, [sys.executable, "-m", "entrypoints.cli", "serve", "--port", str(port), "--workers", "1"],
                    env, port, workdir, cwd=tree)
    try:
        server.wait_ready("/healthz")
        return [timed(f"http://127.0.0.1:{port}", method, path) for method, path in CHECKS]
    finally:
        server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline-tree", type=Path, help="another checkout to measure first (e.g. before)")
    args = parser.parse_args()
    trees = ([("before", args.baseline_tree)] if args.baseline_tree else []) + [("after", ROOT)]
    columns = {}
    with silent_listener() as (port, _), tempfile.TemporaryDirectory(prefix="planloom-bench-hung-") as workdir:
        url = f"postgresql://planloom@127.0.0.1:{port}/planloom"
        for name, tree in trees:
            columns[name] = measure(name, tree, url, Path(workdir))
    print(f"\nrequests to planloom serve on a PostgreSQL that accepts and never answers (client deadline {DEADLINE:g} s)")
    print(f"{'':24}" + "".join(f"{name:26}" for name in columns))
    for i, (method, path) in enumerate(CHECKS):
        print(f"{method + ' ' + path:24}" + "".join(f"{cells[i]:26}" for cells in columns.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Real processes for the fault tests: ``planloom serve`` / ``planloom worker`` subprocesses on a fresh
migrated PostgreSQL database, a private RabbitMQ node and a private Redis to stop and start, and the
test hooks those subprocesses run with.

Why private broker nodes: stopping the machine's RabbitMQ (``rabbit@localhost``) or Redis (6379)
would break the other suites that use them at the same time. The private ones are started with the
machine's own commands and configuration (``rabbitmq-server -detached``, ``rabbitmqctl -n <node>
stop_app / start_app / stop``, ``redis-server``, ``redis-cli shutdown``) on free ports, and always
stopped afterwards. Every test also gets its own RabbitMQ virtual host, so queue names
(``planloom.replan``...) never collide.

Test hooks (only inside this module, enabled by environment variables, no product code touched):
run ``python -m tests.integration._processes serve|worker ...`` instead of ``planloom ...``; it
installs the hooks, then calls the real ``entrypoints.cli.main``.

- ``PLANLOOM_TEST_RECORD=1``: every successful ``inbox.claim`` is also written to ``test_effects`` by the
  same unit of work, in the same transaction as the consumer's work, so a row there *is* the effect
  (``test_effects`` has no unique key: an effect applied twice shows up as two rows). Each consumer
  delivery is logged to ``test_deliveries`` (autocommit: ``start`` when the handler is called, ``done``
  when it returned, just before the ack), so redeliveries are visible.
- ``PLANLOOM_TEST_SLOW=<consumer>:<before|after>:<seconds>``: that consumer's handler sleeps before
  calling the real handler (the message is unacked, nothing committed) or after it returned (the work
  is committed, the message not yet acked): the window in which a test kills the worker.
- workers print ``PLANLOOM-TEST-READY`` once their consumers are attached.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READY = "PLANLOOM-TEST-READY"

TEST_TABLES = """
CREATE TABLE test_effects (consumer text NOT NULL, message_id uuid NOT NULL, pid int NOT NULL,
                           at timestamptz NOT NULL DEFAULT clock_timestamp());
CREATE TABLE test_deliveries (consumer text NOT NULL, message_id uuid NOT NULL, phase text NOT NULL,
                              pid int NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp());
"""


def wait_until(predicate, timeout: float = 60.0, interval: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except Exception:  # noqa: BLE001 - a service coming up may raise; keep polling
            pass
        time.sleep(interval)
    return bool(predicate())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def port_open(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


# ------------------------------------------------------------------------------------------------
# PostgreSQL: a fresh migrated database
# ------------------------------------------------------------------------------------------------
class Database:
    def __init__(self, prefix: str = "planloom_fault", test_tables: bool = True) -> None:
        self.prefix = prefix
        self.name = self.url = None
        self.test_tables = test_tables
        self.engine = None

    def create(self) -> "Database":
        from sqlalchemy import create_engine

        from tests.databases import create_database

        self.name, self.url = create_database(self.prefix)
        self.engine = create_engine(self.url, pool_size=2)
        if self.test_tables:
            with self.engine.begin() as conn:
                conn.exec_driver_sql(TEST_TABLES)
        return self

    def drop(self) -> None:
        from tests.databases import drop_database

        if self.engine is not None:
            self.engine.dispose()
        if self.name is not None:
            drop_database(self.name)

    def rows(self, sql: str, **params) -> list:
        from sqlalchemy import text

        with self.engine.connect() as conn:
            return list(conn.execute(text(sql), params).all())

    def scalar(self, sql: str, **params):
        from sqlalchemy import text

        with self.engine.connect() as conn:
            return conn.execute(text(sql), params).scalar()


# ------------------------------------------------------------------------------------------------
# RabbitMQ: a private node, stopped and started with rabbitmqctl
# ------------------------------------------------------------------------------------------------
SHARED = os.environ.get("PLANLOOM_TEST_FAULTS_SHARED") == "1"  # stop the machine's own services instead


class RabbitNode:
    """A RabbitMQ node of our own (same binaries, cookie and user as the machine's ``rabbit@localhost``).
    With ``PLANLOOM_TEST_FAULTS_SHARED=1``: the machine's node itself (stop_app / start_app), left running."""

    def __init__(self, shared: bool = SHARED) -> None:
        self.shared = shared
        self.short = "rabbit" if shared else f"plt{uuid.uuid4().hex[:8]}"
        self.node = f"{self.short}@localhost"
        self.port, self.dist_port = (5672, 25672) if shared else (free_port(), free_port())
        self.dir = Path(tempfile.mkdtemp(prefix=f"{self.short}-"))
        self.os_pid: int | None = None

    def url(self, vhost: str = "/") -> str:
        return f"amqp://guest:guest@127.0.0.1:{self.port}/{'' if vhost == '/' else vhost}"

    def ctl(self, *args: str, check: bool = True, timeout: float = 120) -> subprocess.CompletedProcess:
        result = subprocess.run(["rabbitmqctl", "-n", self.node, *args], capture_output=True, text=True,
                                timeout=timeout)
        if check and result.returncode != 0:
            raise RuntimeError(f"rabbitmqctl {' '.join(args)} failed: {result.stdout}{result.stderr}")
        return result

    def start(self) -> "RabbitNode":
        if self.shared:
            self.ensure_running()
            return self
        (self.dir / "rabbitmq.conf").write_text(f"listeners.tcp.1 = 127.0.0.1:{self.port}\n")
        (self.dir / "enabled_plugins").write_text("[].\n")
        shutil.chown(self.dir, "rabbitmq", "rabbitmq")
        for child in self.dir.iterdir():
            shutil.chown(child, "rabbitmq", "rabbitmq")
        env = os.environ | {
            "RABBITMQ_NODENAME": self.node, "RABBITMQ_DIST_PORT": str(self.dist_port),
            "RABBITMQ_MNESIA_BASE": str(self.dir / "mnesia"), "RABBITMQ_LOG_BASE": str(self.dir / "log"),
            "RABBITMQ_CONFIG_FILE": str(self.dir / "rabbitmq.conf"),
            "RABBITMQ_ENABLED_PLUGINS_FILE": str(self.dir / "enabled_plugins"),
            "RABBITMQ_PID_FILE": str(self.dir / "pid"),
        }
        subprocess.run(["rabbitmq-server", "-detached"], env=env, check=True, timeout=60, capture_output=True)
        if not wait_until(lambda: self.ctl("await_startup", "--timeout", "5", check=False, timeout=30).returncode == 0,
                          timeout=90, interval=0.5):
            raise RuntimeError(f"private RabbitMQ node {self.node} did not start; logs in {self.dir / 'log'}")
        pid = self.ctl("eval", "os:getpid().").stdout.strip().strip('"')
        self.os_pid = int(pid)
        self.wait_amqp()
        return self

    def stop_app(self) -> None:
        self.ctl("stop_app")
        if not wait_until(lambda: not port_open(self.port), timeout=30):
            raise RuntimeError("RabbitMQ still listens after stop_app")

    def start_app(self) -> None:
        self.ctl("start_app")
        self.ctl("await_startup", "--timeout", "60")
        self.wait_amqp()

    def ensure_running(self) -> None:
        """Restore the node after a test, whatever state it left it in."""
        if not self.amqp_works():
            self.ctl("start_app", check=False)
            self.ctl("await_startup", "--timeout", "60", check=False)
            self.wait_amqp()

    def amqp_works(self, vhost: str = "/") -> bool:
        from kombu import Connection

        try:
            with Connection(self.url(vhost), connect_timeout=2) as conn:
                conn.ensure_connection(max_retries=1)
                conn.channel()
            return True
        except Exception:  # noqa: BLE001
            return False

    def wait_amqp(self, vhost: str = "/", timeout: float = 60) -> None:
        if not wait_until(lambda: self.amqp_works(vhost), timeout=timeout, interval=0.2):
            raise RuntimeError(f"no AMQP connection to {self.url(vhost)}")

    def add_vhost(self) -> str:
        vhost = f"planloom-test-{uuid.uuid4().hex[:10]}"
        self.ctl("add_vhost", vhost)
        self.ctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*")
        return vhost

    def declare_topology(self, vhost: str) -> None:
        """Declare every consumer's queues, as a deploy step would (see the report: the relay alone does not,
        so events published before a consumer first connected are unroutable and dropped)."""
        from kombu import Connection

        from adapters.rabbitmq.topology import EVENTS, dead_queue, retry_queue, work_queue
        from entrypoints.consumers.registry import CONSUMERS

        with Connection(self.url(vhost), connect_timeout=5) as conn:
            channel = conn.channel()
            EVENTS(channel).declare()
            for name, (keys, _) in CONSUMERS.items():
                for queue in (work_queue(name, keys), retry_queue(name), dead_queue(name)):
                    queue(channel).declare()

    def delete_vhost(self, vhost: str) -> None:
        self.ctl("delete_vhost", vhost, check=False)

    def queue_counts(self, vhost: str, queue: str) -> tuple[int, int]:
        """(ready messages, consumers) of a queue, from a passive declare."""
        from kombu import Connection

        with Connection(self.url(vhost), connect_timeout=5) as conn:
            _, ready, consumers = conn.channel().queue_declare(queue, passive=True)
            return ready, consumers

    def unacked(self, vhost: str, queue: str) -> int:
        out = self.ctl("list_queues", "-p", vhost, "--no-table-headers", "--quiet", "name",
                       "messages_unacknowledged").stdout
        for line in out.splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[0] == queue:
                return int(parts[1])
        return 0

    def stop(self) -> None:
        if self.shared:  # the machine's node: restore it, never stop it
            self.ensure_running()
            shutil.rmtree(self.dir, ignore_errors=True)
            return
        result = self.ctl("stop", check=False, timeout=120)
        if result.returncode != 0 and self.os_pid:
            try:
                os.kill(self.os_pid, signal.SIGKILL)  # only the node we started, by its id
            except ProcessLookupError:
                pass
        shutil.rmtree(self.dir, ignore_errors=True)


# ------------------------------------------------------------------------------------------------
# Redis: a private server, stopped with redis-cli shutdown and started with redis-server
# ------------------------------------------------------------------------------------------------
class RedisServer:
    """A redis-server of our own on a free port; with ``PLANLOOM_TEST_FAULTS_SHARED=1`` the machine's (6379),
    restarted with the machine's command line and left running."""

    SHARED_ARGS = ["--bind", "127.0.0.1", "-::1", "--port", "6379", "--save", "", "--appendonly", "no",
                   "--dir", "/var/lib/redis", "--logfile", "/var/log/redis/ci.log"]

    def __init__(self, shared: bool = SHARED) -> None:
        self.shared = shared
        self.port = 6379 if shared else free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="planloom-redis-"))
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def ping(self) -> bool:
        result = subprocess.run(["redis-cli", "-p", str(self.port), "ping"], capture_output=True, text=True, timeout=10)
        return result.stdout.strip() == "PONG"

    def keys(self, pattern: str = "*") -> list[str]:
        result = subprocess.run(["redis-cli", "-p", str(self.port), "--scan", "--pattern", pattern],
                                capture_output=True, text=True, timeout=10)
        return [k for k in result.stdout.splitlines() if k]

    def start(self) -> "RedisServer":
        if self.shared:
            if not self.ping():
                subprocess.run(["redis-server", "--daemonize", "yes", *self.SHARED_ARGS], check=True, timeout=30)
            if not wait_until(self.ping, timeout=30):
                raise RuntimeError("redis-server did not answer PING")
            return self
        subprocess.run(["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "--port", str(self.port),
                        "--save", "", "--appendonly", "no", "--dir", str(self.dir),
                        "--logfile", str(self.dir / "redis.log"), "--pidfile", str(self.dir / "redis.pid")],
                       check=True, timeout=30)
        if not wait_until(self.ping, timeout=30):
            raise RuntimeError("redis-server did not answer PING")
        return self

    def stop(self) -> None:
        subprocess.run(["redis-cli", "-p", str(self.port), "shutdown", "nosave"], capture_output=True, timeout=30)
        if not wait_until(lambda: not port_open(self.port), timeout=30):
            raise RuntimeError("redis-server did not stop")

    def destroy(self) -> None:
        if self.shared:
            self.start()  # restore the machine's Redis
            return
        if port_open(self.port):
            self.stop()
        pidfile = self.dir / "redis.pid"
        if pidfile.exists() and not wait_until(lambda: not pidfile.exists(), timeout=5):
            try:
                os.kill(int(pidfile.read_text().strip()), signal.SIGKILL)  # only our own server
            except (ProcessLookupError, ValueError):
                pass
        shutil.rmtree(self.dir, ignore_errors=True)


# ------------------------------------------------------------------------------------------------
# planloom serve / planloom worker subprocesses
# ------------------------------------------------------------------------------------------------
def base_env(database_url: str, broker_url: str, data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANLOOM_")}
    env.update({
        "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1",
        "PLANLOOM_DATABASE_URL": database_url, "PLANLOOM_BROKER_URL": broker_url,
        "PLANLOOM_DATA_DIR": str(data_dir), "PLANLOOM_SECRET_KEY": uuid.uuid4().hex * 2,
        "PLANLOOM_ARGON2_TIME_COST": "1", "PLANLOOM_ARGON2_MEMORY_KIB": "1024",
        "PLANLOOM_LOGIN_RATE_LIMIT": "10000 per minute", "PLANLOOM_LOGIN_IP_RATE_LIMIT": "10000 per minute",
        "PLANLOOM_API_RATE_LIMIT": "1000000 per minute", "PLANLOOM_REGISTER_RATE_LIMIT": "1000000 per minute",
        "PLANLOOM_BACKGROUND": "0", "PLANLOOM_LOG_LEVEL": "WARNING",
    })
    env.update(extra)
    return env


class Process:
    """One subprocess in its own session, so kill -9 reaches it and its children (gunicorn workers) only."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str], logdir: Path, port: int | None = None) -> None:
        self.name, self.argv, self.env, self.port = name, argv, env, port
        self.log = logdir / f"{name}-{uuid.uuid4().hex[:6]}.log"
        self.popen: subprocess.Popen | None = None

    @property
    def pid(self) -> int:
        return self.popen.pid

    def start(self) -> "Process":
        handle = open(self.log, "ab")
        self.popen = subprocess.Popen(self.argv, env=self.env, cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT,
                                      start_new_session=True)
        handle.close()
        return self

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def tail(self, n: int = 40) -> str:
        return "\n".join(self.output().splitlines()[-n:])

    def alive(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def wait_ready(self, timeout: float = 60) -> "Process":
        if self.port is not None:
            import requests

            def ready() -> bool:
                return requests.get(f"http://127.0.0.1:{self.port}/readyz", timeout=2).status_code == 200
        else:
            def ready() -> bool:
                return READY in self.output()
        if not wait_until(lambda: ready() or not self.alive(), timeout=timeout, interval=0.1) or not self.alive():
            raise RuntimeError(f"{self.name} did not become ready:\n{self.tail()}")
        return self

    def kill9(self) -> None:
        """kill -9 the process and everything in its session (its process group is its own pid)."""
        if self.popen is None:
            return
        try:
            os.killpg(self.popen.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.popen.wait(30)

    def stop(self, timeout: float = 15) -> None:
        if self.popen is None or self.popen.poll() is not None:
            return
        try:
            os.killpg(self.popen.pid, signal.SIGTERM)
            self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill9()
        except ProcessLookupError:
            pass
        try:  # gunicorn workers left behind by a master that died first
            os.killpg(self.popen.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


class Processes:
    """Starts ``planloom serve`` / ``planloom worker`` with the test hooks; stops them all at the end."""

    def __init__(self, database_url: str, broker_url: str, workdir: Path) -> None:
        self.database_url, self.broker_url, self.workdir = database_url, broker_url, workdir
        self.started: list[Process] = []

    def env(self, **extra: str) -> dict[str, str]:
        return base_env(self.database_url, self.broker_url, self.workdir, **extra)

    def serve(self, workers: int = 2, threads: int = 4, wait: bool = True, **env: str) -> Process:
        port = free_port()
        argv = [sys.executable, "-m", "tests.integration._processes", "serve", "--port", str(port),
                "--workers", str(workers), "--threads", str(threads)]
        process = Process("serve", argv, self.env(**env), self.workdir, port).start()
        self.started.append(process)
        return process.wait_ready() if wait else process

    def restart(self, process: Process, wait: bool = True) -> Process:
        again = Process(process.name, process.argv, process.env, self.workdir, process.port).start()
        self.started.append(again)
        return again.wait_ready() if wait else again

    def worker(self, queues: str | None = None, relay: bool = True, wait: bool = True, **env: str) -> Process:
        argv = [sys.executable, "-m", "tests.integration._processes", "worker"]
        if queues:
            argv += ["--queues", queues]
        if not relay:
            argv.append("--no-relay")
        process = Process("worker", argv, self.env(PLANLOOM_TEST_RECORD="1", **env), self.workdir).start()
        self.started.append(process)
        return process.wait_ready() if wait else process

    def stop_all(self) -> None:
        """SIGTERM to all at once, then wait (kill -9 whatever outlives the grace period)."""
        alive = [p for p in self.started if p.alive()]
        for process in alive:
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for process in alive:
            process.stop()


# ------------------------------------------------------------------------------------------------
# The hooks, installed in the subprocess before the real CLI runs
# ------------------------------------------------------------------------------------------------
_CLAIMS = "planloom_test_claims"


def install_hooks(env: dict[str, str] | None = None) -> None:
    env = dict(os.environ if env is None else env)
    if env.get("PLANLOOM_TEST_RECORD") == "1":
        _install_recording(env["PLANLOOM_DATABASE_URL"])
    _install_readiness()
    if env.get("PLANLOOM_TEST_SLOW") or env.get("PLANLOOM_TEST_RECORD") == "1":
        _wrap_consumers(env.get("PLANLOOM_TEST_SLOW", ""), env.get("PLANLOOM_TEST_RECORD") == "1",
                        env["PLANLOOM_DATABASE_URL"])


def _install_recording(database_url: str) -> None:
    from sqlalchemy import text

    from adapters.sql.outbox import SqlInbox
    from adapters.sql.unit_of_work import SqlUnitOfWork

    claim, commit, rollback = SqlInbox.claim, SqlUnitOfWork._commit, SqlUnitOfWork.rollback

    def recording_claim(self, consumer, message_id, now):
        claimed = claim(self, consumer, message_id, now)
        if claimed:
            self.conn.info.setdefault(_CLAIMS, []).append((consumer, message_id))
        return claimed

    def recording_commit(self, messages):
        claims = self._conn.info.pop(_CLAIMS, [])
        for consumer, message_id in claims:  # same connection, same transaction as the consumer's work
            self._conn.execute(text("INSERT INTO test_effects (consumer, message_id, pid) VALUES (:c, :m, :p)"),
                               {"c": consumer, "m": message_id, "p": os.getpid()})
        commit(self, messages)

    def forgetting_rollback(self):
        if self._conn is not None:
            self._conn.info.pop(_CLAIMS, None)
        rollback(self)

    SqlInbox.claim, SqlUnitOfWork._commit, SqlUnitOfWork.rollback = recording_claim, recording_commit, forgetting_rollback


def _install_readiness() -> None:
    from entrypoints.consumers import runtime

    start = runtime.Background.start

    def start_and_announce(self):
        started = start(self)

        def announce():
            if self.wait_ready(120):
                print(READY, flush=True)

        threading.Thread(target=announce, daemon=True).start()
        return started

    runtime.Background.start = start_and_announce


def _wrap_consumers(slow: str, record: bool, database_url: str) -> None:
    from sqlalchemy import create_engine, text

    from entrypoints.consumers import registry

    engine = create_engine(database_url, isolation_level="AUTOCOMMIT", pool_size=2) if record else None
    slow_name, slow_phase, slow_seconds = (slow.split(":") + ["", "", "0"])[:3] if slow else ("", "", "0")

    def log(consumer: str, message_id, phase: str) -> None:
        if engine is not None:
            with engine.connect() as conn:
                conn.execute(text("INSERT INTO test_deliveries (consumer, message_id, phase, pid) "
                                  "VALUES (:c, :m, :ph, :p)"),
                             {"c": consumer, "m": message_id, "ph": phase, "p": os.getpid()})

    for name, (keys, factory) in list(registry.CONSUMERS.items()):
        def wrapped_factory(bus_factory, _name=name, _factory=factory):
            real = _factory(bus_factory)

            def handle(message):
                log(_name, message.id, "start")
                if _name == slow_name and slow_phase == "before":
                    time.sleep(float(slow_seconds))
                real(message)
                log(_name, message.id, "handled")
                if _name == slow_name and slow_phase == "after":
                    time.sleep(float(slow_seconds))
                log(_name, message.id, "done")

            return handle

        registry.CONSUMERS[name] = (keys, wrapped_factory)


def _main(argv: list[str]) -> int:
    install_hooks()
    from entrypoints.cli import main

    return main(argv)


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))

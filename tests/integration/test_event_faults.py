"""The event backbone under faults, with real processes against real PostgreSQL, RabbitMQ and Redis.

- RabbitMQ stopped (``rabbitmqctl stop_app``) while 1,000 tasks are created, then started: every event
  is delivered, and none is applied twice.
- A consumer killed (-9) mid-message, before and after its work committed: the message is redelivered
  to another worker and its effect happens once.
- The API killed (-9) between commit and publish: the relay publishes on restart, each event once.
- Redis stopped (``redis-cli shutdown``) under the API: no 5xx; restarted with ``redis-server``.

"Applied" is measured, not assumed: the test hooks of ``_processes.py`` write a ``test_effects`` row in
the same transaction as each consumer's inbox claim and work, with no unique key, so an effect applied
twice would be two rows; ``test_deliveries`` logs every delivery, so redeliveries are visible.

The brokers that get stopped are private (a RabbitMQ node and a redis-server of this suite's own,
started with the machine's commands on free ports), so the other suites sharing the machine's
RabbitMQ and Redis are not disturbed. Each test has its own database and RabbitMQ virtual host.
Everything is restored and cleaned up in ``finally`` blocks / fixture teardown.
"""
from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest
import requests

from tests.integration._processes import Database, Processes, RabbitNode, RedisServer, wait_until

pytestmark = pytest.mark.slow
PASSWORD = "correct horse battery"
SETTLE = 180.0  # upper bound for the backbone to drain after a fault; not a performance assertion


# ------------------------------------------------------------------------------------------------
# fixtures
# ------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def rabbit():
    node = RabbitNode()
    try:
        node.start()
        yield node
    finally:
        node.stop()


@pytest.fixture
def vhost(rabbit):
    name = rabbit.add_vhost()
    rabbit.wait_amqp(name)
    rabbit.declare_topology(name)
    try:
        yield name
    finally:
        rabbit.ensure_running()
        rabbit.delete_vhost(name)


@pytest.fixture
def db():
    database = Database().create()
    try:
        yield database
    finally:
        database.drop()


@pytest.fixture
def procs(db, rabbit, vhost, tmp_path):
    group = Processes(db.url, rabbit.url(vhost), tmp_path)
    try:
        yield group
    finally:
        group.stop_all()


# ------------------------------------------------------------------------------------------------
# a small HTTP client
# ------------------------------------------------------------------------------------------------
class Client:
    def __init__(self, port: int) -> None:
        self.base = f"http://127.0.0.1:{port}"
        self.local = threading.local()
        self.statuses: list[tuple[str, str, int]] = []
        self.lock = threading.Lock()

    @property
    def session(self) -> requests.Session:
        if not hasattr(self.local, "session"):
            self.local.session = requests.Session()
        return self.local.session

    def call(self, method: str, path: str, token: str | None = None, **kwargs) -> requests.Response:
        headers = kwargs.pop("headers", {})
        if token:
            headers["Authorization"] = f"Bearer {token}"
        response = self.session.request(method, self.base + path, headers=headers, timeout=30, **kwargs)
        with self.lock:
            self.statuses.append((method, path, response.status_code))
        return response

    def register(self, email: str | None = None) -> dict:
        email = email or f"fault-{uuid.uuid4().hex[:12]}@example.com"
        response = self.call("POST", "/api/v1/auth/register", json={"email": email, "password": PASSWORD})
        assert response.status_code == 201, response.text
        body = response.json()
        return {"email": email, "id": body["user"]["id"], "token": body["access_token"],
                "refresh": body["refresh_token"]}

    def create_task(self, user: dict, title: str) -> requests.Response:
        return self.call("POST", "/api/v1/tasks", user["token"], json={"title": title, "duration_minutes": 15})

    def schedule_task_ids(self, user: dict) -> set[str]:
        now = datetime.now(timezone.utc)
        response = self.call("GET", "/api/v1/schedule", user["token"],
                             params={"from": (now - timedelta(days=1)).isoformat(),
                                     "to": (now + timedelta(days=90)).isoformat()})
        assert response.status_code == 200, response.text
        return {block["task_id"] for block in response.json()["blocks"]}

    def server_errors(self) -> list[tuple[str, str, int]]:
        return [s for s in self.statuses if s[2] >= 500]


# ------------------------------------------------------------------------------------------------
# what happened, read from the database
# ------------------------------------------------------------------------------------------------
def task_created_ids(db: Database) -> set[uuid.UUID]:
    return {r[0] for r in db.rows("SELECT id FROM outbox WHERE name = 'TaskCreated'")}


def pending(db: Database) -> int:
    return db.scalar("SELECT count(*) FROM outbox WHERE published_at IS NULL")


def inbox_ids(db: Database, consumer: str) -> set[uuid.UUID]:
    return {r[0] for r in db.rows("SELECT message_id FROM inbox WHERE consumer = :c", c=consumer)}


def effects(db: Database, consumer: str) -> dict[uuid.UUID, int]:
    return dict(db.rows("SELECT message_id, count(*) FROM test_effects WHERE consumer = :c GROUP BY message_id",
                        c=consumer))


def deliveries(db: Database, consumer: str, phase: str = "start") -> dict[uuid.UUID, int]:
    return dict(db.rows("SELECT message_id, count(*) FROM test_deliveries WHERE consumer = :c AND phase = :p "
                        "GROUP BY message_id", c=consumer, p=phase))


def unscheduled_tasks(db: Database) -> list:
    return db.rows("SELECT t.id FROM tasks t WHERE NOT EXISTS (SELECT 1 FROM time_blocks b WHERE b.task_id = t.id)")


def drained(db: Database) -> bool:
    """Everything published, every TaskCreated handled by replan, every ScheduleChanged by notify."""
    if pending(db):
        return False
    created = task_created_ids(db)
    changed = {r[0] for r in db.rows("SELECT id FROM outbox WHERE name = 'ScheduleChanged'")}
    return created <= inbox_ids(db, "replan") and changed <= set(deliveries(db, "notify", "done"))


def assert_each_effect_once(db: Database) -> None:
    """Every effect row is unique per (consumer, message): a message applied twice would be two rows."""
    twice = db.rows("SELECT consumer, message_id, count(*), array_agg(pid) FROM test_effects "
                    "GROUP BY consumer, message_id HAVING count(*) > 1")
    assert twice == [], f"effects applied more than once: {twice}"
    created = task_created_ids(db)
    assert set(effects(db, "replan")) == created, "each TaskCreated re-planned (or debounced) exactly once"
    assert inbox_ids(db, "replan") == created
    duplicated = db.rows("SELECT user_id, dedupe_key, count(*) FROM notifications GROUP BY user_id, dedupe_key "
                         "HAVING count(*) > 1")
    assert duplicated == []


def assert_backbone_drains(db: Database, *processes) -> None:
    ok = wait_until(lambda: drained(db), timeout=SETTLE, interval=0.25)
    assert ok, ("events did not drain: pending=%s, created=%d, replanned=%d\n%s" % (
        pending(db), len(task_created_ids(db)), len(inbox_ids(db, "replan")),
        "\n".join(p.tail(15) for p in processes)))


def assert_scheduled(api: Client, db: Database, users: list[dict], task_ids_by_user: dict[str, set[str]]) -> None:
    assert unscheduled_tasks(db) == []
    for user in users:  # readable through the API too
        assert task_ids_by_user[user["id"]] <= api.schedule_task_ids(user)


# ------------------------------------------------------------------------------------------------
# RabbitMQ stopped while 1,000 tasks are created
# ------------------------------------------------------------------------------------------------
def test_rabbitmq_stopped_while_1000_tasks_are_created(db, rabbit, vhost, procs):
    worker = procs.worker()  # the outbox relay and the replan / notify / deliver consumers
    server = procs.serve()
    api = Client(server.port)
    users = [api.register() for _ in range(50)]
    created: dict[str, set[str]] = {u["id"]: set() for u in users}
    failures: list[tuple[int, str]] = []
    lock = threading.Lock()

    def create(numbers: range) -> None:
        def one(i: int) -> None:
            user = users[i % len(users)]
            response = api.create_task(user, f"task {i}")
            with lock:
                if response.status_code == 201:
                    created[user["id"]].add(response.json()["id"])
                else:
                    failures.append((response.status_code, response.text[:200]))

        with ThreadPoolExecutor(8) as pool:
            list(pool.map(one, numbers))

    try:
        create(range(0, 100))  # broker up
        rabbit.stop_app()
        assert not rabbit.amqp_works(vhost)
        create(range(100, 900))  # broker down: the API keeps answering, the outbox keeps the events
        held = pending(db)
        restart = threading.Thread(target=rabbit.start_app)
        restart.start()
        create(range(900, 1000))  # while the broker comes back
        restart.join()
    finally:
        rabbit.ensure_running()

    assert failures == [] and api.server_errors() == []
    assert sum(len(ids) for ids in created.values()) == 1000
    assert held >= 800, "the events written while the broker was down waited in the outbox"
    assert_backbone_drains(db, worker, server)
    assert len(task_created_ids(db)) == 1000
    assert_each_effect_once(db)
    assert "could not publish" in worker.output()  # the relay did meet the outage
    assert_scheduled(api, db, users, created)
    redelivered = sum(1 for n in deliveries(db, "replan").values() if n > 1)
    print(f"\n1,000 tasks, broker down for 800 of them: {held} held in the outbox; "
          f"{redelivered} replan messages delivered more than once, each applied once")


# ------------------------------------------------------------------------------------------------
# a consumer killed mid-message
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("phase", ["before", "after"], ids=["before-commit", "after-commit-before-ack"])
def test_consumer_killed_mid_message_is_redelivered_and_applied_once(phase, db, rabbit, vhost, procs):
    server = procs.serve()
    api = Client(server.port)
    users = [api.register() for _ in range(3)]
    # one consumer in the doomed process, so exactly one message is in flight when it dies
    doomed = procs.worker(queues="replan", PLANLOOM_TEST_SLOW=f"replan:{phase}:600", PLANLOOM_CONSUMER_CONCURRENCY="1")
    created = {u["id"]: {api.create_task(u, "write the report").json()["id"]} for u in users}
    messages = task_created_ids(db)
    assert len(messages) == 3

    # The first message is inside the slow handler: unacked; committed or not depending on the phase.
    marker = "start" if phase == "before" else "handled"
    assert wait_until(lambda: deliveries(db, "replan", marker), timeout=SETTLE), doomed.tail()
    (victim,) = deliveries(db, "replan", marker)
    assert rabbit.unacked(vhost, "planloom.replan") >= 1
    doomed.kill9()
    assert effects(db, "replan") == ({} if phase == "before" else {victim: 1})

    rescuer = procs.worker()  # all consumers and the relay
    assert_backbone_drains(db, rescuer, server)
    assert wait_until(lambda: rabbit.queue_counts(vhost, "planloom.replan")[0] == 0
                      and rabbit.unacked(vhost, "planloom.replan") == 0, timeout=SETTLE)
    assert deliveries(db, "replan")[victim] >= 2, "the killed worker's message was redelivered"
    pids = {r[0] for r in db.rows("SELECT DISTINCT pid FROM test_deliveries WHERE message_id = :m", m=victim)}
    assert len(pids) == 2
    assert_each_effect_once(db)
    effect_pid = db.scalar("SELECT pid FROM test_effects WHERE message_id = :m", m=victim)
    assert effect_pid == (rescuer.pid if phase == "before" else doomed.pid)
    assert_scheduled(api, db, users, created)
    assert api.server_errors() == []


# ------------------------------------------------------------------------------------------------
# the API killed between commit and publish
# ------------------------------------------------------------------------------------------------
def test_api_killed_between_commit_and_publish_relay_publishes_on_restart(db, rabbit, vhost, procs):
    server = procs.serve()  # PLANLOOM_BACKGROUND=0 and no worker yet: commits, publishes nothing
    api = Client(server.port)
    users = [api.register() for _ in range(10)]
    created: dict[str, set[str]] = {u["id"]: set() for u in users}
    for i in range(100):
        user = users[i % len(users)]
        response = api.create_task(user, f"task {i}")
        assert response.status_code == 201, response.text
        created[user["id"]].add(response.json()["id"])

    # More writes in flight when the process dies: some answered, some committed without an answer.
    stop, lost = threading.Event(), []

    def keep_writing(user):
        while not stop.is_set():
            try:
                response = api.create_task(user, "in flight")
            except requests.RequestException:
                lost.append(user["id"])
                return
            if response.status_code == 201:
                created[user["id"]].add(response.json()["id"])

    writers = [threading.Thread(target=keep_writing, args=(u,)) for u in users[:4]]
    for w in writers:
        w.start()
    assert wait_until(lambda: len(task_created_ids(db)) >= 130, timeout=SETTLE)
    server.kill9()
    stop.set()
    for w in writers:
        w.join(30)

    committed = task_created_ids(db)
    assert len(committed) >= 130
    assert pending(db) == db.scalar("SELECT count(*) FROM outbox") > len(committed), "committed, none published"
    answered = {t for ids in created.values() for t in ids}
    stored = {str(r[0]) for r in db.rows("SELECT id FROM tasks")}
    assert answered <= stored  # every 201 was committed

    server = procs.restart(server)
    api = Client(server.port)
    worker = procs.worker()  # the relay (and the consumers) come up after the crash
    assert_backbone_drains(db, worker, server)
    assert_each_effect_once(db)
    assert len(task_created_ids(db)) == len(committed)
    by_user = {u["id"]: {str(r[0]) for r in db.rows("SELECT id FROM tasks WHERE user_id = :u", u=u["id"])}
               for u in users}
    assert_scheduled(api, db, users, by_user)
    assert api.server_errors() == []


# ------------------------------------------------------------------------------------------------
# Redis stopped under the API
# ------------------------------------------------------------------------------------------------
def _drive_the_api(api: Client, known: dict) -> None:
    """Register, sign in, tasks CRUD, schedule: the requests a user makes."""
    user = api.register()
    for _ in range(3):
        response = api.call("POST", "/api/v1/auth/login", json={"email": known["email"], "password": PASSWORD})
        assert response.status_code == 200, response.text
    wrong = api.call("POST", "/api/v1/auth/login", json={"email": known["email"], "password": "wrong password"})
    assert wrong.status_code == 401
    login = api.call("POST", "/api/v1/auth/login", json={"email": user["email"], "password": PASSWORD}).json()
    refreshed = api.call("POST", "/api/v1/auth/refresh", login["refresh_token"])
    assert refreshed.status_code == 200, refreshed.text
    token = refreshed.json()["access_token"]
    task = api.call("POST", "/api/v1/tasks", token, json={"title": "call the bank", "duration_minutes": 30})
    assert task.status_code == 201, task.text
    task_id = task.json()["id"]
    assert api.call("GET", "/api/v1/tasks", token).status_code == 200
    assert api.call("GET", f"/api/v1/tasks/{task_id}", token).status_code == 200
    assert api.call("PATCH", f"/api/v1/tasks/{task_id}", token, json={"priority": 1}).status_code == 200
    assert api.call("POST", "/api/v1/schedule", token).status_code == 200
    assert api.call("GET", "/api/v1/schedule", token).status_code == 200
    assert api.call("GET", "/api/v1/users/me", token).status_code < 500
    assert api.call("DELETE", f"/api/v1/tasks/{task_id}", token).status_code == 204
    assert api.call("POST", "/api/v1/auth/logout", token).status_code < 500
    assert api.call("GET", "/readyz").status_code == 200


def test_redis_stopped_gives_no_5xx(db, rabbit, vhost, procs):
    redis_server = RedisServer().start()
    try:
        server = procs.serve(PLANLOOM_REDIS_URL=redis_server.url)
        api = Client(server.port)
        known = api.register()
        _drive_the_api(api, known)
        assert redis_server.keys(), "the API uses Redis (rate limits, token store, cache) while it is up"

        try:
            redis_server.stop()
            assert not redis_server.ping()
            for _ in range(3):
                _drive_the_api(api, known)
            assert api.server_errors() == []
        finally:
            if not redis_server.ping():
                redis_server.start()

        before = set(redis_server.keys())

        def used_again() -> bool:  # each adapter retries Redis after its own short cool-down
            _drive_the_api(api, known)
            return bool(set(redis_server.keys()) - before)

        assert wait_until(used_again, timeout=30, interval=0.5), "Redis is used again once it is back"
        assert api.server_errors() == []
    finally:
        redis_server.destroy()

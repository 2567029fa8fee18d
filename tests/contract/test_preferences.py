"""The preferences-store contract on every adapter: memory, SQLite, PostgreSQL and MongoDB."""
from __future__ import annotations

import threading
import time
import uuid

import pymongo
import pytest
from pymongo.errors import ServerSelectionTimeoutError
from sqlalchemy import func, select

from adapters.memory.stores import MemoryPreferencesStore
from adapters.mongo.preferences import MongoPreferencesStore, database_name
from adapters.sql.engine import make_engine
from adapters.sql.preferences import SqlPreferencesStore
from adapters.sql.tables import preferences as preferences_table
from domain.model import Preferences

DURABLE = ["sqlite", "postgres", "mongo"]


@pytest.fixture(params=["memory", *DURABLE])
def backend(request) -> str:
    """Overrides the contract conftest's backends: preferences also have a MongoDB adapter."""
    return request.param


@pytest.fixture
def open_store(request, backend):
    """Opens a new store instance, with its own engine or client, over the session's storage."""
    opened = []

    def open_() -> MemoryPreferencesStore | SqlPreferencesStore | MongoPreferencesStore:
        if backend == "memory":
            store = MemoryPreferencesStore()
        elif backend == "mongo":
            store = MongoPreferencesStore(request.getfixturevalue("mongo_url"))
        else:
            engine = make_engine(request.getfixturevalue("sqlite_url" if backend == "sqlite" else "postgres_url"))
            store = SqlPreferencesStore(engine)
        opened.append(store)
        return store

    yield open_
    for store in opened:
        if isinstance(store, MongoPreferencesStore):
            store.close()
        elif isinstance(store, SqlPreferencesStore):
            store.engine.dispose()


@pytest.fixture
def preferences_store(open_store):
    return open_store()


@pytest.fixture
def count_stored(request, backend):
    """Counts the stored documents of one user, reading the storage directly (not through a store)."""
    if backend == "mongo":
        client = pymongo.MongoClient(request.getfixturevalue("mongo_url"), serverSelectionTimeoutMS=3000)
        collection = client.get_default_database()["preferences"]
        yield lambda user_id: collection.count_documents({"user_id": str(user_id)})
        client.close()
    elif backend in ("sqlite", "postgres"):
        engine = make_engine(request.getfixturevalue(f"{backend}_url"))

        def count(user_id: uuid.UUID) -> int:
            with engine.connect() as conn:
                query = select(func.count()).select_from(preferences_table).where(preferences_table.c.user_id == user_id)
                return conn.execute(query).scalar_one()

        yield count
        engine.dispose()
    else:
        yield None


def _working_prefs(**overrides) -> Preferences:
    values = dict(timezone="America/New_York", working_hours={"mon": [["08:00", "12:00"], ["13:00", "24:00"]]},
                  buffer_minutes=10, daily_cap_minutes=360, date_order="DMY", default_time="08:30")
    return Preferences(**(values | overrides))


def test_preferences_round_trip(preferences_store):
    user_id = uuid.uuid4()
    assert preferences_store.get(user_id) is None
    prefs = _working_prefs()
    preferences_store.put(user_id, prefs)
    assert preferences_store.get(user_id) == prefs
    prefs.buffer_minutes = 15
    preferences_store.put(user_id, prefs)
    assert preferences_store.get(user_id).buffer_minutes == 15
    preferences_store.delete(user_id)
    assert preferences_store.get(user_id) is None


def test_defaults_round_trip(preferences_store):
    user_id = uuid.uuid4()
    preferences_store.put(user_id, Preferences())
    assert preferences_store.get(user_id) == Preferences()


def test_put_replaces_every_field_including_clearing_to_none(preferences_store):
    user_id = uuid.uuid4()
    preferences_store.put(user_id, _working_prefs(daily_cap_minutes=360, reminder_lead_minutes=45))
    replacement = Preferences(timezone="Europe/Paris", daily_cap_minutes=None)
    preferences_store.put(user_id, replacement)
    stored = preferences_store.get(user_id)
    assert stored == replacement
    assert stored.daily_cap_minutes is None and stored.reminder_lead_minutes == 10


def test_get_returns_a_copy_not_the_stored_document(preferences_store):
    user_id = uuid.uuid4()
    prefs = _working_prefs()
    preferences_store.put(user_id, prefs)
    prefs.buffer_minutes = 99  # changing the caller's object after put changes nothing stored
    first = preferences_store.get(user_id)
    first.working_hours["tue"].append(("09:00", "10:00"))
    assert preferences_store.get(user_id) == _working_prefs()


def test_two_users_documents_are_independent(preferences_store):
    alice, bob = uuid.uuid4(), uuid.uuid4()
    alice_prefs = _working_prefs(timezone="Asia/Tokyo")
    bob_prefs = _working_prefs(timezone="Europe/Berlin", buffer_minutes=5, date_order="MDY")
    preferences_store.put(alice, alice_prefs)
    preferences_store.put(bob, bob_prefs)
    assert preferences_store.get(alice) == alice_prefs and preferences_store.get(bob) == bob_prefs
    preferences_store.put(alice, _working_prefs(timezone="Asia/Tokyo", buffer_minutes=30))
    assert preferences_store.get(bob) == bob_prefs
    preferences_store.delete(bob)
    assert preferences_store.get(bob) is None
    assert preferences_store.get(alice).buffer_minutes == 30


def test_delete_of_a_missing_document_is_a_no_op(preferences_store):
    user_id = uuid.uuid4()
    preferences_store.delete(user_id)
    preferences_store.put(user_id, Preferences())
    preferences_store.delete(user_id)
    preferences_store.delete(user_id)
    assert preferences_store.get(user_id) is None


def test_every_field_round_trips_at_its_limits(preferences_store):
    user_id = uuid.uuid4()
    full_day = [[f"{h:02d}:00", f"{h:02d}:30"] for h in range(11)] + [["12:00", "24:00"]]  # 12 ranges
    for prefs in (
        Preferences(timezone="Australia/Lord_Howe", working_hours={"sat": full_day, "sun": [["00:00", "00:05"]]},
                    default_duration_minutes=1440, buffer_minutes=240, daily_cap_minutes=1440, date_order="DMY",
                    reminder_lead_minutes=1440, ask_actual_minutes=False),
        Preferences(working_hours={}, default_duration_minutes=5, buffer_minutes=0, daily_cap_minutes=15,
                    reminder_lead_minutes=0),
    ):
        preferences_store.put(user_id, prefs)
        assert preferences_store.get(user_id) == prefs


@pytest.mark.parametrize("timezone", ["America/Argentina/ComodRivadavia", "Asia/Ho_Chi_Minh", "Etc/GMT+12",
                                      "America/Port-au-Prince", "UTC"])
def test_unusual_timezone_names_round_trip(preferences_store, timezone):
    user_id = uuid.uuid4()
    prefs = Preferences(timezone=timezone)
    preferences_store.put(user_id, prefs)
    assert preferences_store.get(user_id).timezone == timezone


def test_working_hours_ending_at_24_00_round_trip(preferences_store):
    user_id = uuid.uuid4()
    hours = {"mon": [["00:00", "24:00"]], "tue": [["06:00", "07:30"], ["22:00", "24:00"]], "wed": [],
             "thu": [["23:59", "24:00"]], "fri": [["09:00", "17:00"]], "sat": [["12:00", "24:00"]], "sun": []}
    prefs = Preferences(working_hours=hours)
    preferences_store.put(user_id, prefs)
    stored = preferences_store.get(user_id)
    assert stored == prefs
    assert stored.working_hours["mon"] == [("00:00", "24:00")]
    assert stored.working_hours["tue"][-1] == ("22:00", "24:00")


@pytest.mark.parametrize("stored_in", DURABLE)
def test_a_document_stored_before_ask_actual_minutes_existed_reads_as_asking(request, stored_in):
    """Stored preferences from before the field (no key at all) mean the prompt is on, as it was."""
    user_id = uuid.uuid4()
    if stored_in == "mongo":
        store = MongoPreferencesStore(request.getfixturevalue("mongo_url"))
        store.put(user_id, _working_prefs(ask_actual_minutes=False))
        client = pymongo.MongoClient(request.getfixturevalue("mongo_url"), serverSelectionTimeoutMS=3000)
        client.get_default_database()["preferences"].update_one({"user_id": str(user_id)},
                                                                {"$unset": {"ask_actual_minutes": ""}})
        client.close()
    else:
        engine = make_engine(request.getfixturevalue(f"{stored_in}_url"))
        request.addfinalizer(engine.dispose)
        store = SqlPreferencesStore(engine)
        store.put(user_id, _working_prefs(ask_actual_minutes=False))
        with engine.begin() as conn:
            data = conn.execute(select(preferences_table.c.data).where(preferences_table.c.user_id == user_id)).scalar()
            del data["ask_actual_minutes"]
            conn.execute(preferences_table.update().where(preferences_table.c.user_id == user_id).values(data=data))
    stored = store.get(user_id)
    assert stored.ask_actual_minutes is True and stored.default_time == "08:30"
    if isinstance(store, MongoPreferencesStore):
        store.close()


@pytest.mark.parametrize("backend", DURABLE, indirect=True)  # the memory double is not a concurrent store
def test_concurrent_puts_for_one_user_leave_exactly_one_document(backend, open_store, count_stored):
    stores = [open_store() for _ in range(4)]
    user_id = uuid.uuid4()
    writers, rounds = 8, 5
    start = threading.Barrier(writers)
    errors: list[BaseException] = []

    def write(i: int) -> None:
        store = stores[i % len(stores)]
        try:
            start.wait(timeout=10)
            for n in range(rounds):
                store.put(user_id, Preferences(buffer_minutes=i, reminder_lead_minutes=n))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert count_stored(user_id) == 1
    final = stores[0].get(user_id)
    assert final is not None and final.buffer_minutes in range(writers) and final.reminder_lead_minutes == rounds - 1
    assert all(store.get(user_id) == final for store in stores)


@pytest.mark.parametrize("backend", DURABLE, indirect=True)  # the memory double lives in its instance
def test_a_document_written_by_one_instance_is_read_by_another(backend, open_store):
    writer = open_store()
    user_id = uuid.uuid4()
    prefs = _working_prefs(timezone="Pacific/Chatham")
    writer.put(user_id, prefs)
    if isinstance(writer, MongoPreferencesStore):
        writer.close()  # its client is gone: the reader must get the document over a new connection
    reader = open_store()
    assert reader.get(user_id) == prefs
    reader.delete(user_id)
    assert open_store().get(user_id) is None


# -- the MongoDB adapter's own promises -------------------------------------------------------------

def test_mongo_store_connects_lazily_and_fails_fast_on_an_unreachable_server():
    store = MongoPreferencesStore("mongodb://127.0.0.1:9/nowhere")  # nothing listens on the discard port
    assert store.database == "nowhere"
    started = time.monotonic()
    with pytest.raises(ServerSelectionTimeoutError):
        store.get(uuid.uuid4())
    assert time.monotonic() - started < 10  # serverSelectionTimeoutMS, not pymongo's 30 s default
    store.close()


def test_mongo_database_comes_from_the_url_path():
    assert database_name("mongodb://127.0.0.1:27017/") == "planloom"
    assert database_name("mongodb://127.0.0.1:27017") == "planloom"
    assert database_name("mongodb://u:p@h1:1,h2:2/prefs_db?replicaSet=rs0&authSource=admin") == "prefs_db"
    assert database_name("mongodb+srv://cluster.example.com/team%2Dplan?retryWrites=true") == "team-plan"


def test_mongo_store_reconnects_after_close(mongo_url):
    store = MongoPreferencesStore(mongo_url)
    other = MongoPreferencesStore(mongo_url)
    user_id = uuid.uuid4()
    try:
        store.put(user_id, Preferences(buffer_minutes=20))
        assert other.get(user_id).buffer_minutes == 20
        store.close()
        store.close()  # idempotent
        assert other.get(user_id).buffer_minutes == 20  # one store's close leaves the others connected
        assert store.get(user_id).buffer_minutes == 20  # and a closed store connects again on use
        store.delete(user_id)
    finally:
        store.close()
        other.close()

"""The image-record store contract on every adapter: memory, SQLite, PostgreSQL and MongoDB; and the
blob-store contract on memory and the filesystem."""
from __future__ import annotations

import stat
import uuid
from datetime import timedelta

import pytest

from adapters.filesystem.blobs import FileBlobStore
from adapters.memory.images import MemoryBlobStore, MemoryImageStore
from adapters.mongo.images import MongoImageStore
from adapters.sql.images import SqlImageStore
from domain.model.image import ImageRecord, TextLine, TextReading
from tests.contract._stores import DOCUMENT_BACKENDS, store_and_user_maker
from tests.factories import NOW


@pytest.fixture(params=DOCUMENT_BACKENDS)
def store_env(request):
    """(store, make_user): the store and a maker of users it may hold images of."""
    yield from store_and_user_maker(request, MemoryImageStore, MongoImageStore, SqlImageStore)


def an_image(user_id, **values) -> ImageRecord:
    base = dict(id=uuid.uuid4(), user_id=user_id, created_at=NOW, blob_name=f"{uuid.uuid4().hex}.png", format="png",
                width=800, height=600, size_bytes=12_345, caption="groceries #todo", category="todo")
    return ImageRecord(**(base | values))


def test_round_trip_newest_first_and_owner_only(store_env):
    store, make_user = store_env
    alice, bob = make_user(), make_user()
    older, newer = an_image(alice), an_image(alice, created_at=NOW + timedelta(minutes=1), format="jpeg")
    store.put(older)
    store.put(newer)
    assert store.get(alice, older.id) == older
    assert [r.id for r in store.list(alice, 10)] == [newer.id, older.id]
    assert [r.id for r in store.list(alice, 1)] == [newer.id]
    assert store.count(alice) == 2 and store.count(bob) == 0
    assert store.get(bob, older.id) is None and store.list(bob, 10) == []
    assert store.delete(bob, older.id) is False and store.get(alice, older.id) is not None
    assert store.delete(alice, older.id) is True and store.get(alice, older.id) is None
    assert store.delete(alice, older.id) is False


def test_what_was_read_survives_the_round_trip(store_env):
    store, make_user = store_env
    record = an_image(make_user())
    store.put(record)
    assert store.get(record.user_id, record.id).line_indexes is None  # not read yet: no link
    line = TextLine("- buy milk", 0.987654, ((1.0, 2.0), (101.5, 2.0), (101.5, 32.25), (1.0, 32.25)))
    wrapped = [TextLine("[x] call the", 0.9, ((1.0, 40.0), (90.0, 40.0), (90.0, 70.0), (1.0, 70.0))),
               TextLine("plumber", 0.9, ((30.0, 80.0), (90.0, 80.0), (90.0, 110.0), (30.0, 110.0)))]
    draft = {"title": "buy milk", "due": "2026-03-03T17:00:00+01:00", "duration_minutes": None, "priority": None,
             "tags": [], "category": None, "recurrence": None, "spans": []}
    called = draft | {"title": "call the plumber", "due": None}
    record.read(TextReading([line, *wrapped], "rapidocr", ["Paper"]), [draft, called], [False, True], [[0], [1, 2]],
                NOW + timedelta(seconds=3))
    record.task_ids = [uuid.uuid4()]
    store.put(record)
    again = store.get(record.user_id, record.id)
    assert (again.status, again.text, again.engine, again.labels, again.drafts, again.checked, again.line_indexes) == (
        "done", "- buy milk\n[x] call the\nplumber", "rapidocr", ["Paper"], [draft, called], [False, True],
        [[0], [1, 2]])
    assert again.lines[0].to_dict() == line.to_dict() == {"text": "- buy milk", "confidence": 0.9877,
                                                         "box": [[1.0, 2.0], [101.5, 2.0], [101.5, 32.2], [1.0, 32.2]]}
    assert again.processed_at == NOW + timedelta(seconds=3) and again.task_ids == record.task_ids


def test_another_user_cannot_overwrite_an_image(store_env):
    store, make_user = store_env
    alice, bob = make_user(), make_user()
    mine = an_image(alice)
    store.put(mine)
    try:
        store.put(an_image(bob, id=mine.id, caption="forged"))
    except Exception:  # a durable store may refuse the insert outright: either way nothing changes
        pass
    assert store.get(alice, mine.id).caption == "groceries #todo" and store.get(bob, mine.id) is None


@pytest.fixture(params=["memory", "filesystem"])
def blobs(request, tmp_path):
    return MemoryBlobStore() if request.param == "memory" else FileBlobStore(tmp_path / "images")


def test_blobs_round_trip_and_delete(blobs):
    blobs.put("a1.png", b"\x89PNG first")
    blobs.put("a1.png", b"\x89PNG second")
    assert blobs.get("a1.png") == b"\x89PNG second" and blobs.get("missing.png") is None
    assert blobs.delete("a1.png") is True and blobs.get("a1.png") is None and blobs.delete("a1.png") is False


def test_file_blobs_are_private_and_path_names_are_refused(tmp_path):
    store = FileBlobStore(tmp_path / "images")
    store.put("b2.jpeg", b"data")
    assert stat.S_IMODE((tmp_path / "images").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "images" / "b2.jpeg").stat().st_mode) == 0o600
    for name in ("../escape", "/etc/passwd", "a/b", ".hidden", ""):
        with pytest.raises(ValueError):
            store.put(name, b"x")
    assert sorted(p.name for p in (tmp_path / "images").iterdir()) == ["b2.jpeg"]

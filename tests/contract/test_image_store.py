"""The image-record store contract on every adapter: memory, SQLite, PostgreSQL and MongoDB; and the
blob-store contract on memory, the filesystem and S3 (a local S3 server: moto's, over HTTP)."""
from __future__ import annotations

import os
import socket
import stat
import uuid
from datetime import timedelta

import pytest

from adapters.filesystem.blobs import FileBlobStore
from adapters.memory.images import MemoryBlobStore, MemoryImageStore
from adapters.mongo.images import MongoImageStore
from adapters.s3.blobs import S3BlobStore
from adapters.sql.images import SqlImageStore
from domain.model.image import ImageRecord, TextLine, TextReading
from ports.images import BlobStoreUnavailable
from tests.contract._stores import DOCUMENT_BACKENDS, store_and_user_maker
from tests.factories import NOW
from tests.s3_server import (ACCESS_KEY_ID, REGION, SECRET_ACCESS_KEY, DigestCheckingFront,  # noqa: F401 (fixture)
                             s3_server)


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
    wrapped = [TextLine("[x] call the", 0.9, ((1.0, 40.0), (90.0, 40.0), (90.0, 70.0), (1.0, 70.0)), struck=True),
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
                                                         "box": [[1.0, 2.0], [101.5, 2.0], [101.5, 32.2], [1.0, 32.2]],
                                                         "struck": False}
    assert [line.struck for line in again.lines] == [False, True, False]
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


def test_blob_names_page_through_every_users_images(store_env):
    store, make_user = store_env  # the store may hold other tests' images too: only ours are counted
    alice, bob = make_user(), make_user()
    records = [an_image(alice) for _ in range(3)] + [an_image(bob) for _ in range(2)]
    for record in records:
        store.put(record)
    seen, after = [], None
    while page := store.blob_names(after, 2):
        assert len(page) <= 2
        seen.extend(page)
        after = page[-1][0]
    assert len(seen) == len(set(seen))  # no page repeats another's
    ours = {(r.id, r.blob_name) for r in records}
    assert ours <= set(seen)
    store.delete(alice, records[0].id)
    everything = store.blob_names(None, len(seen) + 1)
    assert (records[0].id, records[0].blob_name) not in everything and ours - set(everything) == {
        (records[0].id, records[0].blob_name)}


def s3_store(server, bucket: str, prefix: str = "") -> S3BlobStore:
    return S3BlobStore(bucket, prefix=prefix, endpoint_url=server.endpoint, region=REGION,
                       access_key_id=ACCESS_KEY_ID, secret_access_key=SECRET_ACCESS_KEY)


@pytest.fixture(params=["memory", "filesystem", "s3"])
def blobs(request, tmp_path):
    if request.param == "s3":
        server = request.getfixturevalue("s3_server")
        return s3_store(server, server.new_bucket(), prefix="planloom/images")
    return MemoryBlobStore() if request.param == "memory" else FileBlobStore(tmp_path / "images")


def test_blobs_round_trip_and_delete(blobs):
    blobs.put("a1.png", b"\x89PNG first")
    blobs.put("a1.png", b"\x89PNG second")
    assert blobs.get("a1.png") == b"\x89PNG second" and blobs.get("missing.png") is None
    assert blobs.delete("a1.png") is True and blobs.get("a1.png") is None and blobs.delete("a1.png") is False
    assert blobs.delete("never-there.png") is False


def test_blobs_keep_every_byte(blobs):
    every_byte, large = bytes(range(256)) * 4, os.urandom(3 * 1024 * 1024 + 7)
    blobs.put("bytes.webp", every_byte)
    blobs.put("large.jpeg", large)
    blobs.put("empty.png", b"")
    assert blobs.get("bytes.webp") == every_byte and blobs.get("large.jpeg") == large and blobs.get("empty.png") == b""
    assert blobs.delete("empty.png") is True and blobs.get("empty.png") is None


def test_blob_names_that_look_like_paths_are_refused(blobs):
    blobs.put("kept.png", b"data")
    for name in ("../escape", "/etc/passwd", "a/b", ".hidden", "", "x" * 129):
        for call in (lambda: blobs.put(name, b"x"), lambda: blobs.get(name), lambda: blobs.delete(name)):
            with pytest.raises(ValueError):
                call()
    assert blobs.get("kept.png") == b"data"


def test_s3_prefixes_keep_stores_apart_in_one_bucket(s3_server):  # noqa: F811 (fixture)
    bucket = s3_server.new_bucket()
    images, others, bare = (s3_store(s3_server, bucket, "planloom/images/"), s3_store(s3_server, bucket, "other"),
                            s3_store(s3_server, bucket))
    images.put("same.png", b"images'")
    others.put("same.png", b"others'")
    assert images.get("same.png") == b"images'" and others.get("same.png") == b"others'"
    assert bare.get("same.png") is None and bare.delete("same.png") is False
    assert s3_server.objects(bucket) == {"planloom/images/same.png": b"images'", "other/same.png": b"others'"}
    assert others.delete("same.png") is True and images.get("same.png") == b"images'"
    assert s3_server.objects(bucket) == {"planloom/images/same.png": b"images'"}


def test_file_blobs_are_private_and_path_names_are_refused(tmp_path):
    store = FileBlobStore(tmp_path / "images")
    store.put("b2.jpeg", b"data")
    assert stat.S_IMODE((tmp_path / "images").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "images" / "b2.jpeg").stat().st_mode) == 0o600
    for name in ("../escape", "/etc/passwd", "a/b", ".hidden", ""):
        with pytest.raises(ValueError):
            store.put(name, b"x")
    assert sorted(p.name for p in (tmp_path / "images").iterdir()) == ["b2.jpeg"]


def test_s3_failures_surface_as_the_ports_failure(s3_server):  # noqa: F811 (fixture)
    no_bucket = s3_store(s3_server, f"planloom-gone-{uuid.uuid4().hex[:8]}")
    with pytest.raises(BlobStoreUnavailable, match="NoSuchBucket"):
        no_bucket.put("a.png", b"x")
    with pytest.raises(BlobStoreUnavailable, match="NoSuchBucket"):
        no_bucket.get("a.png")
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        nobody = f"http://127.0.0.1:{closed.getsockname()[1]}"  # bound, never listening: connections refused
        down = S3BlobStore("any", endpoint_url=nobody, region=REGION, access_key_id=ACCESS_KEY_ID,
                           secret_access_key=SECRET_ACCESS_KEY, max_attempts=1)
        for call in (lambda: down.put("a.png", b"x"), lambda: down.get("a.png"), lambda: down.delete("a.png")):
            with pytest.raises(BlobStoreUnavailable, match="EndpointConnectionError"):
                call()


def test_every_s3_put_carries_its_bodys_md5_and_a_body_damaged_on_the_way_is_not_stored(s3_server):  # noqa: F811
    """moto takes any Content-MD5; S3 does not. A front that checks it as S3 does: the store's PUTs pass it,
    and a body with a byte flipped in transit is refused (BadDigest), surfaces as the port's failure, and
    leaves nothing in the bucket."""
    bucket = s3_server.new_bucket()
    front = DigestCheckingFront(s3_server)
    try:
        store = S3BlobStore(bucket, endpoint_url=front.endpoint, region=REGION, access_key_id=ACCESS_KEY_ID,
                            secret_access_key=SECRET_ACCESS_KEY, max_attempts=1)
        data = os.urandom(70_000)
        store.put("whole.jpg", data)
        assert front.checked == 1 and store.get("whole.jpg") == data
        front.corrupt = True
        with pytest.raises(BlobStoreUnavailable, match="BadDigest"):
            store.put("damaged.jpg", data)
        assert set(s3_server.objects(bucket)) == {"whole.jpg"} and front.checked == 1
    finally:
        front.close()

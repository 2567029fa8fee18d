"""Moving the images' blobs between stores (``move_image_blobs``) on the memory twins: a copy counts only once
read back equal, a store that fails or garbles one blob stops neither the others nor keeps its source from
being deleted by mistake, a rerun writes nothing, and records are read a page at a time."""
from __future__ import annotations

import uuid

from adapters.memory.images import MemoryBlobStore, MemoryImageStore
from domain.model.image import ImageRecord
from domain.services.handlers.image_blobs import move_image_blobs
from ports.images import BlobStoreUnavailable
from tests.factories import NOW


def _records(images: MemoryImageStore, source: MemoryBlobStore, count: int) -> list[ImageRecord]:
    user = uuid.uuid4()
    made = []
    for n in range(count):
        record = ImageRecord(id=uuid.uuid4(), user_id=user, created_at=NOW, blob_name=f"{uuid.uuid4().hex}.png",
                             format="png", width=10, height=10, size_bytes=n + 1)
        images.put(record)
        source.put(record.blob_name, b"\x89PNG" + bytes([n]) * (n + 1))
        made.append(record)
    return made


class GarblingStore(MemoryBlobStore):
    """Keeps one byte less of the blobs named in ``garble``; refuses to store those in ``refuse``."""

    def __init__(self, garble=(), refuse=()) -> None:
        super().__init__()
        self.garble, self.refuse, self.puts = set(garble), set(refuse), 0

    def put(self, name: str, data: bytes) -> None:
        self.puts += 1
        if name in self.refuse:
            raise BlobStoreUnavailable(f"S3 put of {name} failed: SlowDown")
        super().put(name, data[:-1] if name in self.garble else data)


def test_every_blob_is_copied_verified_and_a_rerun_writes_nothing():
    images, source, target = MemoryImageStore(), MemoryBlobStore(), GarblingStore()
    records = _records(images, source, 5)
    counts = move_image_blobs(images, source, target, page=2)  # three pages
    assert (counts.images, counts.copied, counts.already_there, counts.failed, counts.missing) == (5, 5, 0, 0, 0)
    assert counts.bytes_copied == sum(len(source.get(r.blob_name)) for r in records)
    assert target.blobs == source.blobs and counts.sources_deleted == 0
    again = move_image_blobs(images, source, target)
    assert (again.copied, again.already_there, again.bytes_copied) == (0, 5, 0) and target.puts == 5


def test_a_garbled_or_refused_copy_is_reported_and_its_source_kept_even_when_deleting():
    images, source = MemoryImageStore(), MemoryBlobStore()
    records = _records(images, source, 4)
    garbled, refused = records[1].blob_name, records[2].blob_name
    target = GarblingStore(garble=[garbled], refuse=[refused])
    problems = []
    counts = move_image_blobs(images, source, target, delete_source=True, report=lambda *p: problems.append(p))
    assert (counts.copied, counts.failed, counts.sources_deleted) == (2, 2, 2)
    assert sorted(source.blobs) == sorted([garbled, refused])  # only the verified copies' sources are gone
    by_name = {name: (kind, image_id, why) for kind, image_id, name, why in problems}
    assert by_name[garbled][:2] == ("failed", records[1].id) and "differ" in by_name[garbled][2]
    assert by_name[refused][:2] == ("failed", records[2].id) and "SlowDown" in by_name[refused][2]
    target.garble.clear()
    target.refuse.clear()
    retried = move_image_blobs(images, source, target, delete_source=True)  # resumed: the rest moves now
    assert (retried.copied, retried.already_there, retried.failed, retried.sources_deleted) == (2, 2, 0, 2)
    assert source.blobs == {} and target.get(garbled) == b"\x89PNG" + bytes([1]) * 2


def test_a_blob_in_neither_store_is_reported_not_fatal():
    images, source, target = MemoryImageStore(), MemoryBlobStore(), MemoryBlobStore()
    records = _records(images, source, 3)
    source.delete(records[0].blob_name)
    problems = []
    counts = move_image_blobs(images, source, target, report=lambda *p: problems.append(p))
    assert (counts.images, counts.copied, counts.missing, counts.failed) == (3, 2, 1, 0)
    assert problems == [("missing", records[0].id, records[0].blob_name, "in neither store")]

"""In-memory image records and blobs, and a vision engine whose readings the test sets."""
from __future__ import annotations

import copy
import hashlib
import threading
from uuid import UUID

from domain.model.image import ImageRecord, TextReading
from ports.images import BlobStore, ImageStore, VisionEngine, VisionUnavailable, check_blob_name


class MemoryBlobStore(BlobStore):
    def __init__(self) -> None:
        self.blobs: dict[str, bytes] = {}

    def put(self, name: str, data: bytes) -> None:
        self.blobs[check_blob_name(name)] = bytes(data)

    def get(self, name: str) -> bytes | None:
        return self.blobs.get(check_blob_name(name))

    def delete(self, name: str) -> bool:
        return self.blobs.pop(check_blob_name(name), None) is not None


class MemoryImageStore(ImageStore):
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rows: dict[UUID, ImageRecord] = {}

    def get(self, user_id: UUID, image_id: UUID) -> ImageRecord | None:
        found = self._rows.get(image_id)
        return copy.deepcopy(found) if found is not None and found.user_id == user_id else None

    def list(self, user_id: UUID, limit: int) -> list[ImageRecord]:
        mine = sorted((r for r in self._rows.values() if r.user_id == user_id),
                      key=lambda r: (r.created_at, str(r.id)), reverse=True)
        return copy.deepcopy(mine[:limit])

    def count(self, user_id: UUID) -> int:
        return sum(1 for r in self._rows.values() if r.user_id == user_id)

    def put(self, record: ImageRecord) -> None:
        with self._lock:
            held = self._rows.get(record.id)
            if held is None or held.user_id == record.user_id:
                self._rows[record.id] = copy.deepcopy(record)

    def delete(self, user_id: UUID, image_id: UUID) -> bool:
        with self._lock:
            found = self._rows.get(image_id)
            if found is None or found.user_id != user_id:
                return False
            del self._rows[image_id]
            return True

    def blob_names(self, after: UUID | None, limit: int) -> list[tuple[UUID, str]]:
        rows = sorted(self._rows.values(), key=lambda r: str(r.id))
        return [(r.id, r.blob_name) for r in rows if after is None or str(r.id) > str(after)][:limit]


class MemoryVision(VisionEngine):
    """Reads what ``teach`` said an image (by its bytes' SHA-256, or any image: ``None``) holds; an image
    nobody taught reads as no text. ``fail`` makes the next reads raise."""

    engine = "memory"

    def __init__(self) -> None:
        self.readings: dict[str | None, TextReading] = {}
        self.failure: VisionUnavailable | None = None
        self.reads = 0
        self.words: list[frozenset[str]] = []   # the words each read was given, in turn
        self.phrases: list[tuple[str, ...]] = []   # and the phrases

    def teach(self, data: bytes | None, reading: TextReading) -> None:
        self.readings[hashlib.sha256(data).hexdigest() if data is not None else None] = reading

    def read(self, data: bytes, words: frozenset[str] = frozenset(), phrases: tuple[str, ...] = ()) -> TextReading:
        self.reads += 1
        self.words.append(words)
        self.phrases.append(phrases)
        if self.failure is not None:
            raise self.failure
        found = self.readings.get(hashlib.sha256(data).hexdigest()) or self.readings.get(None)
        return found if found is not None else TextReading(lines=[], engine=self.engine)

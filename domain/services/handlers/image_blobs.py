"""Moving the images' bytes from one blob store to another (``planloom images move-blobs``): an operator who
switches from the filesystem store to S3 copies every blob an image record names, one at a time.

Each copy is read back and compared (length and SHA-256) before it counts; a blob the target already
holds with the same bytes is skipped, so a run that stopped half-way is resumed by running it again, and a
second run copies nothing. The source's file is deleted only when asked, and only once its copy is known
good. A record whose bytes are in neither store is reported and passed over (its image is already broken:
there is nothing to move); a blob that cannot be read or written is reported and left where it is.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import asdict, dataclass
from uuid import UUID

from ports.images import BlobStore, BlobStoreUnavailable, ImageStore

PAGE = 200

Report = Callable[[str, UUID, str, str], None]
"""Told of each problem: (kind: ``missing`` or ``failed``, image id, blob name, why)."""


@dataclass
class BlobMoveCounts:
    images: int = 0           # records seen
    copied: int = 0           # written to the target and read back equal
    already_there: int = 0    # the target held the same bytes (moved by an earlier run): nothing written
    missing: int = 0          # in neither store
    failed: int = 0           # not moved: a store failed, or the copy read back differs
    sources_deleted: int = 0  # source files removed after their copy was verified (``delete_source``)
    bytes_copied: int = 0

    def to_dict(self) -> dict[str, int]:
        return asdict(self)


def _digest(data: bytes) -> tuple[int, str]:
    return len(data), hashlib.sha256(data).hexdigest()


def move_image_blobs(images: ImageStore, source: BlobStore, target: BlobStore, delete_source: bool = False,
                     report: Report | None = None, page: int = PAGE) -> BlobMoveCounts:
    """Copy the blob of every image record from ``source`` to ``target``; one blob in memory at a time (with
    its read-back), the records a page at a time. A failing record store raises; a failing blob is counted."""
    counts = BlobMoveCounts()
    tell = report or (lambda *_: None)
    after: UUID | None = None
    while batch := images.blob_names(after, page):
        after = batch[-1][0]
        for image_id, name in batch:
            counts.images += 1
            try:
                outcome = _move_one(name, source, target, delete_source, counts)
            except (BlobStoreUnavailable, ValueError) as exc:
                counts.failed += 1
                tell("failed", image_id, name, str(exc))
                continue
            if outcome:
                kind, why = outcome
                setattr(counts, kind, getattr(counts, kind) + 1)
                tell(kind, image_id, name, why)
    return counts


def _move_one(name: str, source: BlobStore, target: BlobStore, delete_source: bool,
              counts: BlobMoveCounts) -> tuple[str, str] | None:
    """Move one blob; a problem as (counter, why), or None when it is in the target, verified."""
    data = source.get(name)
    if data is None:
        if target.get(name) is not None:  # moved by an earlier run that deleted its source
            counts.already_there += 1
            return None
        return "missing", "in neither store"
    wanted = _digest(data)
    held = target.get(name)
    if held is not None and _digest(held) == wanted:
        counts.already_there += 1
    else:
        del held
        target.put(name, data)
        back = target.get(name)
        if back is None or _digest(back) != wanted:
            found = "nothing" if back is None else f"{len(back)} bytes"
            return "failed", f"read back {found} that differ from the source's {wanted[0]} bytes (sha256 {wanted[1]})"
        counts.copied += 1
        counts.bytes_copied += wanted[0]
    if delete_source and source.delete(name):
        counts.sources_deleted += 1
    return None

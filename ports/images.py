"""Images: where uploads' bytes and records are kept, how an upload is checked and re-encoded, and how
text is read from it."""
from __future__ import annotations

import abc
import re
from uuid import UUID

from domain.model.image import ImageRecord, NormalisedImage, TextReading


BLOB_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")


def check_blob_name(name: str) -> str:
    """Names are the server's own (random hex and an extension): anything path-like is refused."""
    if not BLOB_NAME.match(name) or ".." in name:
        raise ValueError(f"not a blob name: {name!r}")
    return name


class BlobStoreUnavailable(Exception):
    """The store could not answer (down, too slow, refused the credentials): nothing was changed that the
    caller can see, and the same call may succeed later."""


class BlobStore(abc.ABC):
    """Opaque bytes under names the caller chooses (random ones: never a client's file name). Every
    method raises ``ValueError`` for a name ``check_blob_name`` refuses and ``BlobStoreUnavailable`` when
    the store cannot answer."""

    @abc.abstractmethod
    def put(self, name: str, data: bytes) -> None:
        """Store or replace, whole or not at all."""

    @abc.abstractmethod
    def get(self, name: str) -> bytes | None:
        """None for a name that holds nothing."""

    @abc.abstractmethod
    def delete(self, name: str) -> bool:
        """Whether there was something to delete."""


class ImageStore(abc.ABC):
    """Each user's image records. Another user's id reads as absent."""

    @abc.abstractmethod
    def get(self, user_id: UUID, image_id: UUID) -> ImageRecord | None: ...

    @abc.abstractmethod
    def list(self, user_id: UUID, limit: int) -> list[ImageRecord]:
        """Newest first, at most ``limit``."""

    @abc.abstractmethod
    def count(self, user_id: UUID) -> int: ...

    @abc.abstractmethod
    def put(self, record: ImageRecord) -> None:
        """Insert or replace; never replaces another user's record."""

    @abc.abstractmethod
    def delete(self, user_id: UUID, image_id: UUID) -> bool: ...

    @abc.abstractmethod
    def blob_names(self, after: UUID | None, limit: int) -> list[tuple[UUID, str]]:
        """Every user's images as (id, blob name), at most ``limit`` of them, in an order of the store's own
        by id, those after the id ``after`` (None: from the first): a page at a time, for an operator's
        maintenance of the blobs (``planloom images move-blobs``), never for a user's request."""


class ImageCodec(abc.ABC):
    """Checks an upload and re-encodes it."""

    @abc.abstractmethod
    def normalise(self, data: bytes, max_pixels: int) -> NormalisedImage:
        """The upload upright (orientation applied), without metadata, re-encoded: PNG, JPEG and WebP in their
        own format, HEIC/HEIF and AVIF as JPEG (WebP when transparent), a HEIF container's primary image only.
        Raises ``domain.errors.UnsupportedMedia`` for content that is none of those,
        ``TooLarge`` for more than ``max_pixels`` (decided from the header, before decoding) and
        ``ValidationError`` for a damaged image (one that starts as an accepted format but does not read)."""


class VisionUnavailable(Exception):
    """The engine could not read the image. ``permanent``: the same image fails the same way."""

    def __init__(self, message: str, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


class VisionEngine(abc.ABC):
    engine: str

    @abc.abstractmethod
    def read(self, data: bytes, words: frozenset[str] = frozenset(), phrases: tuple[str, ...] = ()) -> TextReading:
        """The lines of text in the image (PNG, JPEG or WebP bytes) with their boxes, in any order;
        labels when the engine gives them. ``words``: words the image's owner writes that word lists lack
        (names, brands: ``domain.language.vocabulary``), which an engine may prefer over look-alike misreads;
        ``phrases``: the titles the owner has typed, which an engine may prefer over a misread item near one.
        Raises ``VisionUnavailable``."""

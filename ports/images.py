"""Images: where uploads' bytes and records are kept, how an upload is checked and re-encoded, and how
text is read from it."""
from __future__ import annotations

import abc
from uuid import UUID

from domain.model.image import ImageRecord, NormalisedImage, TextReading


class BlobStore(abc.ABC):
    """Opaque bytes under names the caller chooses (random ones: never a client's file name)."""

    @abc.abstractmethod
    def put(self, name: str, data: bytes) -> None: ...

    @abc.abstractmethod
    def get(self, name: str) -> bytes | None: ...

    @abc.abstractmethod
    def delete(self, name: str) -> bool: ...


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


class ImageCodec(abc.ABC):
    """Checks an upload and re-encodes it."""

    @abc.abstractmethod
    def normalise(self, data: bytes, max_pixels: int) -> NormalisedImage:
        """The upload upright (orientation applied), without metadata, re-encoded: PNG, JPEG and WebP in their
        own format, HEIC/HEIF as JPEG (WebP when transparent), a HEIF container's primary image only.
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
    def read(self, data: bytes) -> TextReading:
        """The lines of text in the image (PNG, JPEG or WebP bytes) with their boxes, in any order;
        labels when the engine gives them. Raises ``VisionUnavailable``."""

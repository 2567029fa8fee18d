"""An uploaded image (a photographed list, a whiteboard) and what was read from it.

The image's bytes live in a blob store under ``blob_name`` (a random name, never the client's file
name); this record keeps what may be shown: its format and size, the caption, the processing status,
the text read with a box per line, and the task drafts extracted from it (as the interpreter's JSON,
ready to be accepted as tasks), each with the lines it was read from.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

MAX_IMAGE_BYTES = 10 * 1024 * 1024   # an upload's bytes
MAX_PIXELS = 25_000_000               # width x height, read from the header before any decoding
MAX_CAPTION = 500                     # characters
MAX_IMAGES = 500                      # stored per user
MAX_TEXT = 20_000                     # characters of text kept from one image
MAX_LINES = 400                       # text lines kept from one image
MAX_DRAFTS = 100                      # task drafts extracted from one image
FORMATS = {"png": "image/png", "jpeg": "image/jpeg", "webp": "image/webp"}
STATUSES = ("pending", "done", "failed")
CATEGORY_SOURCES = ("caption", "user", "model", "prior")  # who set an image's category, strongest first


@dataclass(frozen=True)
class TextLine:
    """One line of text and its box: four (x, y) corners clockwise from the top left, in pixels of the
    stored (re-encoded, upright) image; ``struck``: a stroke runs through it (a done item crossed out), as
    the vision adapter judged from its ink (False for a line read before adapters looked)."""

    text: str
    confidence: float
    box: tuple[tuple[float, float], ...]
    struck: bool = False

    @property
    def top(self) -> float:
        return min(y for _, y in self.box)

    @property
    def bottom(self) -> float:
        return max(y for _, y in self.box)

    @property
    def left(self) -> float:
        return min(x for x, _ in self.box)

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "confidence": round(self.confidence, 4),
                "box": [[round(x, 1), round(y, 1)] for x, y in self.box], "struck": self.struck}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "TextLine":
        return cls(text=data["text"], confidence=float(data["confidence"]),
                   box=tuple((float(x), float(y)) for x, y in data["box"]), struck=bool(data.get("struck", False)))


@dataclass(frozen=True)
class TextReading:
    """What a vision engine read from one image."""

    lines: list[TextLine]
    engine: str
    labels: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class NormalisedImage:
    """An upload re-encoded: upright, no metadata, in ``format``."""

    data: bytes
    format: str
    width: int
    height: int
    stats: dict[str, float] = field(default_factory=dict)  # domain.categorization.features.ImageStats.to_dict


@dataclass
class ImageRecord:
    id: UUID
    user_id: UUID
    created_at: datetime
    blob_name: str
    format: str
    width: int
    height: int
    size_bytes: int
    caption: str = ""
    category: str | None = None       # the caption's ``#category``, a person's annotation or the categoriser's guess
    category_confidence: float = 0.0
    category_source: str | None = None  # one of CATEGORY_SOURCES; None: not categorised yet
    category_needs_review: bool = False  # the categoriser's guess is below the review threshold: ask the person
    stats: dict[str, float] = field(default_factory=dict)  # measured at upload, for the categoriser
    status: str = "pending"
    error: str = ""
    engine: str = ""
    text: str = ""
    lines: list[TextLine] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    drafts: list[dict[str, Any]] = field(default_factory=list)   # domain.language.model.draft_to_json
    checked: list[bool] = field(default_factory=list)            # per draft: ticked or crossed out on the image
    # per draft, the indexes in ``lines`` of the lines it was read from (a wrapped item spans several);
    # None: no link known (not read yet, or read before the link was kept)
    line_indexes: list[list[int]] | None = None
    task_ids: list[UUID] = field(default_factory=list)           # tasks accepted from the drafts
    processed_at: datetime | None = None

    @property
    def media_type(self) -> str:
        return FORMATS[self.format]

    def read(self, reading: TextReading, drafts: list[dict[str, Any]], checked: list[bool],
             line_indexes: list[list[int]], now: datetime) -> None:
        """Processing succeeded: keep (capped) what was read and the drafts found in it, with per draft the
        indexes of its lines in ``reading.lines`` (a line past the kept ones is dropped from the link)."""
        self.lines = list(reading.lines[:MAX_LINES])
        self.text = "\n".join(line.text for line in self.lines)[:MAX_TEXT]
        self.labels = list(reading.labels[:50])
        self.engine = reading.engine
        self.drafts, self.checked = drafts[:MAX_DRAFTS], checked[:MAX_DRAFTS]
        self.line_indexes = [[i for i in indexes if 0 <= i < len(self.lines)] for indexes in line_indexes[:MAX_DRAFTS]]
        self.status, self.error, self.processed_at = "done", "", now

    def guessed(self, category: str, confidence: float, source: str, threshold: float) -> None:
        """The categoriser's guess (source ``model`` or ``prior``); a caption's or a person's category stays."""
        if self.category_source in ("caption", "user"):
            return
        self.category, self.category_confidence, self.category_source = category, round(confidence, 4), source
        self.category_needs_review = confidence < threshold

    def annotate(self, category: str) -> None:
        """The person says what the image is: that holds until they say otherwise."""
        self.category, self.category_confidence, self.category_source = category, 1.0, "user"
        self.category_needs_review = False

    def failed(self, error: str, now: datetime) -> None:
        self.status, self.error, self.processed_at = "failed", error[:500], now

    _PLAIN = ("blob_name", "format", "width", "height", "size_bytes", "caption", "category", "category_confidence",
              "category_source", "category_needs_review", "stats", "status", "error", "engine", "text", "labels",
              "drafts", "checked", "line_indexes")

    def to_dict(self) -> dict[str, Any]:
        """Everything but the identity fields, JSON-ready (what a store keeps beside id, owner and date)."""
        data = {name: getattr(self, name) for name in self._PLAIN}
        data["lines"] = [line.to_dict() for line in self.lines]
        data["task_ids"] = [str(task_id) for task_id in self.task_ids]
        data["processed_at"] = self.processed_at.isoformat() if self.processed_at else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, id: UUID, user_id: UUID, created_at: datetime) -> "ImageRecord":
        values = {name: data[name] for name in cls._PLAIN if name in data}
        values["lines"] = [TextLine.from_dict(line) for line in data.get("lines", [])]
        values["task_ids"] = [UUID(task_id) for task_id in data.get("task_ids", [])]
        processed = data.get("processed_at")
        values["processed_at"] = datetime.fromisoformat(processed) if processed else None
        return cls(id=id, user_id=user_id, created_at=created_at, **values)

"""The categoriser applied to stored images: an image record's features, and the review threshold."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from domain.categorization.features import ImageStats, features
from domain.model.image import ImageRecord, TextLine

DEFAULT_REVIEW_THRESHOLD = 0.6


@dataclass(frozen=True)
class ReviewPolicy:
    """A guess less confident than ``threshold`` is shown as needing review (``PLANLOOM_IMAGE_REVIEW_THRESHOLD``)."""

    threshold: float = DEFAULT_REVIEW_THRESHOLD


def content_features(text: str, lines: list[TextLine], labels: list[str], caption: str,
                     stats: dict[str, float]) -> Counter[str]:
    """What was read from an image (the OCR's mean confidence over ``lines``), and its statistics."""
    confidence = sum(line.confidence for line in lines) / len(lines) if lines else None
    return features(text, labels, caption, ImageStats.from_dict(stats), confidence)


def record_features(record: ImageRecord) -> Counter[str]:
    return content_features(record.text, record.lines, record.labels, record.caption, record.stats)

"""The categoriser applied to stored images: an image record's features, and the review threshold."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from domain.categorization.features import ImageStats, features
from domain.model.image import ImageRecord

DEFAULT_REVIEW_THRESHOLD = 0.6


@dataclass(frozen=True)
class ReviewPolicy:
    """A guess less confident than ``threshold`` is shown as needing review (``PLANLOOM_IMAGE_REVIEW_THRESHOLD``)."""

    threshold: float = DEFAULT_REVIEW_THRESHOLD


def record_features(record: ImageRecord) -> Counter[str]:
    confidence = sum(line.confidence for line in record.lines) / len(record.lines) if record.lines else None
    return features(record.text, record.labels, record.caption, ImageStats.from_dict(record.stats), confidence)

"""What an image's category is judged on: discrete features (tokens with counts) from its OCR text,
vision labels, caption and a few image statistics measured by the codec adapter.

Numbers are binned into tokens (``s:bright:light``) so that one multinomial model handles words and
measurements alike. Everything here is pure: the statistics arrive as plain numbers.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

CATEGORIES = ("todo_list", "receipt", "whiteboard", "handwritten_note", "screenshot", "document", "photo")
MAX_WORDS = 400  # word tokens counted from one image's text (the rest adds little and costs time)
MAX_WORD = 24    # characters kept of a word: a stored model's size stays bounded

_WORD = re.compile(r"[a-zà-ÿ]{2,}")
_PRICE = re.compile(r"(?<![\d.,])\d{1,6}[.,]\d{2}(?![\d.,])")
_CURRENCY = re.compile(r"[$€£¥]|\b(?:usd|eur|gbp|chf)\b", re.I)
_DATE = re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b|\b\d{1,2}:\d{2}\b")
_CHECKBOX = re.compile(r"^\s*(?:\[[ xX✓✔]?\]|[☐☑☒□■✓✔])")
_BULLET = re.compile(r"^\s*(?:[-*•·–]|\d{1,2}[.)])\s+")


@dataclass(frozen=True)
class ImageStats:
    """Measured on the decoded image by the codec adapter. ``brightness`` is the mean luma in [0, 1];
    ``colourfulness`` Hasler and Süsstrunk's metric scaled to about [0, 1]; ``edge_density`` the
    share of pixels on a strong edge of a downscaled grey copy; ``aspect`` width / height."""

    aspect: float = 1.0
    brightness: float = 0.5
    colourfulness: float = 0.0
    edge_density: float = 0.0

    def to_dict(self) -> dict[str, float]:
        return {"aspect": self.aspect, "brightness": self.brightness, "colourfulness": self.colourfulness,
                "edge_density": self.edge_density}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> "ImageStats | None":
        if not data:
            return None
        return cls(**{name: float(data[name]) for name in ("aspect", "brightness", "colourfulness", "edge_density")
                      if name in data})


def _bin(name: str, value: float, edges: tuple[float, ...], labels: tuple[str, ...]) -> str:
    for edge, label in zip(edges, labels):
        if value < edge:
            return f"s:{name}:{label}"
    return f"s:{name}:{labels[-1]}"


def features(text: str, labels: list[str], caption: str, stats: ImageStats | None,
             text_confidence: float | None = None) -> Counter[str]:
    """The image's features as token counts. ``text_confidence``: the OCR's mean confidence over the
    lines (low on handwriting), None when nothing was read."""
    found: Counter[str] = Counter()
    lines = [line for line in text.splitlines() if line.strip()]
    words = [word[:MAX_WORD] for word in _WORD.findall(text.lower())[:MAX_WORDS]]
    found.update(f"w:{word}" for word in words)
    found.update(f"c:{word[:MAX_WORD]}" for word in _WORD.findall(caption.lower())[:50])
    found.update(f"l:{label.lower()[:MAX_WORD * 2]}" for label in labels[:50])
    for name, pattern in (("price", _PRICE), ("currency", _CURRENCY), ("date", _DATE)):
        hits = len(pattern.findall(text))
        if hits:
            found[f"k:{name}"] += min(hits, 10)
    found["k:checkbox"] += min(10, sum(1 for line in lines if _CHECKBOX.match(line)))
    found["k:bullet"] += min(10, sum(1 for line in lines if _BULLET.match(line)))
    found[_bin("lines", len(lines), (1, 4, 12, 30), ("none", "few", "some", "many", "lots"))] += 2
    per_line = len(words) / len(lines) if lines else 0.0
    found[_bin("wpl", per_line, (0.5, 3, 7), ("none", "short", "medium", "long"))] += 2
    if text_confidence is not None and lines:
        found[_bin("ocr", text_confidence, (0.75, 0.9), ("low", "mid", "high"))] += 2
    if stats is not None:
        found[_bin("aspect", stats.aspect, (0.7, 1.3, 1.9), ("tall", "square", "wide", "screen"))] += 1
        found[_bin("bright", stats.brightness, (0.35, 0.6, 0.8, 0.93), ("dark", "dim", "mid", "light", "white"))] += 2
        found[_bin("colour", stats.colourfulness, (0.05, 0.15, 0.35), ("grey", "muted", "colour", "vivid"))] += 2
        found[_bin("edges", stats.edge_density, (0.02, 0.08, 0.2), ("flat", "sparse", "busy", "dense"))] += 2
    return +found  # drops zero counts

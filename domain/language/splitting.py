"""Split one input into task segments: lines, bullets, checkboxes, numbered items and ";"."""
from __future__ import annotations

import re
from dataclasses import dataclass

BULLET = re.compile(
    r"^\s*(?:(?:[-*+•·‣◦▪–—]|\d{1,3}[.)])\s+)?(?:\[[ xX✓✔]?\]\s*|[☐☑☒]\s*)?")

SEMICOLON = re.compile(";")


@dataclass(frozen=True)
class Segment:
    text: str
    offset: int  # where ``text`` starts in the whole input


def _pieces(line: str, offset: int) -> list[Segment]:
    pieces = []
    start = 0
    for match in SEMICOLON.finditer(line):
        pieces.append(Segment(line[start:match.start()], offset + start))
        start = match.end()
    pieces.append(Segment(line[start:], offset + start))
    return pieces


def _trim(segment: Segment) -> Segment | None:
    text = segment.text
    bullet = BULLET.match(text)
    cut = bullet.end() if bullet else 0
    body = text[cut:]
    stripped = body.strip()
    if not stripped:
        return None
    lead = len(body) - len(body.lstrip())
    return Segment(stripped, segment.offset + cut + lead)


def split_segments(text: str) -> list[Segment]:
    """Task-sized pieces of ``text``, each with its offset into ``text``."""
    segments: list[Segment] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        for piece in _pieces(body, offset):
            trimmed = _trim(piece)
            if trimmed is not None:
                segments.append(trimmed)
        offset += len(line)
    return segments

"""Lists written by hand or printed, as OCR reads them: which lines are items, which are ticked.

OCR gives lines with boxes in no dependable order; ``layout.reading_order`` puts them in the order a
person reads them (columns, then rows). ``list_items`` turns lines, in that order, into items: a bullet,
a number or a checkbox starts an item, an indented line without one continues it, and when no line has a
marker every line is an item. A line ending with a colon is a heading, never an
item, and so is the first line of a list without markers when it is drawn larger than the rest. Ticked
boxes and ``[x]`` mark an item checked; boxes are recognised as OCR misreads them too ("[I", "{ ]").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# a box as OCR reads it: "[ ]", but also "[]", "[I", "[J", "{ ]", "(1" and "[X1" (a side read as a letter or digit)
_OPEN, _CLOSE = r"[\[({]", r"[\])}IJl1|]"
_CHECKED = rf"{_OPEN}\s*[xX✓✔vV]\s*{_CLOSE}|[☑☒✓✔✅]"
_UNCHECKED = rf"\[\s*\]|{_OPEN}\s*{_CLOSE}(?=\s|[A-Za-z])|[☐□◻❏]"
_BULLET = r"[-–—•·*▪■►>+~](?=\s|[A-Za-z])|\d{1,2}[.)](?=\s|[A-Za-z])|[a-zA-Z][.)](?=\s)"
_MARKER = re.compile(rf"^\s*(?:(?P<checked>{_CHECKED})|(?P<unchecked>{_UNCHECKED})|(?P<bullet>{_BULLET}))\s*")
_WORD = re.compile(r"[^\W\d_]{2,}")
HEADING_HEIGHT = 1.25   # a first line this many times the others' median height heads an unmarked list


@dataclass(frozen=True)
class ListItem:
    text: str
    checked: bool
    lines: tuple[int, ...]   # indexes of the lines it came from, in the order given to ``list_items``


def _marker(text: str) -> tuple[str | None, str]:
    found = _MARKER.match(text)
    if found is None:
        return None, text.strip()
    kind = next(name for name in ("checked", "unchecked", "bullet") if found.group(name))
    return kind, text[found.end():].strip()


def has_marker(text: str) -> bool:
    """The line starts with a bullet, a number or a checkbox (as OCR reads them)."""
    return _MARKER.match(text) is not None


def _worth_a_task(text: str) -> bool:
    return bool(_WORD.search(text))


def _heading(index: int, text: str, kind: str | None, heights: list[float], any_marker: bool) -> bool:
    """A line without a marker that ends with a colon ("Groceries:"), or, heading a list without markers,
    a first line drawn larger than the others."""
    if kind is not None:
        return False
    if text.endswith(":"):
        return True
    if index == 0 and not any_marker and len(heights) > 2:
        rest = sorted(heights[1:])
        return heights[0] >= HEADING_HEIGHT * rest[len(rest) // 2]
    return False


def list_items(lines: list[tuple[str, float, float]]) -> list[ListItem]:
    """Items of ``lines`` given as (text, left, height) in reading order."""
    marked = [_marker(text) for text, _, _ in lines]
    any_marker = any(kind is not None for kind, _ in marked)
    heights = [height for _, _, height in lines]
    items: list[ListItem] = []
    open_item: tuple[int, float] | None = None   # (index into items, left of its first line)
    for index, ((kind, text), (_, left, height)) in enumerate(zip(marked, lines)):
        if not text:
            continue
        if _heading(index, text, kind, heights, any_marker):
            open_item = None
            continue
        if kind is None and any_marker:
            if open_item is not None and left > open_item[1] + height * 0.6:
                item = items[open_item[0]]
                items[open_item[0]] = ListItem(f"{item.text} {text}", item.checked, (*item.lines, index))
            else:
                open_item = None   # a heading or a stray line between the items: not a task
            continue
        if not _worth_a_task(text):
            continue
        items.append(ListItem(text, kind == "checked", (index,)))
        open_item = (len(items) - 1, left)
    return items

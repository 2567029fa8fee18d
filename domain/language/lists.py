"""Lists written by hand or printed, as OCR reads them: which lines are items, which are ticked.

OCR gives lines with boxes in no dependable order (RapidOCR sorts top to bottom with a small
tolerance). ``reading_order`` puts them in rows, then left to right; ``list_items`` turns lines into
items: a bullet, a number or a checkbox starts an item, an indented line without one continues it,
and when no line has a marker every line is an item. Ticked boxes and ``[x]`` mark an item checked.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_CHECKED = r"\[\s*[xX✓✔vV]\s*\]|[☑☒✓✔✅]"
_UNCHECKED = r"\[\s*\]|\[\s+\]|[☐□◻❏]"
_BULLET = r"[-–—•·*▪■►>+~](?=\s|[A-Za-z])|\d{1,2}[.)](?=\s)|[a-zA-Z][.)](?=\s)"
_MARKER = re.compile(rf"^\s*(?:(?P<checked>{_CHECKED})|(?P<unchecked>{_UNCHECKED})|(?P<bullet>{_BULLET}))\s*")
_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True)
class ListItem:
    text: str
    checked: bool
    lines: tuple[int, ...]   # indexes of the lines it came from, in the order given to ``list_items``


def reading_order(boxes: list[tuple[float, float, float, float]]) -> list[int]:
    """Indexes of ``boxes`` (left, top, right, bottom) in reading order: rows of boxes whose vertical
    middles fall within half a line of each other, top to bottom, each row left to right."""
    order = sorted(range(len(boxes)), key=lambda i: (boxes[i][1] + boxes[i][3]) / 2)
    rows: list[list[int]] = []
    for index in order:
        left, top, right, bottom = boxes[index]
        middle, height = (top + bottom) / 2, max(bottom - top, 1.0)
        if rows:
            last = rows[-1]
            last_middle = sum((boxes[i][1] + boxes[i][3]) / 2 for i in last) / len(last)
            if abs(middle - last_middle) <= height / 2:
                last.append(index)
                continue
        rows.append([index])
    return [index for row in rows for index in sorted(row, key=lambda i: boxes[i][0])]


def _marker(text: str) -> tuple[str | None, str]:
    found = _MARKER.match(text)
    if found is None:
        return None, text.strip()
    kind = next(name for name in ("checked", "unchecked", "bullet") if found.group(name))
    return kind, text[found.end():].strip()


def _worth_a_task(text: str) -> bool:
    return bool(_WORD.search(text))


def list_items(lines: list[tuple[str, float, float]]) -> list[ListItem]:
    """Items of ``lines`` given as (text, left, height) in reading order."""
    marked = [_marker(text) for text, _, _ in lines]
    any_marker = any(kind is not None for kind, _ in marked)
    items: list[ListItem] = []
    open_item: tuple[int, float] | None = None   # (index into items, left of its first line)
    for index, ((kind, text), (_, left, height)) in enumerate(zip(marked, lines)):
        if not text:
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

"""Where OCR lines sit on the page, and the order a person reads them in: a tilted photo set upright, then
columns read one after the other (a kanban board, a two-column list), rows left to right within each.

OCR engines give lines in no dependable order (RapidOCR sorts top to bottom with a small tolerance, so
two columns come out interleaved and the price of a tilted receipt lands on another item's row).

- ``upright``: each line's box as it would be on the page turned straight. The page's tilt is the median
  slope of the top edges of its long lines; the corners are turned back by it, so the rows of a receipt
  photographed at 6 degrees are rows again and an indented line is indented by the same amount at the
  top and at the foot of the page.
- ``reading_order``: a gutter (an upright band no narrow line crosses, a quarter of a line height wide or more) splits
  the lines into columns when both sides hold text: two or more lines with words on each side, and the
  right side not merely a column of amounts or dates beside the rows of the left one (a receipt's prices,
  a list's due days: rows, read across). Lines wider than the gutter that cross it (a title over both
  columns, a heading between two sections) are read where they stand: the columns between two of them
  are read column by column. Columns are split again the same way (three columns of a board).
"""
from __future__ import annotations

import math
import re
from statistics import median
from typing import Sequence

from domain.language.lists import has_marker

Box = tuple[float, float, float, float]          # left, top, right, bottom
Quad = Sequence[tuple[float, float]]              # corners clockwise from the top left

MAX_TILT = math.radians(30)     # beyond this a page is not read as tilted (OCR would not read it either)
MIN_TILT = math.radians(0.5)    # below this a page is straight
GUTTER = 0.25                   # a gutter is at least this many median line heights wide
COLUMN_OVERLAP = 0.5            # two columns share at least this share of the shorter one's height
MAX_DEPTH = 4                   # columns within columns, at most
_WORDS = re.compile(r"[^\W\d_]{3,}")
_LETTERS = re.compile(r"[^\W\d_]{2,}")   # a word, however short ("To do:")
_AMOUNT_OR_DAY = re.compile(
    r"^\s*(?:[-+]?[$€£¥]?\s*\d[\d.,:/ ]*\s*(?:[$€£¥%]|[a-zA-Z]{0,3})?|"
    r"(?:mon|tue|wed|thu|fri|sat|sun|today|tomorrow|tonight)[a-z]*\.?(?:\s+\d[\d.:/ ]*\w{0,2})?)\s*$", re.I)


def tilt(quads: Sequence[Quad]) -> float:
    """The page's tilt in radians (clockwise positive, as y grows downwards): the median slope of the top
    edges of the lines at least twice as wide as they are high; 0 when there are none or it is slight."""
    slopes = []
    for quad in quads:
        if len(quad) < 4:
            continue
        (x0, y0), (x1, y1), _, (x3, y3) = quad[:4]
        width, height = math.hypot(x1 - x0, y1 - y0), math.hypot(x3 - x0, y3 - y0)
        if width >= 2 * max(height, 1.0):
            slopes.append(math.atan2(y1 - y0, x1 - x0))
    if not slopes:
        return 0.0
    angle = median(slopes)
    return angle if MIN_TILT <= abs(angle) <= MAX_TILT else 0.0


def upright(quads: Sequence[Quad]) -> list[Box]:
    """Each quad's (left, top, right, bottom) on the page turned straight (by ``tilt``)."""
    angle = tilt(quads)
    cos, sin = math.cos(-angle), math.sin(-angle)
    boxes = []
    for quad in quads:
        turned = [(x * cos - y * sin, x * sin + y * cos) for x, y in quad] or [(0.0, 0.0)]
        xs, ys = [x for x, _ in turned], [y for _, y in turned]
        boxes.append((min(xs), min(ys), max(xs), max(ys)))
    return boxes


def _rows(indexes: list[int], boxes: Sequence[Box]) -> list[int]:
    """Rows of boxes whose vertical middles fall within half a line of each other, top to bottom, each row
    left to right."""
    order = sorted(indexes, key=lambda i: (boxes[i][1] + boxes[i][3]) / 2)
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


def _middle(box: Box) -> float:
    return (box[1] + box[3]) / 2


def _gutters(indexes: list[int], boxes: Sequence[Box], width: float) -> list[tuple[float, float]]:
    """Bands of x no narrow line crosses (narrow: under 60 % of the region's width), widest first."""
    narrow = sorted((boxes[i][0], boxes[i][2]) for i in indexes if boxes[i][2] - boxes[i][0] < 0.6 * width)
    gaps, reach = [], None
    for left, right in narrow:
        if reach is not None and left > reach:
            gaps.append((reach, left))
        reach = right if reach is None else max(reach, right)
    return sorted(gaps, key=lambda gap: gap[0] - gap[1])


def of_its_own(text: str) -> bool:
    """A line that is an item of its own beside another (a marker, or words that are not an amount or a
    day), not a receipt's price or a list's due day, read with the line it stands beside."""
    return has_marker(text) or bool(_LETTERS.search(text) and not _AMOUNT_OR_DAY.match(text))


def _text_column(texts: list[str]) -> bool:
    return sum(1 for text in texts if _WORDS.search(text)) >= 2


def _columns(indexes: list[int], boxes: Sequence[Box], texts: Sequence[str],
             height: float) -> tuple[float, float] | None:
    """The gutter that splits ``indexes`` into columns of text, or None."""
    region = max(boxes[i][2] for i in indexes) - min(boxes[i][0] for i in indexes)
    for start, end in _gutters(indexes, boxes, region):
        if end - start < GUTTER * height:
            break
        left = [i for i in indexes if boxes[i][2] <= start]
        right = [i for i in indexes if boxes[i][0] >= end]
        if not (_text_column([texts[i] for i in left]) and _text_column([texts[i] for i in right])):
            continue
        top_l, bottom_l = min(boxes[i][1] for i in left), max(boxes[i][3] for i in left)
        top_r, bottom_r = min(boxes[i][1] for i in right), max(boxes[i][3] for i in right)
        shared = min(bottom_l, bottom_r) - max(top_l, top_r)
        if shared < COLUMN_OVERLAP * min(bottom_l - top_l, bottom_r - top_r):
            continue  # side by side only in part: a note beside a list, read in rows
        beside = [i for i in right
                  if any(abs(_middle(boxes[i]) - _middle(boxes[j])) <= height / 2 for j in left)]
        if len(beside) >= 0.7 * len(right):
            # row by row: columns only if the right side's lines are items of their own (a marker each, or
            # words that are not an amount or a day beside the left line)
            own = [i for i in right if of_its_own(texts[i])]
            marked_left = sum(1 for i in left if has_marker(texts[i]))
            if len(own) < 0.7 * len(right) or (marked_left and not any(has_marker(texts[i]) for i in right)):
                continue
        return start, end
    return None


def _order(indexes: list[int], boxes: Sequence[Box], texts: Sequence[str], depth: int) -> list[int]:
    if len(indexes) < 4 or depth >= MAX_DEPTH:
        return _rows(indexes, boxes)
    height = median(max(boxes[i][3] - boxes[i][1], 1.0) for i in indexes)
    gutter = _columns(indexes, boxes, texts, height)
    if gutter is None:
        return _rows(indexes, boxes)
    start, end = gutter
    spanning = sorted((i for i in indexes if boxes[i][0] < end and boxes[i][2] > start),
                      key=lambda i: _middle(boxes[i]))
    crossing = set(spanning)
    rest = [i for i in indexes if i not in crossing]
    ordered: list[int] = []
    previous = -math.inf
    for cut in [*spanning, None]:
        below = math.inf if cut is None else _middle(boxes[cut])
        band = [i for i in rest if previous <= _middle(boxes[i]) < below]
        left = [i for i in band if boxes[i][2] <= start]
        right = [i for i in band if boxes[i][0] >= end]
        ordered += _order(left, boxes, texts, depth + 1) + _order(right, boxes, texts, depth + 1)
        if cut is not None:
            ordered.append(cut)
        previous = below
    return ordered


def reading_order(boxes: Sequence[Box], texts: Sequence[str] | None = None) -> list[int]:
    """Indexes of ``boxes`` (upright left, top, right, bottom) in reading order: columns of text one after
    the other (when ``texts`` tell which sides hold text), rows within them top to bottom, left to right."""
    indexes = list(range(len(boxes)))
    if texts is None:
        return _rows(indexes, boxes)
    return _order(indexes, boxes, texts, 0)

"""A page's ink, for the vision adapters: the image decoded in grey, a line's strip cut out straight,
and whether a line is struck through (a done item crossed out by hand), which no OCR engine reports.

Struck lines: the recogniser reads a struck line as if the stroke were not there, so only the pixels
tell. A stroke through a line is one run of ink along (nearly) one row of the letters' middle band, as
long as most of the line; the letters themselves leave gaps along any such row (between letters and
words, inside bowls: "eggs" along its middle row is the e's bar and the g's sides), and an underline lies
below the band. So the strip is binarised against its own paper, the band is found from the rows where
ink starts and stops most often (letters' strokes; a stroke or an underline is one long run with few
edges; speckle taken off first, or a dim page's noise puts edges in every row and the band takes in the
underlines), and along straight paths through the band, level or sloping by up to ``MAX_SLOPE`` of the
band's height across the line, the longest run of ink (bridging gaps of ``GAP`` band heights) is
measured against the line's width. A line is struck when that run is at least ``MIN_SHARE`` of the ink's width
and ``MIN_BANDS`` band heights long. A notebook's ruled line runs through the letters' feet, and a sloping
path along it finds a run as long: the strip is cut with a line height of the page either side, and ink
along half of both sides (a row either way) is a ruled line, followed across and taken out of the line's
own mask before the search (a stroke stops about where the words do).

The length floor is the price of blur: a short word blurred or written heavily has its letters run
together along their middle ("eggs", "Home" in a thick hand), as long as a stroke through it, so a word
shorter than five band heights is never judged struck. The mask takes no median filter against speckle:
a thin stroke (two pixels, a red or blue pen lighter than the text) did not survive one. On the strips
of bench/strikes.py's lists (seeds 1-3, tuned on; judged again by a local harness), with the filter and a
floor of 2.5 band heights: 85 % of the struck lines found, 24 false alarms in 760 other lines; without
it, with the floor of 5 and the band found without speckle: 95 %, 9 (bench/README.md has the held-out
seeds, and ruled paper).
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from domain.model.image import MAX_LINES, TextLine

MIN_SHARE = 0.5    # the run covers at least this share of the ink's width ...
MIN_BANDS = 5      # ... and is at least this many band heights long
GAP = 0.15         # gaps along the run up to this many band heights are bridged
MAX_SLOPE = 0.5    # paths slope by up to this many band heights across the whole line
EDGES = 0.5        # the band: rows with at least this share of the busiest row's ink edges
RULED = 0.5        # ink along this share of the page either side of the line is a ruled line ...
REACH = 1          # ... a row either way (a rule on a tilted page drops across a margin)
INSIDE = 0.15      # runs are looked for this share of the band's height inside it (not along its edges)


def decoded(data: bytes) -> np.ndarray:
    """The image in grey (ValueError when OpenCV cannot decode it)."""
    import cv2

    gray = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
    if gray is None:
        raise ValueError("not an image OpenCV can decode")
    return gray


def straightened(gray: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """The line inside ``quad`` (4 points, clockwise from top-left) as an upright ``uint8`` strip (where
    ``quad`` leaves the page, the page's edge pixels repeated)."""
    import cv2

    quad = np.asarray(quad, np.float32)
    width = int(max(np.linalg.norm(quad[0] - quad[1]), np.linalg.norm(quad[2] - quad[3])))
    height = int(max(np.linalg.norm(quad[0] - quad[3]), np.linalg.norm(quad[1] - quad[2])))
    target = np.array([[0, 0], [width, 0], [width, height], [0, height]], np.float32)
    matrix = cv2.getPerspectiveTransform(quad, target)
    return cv2.warpPerspective(gray, matrix, (max(width, 1), max(height, 1)), borderMode=cv2.BORDER_REPLICATE,
                               flags=cv2.INTER_CUBIC)


def mask(strip: np.ndarray) -> np.ndarray:
    """Boolean ink mask of a grey strip, dark on light, read against its own paper: each pixel over the
    brightest near it (light falling off across a page, a shadow: a dim page's Otsu threshold alone takes
    the darker paper for ink), then Otsu's threshold."""
    import cv2

    size = max(3, strip.shape[0] // 2 * 2 + 1)  # wider than any stroke, so the max is paper
    paper = cv2.blur(cv2.dilate(strip, np.ones((size, size), np.uint8)), (size, size))
    flat = np.clip(strip.astype(np.float32) / np.maximum(paper, 1) * 255, 0, 255).astype(np.uint8)
    _, out = cv2.threshold(flat, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return out == 0


def band(inked: np.ndarray) -> tuple[int, int] | None:
    """The letters' middle band of an ink mask (x-height, or the capitals' height in capitals): the rows
    from the first to the last whose count of ink edges is at least ``EDGES`` of the busiest row's."""
    import cv2

    # speckle (a dim page's noise) taken off first: it puts edges in every row, and the band grew to take
    # in underlines and rules (a stroke two pixels thick survives)
    inked = cv2.morphologyEx(inked.astype(np.uint8), cv2.MORPH_OPEN, np.ones((2, 2), np.uint8)) > 0
    edges = np.abs(np.diff(inked.astype(np.int8), axis=1)).sum(axis=1)
    if edges.max(initial=0) == 0:
        return None
    rows = np.nonzero(edges >= EDGES * edges.max())[0]
    return int(rows[0]), int(rows[-1]) + 1


def longest_run(row: np.ndarray, gap: int) -> int:
    """The longest stretch of ``row`` (booleans) that is ink, bridging blank gaps of at most ``gap``."""
    at = np.nonzero(row)[0]
    if len(at) == 0:
        return 0
    breaks = np.nonzero(np.diff(at) > gap + 1)[0]
    starts = np.concatenate(([at[0]], at[breaks + 1]))
    ends = np.concatenate((at[breaks], [at[-1]]))
    return int((ends - starts + 1).max())


def unruled(strip: np.ndarray, margin: int) -> np.ndarray:
    """The ink mask of the line in a strip with ``margin`` columns of the page either side (the line's own
    mask, its paper and threshold its own), less the ruled lines (a notebook's, a table's): ink that runs
    through both margins (``RULED`` of their columns), followed straight from one side to the other, two
    rows either way."""
    if not margin:
        return mask(strip)
    if strip.shape[1] < 2 * margin + 2:  # no line between the margins to speak of
        return np.zeros((strip.shape[0], max(strip.shape[1] - 2 * margin, 0)), bool)
    tall = _thickened(mask(strip), REACH)
    out = mask(strip[:, margin:strip.shape[1] - margin])
    left, right = (_groups(np.nonzero(side.mean(axis=1) >= RULED)[0])
                   for side in (tall[:, :margin], tall[:, -margin:]))
    xs = np.arange(out.shape[1])   # the line's columns; the margins' middles lie margin/2 outside them
    for row in left:
        across = min(right, key=lambda other: abs(other - row), default=None)
        if across is None or abs(across - row) > out.shape[0] / 2:
            continue
        path = np.rint(row + (across - row) * (xs + margin / 2) / (out.shape[1] + margin)).astype(int)
        for k in range(-2, 3):
            out[np.clip(path + k, 0, out.shape[0] - 1), xs] = False
    return out


def _thickened(inked: np.ndarray, reach: int) -> np.ndarray:
    """``inked`` with each pixel of ink spread ``reach`` rows up and down."""
    out = inked.copy()
    for k in range(1, reach + 1):
        out[k:] |= inked[:-k]
        out[:-k] |= inked[k:]
    return out


def _groups(rows: np.ndarray) -> list[float]:
    """The middles of the runs of consecutive numbers in ``rows``."""
    if len(rows) == 0:
        return []
    breaks = np.nonzero(np.diff(rows) > 1)[0]
    return [float(group.mean()) for group in np.split(rows, breaks + 1)]


def stroke_share(strip: np.ndarray, margin: int = 0) -> float:
    """The longest run of ink along one straight path through the strip's middle band, as a share of the
    ink's width (0 when it is shorter than ``MIN_BANDS`` band heights). ``margin``: columns of the page
    either side of the line in the strip, where ruled lines show themselves (``unruled``)."""
    inked = unruled(strip, margin)
    found = band(inked)
    columns = np.nonzero(inked.any(axis=0))[0]
    if found is None or len(columns) < 2:
        return 0.0
    top, bottom = found
    height = bottom - top
    first, last = int(columns[0]), int(columns[-1])
    width = last - first + 1
    thick = _thickened(inked, 1)  # a path a row off the stroke still finds it
    xs = np.arange(first, last + 1)
    inside = int(round(INSIDE * height))
    rows = np.arange(top + inside, max(bottom - inside, top + inside + 1))
    rise = MAX_SLOPE * height
    gap, best = max(1, int(GAP * height)), 0
    for slope in np.linspace(-rise, rise, max(3, 2 * int(rise / 2) + 1)) / max(width, 1):
        offsets = np.rint(slope * (xs - first)).astype(int)
        paths = np.clip(rows[:, None] + offsets[None, :], 0, inked.shape[0] - 1)
        for path in thick[paths, xs[None, :]]:
            best = max(best, longest_run(path, gap))
    return best / width if best >= MIN_BANDS * height else 0.0


def struck(strip: np.ndarray, margin: int = 0) -> bool:
    """Whether the line in ``strip`` (grey, upright, as ``straightened`` cuts it, with ``margin`` columns
    of the page either side) is struck through."""
    return stroke_share(strip, margin) >= MIN_SHARE


def widened(quad: np.ndarray, margin: float) -> np.ndarray:
    """``quad`` stretched along its top edge by ``margin`` pixels at each end."""
    quad = np.asarray(quad, np.float32)
    along = (quad[1] - quad[0]) / max(float(np.linalg.norm(quad[1] - quad[0])), 1.0)
    return np.array([quad[0] - along * margin, quad[1] + along * margin, quad[2] + along * margin,
                     quad[3] - along * margin], np.float32)


def judged(gray: np.ndarray, lines: list[TextLine]) -> list[TextLine]:
    """``lines`` (boxes in ``gray``'s pixels) each judged struck through or not, from its strip with a
    line height of the page either side (the first ``MAX_LINES``: no more are kept)."""
    out = []
    for line in lines[:MAX_LINES]:
        quad = np.asarray(line.box, np.float32)
        margin = int(round(max(float(np.linalg.norm(quad[0] - quad[3])), 1.0)))
        strip = straightened(gray, widened(quad, margin))
        out.append(replace(line, struck=struck(strip, margin)))
    return out + lines[MAX_LINES:]

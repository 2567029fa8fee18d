"""Spaces RapidOCR's recogniser drops in Latin print, put back from the gaps in the ink.

PP-OCR's recogniser is trained mostly on Chinese, where words have no spaces, and reads "Payrent" for
"Pay rent" now and then, most often on blurred or handwritten lines. Its character positions (CTC
columns, about one every 8 pixels of a 48-pixel-high line) are too coarse to tell a word gap from a
wide letter, but the line's own pixels tell: between two words there is a run of blank columns much
wider than the ones between letters. So the line is cut out of the image (the same quadrilateral the
recogniser read, straightened), binarised, and each blank run as wide as a word gap puts a space at the
character boundary it falls on, where the text has none.
"""
from __future__ import annotations

import numpy as np

MIN_GAP = 0.3        # a word gap is at least this many ink heights wide ...
LETTER_GAPS = 2.5    # ... this many times the line's median blank run (mostly gaps between letters) ...
KNOWN_GAP = 0.6      # ... and, when the line has spaces already, this share of their median gap
MAX_SHIFT = 0.6      # the gap's middle is at most this many character widths from the boundary it goes to


def ink(strip: np.ndarray) -> np.ndarray:
    """Boolean ink mask of a grey strip: Otsu's threshold, dark text on light ground (or the other way
    round when most of the strip is dark)."""
    import cv2

    _, mask = cv2.threshold(strip, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    mask = mask == 0
    return ~mask if mask.mean() > 0.5 else mask


def blank_runs(mask: np.ndarray) -> tuple[list[tuple[int, int]], float]:
    """Runs of columns without ink between the first and the last inked column, as (start, end) end
    exclusive, and the ink's height (rows from the first to the last with a fair share of ink)."""
    columns = mask.sum(axis=0)
    rows = mask.sum(axis=1)
    inked_rows = np.nonzero(rows > max(rows.max() * 0.1, 0))[0] if rows.size and rows.max() > 0 else []
    height = float(inked_rows[-1] - inked_rows[0] + 1) if len(inked_rows) else float(mask.shape[0])
    inked = np.nonzero(columns > 0)[0]
    if len(inked) == 0:
        return [], height
    runs, start = [], None
    for x in range(int(inked[0]), int(inked[-1]) + 1):
        if columns[x] == 0 and start is None:
            start = x
        elif columns[x] > 0 and start is not None:
            runs.append((start, x))
            start = None
    return runs, height


def respaced(text: str, centres: list[float], runs: list[tuple[int, int]], height: float) -> str:
    """``text`` with a space at each boundary between characters where a blank run as wide as a word gap
    lies; ``centres``: each non-space character's middle along the strip, in the strip's pixels."""
    chars = [i for i, c in enumerate(text) if not c.isspace()]
    if len(chars) != len(centres) or len(chars) < 2:
        return text
    boundaries = []  # (position in text after which a space may go, middle between the two characters, spaced)
    for k in range(len(chars) - 1):
        a, b = chars[k], chars[k + 1]
        boundaries.append((a, (centres[k] + centres[k + 1]) / 2, b > a + 1))
    width = (centres[-1] - centres[0]) / max(len(centres) - 1, 1)
    known = [end - start for start, end in runs if _nearest(boundaries, (start + end) / 2, width, spaced=True)]
    if not runs:
        return text
    threshold = max(MIN_GAP * height, LETTER_GAPS * float(np.median([end - start for start, end in runs])),
                    KNOWN_GAP * float(np.median(known)) if known else 0.0)
    after = set()
    for start, end in runs:
        if end - start < threshold:
            continue
        found = _nearest(boundaries, (start + end) / 2, width)
        if found is not None and not found[2]:
            after.add(found[0])
    return "".join(c + (" " if i in after else "") for i, c in enumerate(text))


def _nearest(boundaries, middle: float, width: float, spaced: bool | None = None):
    """The boundary whose middle is nearest ``middle`` (and within ``MAX_SHIFT`` character widths), if it
    has or lacks a space as ``spaced`` asks (any when None)."""
    if not boundaries:
        return None
    best = min(boundaries, key=lambda b: abs(b[1] - middle))
    if abs(best[1] - middle) > MAX_SHIFT * max(width, 1.0):
        return None
    return best if spaced is None or best[2] == spaced else None


def along(quad: np.ndarray, point: np.ndarray) -> float:
    """How far ``point`` lies along the quadrilateral's top edge from its first corner, in pixels."""
    quad = np.asarray(quad, float)
    edge = quad[1] - quad[0]
    length = float(np.linalg.norm(edge)) or 1.0
    return float(np.dot(np.asarray(point, float) - quad[0], edge / length))

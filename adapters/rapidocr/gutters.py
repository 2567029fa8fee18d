"""Two columns RapidOCR's detector read as one line, parted again at the gutter in the line's ink.

The detector joins lines that sit side by side when the blank between them is narrow (the columns of a
board a letter height or two apart: "- Renew passport - Pay rent" comes back as one line with one box),
and no reading order can part them afterwards. The line's own ink tells (the blank runs and character
positions ``spaces.py`` measures): a gutter is a blank run where the text has a space, much wider than the
line's other word gaps and most of a letter height wide. The line is cut there when both sides are items
of their own (``layout.of_its_own``, with a word in them): a receipt's price or a list's due day at the
right edge, or a bullet before its text, stays on its line however far away it stands. Each part's box
is the stretch of the line's box up to its ink at the gutter: the whole gutter stays blank between the
parts, for ``layout.py`` to find (its boxes, reaching past the ink, left too narrow a one on some boards).

The thresholds, from the boards of bench/layout.py (seeds 3 and 5, 40 boards each; widths in ink heights,
ratios to the median of the line's other word gaps): the 27 lines read across two columns had a gutter
1.1-2.7 heights wide and 1.3-4.6 times their word gaps; of the ~670 lines not joined, those with a gap of
0.8 heights or more had it at most 1.4 times their word gaps, except the gap after a bullet (up to 1.7,
no item on its own). So a gutter is ``COLUMN_GAP`` heights wide and ``WORD_GAPS`` times the word gaps: 22 of
the 27 are parted, none wrongly; the rest are lines in DejaVu Sans Mono with boxes ("[ ] Pay rent"), whose
spaces are nearly as wide as the gutter (1.3-1.5 times). A line with a single gap is never cut (nothing to
measure it by). ``COLUMN_GAP`` was 0.8 until handwriting-like fonts cut lines of few words at their word gaps
(bench/images.py, seeds 5, 9, 11 and 13: "Train | gets | in 5:40", 0.9 heights; "Next syuc | :Friday10am",
0.93), the only cuts there, both wrong; the boards' cuts (bench/layout.py, seeds 3 and 5) were 1.08 heights
or wider.
"""
from __future__ import annotations

from statistics import median

from domain.language.layout import of_its_own

COLUMN_GAP = 1.0   # a gutter is at least this many ink heights wide ...
WORD_GAPS = 1.6    # ... and this many times the median of the line's other word gaps

Piece = tuple[str, float, float]   # text, and where it starts and ends along the strip (pixels)


def parts(text: str, centres: list[float], runs: list[tuple[int, int]], height: float,
          width: float) -> list[Piece]:
    """``text`` cut at each gutter of its line, each part with its extent along the strip (``width``
    pixels long); ``centres``: each non-space character's middle along the strip; ``runs``: the blank runs
    of the line's ink and ``height`` its ink height (``spaces.blank_runs``). One part when there is none."""
    chars = [i for i, c in enumerate(text) if not c.isspace()]
    if len(chars) != len(centres):
        return [(text, 0.0, float(width))]
    spaced: dict[int, tuple[int, int]] = {}  # the line's word gaps: characters before it -> blank run
    for start, end in runs:
        cut = sum(1 for centre in centres if centre < (start + end) / 2)
        if 0 < cut < len(chars) and chars[cut] > chars[cut - 1] + 1:  # where the text has a space
            known = spaced.get(cut, (start, start))  # a speck in the gap, or a coarse character position:
            spaced[cut] = max(known, (start, end), key=lambda run: run[1] - run[0])  # its widest run
    pieces = [(0, 0.0, float(width))]  # (first character in text, start, end along the strip)
    for cut, (start, end) in spaced.items():
        others = [e - s for k, (s, e) in spaced.items() if k != cut]
        if others and end - start >= max(COLUMN_GAP * height, WORD_GAPS * median(others)):
            first, left, _ = pieces[-1]  # each part's box ends at its ink
            pieces[-1:] = [(first, left, float(start)), (chars[cut], float(end), float(width))]
    bounds = [first for first, _, _ in pieces[1:]] + [len(text)]
    kept = pieces[:1]
    for (first, left, right), bound in zip(pieces[1:], bounds[1:]):
        if _own(text[kept[-1][0]:first]) and _own(text[first:bound]):
            kept.append((first, left, right))
        else:  # not an item of its own (a price, a due day): it stays with the part before it
            kept[-1] = (kept[-1][0], kept[-1][1], right)
    ends = [first for first, _, _ in kept[1:]] + [len(text)]
    return [(text[first:bound].strip(), left, right) for (first, left, right), bound in zip(kept, ends)]


def _own(part: str) -> bool:
    """An item of its own, with a word in it (not a bare box "[ ]")."""
    return of_its_own(part.strip()) and sum(c.isalpha() for c in part) >= 2


def sub_quad(quad, start: float, end: float, width: float) -> tuple[tuple[float, float], ...]:
    """The part of ``quad`` (4 corners clockwise from the top left) between ``start`` and ``end`` pixels
    along its straightened strip of ``width`` pixels."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = [(float(x), float(y)) for x, y in quad[:4]]
    a, b = start / max(width, 1.0), end / max(width, 1.0)

    def top(t: float) -> tuple[float, float]:
        return x0 + t * (x1 - x0), y0 + t * (y1 - y0)

    def foot(t: float) -> tuple[float, float]:
        return x3 + t * (x2 - x3), y3 + t * (y2 - y3)

    return top(a), top(b), foot(b), foot(a)

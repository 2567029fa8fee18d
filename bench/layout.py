"""Reading order on layouts that are not one column: boards of two or three columns and tilted receipts,
drawn here and read by RapidOCR, ordered three ways in the same run:

- ``engine``: the order RapidOCR gives (sorted by top with a small tolerance), the baseline;
- ``rows``: rows of boxes top to bottom, each left to right, on the boxes as read (Planloom before
  ``domain/language/layout.py``);
- ``layout``: ``ordered_lines`` (the page set upright, columns read one after the other).

    .venv/bin/python bench/layout.py              # 16 boards, 16 receipts, ~1 min
    .venv/bin/python bench/layout.py --images 40 --seed 3

Boards: 2 or 3 columns of 2-6 items (bullets or boxes, some with a heading ending in a colon, columns
starting at different heights, each as wide as its widest line and 0.8 to 2.2 letter heights from the
next), one of the DejaVu fonts, turned by up to 4 degrees. Score: the share of
boards whose items come out in reading order (each column whole, left to right), and the share of pairs of
consecutive items that are consecutive in what was read (a partial credit). Receipts: 4-8 items with a
price each at the right edge, a shop name and a total, turned by 2-8 degrees either way. Score: the share
of prices that come right after their own item, and of receipts where all do. A drawn string is matched to
the read line closest to it (character error rate at most 0.34); one the engine did not read counts as out
of order, and so does one read together with its neighbour in one line (two columns the detector joined:
"- Buy milk - Call the bank" matches neither). The last lines count the images with such a line: read lines
that hold two drawn strings whole, spaces and case aside (a join with a misread character is not counted,
so this is a floor). On a receipt an item and its price read as one line are counted there too; they are
not a mistake for reading order, but their score counts them out of order (the price does not follow).
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PIL import Image, ImageDraw  # noqa: E402

from adapters.rapidocr.engine import RapidOcrEngine  # noqa: E402
from domain.language.layout import reading_order  # noqa: E402
from domain.model.image import TextLine, TextReading  # noqa: E402
from domain.services.handlers.images import ordered_lines  # noqa: E402
from tests.images import cer, encoded, font  # noqa: E402

FONTS = ["DejaVuSans.ttf", "DejaVuSerif.ttf", "DejaVuSansMono.ttf", "DejaVuSans-Oblique.ttf"]
TASKS = ["Buy milk", "Call the bank", "Renew passport", "Pay rent", "Book flights", "Water the plants",
         "Send invoice", "Review pull requests", "Plan the offsite", "Fix the bike", "Email Anna", "Clean garage",
         "Order printer ink", "Update resume", "Walk the dog", "Return library books", "Buy birthday gift",
         "Schedule dentist", "Back up laptop", "Read chapter four"]
HEADINGS = ["To do:", "Doing:", "Done:", "Home:", "Work:", "Later:", "This week:"]
GOODS = ["Oat milk", "Sourdough bread", "Coffee beans", "Olive oil", "Bananas", "Greek yogurt", "Cheddar",
         "Pasta", "Tomatoes", "Dish soap", "Eggs dozen", "Orange juice"]


def board(rng: random.Random) -> tuple[Image.Image, list[str]]:
    columns = rng.choice([2, 2, 3])
    size = rng.randint(26, 32)
    step = int(size * rng.uniform(2.2, 3.0))
    style = rng.choice(["- ", "[ ] ", "• "])
    face = font(size, rng.choice(FONTS))
    tasks = rng.sample(TASKS, 18)
    drawn, left = [], 30
    for _ in range(columns):  # each column as wide as its widest line, then a gap of 1.5 to 4 letters
        lines = ([rng.choice(HEADINGS)] if rng.random() < 0.6 else []) + \
                [style + tasks.pop() for _ in range(rng.randint(2, 6))]
        drawn.append((left, 30 + rng.randint(0, step), lines))
        left += max(face.getlength(text) for text in lines) + size * rng.uniform(0.8, 2.2)
    image = Image.new("RGB", (int(left) + 30, 120 + step * 8), "white")
    draw = ImageDraw.Draw(image)
    expected: list[str] = []
    for left, top, lines in drawn:
        for n, text in enumerate(lines):
            draw.text((left, top + step * n), text, fill="black", font=face)
        expected += lines
    turned = image.rotate(rng.uniform(-4, 4), expand=True, fillcolor="white", resample=Image.Resampling.BICUBIC)
    return turned, expected


def receipt(rng: random.Random) -> tuple[Image.Image, list[str]]:
    items = rng.sample(GOODS, rng.randint(4, 8))
    size = rng.randint(26, 30)
    step = int(size * rng.uniform(1.9, 2.4))
    image = Image.new("RGB", (780, 160 + step * (len(items) + 1)), "white")
    draw = ImageDraw.Draw(image)
    face = font(size, rng.choice(FONTS[:3]))
    draw.text((220, 20), rng.choice(["CORNER SHOP", "FRESH MARKET", "CITY GROCER"]), fill="black", font=face)
    expected, total = [], 0.0
    for n, item in enumerate(items + ["TOTAL"]):
        price = round(rng.uniform(0.5, 20), 2) if item != "TOTAL" else round(total, 2)
        total += price
        top = 90 + step * n
        draw.text((40, top), item, fill="black", font=face)
        draw.text((620, top), f"{price:.2f}", fill="black", font=face)
        expected += [item, f"{price:.2f}"]
    angle = rng.uniform(2, 8) * rng.choice([-1, 1])
    return image.rotate(angle, expand=True, fillcolor="white", resample=Image.Resampling.BICUBIC), expected


def positions(expected: list[str], read: list[str]) -> list[int | None]:
    """Where each drawn string was read (index into ``read``), each read line used once."""
    free, found = set(range(len(read))), []
    for text in expected:
        best = min(free, key=lambda i: cer(text, read[i]), default=None)
        if best is None or cer(text, read[best]) > 0.34:
            found.append(None)
        else:
            found.append(best)
            free.discard(best)
    return found


def merged(expected: list[str], read: list[str]) -> int:
    """Read lines that hold two or more drawn strings whole (spaces and case aside): columns the detector
    read as one line. One with a misread character in either string is not counted."""
    def bare(text: str) -> str:
        return "".join(text.split()).lower()

    return sum(1 for line in read if len({text for text in expected if bare(text) in bare(line)}) >= 2)


def in_order(found: list[int | None]) -> tuple[bool, float]:
    """All read and increasing; the share of consecutive pairs read consecutively."""
    pairs = [a is not None and b is not None and b == a + 1 for a, b in zip(found, found[1:])]
    whole = None not in found and all(b > a for a, b in zip(found, found[1:]))  # type: ignore[operator]
    return whole, sum(pairs) / max(len(pairs), 1)


def orders(reading: TextReading) -> dict[str, list[str]]:
    lines = reading.lines
    boxes = [(line.left, line.top, max(x for x, _ in line.box), line.bottom) for line in lines]
    return {"engine": [line.text for line in lines],
            "rows": [lines[i].text for i in reading_order(boxes)],  # no texts: rows only
            "layout": [line.text for line in ordered_lines(reading)]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--images", type=int, default=16, help="boards and receipts each (default 16)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    engine = RapidOcrEngine(threads=args.threads)
    methods = ("engine", "rows", "layout")
    scores = {kind: {m: {"whole": [], "pairs": []} for m in methods} for kind in ("board", "receipt")}
    seconds: list[float] = []
    joined = {"board": [], "receipt": []}  # per image, the read lines that hold two drawn strings
    for kind, make in (("board", board), ("receipt", receipt)):
        for _ in range(args.images):
            image, expected = make(rng)
            started = time.perf_counter()
            reading = engine.read(encoded(image))
            seconds.append(time.perf_counter() - started)
            joined[kind].append(merged(expected, [line.text for line in reading.lines]))
            for method, read in orders(reading).items():
                found = positions(expected, read)
                if kind == "receipt":  # each price right after its item
                    pairs = [found[i] is not None and found[i + 1] is not None and found[i + 1] == found[i] + 1
                             for i in range(0, len(found), 2)]
                    whole, share = all(pairs), sum(pairs) / len(pairs)
                else:
                    whole, share = in_order(found)
                scores[kind][method]["whole"].append(whole)
                scores[kind][method]["pairs"].append(share)
    print(f"{args.images} boards and {args.images} receipts, seed {args.seed}; "
          f"OCR median {statistics.median(seconds):.2f} s an image")
    print(f"{'':10} {'':8} {'all in order':>13} {'pairs in order':>15}")
    for kind in ("board", "receipt"):
        for method in methods:
            s = scores[kind][method]
            print(f"{kind:10} {method:8} {100 * sum(s['whole']) / len(s['whole']):>12.1f}% "
                  f"{100 * statistics.mean(s['pairs']):>14.1f}%")
    for kind in ("board", "receipt"):
        print(f"{kind}s with a line read across two drawn ones: {sum(1 for n in joined[kind] if n)} of "
              f"{args.images} ({sum(joined[kind])} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

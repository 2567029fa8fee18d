"""Crossed-out items: lists from bench/images.py drawn with some items struck through by hand, and some
lines underlined (the look-alike a probe must not take for a stroke), read by RapidOCR; each read line
judged struck or not two ways in the same run:

- ``probe``: the engine's own judgement (``TextLine.struck``, from ``adapters/ink.py``: a
  long run of ink along one path through the letters' middle band);
- ``density``: the simple rule, the share of the ink's columns with ink in the line's middle row or the two
  beside it (struck at 65 % or more, its best F1 on seeds 1-3; the probe's mask, read against the paper).

    .venv/bin/python bench/strikes.py                 # 6 images per condition
    .venv/bin/python bench/strikes.py --images 12 --seed 3

A stroke: through the middle of the small letters, 0.25 of their height up or down, from just before the
first letter (or the marker) to about the last, tilted by up to half a letter height, 2-5 pixels thick,
straight or wobbling, black, blue or red; an underline: the same pen a fifth to a third of a letter height
below the baseline. Each item line is struck with odds 0.35, each other line underlined with odds 0.15,
the heading with odds 0.3; three lists in ten on ruled paper (a light blue or grey rule under each line,
the ink over it: a notebook). Conditions, fonts and the list of lists as bench/images.py's. A drawn line is
matched to the read line closest to it (character error rate at most 0.34; a line the engine did not read
is not scored). Scored: recall and precision of "struck" over the matched lines, and the false alarms among
underlined lines alone; end to end, over the drafts whose title is an expected one, the share whose
``checked`` (ticked or struck) is right, and the task F1 beside the F1 of the same lists drawn and distorted
the same way without strokes or underlines ("unmarked": what the marks cost the reading).
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

import numpy as np  # noqa: E402
from PIL import Image, ImageChops, ImageDraw  # noqa: E402

from adapters import ink  # noqa: E402
from adapters.pillow.codec import PillowImageCodec  # noqa: E402
from adapters.rapidocr.engine import RapidOcrEngine  # noqa: E402
from adapters.rapidocr.lexicon import Lexicon  # noqa: E402
from bench import images  # noqa: E402
from bench.images import (CAPITALS, CONDITIONS, CONTEXT, INTERPRETER, LISTS, available_fonts, blurred,  # noqa: E402
                          counts, degraded, dim, f1, faces, perspective, rotated)
from domain.model.image import MAX_PIXELS  # noqa: E402
from domain.services.handlers.images import extract_drafts, ordered_lines  # noqa: E402
from tests.images import cer, encoded  # noqa: E402

INKS = [(0, 0, 0), (20, 40, 150), (190, 30, 30)]
RULED = 0.3   # odds of a list on ruled paper (rules light blue or grey, under each line)
RULES = [(150, 180, 230), (120, 120, 120)]
DENSITY = 0.65


def pen(draw: ImageDraw.ImageDraw, start: float, end: float, y: float, xh: float, rng: random.Random) -> None:
    """A hand's stroke from ``start`` to ``end`` around height ``y``: tilted, maybe wobbling."""
    tilt, width = rng.uniform(-0.5, 0.5) * xh, rng.randint(2, 5)
    wobble = rng.random() < 0.5
    points = []
    for k in range(7):
        x = start + (end - start) * k / 6
        points.append((x, y - tilt / 2 + tilt * k / 6 + (rng.uniform(-0.12, 0.12) * xh if wobble else 0)))
    draw.line(points, fill=rng.choice(INKS), width=width, joint="curve")


def drawn(lines: list[str], path: str, kind: str,
          rng: random.Random) -> tuple[Image.Image, Image.Image, list[str], bool]:
    """The list as bench/images.py draws it, maybe on ruled paper, with strokes and underlines and without;
    each line's mark ("struck", "underlined" or ""); whether the paper is ruled."""
    heading, body, step = faces(path, kind)
    plain = images.drawn(lines, path, kind)
    ruled = rng.random() < RULED
    if ruled:  # notebook paper: a rule under each line, the ink over it
        paper = Image.new("RGB", plain.size, "white")
        rule = rng.choice(RULES)
        for index in range(len(lines)):
            y = 20 + step * index + (heading if index == 0 else body).getbbox("x")[3] + 3
            ImageDraw.Draw(paper).line([(0, y), (plain.width, y)], fill=rule, width=2)
        plain = ImageChops.darker(paper, plain)
    image = plain.copy()
    draw = ImageDraw.Draw(image)
    marks, wrapped_struck = [], False
    for index, line in enumerate(lines):
        face = heading if index == 0 else body
        text = line.strip()
        x, y = 30 + (40 if line.startswith("    ") else 0), 20 + step * index
        mark = ""
        if text:
            _, x_top, _, baseline = face.getbbox("x")
            xh = baseline - x_top
            left, _, right, _ = draw.textbbox((x, y), text, font=face)
            marker = text.split(" ", 1)[0] if " " in text and not text[0].isalnum() else ""
            after = left + face.getlength(marker + " ") if marker and rng.random() < 0.6 else left
            if index > 0 and (wrapped_struck if line.startswith("    ") else rng.random() < 0.35):
                mark = "struck"
                start = after - rng.uniform(0, 0.5) * xh
                pen(draw, start, right + rng.uniform(-0.08, 0.04) * (right - start),
                    y + x_top + xh / 2 + rng.uniform(-0.25, 0.25) * xh, xh, rng)
            elif rng.random() < (0.3 if index == 0 else 0.15):
                mark = "underlined"
                pen(draw, after - rng.uniform(0, 0.3) * xh, right + rng.uniform(0, 0.1) * xh,
                    y + baseline + rng.uniform(0.2, 0.35) * xh + (face.getbbox("g")[3] - baseline) * 0.6, xh, rng)
        wrapped_struck = mark == "struck" or (wrapped_struck and line.startswith("    "))
        marks.append(mark)
    return image, plain, marks, ruled


def density(strip: np.ndarray) -> bool:
    """The simple rule: ink in the middle rows across most of the ink's columns."""
    mask = ink.mask(strip)
    columns = np.nonzero(mask.any(axis=0))[0]
    if len(columns) < 2:
        return False
    middle = mask.shape[0] // 2
    across = mask[max(middle - 1, 0):middle + 2, columns[0]:columns[-1] + 1].any(axis=0)
    return bool(across.mean() >= DENSITY)


def cases(images: int, seed: int, fonts):
    rng = random.Random(seed)
    prints, hands = [f for f in fonts if f[0] == "print"], [f for f in fonts if f[0] == "hand"]
    mixed = [f for pair in zip(prints, hands) for f in pair] + prints[len(hands):] + hands[len(prints):]
    for number, condition in enumerate(CONDITIONS):
        for n in range(images):
            kind, path = mixed[(seed + number * images + n) % len(mixed)]
            lines, titles = LISTS[rng.randrange(len(LISTS))]
            marked, plain, marks, ruled = drawn(lines, path, kind, rng)
            state = rng.randrange(1 << 30)  # the same distortion for both images
            data, plain_data = ({"clean": lambda: encoded(image), "blurred": lambda: blurred(image),
                                 "rotated": lambda: rotated(image, random.Random(state)),
                                 "perspective": lambda: perspective(image, random.Random(state)),
                                 "dim": lambda: dim(image, random.Random(state)),
                                 "degraded": lambda: degraded(image)}[condition]() for image in (marked, plain))
            capitals = Path(path).stem in CAPITALS
            text = [t.strip().upper() if capitals else t.strip() for t in lines]
            yield condition, kind, Path(path).stem, text, marks, titles, data, plain_data, ruled


def expected_checked(text: list[str], marks: list[str], titles: list[str]) -> dict[str, bool]:
    """Per expected title: ticked ("[x]") or struck on the image (the first line it starts on)."""
    out = {}
    for title in titles:
        first = title.split()[0].lower()
        for line, mark in zip(text, marks):
            words = [w.lower().strip("*-•.)") for w in line.split()]
            if first in words and " ".join(words).find(" ".join(title.lower().split()[:2])) >= 0:
                out[title] = mark == "struck" or line.lower().startswith("[x]")
                break
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--images", type=int, default=6, help=f"images per condition ({len(CONDITIONS)} conditions)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--verbose", action="store_true", help="print each line judged wrong")
    args = parser.parse_args()
    fonts, missing = available_fonts()
    if missing:
        print(f"handwriting-like fonts missing (apt-get install {' '.join(missing)}): measured without them")
    codec, engine = PillowImageCodec(), RapidOcrEngine(threads=args.threads, lexicon=Lexicon())
    rows, probe_ms = [], []
    print(f"{'condition':11} {'font':22} {'lines':>5} {'struck':>6} {'probe ok':>8} {'dens ok':>8} {'checked ok':>10}")
    for condition, kind, font, text, marks, titles, data, plain, ruled in cases(args.images, args.seed, fonts):
        stored = codec.normalise(data, MAX_PIXELS).data
        gray = ink.decoded(stored)
        lines = ordered_lines(engine.read(stored))
        strips = [ink.straightened(gray, np.asarray(line.box, np.float32)) for line in lines]
        judged = [(line.struck, density(strip)) for line, strip in zip(lines, strips)]
        started = time.perf_counter()  # the probe's own time (the engine ran it already, inside its read)
        ink.judged(gray, lines)
        probe_ms.append(1000 * (time.perf_counter() - started) / max(len(lines), 1))
        scored = []
        for drawn_text, mark in zip(text, marks):
            if not drawn_text:
                continue
            best = min(range(len(lines)), key=lambda i: cer(drawn_text, lines[i].text), default=None)
            if best is None or cer(drawn_text, lines[best].text) > 0.34:
                continue
            scored.append((mark, *judged[best]))
            if args.verbose and judged[best][0] != (mark == "struck"):
                print(f"    probe {judged[best][0]} for {mark or 'plain'}: {lines[best].text!r}")
        drafts, checked, _ = extract_drafts(lines, INTERPRETER, CONTEXT)
        got = [d["title"].lower().strip() for d in drafts]
        want = expected_checked(text, marks, titles)
        right = [done == want[title] for title, done in
                 ((next(t for t in titles if t.lower() == g), c) for g, c in zip(got, checked)
                  if g in [t.lower() for t in titles]) if title in want]
        unmarked = extract_drafts(ordered_lines(engine.read(codec.normalise(plain, MAX_PIXELS).data)), INTERPRETER,
                                  CONTEXT)[0]
        rows.append({"condition": condition, "kind": kind, "ruled": ruled, "scored": scored, "right": right,
                     "task": counts(titles, got),
                     "unmarked": counts(titles, [d["title"].lower().strip() for d in unmarked])})
        print(f"{condition:11} {font[:21] + ('=' if ruled else ''):22} {len(scored):>5} "
              f"{sum(m == 'struck' for m, _, _ in scored):>6} "
              f"{sum(p == (m == 'struck') for m, p, _ in scored):>8} "
              f"{sum(d == (m == 'struck') for m, _, d in scored):>8}"
              f" {sum(right):>5}/{len(right):<4}", flush=True)
    print("\nstruck lines: recall / precision of each rule; false alarms on underlined lines; drafts whose"
          " 'checked' is right; task F1")
    groups = [(c, lambda r, c=c: r["condition"] == c) for c in CONDITIONS]
    groups += [("print", lambda r: r["kind"] == "print"), ("hand", lambda r: r["kind"] == "hand"),
               ("ruled", lambda r: r["ruled"]), ("plain paper", lambda r: not r["ruled"]),
               ("CLEAN", lambda r: r["condition"] == "clean"), ("DEGRADED", lambda r: r["condition"] != "clean"),
               ("all", lambda r: True)]
    print(f"{'':11} {'lines':>5} {'struck':>6} | {'probe rec':>9} {'prec':>6} {'underl':>6} | "
          f"{'dens rec':>9} {'prec':>6} {'underl':>6} | {'checked':>7} {'task F1':>7} {'unmarked':>8}")
    for name, chosen in groups:
        picked = [r for r in rows if chosen(r)]
        if not picked:
            continue
        scored = [s for r in picked for s in r["scored"]]
        cells = []
        for k in (1, 2):
            hits = sum(1 for s in scored if s[k] and s[0] == "struck")
            said = sum(1 for s in scored if s[k])
            struck = sum(1 for s in scored if s[0] == "struck")
            under = [s[k] for s in scored if s[0] == "underlined"]
            cells.append(f"{hits / max(struck, 1):>9.1%} {hits / max(said, 1):>6.1%} "
                         f"{sum(under):>2}/{len(under):<3}")
        right = [x for r in picked for x in r["right"]]
        task, unmarked = (f1(*(sum(r[key][i] for r in picked) for i in range(3))) for key in ("task", "unmarked"))
        print(f"{name:11} {len(scored):>5} {sum(s[0] == 'struck' for s in scored):>6} | " + " | ".join(cells)
              + f" | {sum(right) / max(len(right), 1):>7.1%} {task:>7.1%} {unmarked:>8.1%}")
    print(f"median lines judged per image: {statistics.median(len(r['scored']) for r in rows)}; the probe's time per"
          f" line (an image's lines judged, over their number): median {statistics.median(probe_ms):.2f} ms, mean "
          f"{statistics.fmean(probe_ms):.2f} ms")


if __name__ == "__main__":
    main()

"""The Cloud Vision adapter's preference for the owner's titles (``domain/language/owned.py``), measured
where Vision cannot be reached: a local server speaking ``v1/images:annotate`` (``tests/fake_vision.py``)
answers each image of bench/images.py with what RapidOCR's recogniser read in it, as it read it (no lexicon,
no spaces put back, no weighing: the recogniser alone) and with its confidence in each character as each
symbol's, and the real adapter (google-cloud-vision's client, REST) reads that answer four ways in the same
run:

- ``as read``: without the owner's titles (what the adapter did before);
- ``any letters``: the simple rule, the titles taken wherever an item is a few letters from one (every
  character's confidence sent as doubted);
- ``doubted``: the titles taken only where the characters that differ were doubted (the confidences as
  read; the adapter without a word list, ``PLANLOOM_OCR_LEXICON=0``);
- ``or unknown``: ... or are in a word no word list knows (the adapter as the app wires it).

The owner's titles are bench/images.py's ``typed`` (about half of each list's items, the same every run)
and, for each of the other items, a decoy: the item with one of its words changed for a common word one
letter away ("Mow the dawn" for "Mow the lawn", ``decoys``), a title the owner might have typed for another
task (``images.decoys``); an item read right that becomes its decoy is lost.
Printed, per class (print, handwriting-like, all): task F1 pooled over the drafts; the typed titles found
and the others found; and the drafts that were an expected title as read and are not one with the titles
(an item made into a title it was not). This measures the rule on one recogniser's confidences, not
Vision's (they cannot be had here): Vision's own errors and confidences will differ.

    .venv/bin/python bench/owned.py --images 12 --seed 17
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from adapters import ink  # noqa: E402
from adapters.google_vision.engine import GoogleVisionEngine  # noqa: E402
from adapters.pillow.codec import PillowImageCodec  # noqa: E402
from adapters.rapidocr.lexicon import Lexicon, character_scores  # noqa: E402
from bench.images import LISTS, available_fonts, cases, counts, decoys, f1, titles_of, typed  # noqa: E402
from domain.model.image import MAX_PIXELS  # noqa: E402
from domain.services.handlers.images import ordered_lines  # noqa: E402
from tests.fake_vision import FakeVision  # noqa: E402

WAYS = ("as read", "any letters", "doubted", "or unknown")


def recognised(reader, data: bytes) -> list[tuple[str, list[float]]]:
    """What RapidOCR's recogniser alone reads in the image: each line's text, top to bottom, and its
    confidence in each character (1.0 where it gave none)."""
    gray = ink.decoded(data)
    result = reader(np.dstack([gray] * 3), use_det=True, use_cls=False, use_rec=True, return_word_box=True,
                    return_single_char_box=True)
    if result.boxes is None or result.txts is None:
        return []
    chars = getattr(result, "word_results", None) or [()] * len(result.txts)
    lines = []
    for text, found in zip(result.txts, chars):
        text = str(text).strip()
        if text:
            lines.append((text, character_scores(text, found) or [1.0] * len(text)))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--images", type=int, default=6, help="images per condition")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--verbose", action="store_true", help="print each item the titles changed")
    args = parser.parse_args()
    from rapidocr import RapidOCR

    reader = RapidOCR(params={"Global.log_level": "warning", "Global.text_score": 0.5,
                              "EngineConfig.onnxruntime.intra_op_num_threads": args.threads})
    fonts, missing = available_fonts()
    if missing:
        print(f"handwriting-like fonts missing (apt-get install {' '.join(missing)}): measured without them")
    codec, fake = PillowImageCodec(), FakeVision()
    vision = GoogleVisionEngine(api_key="bench", endpoint=fake.url, labels=False, crossed_out=False)
    lexicon = Lexicon()
    wired = GoogleVisionEngine(api_key="bench", endpoint=fake.url, labels=False, crossed_out=False,
                               known=lexicon.known)
    rows = []
    try:
        for condition, kind, font, lines, titles, data in cases(args.images, args.seed, fonts):
            stored = codec.normalise(data, MAX_PIXELS).data
            number = next(i for i, (_, t) in enumerate(LISTS) if t == titles) + 1
            before = typed(number, titles)
            owners = before + decoys(titles, before, lexicon)
            read = recognised(reader, stored)
            row = {"kind": kind}
            for way in WAYS:
                answer = [(text, [0.1] * len(text)) for text, _ in read] if way == "any letters" else read
                fake.answers = [{"lines": answer}]
                engine = wired if way == "or unknown" else vision
                got = titles_of(ordered_lines(engine.read(stored, phrases=() if way == "as read" else owners)))
                typed_found = sum(t.lower() in got for t in titles if t[0].upper() + t[1:] in before)
                other_found = sum(t.lower() in got for t in titles if t[0].upper() + t[1:] not in before)
                row[way] = {"task": counts(titles, got), "typed": typed_found, "other": other_found, "got": got}
            row["want typed"] = sum(t[0].upper() + t[1:] in before for t in titles)
            row["want other"] = len(titles) - row["want typed"]
            wanted = {t.lower() for t in titles}
            for way in WAYS[1:]:
                row[way]["broken"] = sum(1 for t in row["as read"]["got"] if t in wanted and t not in row[way]["got"])
                changed = [(old, new) for old, new in zip(row["as read"]["got"], row[way]["got"]) if old != new]
                row[way]["changed"] = (sum(new in wanted for _, new in changed),
                                       sum(new not in wanted for _, new in changed))
                if args.verbose:
                    for old, new in changed:
                        print(f"    {way}: {old!r} -> {new!r} ({'right' if new in wanted else 'wrong'})")
            rows.append(row)
            print(f"{condition:11} {font[:22]:22} {number:>4} " + " ".join(
                f"{way} {f1(*row[way]['task']):6.1%}" for way in WAYS), flush=True)
    finally:
        fake.stop()
    print(f"\nseed {args.seed}, {len(rows)} images; task F1 pooled; typed titles found / others found; drafts that "
          "were an expected title as read and are not with the titles (lost); drafts the titles changed, into an "
          "expected title (right) or not (wrong)")
    for name, chosen in (("print", "print"), ("hand", "hand"), ("all", None)):
        picked = [r for r in rows if chosen in (None, r["kind"])]
        typed_want, other_want = sum(r["want typed"] for r in picked), sum(r["want other"] for r in picked)
        cells = []
        for way in WAYS:
            task = [sum(r[way]["task"][i] for r in picked) for i in range(3)]
            cell = (f"{way}: F1 {f1(*task):6.1%}, typed {sum(r[way]['typed'] for r in picked)}/{typed_want}, "
                    f"others {sum(r[way]['other'] for r in picked)}/{other_want}")
            if way != "as read":
                right, wrong = (sum(r[way]["changed"][i] for r in picked) for i in (0, 1))
                cell += f", lost {sum(r[way]['broken'] for r in picked)}, changed {right} right {wrong} wrong"
            cells.append(cell)
        print(f"{name:5} ({len(picked)}): " + " | ".join(cells))


if __name__ == "__main__":
    main()

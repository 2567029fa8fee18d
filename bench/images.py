"""Images to tasks: OCR character error rate, task-extraction F1 and time per image on lists drawn here,
RapidOCR (Planloom's default engine) beside Tesseract (Debian's ``tesseract-ocr``) in the same run.

Run: ``.venv/bin/python bench/images.py [--fonts N] [--threads T]`` (``apt-get install tesseract-ocr``
for the baseline column; without it that column says so).

Each image is a to-do list (a heading, bullets, checkboxes, dates, durations, priorities) in one of the
DejaVu fonts, in three conditions: clean; degraded (rotated 2 degrees, Gaussian blur 1.2, JPEG q60);
dim (low contrast, grey paper, noise). For each engine and image it prints the CER of the whole text
(Levenshtein over the expected text, lines joined in reading order), the task-extraction F1 (drafts
from Planloom's extraction over that engine's lines, matched to the expected titles, case-insensitive)
beside the baseline "every OCR line is a task" (each line read by the same interpreter, no list logic),
and the seconds per image; then medians per condition, and the time ratio rapidocr / tesseract.
"""
from __future__ import annotations

import argparse
import io
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PIL import Image, ImageEnhance, ImageFilter  # noqa: E402

from adapters.pillow.codec import PillowImageCodec  # noqa: E402
from adapters.rapidocr.engine import RapidOcrEngine  # noqa: E402
from adapters.rules.interpreter import RulesInterpreter  # noqa: E402
from domain.language.model import InterpretContext  # noqa: E402
from domain.model.image import MAX_PIXELS, TextLine  # noqa: E402
from domain.services.handlers.images import extract_drafts, ordered_lines  # noqa: E402
from domain.services.interpretation import FallbackInterpreter  # noqa: E402
from tests.images import cer, encoded, list_image  # noqa: E402

FONTS = ["DejaVuSans.ttf", "DejaVuSerif.ttf", "DejaVuSansMono.ttf", "DejaVuSans-Oblique.ttf",
         "DejaVuSansCondensed-Bold.ttf"]
LISTS = [
    (["Errands", "- Buy milk tomorrow", "- Call the dentist friday 30m", "[ ] Draft Q3 report p1 2h",
      "[x] Pay rent", "- Book flights to Lisbon by Dec 20"],
     ["buy milk", "call the dentist", "draft q3 report", "pay rent", "book flights to lisbon"]),
    (["This week:", "1. Review pull requests 1h", "2. Renew passport", "3. Water the plants monday",
      "4. Send invoice to ACME p2", "5. Plan team offsite 3h"],
     ["review pull requests", "renew passport", "water the plants", "send invoice to acme", "plan team offsite"]),
]
CONTEXT = InterpretContext(now=datetime(2026, 12, 7, 9, 0, tzinfo=ZoneInfo("UTC")), timezone="UTC")


def degraded(image: Image.Image) -> bytes:
    turned = image.rotate(2, expand=True, fillcolor="white", resample=Image.Resampling.BICUBIC)
    return encoded(turned.filter(ImageFilter.GaussianBlur(1.2)), "JPEG", quality=60)


def dim(image: Image.Image, seed: int) -> bytes:
    darker = ImageEnhance.Brightness(ImageEnhance.Contrast(image).enhance(0.45)).enhance(0.6)
    rng = random.Random(seed)
    pixels = darker.load()
    for _ in range(darker.width * darker.height // 12):
        x, y = rng.randrange(darker.width), rng.randrange(darker.height)
        value = max(0, min(255, pixels[x, y][0] + rng.randint(-40, 40)))
        pixels[x, y] = (value, value, value)
    return encoded(darker, "JPEG", quality=75)


def cases(fonts: int):
    for font in FONTS[:fonts]:
        for index, (lines, titles) in enumerate(LISTS):
            image, label = list_image(lines, name=font), f"{font} list {index + 1}"
            yield "clean", label, lines, titles, encoded(image)
            yield "degraded", label, lines, titles, degraded(image)
            yield "dim", label, lines, titles, dim(image, index)


def tesseract_lines(data: bytes) -> list[TextLine]:
    with tempfile.NamedTemporaryFile(suffix=".png") as handle:
        Image.open(io.BytesIO(data)).save(handle.name)
        out = subprocess.run(["tesseract", handle.name, "stdout", "--psm", "6", "-l", "eng"], capture_output=True,
                             text=True, check=True).stdout
    texts = [t.strip() for t in out.splitlines() if t.strip()]
    return [TextLine(t, 1.0, ((20, 40 * i), (600, 40 * i), (600, 40 * i + 30), (20, 40 * i + 30)))
            for i, t in enumerate(texts)]


def f1(expected: list[str], got: list[str]) -> float:
    want, have = [t.lower() for t in expected], [t.lower().strip() for t in got]
    hits = sum(1 for t in have if t in want)
    precision, recall = hits / max(len(have), 1), hits / max(len(want), 1)
    return 0.0 if hits == 0 else 2 * precision * recall / (precision + recall)


def measure(engine_name: str, read, data: bytes, lines: list[str], titles: list[str]) -> dict:
    started = time.perf_counter()
    got = read(data)
    seconds = time.perf_counter() - started
    interpreter = FallbackInterpreter(RulesInterpreter())
    drafts, _, _ = extract_drafts(got, interpreter, CONTEXT)
    every_line = [d.title for line in got for d in interpreter.interpret(line.text, CONTEXT)[1].tasks[:1]]
    return {"engine": engine_name, "seconds": seconds, "cer": cer("\n".join(lines), "\n".join(l.text for l in got)),
            "f1": f1(titles, [d["title"] for d in drafts]), "every_line_f1": f1(titles, every_line)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--fonts", type=int, default=3, help=f"how many of the {len(FONTS)} fonts (2 lists each)")
    parser.add_argument("--threads", type=int, default=2, help="ONNX Runtime threads for RapidOCR")
    args = parser.parse_args()
    codec, rapid = PillowImageCodec(), RapidOcrEngine(threads=args.threads)
    engines = {"rapidocr": lambda data: ordered_lines(rapid.read(data))}
    if shutil.which("tesseract"):
        engines["tesseract"] = tesseract_lines
    else:
        print("tesseract: not installed (apt-get install tesseract-ocr): no baseline column")
    rapid.read(encoded(list_image(["warm up"], width=200)))  # the engine loads its models on the first read
    rows = []
    print(f"{'condition':9} {'font, list':35} " + " ".join(f"{e + ' cer/f1/s':>24}" for e in engines))
    for condition, font, lines, titles, data in cases(args.fonts):
        stored = codec.normalise(data, MAX_PIXELS).data
        results = [measure(name, read, stored, lines, titles) for name, read in engines.items()]
        rows += [(condition, r) for r in results]
        print(f"{condition:9} {font:35} " + " ".join(
            f"{r['cer']:>8.1%} {r['f1']:>6.1%} {r['seconds']:>7.2f}" for r in results), flush=True)
    print("\nmedians (CER, task F1, every-line-as-task F1, seconds per image)")
    for condition in ("clean", "degraded", "dim", "all"):
        for name in engines:
            chosen = [r for c, r in rows if r["engine"] == name and condition in (c, "all")]
            med = {k: statistics.median(r[k] for r in chosen) for k in ("cer", "f1", "every_line_f1", "seconds")}
            mean_cer = statistics.fmean(r["cer"] for r in chosen)
            print(f"{condition:9} {name:10} CER median {med['cer']:6.2%} mean {mean_cer:6.2%}  task F1 {med['f1']:6.1%}"
                  f"  every-line F1 {med['every_line_f1']:6.1%}  {med['seconds']:6.2f} s/image  (n={len(chosen)})")
    if "tesseract" in engines:
        per = {name: statistics.median(r["seconds"] for _, r in rows if r["engine"] == name) for name in engines}
        print(f"time ratio rapidocr / tesseract (medians): {per['rapidocr'] / per['tesseract']:.2f}")


if __name__ == "__main__":
    main()

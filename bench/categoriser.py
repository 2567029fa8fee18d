"""Image categoriser accuracy: the cold-start prior alone, then each user's model after 1, 5 and 20
annotations per category, on images drawn here.

Run: ``.venv/bin/python bench/categoriser.py [--users N] [--test N] [--seed S] [--ocr-users K]``

For each of N users (own seed, own shops, words and habits) it draws images of the seven categories
with Pillow: receipts (tall, prices, totals), to-do lists (checkboxes, bullets), whiteboards (wide,
light, marker colours), handwritten notes (sticky-note or lined paper, wobbly strokes), screenshots
(desktop and phone, UI chrome), documents (paragraphs of prose) and photos (gradients, shapes,
noise). Image statistics come from the real adapter (``adapters/pillow/stats.py``) on the drawn
image. The *text* is not OCR'd: it is the text drawn, passed through a synthetic OCR noise model
(dropped spaces, character swaps; handwriting read with low confidence and more errors). Only the
DejaVu fonts exist on this machine (``fc-list``): no handwriting-like TTF, so the handwritten
notes are DejaVu Oblique drawn with a per-glyph jitter. Accuracy is measured on a held-out test set
per user; annotations are the first k training images of each category.

``--ocr-users K``: the first K users' images (training and test) are read by RapidOCR instead (text,
lines and mean confidence as the pipeline stores them): slower (about a second an image here), and
a check that the synthetic text does not flatter the model.
"""
from __future__ import annotations

import argparse
import random
import statistics
import string
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PIL import Image, ImageDraw, ImageFilter  # noqa: E402

from adapters.pillow.stats import image_stats  # noqa: E402
from domain.services.handlers.images import ordered_lines  # noqa: E402
from domain.categorization.features import CATEGORIES, features  # noqa: E402
from domain.categorization.model import CategoriserModel  # noqa: E402
from tests.images import encoded, font  # noqa: E402

WORDS = ("report meeting budget plan review team client invoice project draft email call buy milk bread eggs "
         "dentist rent flights passport garden plants groceries laundry car insurance taxes slides").split()
PROSE = ("the of and to in that is for it as with was on be by this are from at or an which have not but all "
         "their were been has more one would there when other into its than these so some such after first "
         "agreement section party shall period notice terms payment data company service").split()
UI = "Settings Search Inbox Home Profile Cancel Save OK Login Menu Notifications Share Edit View Help".split()
MARKERS = [(20, 60, 200), (200, 30, 30), (20, 140, 60), (30, 30, 30)]


def ocr_noise(rng: random.Random, line: str, error: float) -> str:
    out = []
    for ch in line:
        roll = rng.random()
        if ch == " " and roll < 0.3:
            continue  # RapidOCR drops spaces in Latin print
        if roll < error:
            out.append(rng.choice(string.ascii_lowercase))
        else:
            out.append(ch)
    return "".join(out)


def draw_lines(image, lines, x, y, step, size, colour, rng, name="DejaVuSans.ttf", jitter=0):
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        if jitter:
            cx = x
            for ch in line:
                dy = rng.randint(-jitter, jitter)
                draw.text((cx, y + i * step + dy), ch, fill=colour, font=font(size, name))
                cx += size * 0.55 + rng.randint(-1, 2)
        else:
            draw.text((x, y + i * step), line, fill=colour, font=font(size, name))


def receipt(rng, user):
    shop = rng.choice(user["shops"])
    items = [f"{rng.choice(WORDS)} {rng.randint(1, 3)} x {rng.randint(1, 40)}.{rng.randint(0, 99):02d}"
             for _ in range(rng.randint(3, 9))]
    lines = [shop.upper(), f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/2026 {rng.randint(8, 21)}:{rng.randint(0, 59):02d}",
             *items, f"SUBTOTAL {rng.randint(10, 99)}.{rng.randint(0, 99):02d}", f"TAX {rng.randint(1, 9)}.{rng.randint(0, 99):02d}",
             f"TOTAL {user['currency']}{rng.randint(10, 120)}.{rng.randint(0, 99):02d}", rng.choice(["CASH", "CARD", "VISA"])]
    image = Image.new("RGB", (rng.randint(300, 380), 60 + 26 * len(lines)), (248, 246, 240))
    draw_lines(image, lines, 14, 20, 26, 15, (60, 60, 60), rng, "DejaVuSansMono.ttf")
    return image, lines, 0.93


def todo_list(rng, user):
    marks = user["todo_marks"]
    lines = [rng.choice(["To do", "This week", "Today", "Errands"])]
    lines += [f"{rng.choice(marks)} {rng.choice(WORDS)} {rng.choice(WORDS)}" for _ in range(rng.randint(3, 8))]
    image = Image.new("RGB", (rng.randint(480, 640), 60 + 44 * len(lines)), (255, 255, 255))
    draw_lines(image, lines, 24, 20, 44, 24, (20, 20, 20), rng)
    return image, lines, 0.94


def whiteboard(rng, user):
    tone = rng.randint(215, 240)
    image = Image.new("RGB", (rng.randint(900, 1100), rng.randint(520, 640)), (tone, tone + 5 if tone < 250 else tone, tone + 8 if tone < 245 else tone))
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(3, 6)):
        x, y = rng.randint(0, 800), rng.randint(0, 500)
        lines = [rng.choice(WORDS).capitalize() for _ in range(rng.randint(1, 3))]
        draw_lines(image, lines, x, y, 46, rng.randint(28, 40), rng.choice(MARKERS), rng)
        draw.line((x, y + 150, x + rng.randint(60, 200), y + 150 + rng.randint(-40, 40)), fill=rng.choice(MARKERS), width=4)
    image = image.filter(ImageFilter.GaussianBlur(1))
    text = [rng.choice(WORDS) for _ in range(rng.randint(3, 9))]
    return image, text, 0.85


def handwritten_note(rng, user):
    paper = rng.choice([(253, 240, 140), (250, 250, 245), (200, 230, 250)])
    lines = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 5))) for _ in range(rng.randint(2, 6))]
    image = Image.new("RGB", (rng.randint(420, 560), 60 + 40 * len(lines)), paper)
    draw = ImageDraw.Draw(image)
    if paper[2] > 240:
        for y in range(50, image.height, 40):
            draw.line((0, y, image.width, y), fill=(170, 190, 230), width=1)
    draw_lines(image, lines, 20, 18, 40, 24, (30, 40, 120), rng, "DejaVuSans-Oblique.ttf", jitter=3)
    return image, lines, rng.uniform(0.55, 0.8)


def screenshot(rng, user):
    phone = rng.random() < user["phone_share"]
    size = (390, 844) if phone else rng.choice([(1280, 800), (1440, 900), (1366, 768)])
    image = Image.new("RGB", size, rng.choice([(255, 255, 255), (245, 246, 250), (32, 33, 36)]))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, size[0], 56), fill=user["app_colour"])
    if not phone:
        draw.rectangle((0, 56, 220, size[1]), fill=(236, 238, 242))
    lines = [" ".join(rng.sample(UI, 3)), f"{rng.randint(0, 23)}:{rng.randint(0, 59):02d}"]
    lines += [" ".join(rng.choice(WORDS + UI) for _ in range(rng.randint(3, 6))) for _ in range(rng.randint(4, 10))]
    for i in range(len(lines)):
        y = 70 + i * 48
        draw.rectangle((240 if not phone else 10, y, size[0] - 20, y + 40), outline=(200, 200, 210))
    draw_lines(image, lines, 250 if not phone else 20, 78, 48, 16, (60, 60, 70), rng)
    return image, lines, 0.95


def document(rng, user):
    lines = [" ".join(rng.choice(PROSE) for _ in range(rng.randint(10, 14))) for _ in range(rng.randint(12, 30))]
    image = Image.new("RGB", (800, 1100), "white")
    draw_lines(image, lines, 50, 60, 32, 15, (25, 25, 25), rng, rng.choice(["DejaVuSerif.ttf", "DejaVuSans.ttf"]))
    return image, lines, 0.95


def photo(rng, user):
    w, h = rng.choice([(800, 600), (600, 800), (900, 600)])
    top, bottom = [tuple(rng.randint(0, 255) for _ in range(3)) for _ in range(2)]
    image = Image.new("RGB", (w, h))
    draw = ImageDraw.Draw(image)
    for y in range(h):
        t = y / h
        draw.line((0, y, w, y), fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))
    for _ in range(rng.randint(3, 12)):
        x, y = rng.randint(0, w), rng.randint(0, h)
        r = rng.randint(10, 120)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randint(0, 255) for _ in range(3)))
    noise = Image.effect_noise((w, h), rng.randint(20, 60)).convert("RGB")
    image = Image.blend(image, noise, 0.25)
    text = [rng.choice(WORDS)] if rng.random() < 0.15 else []  # a sign in the picture, now and then
    return image, text, 0.7


DRAW = {"receipt": receipt, "todo_list": todo_list, "whiteboard": whiteboard, "handwritten_note": handwritten_note,
        "screenshot": screenshot, "document": document, "photo": photo}


def sample(rng, user, category, ocr=None):
    image, lines, confidence = DRAW[category](rng, user)
    if ocr is not None:
        read = ordered_lines(ocr.read(encoded(image)))
        text = "\n".join(line.text for line in read)
        confidence = sum(line.confidence for line in read) / len(read) if read else None
        return features(text, [], "", image_stats(image), confidence)
    error = 0.12 if category == "handwritten_note" else 0.02
    text = "\n".join(ocr_noise(rng, line, error) for line in lines)
    return features(text, [], "", image_stats(image), confidence if lines else None)


def a_user(rng):
    return {"shops": [f"{rng.choice(['Super', 'Mini', 'Bio', 'City'])} {rng.choice(WORDS)}" for _ in range(3)],
            "currency": rng.choice(["$", "€", "£", ""]), "phone_share": rng.random(),
            "todo_marks": rng.choice([["[ ]", "[x]"], ["-", "*"], ["1.", "2.", "3."], ["•"]]),
            "app_colour": tuple(rng.randint(0, 255) for _ in range(3))}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=4)
    parser.add_argument("--test", type=int, default=8, help="held-out images per category and user")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--ocr-users", type=int, default=0, help="how many users' images RapidOCR reads")
    args = parser.parse_args()
    engine = None
    if args.ocr_users:
        from adapters.rapidocr.engine import RapidOcrEngine

        engine = RapidOcrEngine(threads=2)
    steps = (0, 1, 5, 20)
    results: dict[int, list[float]] = {k: [] for k in steps}
    confusion: dict[int, dict[tuple[str, str], int]] = {k: {} for k in steps}
    low = {k: 0 for k in steps}
    for u in range(args.users):
        rng = random.Random(args.seed * 1000 + u)
        user, ocr = a_user(rng), engine if u < args.ocr_users else None
        train = {c: [sample(rng, user, c, ocr) for _ in range(max(steps))] for c in CATEGORIES}
        test = [(c, sample(rng, user, c, ocr)) for c in CATEGORIES for _ in range(args.test)]
        for k in steps:
            model = CategoriserModel()
            for c in CATEGORIES:
                for found in train[c][:k]:
                    model.learn(found, c)
            hits = 0
            for truth, found in test:
                got = model.predict(found)
                hits += got.category == truth
                low[k] += got.confidence < 0.6
                if got.category != truth:
                    confusion[k][truth, got.category] = confusion[k].get((truth, got.category), 0) + 1
            results[k].append(hits / len(test))
            print(f"user {u} ({'RapidOCR' if ocr else 'synthetic'} text): "
                  f"{'prior only' if k == 0 else f'{k:2} annotations/category':26} "
                  f"accuracy {hits / len(test):6.1%}", flush=True)
    total = args.users * args.test * len(CATEGORIES)
    print(f"\n{args.users} users x {args.test} test images x {len(CATEGORIES)} categories = {total} predictions per row")
    for k in steps:
        label = "prior only (baseline)" if k == 0 else f"after {k} annotations/category"
        worst = sorted(confusion[k].items(), key=lambda kv: -kv[1])[:3]
        print(f"{label:32} accuracy {statistics.fmean(results[k]):6.1%} (users {min(results[k]):.0%}-{max(results[k]):.0%})"
              f"  below 0.6 confidence {low[k] / total:5.1%}  top confusions {worst}")


if __name__ == "__main__":
    main()

"""Images to tasks: OCR character error rate, task-extraction F1 and time per image on lists drawn here,
RapidOCR (Planloom's default engine, with its lexicon), the same engine given the names and brands of every
list as a user's own words (``own words``: those a user's typed tasks would give it, see
``domain/language/vocabulary.py``; a ceiling, as that user names in their tasks everyone their lists do), the
same engine given about half of each list's titles as ones its owner typed before (``own titles``: the items a
user types again and again; the run's last lines count the titles typed before and the others found apart,
with and without them), the same engine given those titles and, for each other item of the list, a decoy
(``decoys``: the item with one word changed for a common word one letter away, "Mow the dawn" for "Mow the
lawn", another task's title the owner might have typed: an item read right must not become it; ``decoys``
column), the same engine without weighing words again on the recogniser's evidence
(``adapters/rapidocr/evidence.py``), the same without the lexicon (``adapters/rapidocr/lexicon.py``) and
Tesseract (Debian's ``tesseract-ocr``) in the same run.

Run: ``.venv/bin/python bench/images.py [--images N] [--seed S] [--threads T]``.
``apt-get install tesseract-ocr`` for the baseline column (without it that column says so), and for the
handwriting-like fonts ``apt-get install fonts-dkg-handwriting fonts-humor-sans fonts-comic-neue
fonts-femkeklaver fonts-breip fonts-rufscript fonts-sjfonts`` (the run says which are missing and goes on
with the others: none of this is needed by the tests).

Each image is a to-do list from ``LISTS`` (a heading drawn larger, bullets, numbers, checkboxes or no
markers at all, dates, durations, priorities, wrapped items, and lines that are no tasks: headings, notes,
totals; two lists of names, brands and jargon no word list holds, which a lexicon must leave alone; the
last ten held out: eight written before the last round of tuning and two with no title written after it,
never looked at, summed apart in the "held out" row) in a printed font (DejaVu) or a handwriting-like
one, in six conditions: clean; rotated (3-6 degrees either way); blurred (Gaussian 1.4); perspective (a
keystone: the top edge 6-12 % narrower on each side, as a phone held below the page sees it); dim (low
contrast, light falling off across the page, noise, JPEG q75); degraded (rotated 2 degrees, Gaussian blur
1.2, JPEG q60). "Degraded" in the summary's class column is every condition but clean. ``--images N``
draws N (font, list) pairs per condition, going round the fonts so each is used; ``--seed`` picks the
pairs and the distortions.

Per engine and image: the CER of the whole text (Levenshtein over the expected text, lines joined in
reading order), and task drafts from Planloom's extraction over that engine's lines matched to the
expected titles (case-insensitive). The summary pools the drafts of a condition into one F1, beside the
baseline "every OCR line is a task" (each line read by the same interpreter, no list logic) and the
oracle "extraction over the exact text" (what a perfect OCR would give: its misses are extraction's own).
"""
from __future__ import annotations

import argparse
import csv
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

import numpy as np  # noqa: E402
from PIL import Image, ImageDraw, ImageEnhance, ImageFilter, ImageFont  # noqa: E402

from adapters.pillow.codec import PillowImageCodec  # noqa: E402
from adapters.rapidocr.engine import RapidOcrEngine  # noqa: E402
from adapters.rapidocr.lexicon import Lexicon  # noqa: E402
from adapters.rules.interpreter import RulesInterpreter  # noqa: E402
from domain.errors import ValidationError  # noqa: E402
from domain.language.lists import marker_end  # noqa: E402
from domain.language.model import InterpretContext  # noqa: E402
from domain.language.vocabulary import own_words  # noqa: E402
from domain.model.image import MAX_PIXELS, TextLine  # noqa: E402
from domain.services.handlers.images import extract_drafts, ordered_lines  # noqa: E402
from domain.services.interpretation import FallbackInterpreter  # noqa: E402
from tests.images import cer, encoded, list_image  # noqa: E402

PRINT = ["dejavu/DejaVuSans.ttf", "dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSansMono.ttf",
         "dejavu/DejaVuSans-Oblique.ttf", "dejavu/DejaVuSansCondensed-Bold.ttf"]
# Debian package of each handwriting-like font
HAND = {"fifthhorseman/dkg.ttf": "fonts-dkg-handwriting", "humor-sans/Humor-Sans.ttf": "fonts-humor-sans",
        "comic-neue/ComicNeue-Regular.otf": "fonts-comic-neue", "femkeklaver/femkeklaver.ttf": "fonts-femkeklaver",
        "breip/Breip.ttf": "fonts-breip", "rufscript/Rufscript010.ttf": "fonts-rufscript",
        "sjfonts/SteveHand.ttf": "fonts-sjfonts", "sjfonts/Delphine.ttf": "fonts-sjfonts"}
CAPITALS = {"Humor-Sans"}  # fonts with capitals only: the text on the image is upper-case
FONT_DIRS = [Path("/usr/share/fonts/truetype"), Path("/usr/share/fonts/opentype")]
# (lines, expected task titles); a line starting with four spaces is drawn indented (a wrapped item)
LISTS = [
    (["Errands", "- Buy milk tomorrow", "- Call the dentist friday 30m", "[ ] Draft Q3 report p1 2h",
      "[x] Pay rent", "- Book flights to Lisbon by Dec 20"],
     ["buy milk", "call the dentist", "draft q3 report", "pay rent", "book flights to lisbon"]),
    (["This week:", "1. Review pull requests 1h", "2. Renew passport", "3. Water the plants monday",
      "4. Send invoice to ACME p2", "5. Plan team offsite 3h"],
     ["review pull requests", "renew passport", "water the plants", "send invoice to acme", "plan team offsite"]),
    (["Groceries:", "eggs", "oat milk", "bread", "coffee beans", "olive oil"],
     ["eggs", "oat milk", "bread", "coffee beans", "olive oil"]),
    (["Home", "[ ] Fix the kitchen tap", "[x] Vacuum the stairs", "[ ] Clean the windows saturday",
      "Note: plumber comes at 9", "[ ] Replace smoke alarm battery"],
     ["fix the kitchen tap", "vacuum the stairs", "clean the windows", "replace smoke alarm battery"]),
    (["Work - Monday", "* Prepare slides for the board", "* Email Sarah about the budget", "    and the hiring plan",
      "* Update the roadmap p1", "Owner: Tom"],
     ["prepare slides for the board", "email sarah about the budget and the hiring plan", "update the roadmap"]),
    (["Trip prep", "1) Renew travel insurance", "2) Pack the chargers", "3) Print boarding passes thursday",
      "4) Exchange currency 45m", "Total budget 600 EUR"],
     ["renew travel insurance", "pack the chargers", "print boarding passes", "exchange currency"]),
    (["Garden jobs:", "- Mow the lawn", "- Trim the hedge 2h", "- Plant tulip bulbs before Nov 30",
      "- Fix the fence gate", "Tools are in the shed"],
     ["mow the lawn", "trim the hedge", "plant tulip bulbs", "fix the fence gate"]),
    (["Exam revision", "• Read chapter 4", "• Solve problem set 7 1h", "• Make flashcards tonight",
      "• Meet study group wed 4pm"],
     ["read chapter 4", "solve problem set 7", "make flashcards", "meet study group"]),
    (["Shopping list:", "lemons", "flour", "dish soap", "AA batteries", "birthday card for Mia"],
     ["lemons", "flour", "dish soap", "aa batteries", "birthday card for mia"]),
    (["TODO", "- renew car insurance", "- ask Ben about the keys", "- order printer ink p3", "Call back: 555 0142"],
     ["renew car insurance", "ask ben about the keys", "order printer ink"]),
    # Names, brands and jargon no dictionary holds, read as drawn: what a lexicon must leave alone
    (["Sprint 42", "- Ping Kasia re the k8s upgrade", "- Order Zyrtec refill", "- Ask Siobhan about the offsite",
      "- Fix the Grafana dashboard", "- Roadmap sync with Priya"],
     ["ping kasia re the k8s upgrade", "order zyrtec refill", "ask siobhan about the offsite",
      "fix the grafana dashboard", "roadmap sync with priya"]),
    (["Weekend", "[ ] Brunch at Mehmet's", "[ ] Repot the monstera", "[ ] Fix Oskar's bike", "[ ] Book Pilates Saturday",
      "[ ] Buy quinoa and tahini"],
     ["brunch at mehmet's", "repot the monstera", "fix oskar's bike", "book pilates", "buy quinoa and tahini"]),
    # Written on 6 Dec 2026 after a first round of tuning on the lists above, then tuned on as well
    (["Monday standup", "- Follow up with Dana on the contract", "- Book the meeting room for Thursday",
      "- Review Olu's design doc 45m", "- Submit expenses p2", "Next sync: Friday 10am"],
     ["follow up with dana on the contract", "book the meeting room", "review olu's design doc", "submit expenses"]),
    (["Before the move", "[ ] Cancel the gym membership", "[ ] Redirect post to the new flat", "[x] Order boxes",
      "[ ] Defrost the freezer sunday", "[ ] Return library books by Jan 5", "Landlord: 07700 900123"],
     ["cancel the gym membership", "redirect post to the new flat", "order boxes", "defrost the freezer",
      "return library books"]),
    (["Pharmacy and shops", "toothpaste", "ibuprofen", "bin bags", "sourdough loaf", "cat food",
      "batteries for the smoke alarm"],
     ["toothpaste", "ibuprofen", "bin bags", "sourdough loaf", "cat food", "batteries for the smoke alarm"]),
    (["Q1 goals", "1. Ship the billing page p1", "2. Hire a second designer", "3. Write the onboarding guide 4h",
      "4. Cut cloud costs", "5. Quarterly review on Mar 28"],
     ["ship the billing page", "hire a second designer", "write the onboarding guide", "cut cloud costs",
      "quarterly review"]),
    (["Kids", "* Sign Leo's school trip form", "* Buy football boots size 4", "* Dentist for Ava tue 3:30pm",
      "* Pack swimming kit", "Pickup at 3"],
     ["sign leo's school trip form", "buy football boots size 4", "dentist for ava", "pack swimming kit"]),
    (["Car", "- MOT due March 3", "- Top up the washer fluid", "- Check tyre pressure 15m",
      "- Renew the parking permit", "Garage opens Mon to Sat"],
     ["mot", "top up the washer fluid", "check tyre pressure", "renew the parking permit"]),
    (["Party prep:", "[ ] Send the invites tonight", "[ ] Order the cake from Gail's", "[x] Book the DJ",
      "[ ] Buy candles and napkins", "[ ] Clean the flat saturday 2h"],
     ["send the invites", "order the cake from gail's", "book the dj", "buy candles and napkins", "clean the flat"]),
    (["Reading list", "- Finish Middlemarch", "- Start the Dune sequel", "- Return Priya's copy of Circe",
      "- Read the Kubernetes docs 1h"],
     ["finish middlemarch", "start the dune sequel", "return priya's copy of circe", "read the kubernetes docs"]),
    # Held out: written on 6 Dec 2026 before the last round of tuning, whose misses were never looked at;
    # summed apart (the "held out" row)
    (["Weekly chores", "- Hoover the living room", "- Change the bed sheets", "- Descale the kettle 10m",
      "- Take the recycling out thursday", "- Water the herbs", "Rota on the fridge"],
     ["hoover the living room", "change the bed sheets", "descale the kettle", "take the recycling out",
      "water the herbs"]),
    (["Launch checklist:", "[x] Freeze the release branch", "[ ] Run the load test 2h", "[ ] Update the status page",
      "[ ] Email beta users p1", "[ ] Tag the release friday"],
     ["freeze the release branch", "run the load test", "update the status page", "email beta users",
      "tag the release"]),
    (["Dinner party", "1) Buy salmon and dill", "2) Chill the white wine", "3) Set the table by 7pm",
      "4) Make a lemon tart", "Guests: 6"],
     ["buy salmon and dill", "chill the white wine", "set the table", "make a lemon tart"]),
    (["Admin", "* Pay the council tax", "* File the receipts for March", "* Call HMRC about the refund 30m",
      "* Update the home insurance", "* Shred old bank letters"],
     ["pay the council tax", "file the receipts for march", "call hmrc about the refund", "update the home insurance",
      "shred old bank letters"]),
    (["DIY weekend", "- Sand the bedroom door", "- Paint the skirting boards 3h", "- Replace the shower seal",
      "- Hang the mirror in the hall"],
     ["sand the bedroom door", "paint the skirting boards", "replace the shower seal", "hang the mirror in the hall"]),
    (["Groceries", "spinach", "greek yoghurt", "chickpeas", "rice noodles", "dark chocolate", "sparkling water"],
     ["spinach", "greek yoghurt", "chickpeas", "rice noodles", "dark chocolate", "sparkling water"]),
    (["Study plan", "- Watch lecture 5", "- Summarise chapter 9 1h", "- Email Professor Okafor",
      "    about the essay deadline", "- Book a library carrel p2"],
     ["watch lecture 5", "summarise chapter 9", "email professor okafor about the essay deadline",
      "book a library carrel"]),
    (["Vet and pets", "[ ] Book Luna's jab", "[ ] Order flea treatment", "[x] Clean the hamster cage",
      "[ ] Walk Biscuit at 6pm", "Vet closes at 5 on Sat"],
     ["book luna's jab", "order flea treatment", "clean the hamster cage", "walk biscuit"]),
    # Held out too: lists with no title (the empty first line is drawn as nothing), written after tuning
    (["", "mushrooms", "rice noodles", "limes", "tea bags", "milk"],
     ["mushrooms", "rice noodles", "limes", "tea bags", "milk"]),
    (["", "Wash the car", "ring the plumber", "fill in the visa form 1h", "Pay the window cleaner", "tidy the garage"],
     ["wash the car", "ring the plumber", "fill in the visa form", "pay the window cleaner", "tidy the garage"]),
    # Held out, written on 7 Dec 2026 before words were weighed with a prior for the verb a line starts
    # with (adapters/rapidocr/evidence.py), to judge that prior: verbs outside its list, items that start
    # with no verb; summed apart as well (the "new" row)
    (["Saturday", "- Haircut at 11", "- Pick up the dry cleaning", "- Lunch with Grace 1pm",
      "- Buy a present for Noor", "- Prune the roses"],
     ["haircut", "pick up the dry cleaning", "lunch with grace", "buy a present for noor", "prune the roses"]),
    (["Office", "[ ] Reply to the auditors", "[ ] Renew the domain name p1", "[ ] Archive old tickets",
      "[x] Approve Kemal's holiday", "[ ] Fix the printer jam 20m"],
     ["reply to the auditors", "renew the domain name", "archive old tickets", "approve kemal's holiday",
      "fix the printer jam"]),
    (["Baby shower", "1. Bake cupcakes", "2. Wrap the gifts", "3. Borrow folding chairs from Ines",
      "4. Decorate the hall thursday", "5. Confirm numbers with the caterer"],
     ["bake cupcakes", "wrap the gifts", "borrow folding chairs from ines", "decorate the hall",
      "confirm numbers with the caterer"]),
    (["Pantry", "honey", "peanut butter", "tinned tomatoes", "basmati rice", "kitchen roll", "washing up liquid"],
     ["honey", "peanut butter", "tinned tomatoes", "basmati rice", "kitchen roll", "washing up liquid"]),
    (["Fitness", "- Swim 40 lengths", "- Stretch after runs", "- Cancel the yoga trial", "- Replace running shoes",
      "Goal: 10k by May"],
     ["swim 40 lengths", "stretch after runs", "cancel the yoga trial", "replace running shoes"]),
    (["", "Defrag the old laptop", "back up the photos", "Reset the router password", "recycle the old phones",
      "Label the cables"],
     ["defrag the old laptop", "back up the photos", "reset the router password", "recycle the old phones",
      "label the cables"]),
    (["Visitors coming", "* Air the spare room", "* Buy fresh towels", "* Clear the hallway",
      "* Collect Omar from the station 6pm", "Train gets in 5:40"],
     ["air the spare room", "buy fresh towels", "clear the hallway", "collect omar from the station"]),
    (["Bills", "- Pay the water bill p1", "- Query the phone contract", "- Switch energy supplier",
      "- Claim the travel refund", "Direct debit on the 1st"],
     ["pay the water bill", "query the phone contract", "switch energy supplier", "claim the travel refund"]),
]
HELD_OUT = 20   # LISTS[HELD_OUT:] are held out: the rules were never tuned on them
NEW = 30        # LISTS[NEW:] were written on 7 Dec 2026 (see above)
CONDITIONS = ("clean", "rotated", "blurred", "perspective", "dim", "degraded")
# every list's names and brands, as a user's own task titles would give them (their lines without markers)
OWN = own_words(line.strip()[marker_end(line.strip()):] for raw, _ in LISTS for line in raw)
CONTEXT = InterpretContext(now=datetime(2026, 12, 7, 9, 0, tzinfo=ZoneInfo("UTC")), timezone="UTC")
INTERPRETER = FallbackInterpreter(RulesInterpreter())


def available_fonts() -> tuple[list[tuple[str, str]], list[str]]:
    """(kind, path) of the fonts found; the Debian packages of the missing handwriting-like ones."""
    found, missing = [], []
    for kind, names in (("print", PRINT), ("hand", list(HAND))):
        for name in names:
            path = next((d / name for d in FONT_DIRS if (d / name).exists()), None)
            if path is not None:
                found.append((kind, str(path)))
            elif kind == "hand":
                missing.append(HAND[name])
    return found, sorted(set(missing))


def faces(path: str, kind: str) -> tuple[ImageFont.FreeTypeFont, ImageFont.FreeTypeFont, int]:
    """The heading's and the body's font at ``path`` (the heading a third larger), and the line step."""
    size = 30 if kind == "hand" else 28
    return ImageFont.truetype(path, int(size * 1.3)), ImageFont.truetype(path, size), int(size * 2.1)


def drawn(lines: list[str], path: str, kind: str) -> Image.Image:
    """The list in the font at ``path``: the heading a third larger, indented lines 40 px in."""
    heading, body, step = faces(path, kind)
    width = int(max(body.getlength(t.strip()) for t in lines) + 120)
    image = Image.new("RGB", (max(width, 500), 40 + step * len(lines)), "white")
    draw = ImageDraw.Draw(image)
    for index, line in enumerate(lines):
        face = heading if index == 0 else body
        draw.text((30 + (40 if line.startswith("    ") else 0), 20 + step * index), line.strip(), fill="black",
                  font=face)
    return image


def rotated(image: Image.Image, rng: random.Random) -> bytes:
    angle = rng.choice((-1, 1)) * rng.uniform(3, 6)
    return encoded(image.rotate(angle, expand=True, fillcolor="white", resample=Image.Resampling.BICUBIC))


def blurred(image: Image.Image) -> bytes:
    return encoded(image.filter(ImageFilter.GaussianBlur(1.4)))


def _perspective_coeffs(target: list[tuple[float, float]], source: list[tuple[float, float]]) -> list[float]:
    """Coefficients for ``Image.transform(PERSPECTIVE)``: each output point in ``target`` takes the input
    pixel at the same place in ``source``."""
    rows = []
    for (x, y), (u, v) in zip(target, source):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    return np.linalg.solve(np.array(rows, float), np.array([c for p in source for c in p], float)).tolist()


def perspective(image: Image.Image, rng: random.Random) -> bytes:
    """A keystone: the page's top edge drawn narrower (6-12 % each side) and a little tilted."""
    w, h = image.size
    pad = int(0.06 * w)
    canvas = Image.new("RGB", (w + 2 * pad, h + 2 * pad), "white")
    canvas.paste(image, (pad, pad))
    cw, ch = canvas.size
    inset, tilt = rng.uniform(0.06, 0.12) * cw, rng.uniform(-0.02, 0.02) * ch
    corners = [(0, 0), (cw, 0), (cw, ch), (0, ch)]
    warped = [(inset, tilt), (cw - inset, -tilt), (cw, ch), (0, ch)]
    out = canvas.transform((cw, ch), Image.Transform.PERSPECTIVE, _perspective_coeffs(warped, corners),
                           Image.Resampling.BICUBIC, fillcolor="white")
    return encoded(out, "JPEG", quality=85)


def dim(image: Image.Image, rng: random.Random) -> bytes:
    """Low light: low contrast, darker paper falling off to one side, sensor noise, JPEG."""
    darker = ImageEnhance.Brightness(ImageEnhance.Contrast(image).enhance(0.45)).enhance(0.6)
    pixels = np.asarray(darker.convert("L"), float)
    fall = np.linspace(1.0, rng.uniform(0.55, 0.75), pixels.shape[1])[None, :]
    noisy = pixels * (fall if rng.random() < 0.5 else fall[:, ::-1]) + np.random.default_rng(rng.randrange(1 << 30)).normal(
        0, 9, pixels.shape)
    return encoded(Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8)).convert("RGB"), "JPEG", quality=75)


def degraded(image: Image.Image) -> bytes:
    turned = image.rotate(2, expand=True, fillcolor="white", resample=Image.Resampling.BICUBIC)
    return encoded(turned.filter(ImageFilter.GaussianBlur(1.2)), "JPEG", quality=60)


def cases(images: int, seed: int, fonts: list[tuple[str, str]]):
    rng = random.Random(seed)
    prints, hands = [f for f in fonts if f[0] == "print"], [f for f in fonts if f[0] == "hand"]
    mixed = [f for pair in zip(prints, hands) for f in pair] + prints[len(hands):] + hands[len(prints):]
    for number, condition in enumerate(CONDITIONS):
        for n in range(images):  # print and hand by turns, each condition going on where the last stopped
            kind, path = mixed[(seed + number * images + n) % len(mixed)]
            lines, titles = LISTS[rng.randrange(len(LISTS))]
            image = drawn(lines, path, kind)
            data = {"clean": lambda: encoded(image), "rotated": lambda: rotated(image, rng),
                    "blurred": lambda: blurred(image), "perspective": lambda: perspective(image, rng),
                    "dim": lambda: dim(image, rng), "degraded": lambda: degraded(image)}[condition]()
            font = Path(path).stem
            text = [t.strip().upper() if font in CAPITALS else t.strip() for t in lines if t.strip()]
            yield condition, kind, font, text, titles, data


def tesseract_lines(data: bytes) -> list[TextLine]:
    """Tesseract's lines with their boxes (TSV words grouped by block, paragraph and line)."""
    with tempfile.NamedTemporaryFile(suffix=".png") as handle:
        Image.open(io.BytesIO(data)).save(handle.name)
        out = subprocess.run(["tesseract", handle.name, "stdout", "--psm", "6", "-l", "eng", "tsv"],
                             capture_output=True, text=True, check=True).stdout
    words: dict[tuple, list[dict]] = {}
    for row in csv.DictReader(io.StringIO(out), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row["level"] == "5" and row["text"].strip():
            words.setdefault((row["block_num"], row["par_num"], row["line_num"]), []).append(row)
    lines = []
    for group in words.values():
        left = min(int(w["left"]) for w in group)
        top = min(int(w["top"]) for w in group)
        right = max(int(w["left"]) + int(w["width"]) for w in group)
        bottom = max(int(w["top"]) + int(w["height"]) for w in group)
        lines.append(TextLine(" ".join(w["text"] for w in group), 1.0,
                              ((left, top), (right, top), (right, bottom), (left, bottom))))
    return lines


def titles_of(lines: list[TextLine]) -> list[str]:
    drafts, _, _ = extract_drafts(lines, INTERPRETER, CONTEXT)
    return [d["title"].lower().strip() for d in drafts]


def every_line(lines: list[TextLine]) -> list[str]:
    """Each line read as a task by the interpreter; a line it refuses (a stray "/" read as a command) is none."""
    titles = []
    for line in lines:
        try:
            titles += [d.title.lower().strip() for d in INTERPRETER.interpret(line.text, CONTEXT)[1].tasks[:1]]
        except ValidationError:
            continue
    return titles


def counts(expected: list[str], got: list[str]) -> tuple[int, int, int]:
    """(hits, drafts, expected): a draft is a hit when its title is one of the expected ones."""
    want = [t.lower() for t in expected]
    return sum(1 for t in got if t in want), len(got), len(want)


def f1(hits: int, drafts: int, expected: int) -> float:
    precision, recall = hits / max(drafts, 1), hits / max(expected, 1)
    return 0.0 if hits == 0 else 2 * precision * recall / (precision + recall)


def typed(number: int, titles: list[str]) -> tuple[str, ...]:
    """The titles of list ``number`` its owner has typed before (each with odds one half, the same every run):
    the ``own titles`` column's (``domain/language/vocabulary.py``: an upload's reading is given its owner's)."""
    rng = random.Random(f"typed-{number}")
    return tuple(title[0].upper() + title[1:] for title in titles if rng.random() < 0.5)


def decoys(titles: list[str], before: tuple[str, ...], lexicon: Lexicon) -> tuple[str, ...]:
    """For each of ``titles`` not typed ``before``, the title with one of its words of three letters or more
    changed for a common word (Zipf 3 or more) one edit away, picked the same every run: another task's title
    a letter from this one's."""
    found = []
    for title in titles:
        if title[0].upper() + title[1:] in before:
            continue
        rng = random.Random(f"decoy-{title}")
        words = title.split()
        options = [(i, other) for i, word in enumerate(words) if len(word) >= 3 and word.isalpha()
                   for other in lexicon.neighbours(word.lower()) if other.isalpha() and lexicon.seen(other) >= 3]
        if options:
            i, other = options[rng.randrange(len(options))]
            decoy = " ".join(words[:i] + [other] + words[i + 1:])
            found.append(decoy[0].upper() + decoy[1:])
    return tuple(found)


def measure(engine_name: str, read, data: bytes, lines: list[str], titles: list[str], before: tuple[str, ...],
            owners: tuple[str, ...]) -> dict:
    started = time.perf_counter()
    got = read(data, before, owners)
    seconds = time.perf_counter() - started
    drafted = titles_of(got)
    task = counts(titles, drafted)
    # the titles typed before and the others, each: (found, expected)
    split = [(sum(t.lower() in drafted for t in part), len(part))
             for part in ([t for t in titles if t[0].upper() + t[1:] in before],
                          [t for t in titles if t[0].upper() + t[1:] not in before])]
    return {"engine": engine_name, "seconds": seconds, "cer": cer("\n".join(lines), "\n".join(l.text for l in got)),
            "task": task, "f1": f1(*task), "every_line": counts(titles, every_line(got)), "text": [l.text for l in got],
            "typed": split}


def oracle(lines: list[str], raw: list[str]) -> list[str]:
    """Extraction over the exact text, each line where it was drawn (indented ones 40 px in, 14 px a letter,
    the first a third larger); an empty first line is no heading drawn."""
    boxes = [(30 + (40 if r.startswith("    ") else 0), 60 * i, 30 + 14 * (1.3 if i == 0 else 1) * len(r.strip()),
              60 * i + (44 if i == 0 else 34)) for i, r in enumerate(raw) if r.strip()]
    return titles_of([TextLine(t, 1.0, ((x0, y0), (x1, y0), (x1, y1), (x0, y1))) for t, (x0, y0, x1, y1) in
                      zip(lines, boxes)])


def pooled(rows: list[dict], key: str) -> float:
    return f1(*(sum(r[key][i] for r in rows) for i in range(3)))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--images", type=int, default=6, help=f"images per condition ({len(CONDITIONS)} conditions)")
    parser.add_argument("--seed", type=int, default=1, help="picks fonts, lists and distortions")
    parser.add_argument("--threads", type=int, default=2, help="ONNX Runtime threads for RapidOCR")
    parser.add_argument("--verbose", action="store_true", help="print what each engine read when it missed a task")
    args = parser.parse_args()
    fonts, missing = available_fonts()
    if missing:
        print(f"handwriting-like fonts missing (apt-get install {' '.join(missing)}): measured without them")
    if not any(kind == "hand" for kind, _ in fonts):
        print("no handwriting-like font at all: the 'hand' rows are empty")
    codec, rapid = PillowImageCodec(), RapidOcrEngine(threads=args.threads, lexicon=Lexicon())
    # the same engine without weighing words again on the recogniser's evidence, and without the lexicon
    unweighed = RapidOcrEngine(threads=args.threads, lexicon=Lexicon(), reweigh=False)
    as_read = RapidOcrEngine(threads=args.threads)
    # each engine reads an image's bytes; "own titles" is also given the list's titles its owner typed before,
    # "decoys" those and a decoy of each other item
    engines = {"rapidocr": lambda data, before, owners: ordered_lines(rapid.read(data)),
               "own words": lambda data, before, owners: ordered_lines(rapid.read(data, OWN)),
               "own titles": lambda data, before, owners: ordered_lines(rapid.read(data, phrases=before)),
               "decoys": lambda data, before, owners: ordered_lines(rapid.read(data, phrases=owners)),
               "not reweighed": lambda data, before, owners: ordered_lines(unweighed.read(data)),
               "no lexicon": lambda data, before, owners: ordered_lines(as_read.read(data))}
    if shutil.which("tesseract"):
        engines["tesseract"] = lambda data, before, owners: ordered_lines(
            type("R", (), {"lines": tesseract_lines(data)})())
    else:
        print("tesseract: not installed (apt-get install tesseract-ocr): no baseline column")
    for engine in (rapid, unweighed, as_read):  # an engine loads its models on the first read
        engine.read(encoded(list_image(["warm up"], width=200)))
    rows = []
    print(f"{'condition':11} {'font':22} list " + " ".join(f"{e + ' cer/f1/s':>24}" for e in engines))
    for condition, kind, font, lines, titles, data in cases(args.images, args.seed, fonts):
        stored = codec.normalise(data, MAX_PIXELS).data
        raw = next(raw for raw, t in LISTS if t == titles)
        truth = counts(titles, oracle(lines, raw))
        number = next(i for i, (_, t) in enumerate(LISTS) if t == titles) + 1
        before = typed(number, titles)
        owners = before + decoys(titles, before, rapid.lexicon)
        results = [measure(name, read, stored, lines, titles, before, owners) |
                   {"oracle": truth, "condition": condition, "kind": kind, "list": number}
                   for name, read in engines.items()]
        rows += results
        print(f"{condition:11} {font[:22]:22} {number:>4} " + " ".join(
            f"{r['cer']:>8.1%} {r['f1']:>6.1%} {r['seconds']:>7.2f}" for r in results), flush=True)
        if args.verbose:
            for r in results:
                if r["f1"] < 1:
                    print(f"    {r['engine']}: {r['text']}")
    print("\nper condition and class: CER median / mean; task F1 pooled over the drafts; every-line-as-task F1;"
          " oracle F1 (exact text); median seconds per image")
    groups = [(c, lambda r, c=c: r["condition"] == c) for c in CONDITIONS]
    groups += [("print", lambda r: r["kind"] == "print"), ("hand", lambda r: r["kind"] == "hand"),
               ("CLEAN", lambda r: r["condition"] == "clean"), ("DEGRADED", lambda r: r["condition"] != "clean"),
               ("tuned on", lambda r: r["list"] <= HELD_OUT), ("held out", lambda r: r["list"] > HELD_OUT),
               ("new", lambda r: r["list"] > NEW),
               ("all", lambda r: True)]
    header = f"{'':11} {'n':>3} " + " | ".join(f"{e:^44}" for e in engines)
    print(header + f" | {'oracle':>6}")
    print(f"{'':11} {'':>3} " + " | ".join(f"{'CER med':>8} {'mean':>6} {'F1':>6} {'every':>6} {'s/img':>6}    "
                                            for _ in engines) + " |")
    for name, chosen in groups:
        cells, n, truth = [], 0, 0.0
        for engine in engines:
            picked = [r for r in rows if r["engine"] == engine and chosen(r)]
            if not picked:
                cells.append(f"{'-':>44}")
                continue
            n, truth = len(picked), pooled(picked, "oracle")
            cells.append(f"{statistics.median(r['cer'] for r in picked):>8.2%} "
                         f"{statistics.fmean(r['cer'] for r in picked):>6.2%} {pooled(picked, 'task'):>6.1%} "
                         f"{pooled(picked, 'every_line'):>6.1%} "
                         f"{statistics.median(r['seconds'] for r in picked):>6.2f}    ")
        print(f"{name:11} {n:>3} " + " | ".join(cells) + f" | {truth:>6.1%}")
    for kind in ("print", "hand"):
        for name in ("rapidocr", "own titles", "decoys"):
            picked = [r for r in rows if r["engine"] == name and r["kind"] == kind]
            (hit, want), (other, rest) = [[sum(r["typed"][i][j] for r in picked) for j in (0, 1)] for i in (0, 1)]
            print(f"{kind:5} {name:10}: titles typed before found {hit}/{want} ({hit / max(want, 1):.1%}), "
                  f"the others {other}/{rest} ({other / max(rest, 1):.1%})")
    if "tesseract" in engines:
        per = {name: statistics.median(r["seconds"] for r in rows if r["engine"] == name) for name in engines}
        print(f"time ratio rapidocr / tesseract (medians): {per['rapidocr'] / per['tesseract']:.2f}")


if __name__ == "__main__":
    main()

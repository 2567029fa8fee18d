"""The local OCR adapter on images drawn here, through the real RapidOCR engine and the models its wheel
ships (nothing downloaded). Twelve OCR runs in all: OCR is CPU-heavy."""
from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from PIL import Image, ImageDraw, ImageFilter

from adapters.rapidocr.engine import RapidOcrEngine
from adapters.rules.interpreter import RulesInterpreter
from domain.language.model import InterpretContext
from domain.services.handlers.images import extract_drafts, ordered_lines
from domain.services.interpretation import FallbackInterpreter
from entrypoints.cli import main
from tests.images import cer, encoded, font, heic, list_image

INTERPRETER = FallbackInterpreter(RulesInterpreter())
CONTEXT = InterpretContext(now=datetime(2026, 12, 7, 9, 0, tzinfo=timezone.utc), timezone="UTC")

LINES = ["Groceries:", "- Buy milk tomorrow", "- Call the dentist friday 30m", "[ ] Draft Q3 report p1 2h",
         "[x] Pay rent"]


@pytest.fixture(scope="module")
def engine() -> RapidOcrEngine:
    return RapidOcrEngine(threads=2)


def test_a_printed_list_reads_back_with_boxes_in_order(engine):
    image = list_image(LINES, name="DejaVuSerif.ttf")
    reading = engine.read(encoded(image))
    texts = [line.text for line in sorted(reading.lines, key=lambda line: line.top)]
    assert len(texts) == len(LINES)
    assert cer("\n".join(LINES), "\n".join(texts)) <= 0.03
    for line in reading.lines:
        assert 0 <= line.left < image.width and 0 <= line.top < line.bottom <= image.height
        assert 0.5 <= line.confidence <= 1


def test_spaces_the_recogniser_drops_on_a_blurred_tilted_list_are_put_back():
    """Rotated 2 degrees, blurred and saved as JPEG q60, PP-OCR reads "Thisweek:" and "requests1h"; the
    gaps in the ink put the spaces back, and the text comes closer to what was written."""
    lines = ["This week:", "1. Review pull requests 1h", "2. Renew passport", "4. Send invoice to ACME p2"]
    turned = list_image(lines, name="DejaVuSans.ttf").rotate(2, expand=True, fillcolor="white",
                                                              resample=Image.Resampling.BICUBIC)
    data = encoded(turned.filter(ImageFilter.GaussianBlur(1.2)), "JPEG", quality=60)
    as_read = RapidOcrEngine(threads=2, respace=False).read(data)
    respaced = RapidOcrEngine(threads=2).read(data)

    def text(reading):
        return "\n".join(line.text for line in sorted(reading.lines, key=lambda line: line.top))

    assert cer("\n".join(lines), text(respaced)) < cer("\n".join(lines), text(as_read))
    assert cer("\n".join(lines), text(respaced)) <= 0.03
    assert [line.box for line in respaced.lines] == [line.box for line in as_read.lines]  # only the text changes


def test_planloom_scan_reads_a_photo_taken_sideways_as_tasks(tmp_path, monkeypatch, capsys):
    """``planloom scan`` on a JPEG stored rotated with an EXIF orientation tag: the codec turns it upright
    before OCR, and the list items come out as task drafts read in the given zone and moment."""
    upright = list_image(LINES[1:4], name="DejaVuSans.ttf")
    exif = Image.Exif()
    exif[0x0112] = 8  # view by rotating 90 degrees counter-clockwise: store it rotated clockwise
    path = tmp_path / "photo.jpg"
    path.write_bytes(encoded(upright.transpose(Image.Transpose.ROTATE_270), "JPEG", quality=92, exif=exif.tobytes()))
    monkeypatch.setenv("PLANLOOM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PLANLOOM_OCR_THREADS", "2")
    assert main(["scan", str(path), "--now", "2026-12-07T09:00", "--tz", "Europe/Berlin"]) == 0  # a Monday
    result = json.loads(capsys.readouterr().out)
    assert [(t["title"], t["duration_minutes"], t["priority"], t["checked"]) for t in result["tasks"]] == [
        ("Buy milk", None, None, False), ("Call the dentist", 30, None, False), ("Draft Q3 report", 120, 1, False)]
    assert result["tasks"][0]["due"].startswith("2026-12-08") and result["tasks"][1]["due"].startswith("2026-12-11")
    for task in result["tasks"]:  # the lines each task was read from, by their index in ``lines``
        assert task["title"] in " ".join(result["lines"][i]["text"] for i in task["line_indexes"])
    assert set(result) >= {"text", "lines", "tasks", "category", "confidence"} and result["engine"] == "rapidocr"
    assert result["category"] == "todo_list" and 0 < result["confidence"] < 1  # the cold-start prior: bullets


def test_planloom_scan_reads_an_iphone_heic(tmp_path, monkeypatch, capsys):
    """``planloom scan`` on a HEIC file as an iPhone writes one: read through the same codec as an upload."""
    path = tmp_path / "IMG_0001.HEIC"
    path.write_bytes(heic(list_image(LINES[1:3], name="DejaVuSans.ttf")))
    monkeypatch.setenv("PLANLOOM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PLANLOOM_OCR_THREADS", "2")
    assert main(["scan", str(path), "--now", "2026-12-07T09:00", "--tz", "Europe/Berlin"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert [(t["title"], t["duration_minutes"]) for t in result["tasks"]] == [("Buy milk", None),
                                                                             ("Call the dentist", 30)]


def test_planloom_scan_gives_the_engine_the_words_it_is_told(tmp_path, monkeypatch, capsys):
    """``--words``: names and brands to prefer, and ``--title``: titles, as an owner's tasks give an upload's
    reading."""
    given = []
    real = RapidOcrEngine.read

    def read(self, data, words=frozenset(), phrases=()):
        given.append((words, phrases))
        return real(self, data, words, phrases)

    monkeypatch.setattr(RapidOcrEngine, "read", read)
    path = tmp_path / "list.png"
    path.write_bytes(encoded(list_image(["- Order the cake from Gail's", "- Walk Biscuit"], name="DejaVuSans.ttf")))
    monkeypatch.setenv("PLANLOOM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PLANLOOM_OCR_THREADS", "2")
    assert main(["scan", str(path), "--words", "Gail, Biscuit,,", "--title", "Walk  Biscuit", "--title", "x"]) == 0
    assert given == [({"Gail", "Biscuit"}, ("Walk Biscuit",))]   # "x": too short to prefer
    assert [t["title"] for t in json.loads(capsys.readouterr().out)["tasks"]] == ["Order the cake from Gail's",
                                                                                 "Walk Biscuit"]


def test_planloom_scan_refuses_what_is_no_image(tmp_path, monkeypatch, capsys):
    path = tmp_path / "notes.txt"
    path.write_text("- buy milk")
    monkeypatch.setenv("PLANLOOM_DATA_DIR", str(tmp_path / "data"))
    assert main(["scan", str(path)]) == 2
    assert "PNG, JPEG, WebP, HEIC/HEIF or AVIF" in capsys.readouterr().err


def test_a_two_column_board_and_a_tilted_receipt_are_read_in_a_persons_order(engine):
    """RapidOCR gives lines sorted by their top: a board's two columns interleave and a tilted receipt's
    prices land on other rows. ``ordered_lines`` reads the columns one after the other and sets the
    receipt straight, so each price follows its item."""
    board = Image.new("RGB", (1000, 420), "white")
    draw = ImageDraw.Draw(board)
    for left, top, items in ((40, 30, ["To do:", "- Buy milk", "- Call the bank", "- Renew passport"]),
                             (560, 60, ["Done:", "- Pay rent", "- Book flights"])):
        for n, text in enumerate(items):
            draw.text((left, top + 85 * n), text, fill="black", font=font(30))
    drafts, _, _ = extract_drafts(ordered_lines(engine.read(encoded(board))), INTERPRETER, CONTEXT)
    assert [d["title"].lower() for d in drafts] == ["buy milk", "call the bank", "renew passport", "pay rent",
                                                    "book flights"]

    receipt = Image.new("RGB", (760, 380), "white")
    draw = ImageDraw.Draw(receipt)
    for n, (item, price) in enumerate([("Oat milk", "2.49"), ("Sourdough bread", "4.10"), ("Coffee beans", "12.99"),
                                       ("Olive oil", "8.75")]):
        draw.text((40, 40 + 70 * n), item, fill="black", font=font(30))
        draw.text((600, 40 + 70 * n), price, fill="black", font=font(30))
    tilted = receipt.rotate(-6, expand=True, fillcolor="white", resample=Image.Resampling.BICUBIC)
    read = [line.text for line in ordered_lines(engine.read(encoded(tilted)))]
    assert read == ["Oat milk", "2.49", "Sourdough bread", "4.10", "Coffee beans", "12.99", "Olive oil", "8.75"]


def test_the_line_classifier_is_asked_only_when_a_page_reads_unsure(engine, monkeypatch):
    """Read without PP-OCR's 0/180 classifier (it flips upright lines); an upside-down page reads as scraps,
    so it is read again with the classifier, and that surer reading is kept. A page that reads well is
    read once."""
    calls: list[bool] = []
    built = engine._built()
    monkeypatch.setattr(engine, "_built", lambda: lambda image, **options: calls.append(options["use_cls"])
                        or built(image, **options))
    page = list_image(LINES[1:4], name="DejaVuSans.ttf")
    assert [line.text for line in engine.read(encoded(page)).lines] == LINES[1:4]
    assert calls == [False]
    calls.clear()
    upside_down = engine.read(encoded(page.rotate(180)))
    assert calls == [False, True]
    assert sorted(line.text for line in upside_down.lines) == sorted(LINES[1:4])


class _Recording:
    """A lexicon that records what the engine hands it and changes nothing."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, list[float]]] = []

    def corrected(self, text: str, scores: list[float]) -> str:
        self.seen.append((text, scores))
        return text

    def unknown(self, text: str) -> int:
        return 0   # no line read again: what is recorded is the first reading


def test_the_lexicon_gets_each_line_with_a_score_per_character_and_a_clean_unknown_word_stays():
    """The engine hands the lexicon every line with one recogniser score per character (spaces put back
    score 1.0); the real lexicon keeps an unknown word read cleanly ("offsite": "offside" is one letter away,
    but t and d do not look alike) and puts right one a letter away by a look-alike ("carrency")."""
    from adapters.rapidocr.lexicon import Lexicon

    data = encoded(list_image(["Exchange carrency 45m", "Plan the offsite"], name="DejaVuSans.ttf"))
    recording = _Recording()
    read = RapidOcrEngine(threads=2, lexicon=recording, reweigh=False).read(data)
    assert [text for text, _ in recording.seen] == [line.text for line in read.lines]
    for text, scores in recording.seen:
        assert len(scores) == len(text) and min(scores) > 0 and all(s == 1.0 for c, s in zip(text, scores) if c == " ")
    read = " ".join(line.text for line in RapidOcrEngine(threads=2, lexicon=Lexicon()).read(data).lines)
    assert "currency" in read and "offsite" in read


def test_the_lexicon_is_on_unless_the_setting_turns_it_off_and_reads_the_compounds_of_the_wordnet_named(tmp_path):
    from adapters.rapidocr.lexicon import Lexicon
    from entrypoints.config import Settings
    from entrypoints.container import _vision

    on = Settings.from_env({"PLANLOOM_DATA_DIR": str(tmp_path)})
    off = Settings.from_env({"PLANLOOM_DATA_DIR": str(tmp_path), "PLANLOOM_OCR_LEXICON": "0"})
    assert isinstance(_vision(on).lexicon, Lexicon) and _vision(off).lexicon is None
    # WordNet's compounds: Debian's directory by default, another one named, none when the setting is empty
    elsewhere = Settings.from_env({"PLANLOOM_DATA_DIR": str(tmp_path), "PLANLOOM_OCR_WORDNET": str(tmp_path)})
    none = Settings.from_env({"PLANLOOM_DATA_DIR": str(tmp_path), "PLANLOOM_OCR_WORDNET": ""})
    assert _vision(on).lexicon.paired("tea", "bags")
    assert _vision(elsewhere).lexicon.wordnet == str(tmp_path) and not _vision(elsewhere).lexicon.paired("tea", "bags")
    assert _vision(none).lexicon.wordnet is None and not _vision(none).lexicon.paired("tea", "bags")


def test_columns_a_letter_height_apart_that_the_detector_reads_as_one_line_come_out_per_column():
    """Two columns one letter height apart: the detector reads "- Renew passport - Pay rent" as one line
    with one box. The gutter in that line's ink parts it again, each part with its own box, so the
    columns are read one after the other and each item is a task of its own; the lexicon gets each part
    with the scores of its own characters."""
    left, right = ["To do:", "- Buy milk", "- Renew passport", "- Water the plants"], \
        ["Doing:", "- Call the bank", "- Pay rent", "- Send invoice"]
    face = font(28)
    gutter = 30 + max(face.getlength(text) for text in left) + 28
    board = Image.new("RGB", (int(gutter + max(face.getlength(text) for text in right)) + 30, 330), "white")
    draw = ImageDraw.Draw(board)
    for n, (first, second) in enumerate(zip(left, right)):
        draw.text((30, 30 + 67 * n), first, fill="black", font=face)
        draw.text((gutter, 30 + 67 * n), second, fill="black", font=face)
    recording = _Recording()
    reading = RapidOcrEngine(threads=2, lexicon=recording, reweigh=False).read(encoded(board))
    assert [line.text for line in ordered_lines(reading)] == left + right
    assert [text for text, _ in recording.seen] == [line.text for line in reading.lines]
    assert all(len(scores) == len(text) for text, scores in recording.seen)
    parted = [line for line in reading.lines if line.text in ("- Renew passport", "- Pay rent")]
    assert max(x for x, _ in parted[0].box) < min(x for x, _ in parted[1].box)  # boxes apart
    drafts, _, _ = extract_drafts(ordered_lines(reading), INTERPRETER, CONTEXT)
    assert [d["title"].lower() for d in drafts] == ["buy milk", "renew passport", "water the plants",
                                                    "call the bank", "pay rent", "send invoice"]


class _Recogniser:
    """PP-OCR's answers, scripted: the page reads as ``page``; each strip read alone reads as the next of
    ``strips`` (the calls are counted)."""

    def __init__(self, page: list[str], strips: list[str]) -> None:
        self.page, self.strips, self.alone = page, list(strips), 0

    def __call__(self, image, use_cls=False, use_det=True, use_rec=True, **kw):
        from types import SimpleNamespace

        if not use_det:
            self.alone += 1
            return SimpleNamespace(txts=(self.strips.pop(0),) if self.strips else None, scores=(0.9,))
        boxes = [[[10, 10 + 40 * i], [300, 10 + 40 * i], [300, 40 + 40 * i], [10, 40 + 40 * i]]
                 for i in range(len(self.page))]
        return SimpleNamespace(boxes=boxes, txts=tuple(self.page), scores=(0.95,) * len(self.page), word_results=())


def _scripted(monkeypatch, page: list[str], strips: list[str]):
    from adapters.rapidocr.lexicon import Lexicon

    engine = RapidOcrEngine(threads=1, respace=False, lexicon=Lexicon())
    recogniser = _Recogniser(page, strips)
    monkeypatch.setattr(engine, "_built", lambda: recogniser)
    return engine, recogniser


def test_a_line_with_an_unknown_word_is_read_again_and_the_reading_with_fewest_unknown_words_kept(monkeypatch):
    engine, recogniser = _scripted(monkeypatch, ["- Book flights to Lisbou", "- Buy milk"],
                                   ["- Bock flights to Lisbou", "- Book flights to Lisbon", "- Bock fliqhts to Lisbou",
                                    "- Book flights to Lisbou"])
    read = engine.read(encoded(list_image(["x"], width=320)))
    assert [line.text for line in read.lines] == ["- Book flights to Lisbon", "- Buy milk"]
    assert recogniser.alone == 4   # four readings of the doubtful line, none of the clean one


def test_readings_no_better_than_the_first_leave_the_line_as_read(monkeypatch):
    engine, recogniser = _scripted(monkeypatch, ["- Ping Kasia re Grafana"],
                                   ["- Pinq Kasia re Grafana", "", "- Ping Kasia re Grafana", "- Ping Kasia re Grafama"])
    read = engine.read(encoded(list_image(["x"], width=320)))
    assert [line.text for line in read.lines] == ["- Ping Kasia re Grafana"]
    assert recogniser.alone == 4
    without = RapidOcrEngine(threads=1, respace=False, lexicon=None)
    monkeypatch.setattr(without, "_built", lambda: _Recogniser(["- Ping Kasia re Grafana"], []))
    assert [line.text for line in without.read(encoded(list_image(["x"], width=320))).lines] == [
        "- Ping Kasia re Grafana"]


def test_a_page_read_after_a_line_was_read_again_is_read_whole():
    """RapidOCR keeps the flags of its last call: a line read again alone (no detection) must not leave the
    next page read without detection. The real engine and lexicon, a word no list knows to read again."""
    from adapters.rapidocr.lexicon import Lexicon

    reading = RapidOcrEngine(threads=2, lexicon=Lexicon())
    data = encoded(list_image(["- Ping Zqxvbt", "- Buy milk"], name="DejaVuSans.ttf"))
    first = [line.text for line in reading.read(data).lines]
    again = reading.read(data)
    assert [line.text for line in again.lines] == first and len(first) == 2
    assert all(len(line.box) == 4 for line in again.lines)


def test_an_item_struck_through_on_a_photographed_list_comes_out_checked_and_an_underline_does_not():
    """A handwritten list's habit: done items crossed out, the heading underlined. The recogniser reads the
    struck line as if the stroke were not there; its ink tells, and its draft is checked (not accepted by
    default). The same list read with the judgement off: nothing struck, nothing checked."""
    lines = ["Saturday errands", "- Collect the parcel", "- Return the library books", "- Buy a birthday card",
             "- Pay the window cleaner"]
    face, heading = font(28), font(36)
    image = list_image([""] * len(lines))
    draw = ImageDraw.Draw(image)
    for n, text in enumerate(lines):
        draw.text((30, 20 + 58 * n), text, fill="black", font=heading if n == 0 else face)
    _, top, _, baseline = face.getbbox("x")
    for n in (2, 4):  # a blue pen through the small letters, a little uphill, past both ends
        y = 20 + 58 * n + (top + baseline) / 2
        draw.line([(52, y), (34 + face.getlength(lines[n]) + 8, y - 5)], fill=(20, 40, 150), width=3)
    under = 20 + heading.getbbox("x")[3] + 9
    draw.line([(28, under), (32 + heading.getlength(lines[0]), under)], fill="black", width=3)
    data = encoded(image.filter(ImageFilter.GaussianBlur(0.6)), "JPEG", quality=85)

    reading = ordered_lines(RapidOcrEngine(threads=2).read(data))
    assert [line.struck for line in reading] == [False, False, True, False, True]
    drafts, checked, _ = extract_drafts(reading, INTERPRETER, CONTEXT)
    assert [(d["title"].lower(), done) for d, done in zip(drafts, checked)] == [
        ("collect the parcel", False), ("return the library books", True), ("buy a birthday card", False),
        ("pay the window cleaner", True)]
    unjudged = ordered_lines(RapidOcrEngine(threads=2, crossed_out=False).read(data))
    assert not any(line.struck for line in unjudged)
    assert not any(extract_drafts(unjudged, INTERPRETER, CONTEXT)[1])


def test_the_recognisers_columns_favour_what_is_written_and_a_list_read_cleanly_is_left_as_read():
    """Words weighed again on the recogniser's evidence (``evidence.py``), through the real recogniser:
    its columns for a printed line give the written words a far higher likelihood than a word one letter
    away, and a list of rare words read cleanly ("Glean", "Repot", "mow", names) reads the same with the
    weighing as without it."""
    from adapters import ink
    from adapters.rapidocr.lexicon import Lexicon

    lines = ["- Glean notes from the field trip", "- Repot the monstera", "- Mow the lawn",
             "- Ping Kasia re the k8s upgrade"]
    data = encoded(list_image(lines, name="DejaVuSans.ttf"))
    weighing = RapidOcrEngine(threads=2, lexicon=Lexicon())
    read = ordered_lines(weighing.read(data))
    assert [line.text for line in read] == [line.text for line in ordered_lines(
        RapidOcrEngine(threads=2, lexicon=Lexicon(), reweigh=False).read(data))]
    assert [line.text for line in read] == lines
    columns = weighing.columns(ink.decoded(data), read[2])
    written = columns.likelihood("- Mow the lawn")
    assert written > columns.likelihood("- Now the lawn") + 5
    assert written > columns.likelihood("- Mow the law") + 5
    assert written == pytest.approx(columns.likelihood("-mow thelawn"))   # case and spaces left out


def test_the_owners_words_never_overrule_clear_print():
    """A name the owner writes one edit from a word printed clearly ("Cail's" against their "Gail", "Lana"
    against "Luna") stays as printed; the owner's words reach the weighing (a word one edit from them in
    doubt becomes them: tests/unit/test_ocr_evidence.py)."""
    from adapters.rapidocr.lexicon import Lexicon

    lines = ["- Order the cake from Cail's", "- Book Lana's jab", "- Walk Biscuit at 6pm"]
    data = encoded(list_image(lines, name="DejaVuSans.ttf"))
    engine = RapidOcrEngine(threads=2, lexicon=Lexicon())
    own = frozenset({"Gail", "Luna", "Biscuit", "Professor"})
    assert [line.text for line in ordered_lines(engine.read(data, own))] == lines
    assert engine._own(own).words == {"gail": "Gail", "luna": "Luna", "biscuit": "Biscuit"}   # "professor": English


def test_the_owners_titles_never_overrule_clear_print_and_a_misread_item_near_one_becomes_it(monkeypatch):
    """An item printed clearly a few letters from a title the owner has typed ("Call Tim about the keys"
    against their "Call Tom about the keys") stays as printed; read through a recogniser whose columns are in
    doubt at the letter, it becomes the owner's title."""
    import numpy as np

    from adapters.rapidocr.lexicon import Lexicon

    lines = ["- Call Tim about the keys", "- Buy cat food 2h"]
    data = encoded(list_image(lines, name="DejaVuSans.ttf"))
    engine = RapidOcrEngine(threads=2, lexicon=Lexicon())
    titles = ("Call Tom about the keys", "Buy oat food")
    assert [line.text for line in ordered_lines(engine.read(data, phrases=titles))] == lines
    real = engine.columns

    def doubtful(gray, line):   # the recogniser's own columns, with the letters the titles differ by in doubt
        seen = real(gray, line)
        for a, b in (("i", "o"), ("c", "o")):
            seen.log[:, seen.symbols[b]] = np.logaddexp(seen.log[:, seen.symbols[b]], seen.log[:, seen.symbols[a]])
        return seen

    monkeypatch.setattr(engine, "columns", doubtful)
    assert [line.text for line in ordered_lines(engine.read(data))] == lines   # no titles: no word list faults them
    assert [line.text for line in ordered_lines(engine.read(data, phrases=titles))] == [
        "- Call Tom about the keys", "- Buy oat food 2h"]


def test_a_pages_first_words_weigh_as_the_page_is_written_and_never_overrule_clear_print(monkeypatch):
    """A to-do list (lines that start with verbs) gives a first word's verb more weight than a shopping list
    does (``evidence.page_verb_bonus``, from the lines as read); a to-do page's weight leaves a printed first word
    that is one letter from a verb as written ("Lake", "Bank")."""
    from adapters.rapidocr import evidence
    from adapters.rapidocr.lexicon import Lexicon
    from domain.language.imperatives import TASK_VERBS

    given: list[float] = []
    weighed = evidence.reweighed

    def recording(*args, **kwargs):
        given.append(kwargs.get("verb_bonus", args[9] if len(args) > 9 else None))
        return weighed(*args, **kwargs)

    monkeypatch.setattr(evidence, "reweighed", recording)
    engine = RapidOcrEngine(threads=2, lexicon=Lexicon())
    todo = ["- Book the boiler service", "- Call Gran", "- Lake District trip deposit", "- Bank holiday rota",
            "- Make a vet appointment"]
    shopping = ["Shopping", "rice", "cat litter", "dish soap", "Buy lemons"]
    bonuses = []
    for lines in (todo, shopping):
        given.clear()
        read = engine.read(encoded(list_image(lines, name="DejaVuSans.ttf")))
        assert [line.text for line in ordered_lines(read)] == lines
        assert given and len(set(given)) == 1   # one weight for every line of a page
        assert given[0] == pytest.approx(evidence.page_verb_bonus([line.text for line in read.lines], TASK_VERBS))
        bonuses.append(given[0])
    assert bonuses[0] == pytest.approx(evidence.VERB_BONUS_LEAST + 0.6 * (evidence.VERB_BONUS_MOST -
                                                                          evidence.VERB_BONUS_LEAST))
    assert bonuses[1] == pytest.approx(evidence.VERB_BONUS_LEAST + 0.2 * (evidence.VERB_BONUS_MOST -
                                                                          evidence.VERB_BONUS_LEAST))

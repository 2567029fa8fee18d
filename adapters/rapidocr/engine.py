"""Local OCR with RapidOCR 3.x (PP-OCR models on ONNX Runtime).

The models (PP-OCRv6 small detector and recogniser, the 0/180-degree line classifier) ship inside the
``rapidocr`` wheel, so nothing is downloaded at run time: the engine is built from them on the first
read (about a second), never at import or at start.

The image is read in grey, without PP-OCR's 0/180-degree line classifier: it turns upright lines upside
down, most of all handwritten and tilted ones (on bench/images.py, seed 2, it took the mean CER of the
degraded images from 3.4 % to 7.1 %). A page whose reading is unsure (under ``RECHECK`` confidence per
character: an upside-down photo reads as scraps) is read again with the classifier, and the surer
reading is kept. After reading, the spaces the recogniser dropped are put back from the gaps in each
line's ink (``spaces.py``), a line the detector read across two columns (a board's columns a letter
height or two apart) is parted where its ink has a gap far wider than its word gaps (``gutters.py``),
each part with its own stretch of the line's box and the line's confidence, and a misspelt word the
recogniser was unsure of is put right from an English word list when one word stands out
(``lexicon.py``). A line that still has a word no word list knows (handwriting misread: "Lisbou",
"Buymik") is read again by the recogniser alone from its strip drawn four other ways (``variants``:
wider, thicker, thinner), each reading put through the lexicon, and the reading with the fewest unknown
words is kept, the first on a tie (at most ``REREAD_LINES`` lines an image). A word misread as another word
("Glean the hamster cage") is weighed again on what the recogniser saw in each column of the line's strip
(``evidence.py``): a bracket or a bar read for a letter ("Book the D]") becomes the letter that makes a word, as
does an "@" read for a round one ("@uarterly"), a word the strip's own likeliest reading has otherwise ("the dd
laptop": old) is a candidate, and a common word one edit away (for a line's first word, also a task verb two edits
away; for a word the web hardly uses, "Readmap", also a rarer one it uses, "roadmap", and for a long one, one two
edits away: "mewborship") takes its place when the recogniser's own evidence and the words' frequencies together
say so (the more where it makes a compound WordNet names with its neighbour: "tea bass", bags), and a line's last
token that is neither a word nor a duration, priority or time as written ("zh", "Ipm", "gam") becomes the one its
evidence comes close to ("2h", "1pm", "9am"), a line that ends on a word a number follows ("Read chapter") gets
the figure its last columns barely show (a faint 4 read as a blank), and so does a common word for the last two
words of a line that ends on one that needs another ("ref and": refund), and so does a name or a brand the image's
owner writes in their own tasks for a word one edit from it ("Cail's": Gail's; ``read``'s ``words``, those the web
uses less than ``OWN_COMMON``), and so does a title the owner has typed for an item a few letters from it ("Buy cat
milk": Buy oat milk; ``read``'s ``phrases``; nearer when every word as read is a known one: "Buy flour" stays though
they once typed "Buy four"). Last, each line is judged struck through or not from its strip's ink
(``adapters/ink.py``): the recogniser reads a crossed-out item as if the stroke were not there. (Contrast
spreading with CLAHE and an unsharp mask before reading were tried and left out: on the bench they helped the
median printed line but hurt handwriting and dim pages more, see bench/README.md.)
"""
from __future__ import annotations

import threading

import numpy as np

from adapters import ink
from adapters.rapidocr import evidence, gutters, spaces
from adapters.rapidocr.lexicon import CAPITALISED, Lexicon, character_scores
from domain.language.imperatives import TASK_VERBS
from domain.language.vocabulary import OWN_PHRASES, OWN_WORDS   # an image's weighing takes so many at most
from domain.model.image import TextLine, TextReading
from ports.images import VisionEngine, VisionUnavailable


REREAD_LINES = 24   # at most this many doubtful lines of an image are read again (4 readings each)
REWEIGH_LINES = 60  # at most this many lines of an image have their words weighed again (one reading each)
RECHECK = 0.85  # a reading less sure than this (mean confidence per character) is tried with the classifier
OWN_COMMON = 4.0   # an owner's word the web uses this often (Zipf: 1 in 10,000 words) is common English, not theirs


def assurance(result) -> float:
    """The reading's confidence per character read (0 when nothing was read)."""
    pairs = [(len(str(text)), float(score)) for text, score in zip(result.txts or (), result.scores or ())]
    chars = sum(n for n, _ in pairs)
    return sum(n * score for n, score in pairs) / chars if chars else 0.0


def variants(strip: np.ndarray) -> list[np.ndarray]:
    """A line's strip drawn otherwise, for a second reading: 1.3 and 1.6 times wider, its strokes thicker
    and thinner (a 2-pixel erosion and dilation of dark ink on light ground)."""
    import cv2

    kernel = np.ones((2, 2), np.uint8)
    return [cv2.resize(strip, None, fx=1.3, fy=1.0), cv2.erode(strip, kernel), cv2.dilate(strip, kernel),
            cv2.resize(strip, None, fx=1.6, fy=1.0)]


class RapidOcrEngine(VisionEngine):
    engine = "rapidocr"

    def __init__(self, threads: int = 0, min_confidence: float = 0.5, respace: bool = True,
                 lexicon: Lexicon | None = None, reread: bool = True, reweigh: bool = True,
                 crossed_out: bool = True) -> None:
        """``threads``: ONNX Runtime threads per inference (0: one per core); ``respace``: dropped spaces
        put back, and lines read across two columns parted, from the ink's gaps; ``lexicon``: unsure
        misspelt words put right (``lexicon.py``); ``reread``: with a lexicon, lines with unknown words read
        again from their strips drawn otherwise; ``reweigh``: with a lexicon, words misread as other words
        weighed again on the recogniser's evidence (``evidence.py``); ``crossed_out``: each line judged
        struck through or not from its ink (``adapters/ink.py``)."""
        self.threads, self.min_confidence, self.respace, self.lexicon = threads, min_confidence, respace, lexicon
        self.reread, self.reweigh, self.crossed_out = reread, reweigh, crossed_out
        self._engine = None
        self._alphabet: evidence.Alphabet | None = None   # the recogniser's classes grouped, on first use
        self._lock = threading.Lock()

    def _built(self):
        if self._engine is None:
            from rapidocr import RapidOCR  # heavy (onnxruntime, OpenCV): only when an image is read

            self._engine = RapidOCR(params={
                "Global.log_level": "warning", "Global.text_score": self.min_confidence,
                "EngineConfig.onnxruntime.intra_op_num_threads": self.threads or -1,
            })
        return self._engine

    def read(self, data: bytes, words: frozenset[str] = frozenset(), phrases: tuple[str, ...] = ()) -> TextReading:
        with self._lock:  # one inference at a time: each already uses every core it is given
            try:
                gray = ink.decoded(data)
                image = np.dstack([gray] * 3)
                # every flag given each time: RapidOCR keeps the last call's flags as its own
                result = self._built()(image, use_det=True, use_cls=False, use_rec=True, return_word_box=self.respace,
                                       return_single_char_box=self.respace)
                respace, turned = self.respace, False
                if assurance(result) < RECHECK:  # maybe upside down: read again with the line classifier
                    again = self._built()(image, use_det=True, use_cls=True, use_rec=True, return_word_box=False,
                                          return_single_char_box=False)
                    if assurance(again) > assurance(result):
                        # its turned lines' characters run against the ink: no spaces are put back there, and
                        # no line is read again from its strip (which is upside down)
                        result, respace, turned = again, False, True
            except Exception as exc:  # a bad image or a model error: the same bytes fail the same way
                raise VisionUnavailable(f"OCR failed: {exc}", permanent=True) from exc
        if result.boxes is None or result.txts is None:
            return TextReading(lines=[], engine=self.engine)
        characters = getattr(result, "word_results", None) or ()
        by_ink = respace and len(characters) == len(result.txts)  # each character's box: lines spaced and parted
        lines = []
        for index, (box, text, score) in enumerate(zip(result.boxes, result.txts, result.scores)):
            parts = self._parts(gray, box, str(text), characters[index]) if by_ink else [(str(text), box, [])]
            lines += [TextLine(text=self.lexicon.corrected(part, scores) if self.lexicon and scores else part,
                               confidence=float(score), box=tuple((float(x), float(y)) for x, y in quad))
                      for part, quad, scores in parts]
        if self.lexicon and self.reread and not turned:
            unknown = [self.lexicon.unknown(line.text) for line in lines]
            for i in [i for i, count in enumerate(unknown) if count][:REREAD_LINES]:
                lines[i] = self._reread(gray, lines[i], unknown[i])
        if self.lexicon and self.reweigh and not turned:
            budget, own = evidence.Budget(), self._own(words)
            titles = evidence.OwnPhrases(phrases[:OWN_PHRASES])
            bonus = evidence.page_verb_bonus([line.text for line in lines], TASK_VERBS)
            lines = [self._reweighed(gray, line, budget, own, titles, bonus) if i < REWEIGH_LINES else line
                     for i, line in enumerate(lines)]
        if self.crossed_out:  # the recogniser reads a struck line as if the stroke were not there
            lines = ink.judged(gray, lines)
        return TextReading(lines=lines, engine=self.engine)

    def _reread(self, gray: np.ndarray, line: TextLine, unknown: int) -> TextLine:
        """``line``, with ``unknown`` words in no word list, read again from its strip drawn otherwise
        (``variants``); the reading with the fewest unknown words is kept (the first on a tie)."""
        strip = ink.straightened(gray, np.asarray(line.box, np.float32))
        best = (unknown, line.text)
        for variant in variants(strip):
            with self._lock:
                try:
                    result = self._built()(np.dstack([variant] * 3), use_det=False, use_cls=False, use_rec=True,
                                           return_word_box=False, return_single_char_box=False)
                except Exception:  # a strip the recogniser cannot take: the first reading stands
                    continue
            text = str(result.txts[0]) if result.txts else ""
            text = self.lexicon.corrected(text, [1.0] * len(text))
            count = self.lexicon.unknown(text) if text.strip() else unknown
            if count < best[0]:
                best = (count, text)
        return line if best[1] == line.text else TextLine(text=best[1], confidence=line.confidence, box=line.box)

    def _own(self, words: frozenset[str]) -> evidence.OwnWords:
        """The owner's ``words`` worth preferring (lower case -> as written): letters only, three or more, and
        not a common English word (one of those is weighed as any other) or a day or a month."""
        own: dict[str, str] = {}
        for word in sorted(words)[:OWN_WORDS]:
            lower = word.lower()
            if (len(word) >= 3 and word.isascii() and word.isalpha() and lower not in CAPITALISED
                    and self.lexicon.seen(lower) < OWN_COMMON):
                own[lower] = word
        return evidence.OwnWords(own)

    def _reweighed(self, gray: np.ndarray, line: TextLine, budget: evidence.Budget, own: evidence.OwnWords,
                   titles: evidence.OwnPhrases | None = None, bonus: float = evidence.VERB_BONUS) -> TextLine:
        """``line`` with its words, its last token, the number after a last word that takes one ("Read
        chapter"), a last word that needs another after it ("ref and"), a word one edit from one the owner writes
        ("Cail's": ``own``) and an item a few letters from a title the owner has typed ("Buy cat milk":
        ``titles``) weighed again on what the recogniser sees in each column of its strip (within the image's
        ``budget``)."""
        if budget.left <= 0 or budget.words <= 0 or not evidence.WORD.search(line.text):
            return line
        seen = self.columns(gray, line)
        if seen is None:
            return line
        text = evidence.bracketed(line.text, seen, self.lexicon.seen, budget)
        text = evidence.rounded(text, seen, self.lexicon.neighbours, self.lexicon.seen, budget)
        text = evidence.reweighed(text, seen, self.lexicon.neighbours, self.lexicon.seen, TASK_VERBS,
                                  budget, self.lexicon.near, self.lexicon.far, self.lexicon.paired, bonus)
        text = evidence.tailed(text, seen, self.lexicon.seen, budget)
        text = evidence.numbered(text, seen, budget)
        text = evidence.rejoined(text, seen, self.lexicon.neighbours, self.lexicon.seen, budget)
        text = evidence.owned(text, seen, own, self.lexicon.seen, budget)
        if titles:
            text = evidence.phrased(text, seen, titles, budget, self.lexicon.known)
        return line if text == line.text else TextLine(text=text, confidence=line.confidence, box=line.box)

    def columns(self, gray: np.ndarray, line: TextLine) -> evidence.Evidence | None:
        """What the recogniser sees in each column of ``line``'s strip of the grey page ``gray`` (None when
        it cannot read the strip)."""
        strip = np.dstack([ink.straightened(gray, np.asarray(line.box, np.float32))] * 3)
        with self._lock:
            try:
                recogniser = self._built().text_rec   # RapidOCR's own recogniser, built by a first reading
                if recogniser is None:
                    return None
                height, width = strip.shape[:2]
                shape = recogniser.rec_image_shape
                batch = recogniser.resize_norm_img(strip, max(width / height, shape[2] / shape[1]))[np.newaxis]
                probabilities = recogniser.session(batch.astype(np.float32))[0]
                if self._alphabet is None:
                    self._alphabet = evidence.Alphabet(recogniser.postprocess_op.character)
                return evidence.Evidence(probabilities, self._alphabet)
            except Exception:  # a strip the recogniser cannot take: the line stands as read
                return None

    @staticmethod
    def _parts(gray: np.ndarray, box, text: str, chars) -> list[tuple[str, object, list[float]]]:
        """The line with the spaces the recogniser dropped put back, cut where its ink has a gutter between
        two columns the detector joined: (text, box, the recogniser's score of each character) of each
        part (no scores where they do not fit the text)."""
        quad = np.asarray(box, np.float32)
        centres = [spaces.along(quad, np.asarray(char_box, float).mean(axis=0)) for _, _, char_box in chars]
        strip = ink.straightened(gray, quad)
        runs, height = spaces.blank_runs(spaces.ink(strip))
        text = spaces.respaced(text, centres, runs, height)
        pieces = gutters.parts(text, centres, runs, height, strip.shape[1])
        scores = character_scores(text, chars)
        if len(pieces) == 1:
            return [(text, box, scores)]
        parted, at = [], 0
        for part, start, end in pieces:  # each part is a stretch of the spaced text, in order
            found = text.find(part, at)
            parted.append((part, gutters.sub_quad(quad, start, end, strip.shape[1]),
                           scores[found:found + len(part)] if scores and found >= 0 else []))
            at = found + len(part) if found >= 0 else at
        return parted

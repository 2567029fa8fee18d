"""Google Cloud Vision (``images:annotate`` over the REST transport): document text detection, with a
box per line, and label detection.

Vision answers a batch with 200 and puts each image's failure inside its own response (``error``, a
google.rpc.Status): those are read here, not left to look like an image without text. Vision says
nothing of strokes through a line: each line is judged struck through or not here, from its box's ink
in the image sent (``adapters/ink.py``; the box is the line's words' upright bounding box, so a line
tilted by more than a few degrees is judged in a taller strip). Vision takes no vocabulary: an item it
read a few letters from a title the image's owner has typed, or a name one letter from one they write,
becomes it where each character that differs is one Vision doubted or in a word no word list knows
(``domain/language/owned.py``, on each symbol's confidence and the local OCR's word list).
"""
from __future__ import annotations

from typing import Callable

from google.api_core import exceptions as google_errors
from google.api_core.client_options import ClientOptions
from google.auth import exceptions as auth_errors
from google.cloud import vision

from adapters import ink
from domain.language.owned import Letters, owned
from domain.language.vocabulary import OWN_PHRASES, OWN_WORDS   # an image's reading takes so many at most
from domain.model.image import TextLine, TextReading
from ports.images import VisionEngine, VisionUnavailable

# google.rpc.Code values worth a retry: CANCELLED, UNKNOWN, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED,
# INTERNAL, UNAVAILABLE; every other code fails the same way again
_TRANSIENT_CODES = {1, 2, 4, 8, 10, 13, 14}
_LINE_ENDS = {vision.TextAnnotation.DetectedBreak.BreakType.EOL_SURE_SPACE,
              vision.TextAnnotation.DetectedBreak.BreakType.LINE_BREAK}
_SPACES = {vision.TextAnnotation.DetectedBreak.BreakType.SPACE,
           vision.TextAnnotation.DetectedBreak.BreakType.SURE_SPACE}


def _box(vertices_lists) -> tuple[tuple[float, float], ...]:
    xs = [float(v.x) for vertices in vertices_lists for v in vertices]
    ys = [float(v.y) for vertices in vertices_lists for v in vertices]
    return ((min(xs), min(ys)), (max(xs), min(ys)), (max(xs), max(ys)), (min(xs), max(ys)))


def _lines(annotation) -> list[tuple[TextLine, list[float]]]:
    """Lines from the page/block/paragraph/word/symbol tree (a word whose last symbol breaks the line ends
    it), each with the confidence of each of its characters (a space: the symbol's before it; a symbol that
    gives none is taken as sure)."""
    lines: list[tuple[TextLine, list[float]]] = []

    def ended(text: str, boxes: list, scores: list[float], chars: list[float]) -> None:
        lead = len(text) - len(text.lstrip())
        stripped = text.strip()
        lines.append((TextLine(stripped, sum(scores) / len(scores), _box(boxes)), chars[lead:lead + len(stripped)]))

    for page in annotation.pages:
        for block in page.blocks:
            for paragraph in block.paragraphs:
                text, boxes, scores, chars = "", [], [], []
                for word in paragraph.words:
                    for symbol in word.symbols:
                        text += symbol.text
                        chars += [float(symbol.confidence) or 1.0] * len(symbol.text)
                        kind = symbol.property.detected_break.type_
                        if kind in _SPACES:
                            text += " "
                            chars.append(chars[-1] if chars else 1.0)
                    boxes.append(word.bounding_box.vertices)
                    scores.append(float(word.confidence))
                    if word.symbols and word.symbols[-1].property.detected_break.type_ in _LINE_ENDS:
                        ended(text, boxes, scores, chars)
                        text, boxes, scores, chars = "", [], [], []
                if text.strip():
                    ended(text, boxes, scores, chars)
    return lines


class GoogleVisionEngine(VisionEngine):
    engine = "google_vision"

    def __init__(self, api_key: str = "", endpoint: str = "", timeout: float = 30.0, labels: bool = True,
                 crossed_out: bool = True, known: Callable[[str], bool] | None = None) -> None:
        """``api_key``: an API key (else the Application Default Credentials); ``endpoint``: another
        address than Google's (``http://host:port`` for a local server); ``crossed_out``: each line judged
        struck through or not from its ink; ``known(word)``: whether a word list knows a word (lower case):
        the letters of one it does not know may differ from the owner's title or name Vision's reading
        becomes, however sure Vision was of them (without it, only the letters Vision doubted may)."""
        self._options = ClientOptions(api_key=api_key or None, api_endpoint=endpoint or None)
        self._client: vision.ImageAnnotatorClient | None = None  # built on the first read: nothing at start
        self.timeout, self.labels, self.crossed_out, self.known = timeout, labels, crossed_out, known

    def _built(self) -> vision.ImageAnnotatorClient:
        if self._client is None:
            try:
                self._client = vision.ImageAnnotatorClient(transport="rest", client_options=self._options)
            except auth_errors.GoogleAuthError as exc:  # no credentials: a configuration error
                raise VisionUnavailable(f"Cloud Vision is not configured: {exc}") from exc
        return self._client

    def read(self, data: bytes, words: frozenset[str] = frozenset(), phrases: tuple[str, ...] = ()) -> TextReading:
        # Cloud Vision's text detection takes no vocabulary (only language hints): the owner's ``words`` and
        # ``phrases`` are preferred afterwards, where Vision doubted the characters that differ (or ``known``
        # does not know their word)
        features = [vision.Feature(type_=vision.Feature.Type.DOCUMENT_TEXT_DETECTION)]
        if self.labels:
            features.append(vision.Feature(type_=vision.Feature.Type.LABEL_DETECTION, max_results=10))
        request = vision.AnnotateImageRequest(image=vision.Image(content=data), features=features)
        try:
            # no retry loop here (the client's default retries 503s for up to 10 minutes): a passing failure
            # leaves the image pending and the consumer's delivery is what is tried again
            batch = self._built().batch_annotate_images(requests=[request], timeout=self.timeout, retry=None)
        except google_errors.GoogleAPICallError as exc:
            code = getattr(exc, "code", None)
            permanent = isinstance(code, int) and 400 <= code < 500 and code not in (408, 429)
            raise VisionUnavailable(f"Cloud Vision: {exc.message or exc}", permanent=permanent) from exc
        except (google_errors.GoogleAPIError, OSError) as exc:  # transport failures (refused, timed out)
            raise VisionUnavailable(f"Cloud Vision unreachable: {exc}") from exc
        if not batch.responses:
            raise VisionUnavailable("Cloud Vision answered no response for the image")
        response = batch.responses[0]
        if response.error.code:
            raise VisionUnavailable(f"Cloud Vision: {response.error.message or 'error ' + str(response.error.code)}",
                                    permanent=response.error.code not in _TRANSIENT_CODES)
        labels = [label.description for label in response.label_annotations]
        budget, own, titles = Letters(), frozenset(sorted(words)[:OWN_WORDS]), phrases[:OWN_PHRASES]
        lines = [TextLine(owned(line.text, chars, own, titles, budget, self.known), line.confidence, line.box)
                 if own or titles else line for line, chars in _lines(response.full_text_annotation)]
        if self.crossed_out and lines:
            try:
                lines = ink.judged(ink.decoded(data), lines)
            except ValueError:  # bytes Vision read and OpenCV cannot: the lines stay unjudged
                pass
        return TextReading(lines=lines, engine=self.engine, labels=labels)

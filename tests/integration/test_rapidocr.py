"""The local OCR adapter on images drawn here, through the real RapidOCR engine and the models its wheel
ships (nothing downloaded). Two OCR runs in all: OCR is CPU-heavy."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from adapters.pillow.codec import PillowImageCodec
from adapters.rapidocr.engine import RapidOcrEngine
from adapters.rules.interpreter import RulesInterpreter
from domain.language.model import InterpretContext
from domain.services.handlers.images import scan
from domain.services.interpretation import FallbackInterpreter
from tests.images import cer, encoded, list_image

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


def test_scan_reads_a_photo_taken_sideways_as_tasks(engine):
    """A JPEG stored rotated with an EXIF orientation tag: the codec turns it upright before OCR."""
    upright = list_image(LINES[1:4], name="DejaVuSans.ttf")
    exif = Image.Exif()
    exif[0x0112] = 8  # view by rotating 90 degrees counter-clockwise: store it rotated clockwise
    sideways = encoded(upright.transpose(Image.Transpose.ROTATE_270), "JPEG", quality=92, exif=exif.tobytes())
    now = datetime(2026, 12, 7, 9, 0, tzinfo=ZoneInfo("Europe/Berlin"))  # a Monday
    context = InterpretContext(now=now, timezone="Europe/Berlin")
    result = scan(sideways, PillowImageCodec(), engine, FallbackInterpreter(RulesInterpreter()), context)
    assert [(t["title"], t["duration_minutes"], t["priority"], t["checked"]) for t in result["tasks"]] == [
        ("Buy milk", None, None, False), ("Call the dentist", 30, None, False), ("Draft Q3 report", 120, 1, False)]
    assert result["tasks"][0]["due"].startswith("2026-12-08") and result["tasks"][1]["due"].startswith("2026-12-11")
    assert result["engine"] == "rapidocr" and result["category"] is None and result["confidence"] == 0.0

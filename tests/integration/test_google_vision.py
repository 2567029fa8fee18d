"""The Cloud Vision adapter against a local server speaking ``v1/images:annotate`` (REST, JSON): lines
with boxes from the document-text tree, labels, per-image errors inside a 200, HTTP errors."""
from __future__ import annotations

import base64

import pytest
from PIL import Image, ImageDraw

from adapters.google_vision.engine import GoogleVisionEngine
from ports.images import VisionUnavailable
from tests.fake_vision import FEATURES, FakeVision
from tests.images import encoded, font, list_image

PNG = encoded(list_image(["- buy milk"], width=200))


@pytest.fixture
def fake():
    server = FakeVision()
    yield server
    server.stop()


def _engine(fake) -> GoogleVisionEngine:
    return GoogleVisionEngine(api_key="test-key", endpoint=fake.url, timeout=5)


def test_lines_boxes_and_labels_come_back(fake):
    fake.answers = [{"lines": ["- buy milk tomorrow", "[ ] call mum"], "labels": ["Handwriting", "Paper"]}]
    reading = _engine(fake).read(PNG)
    assert [line.text for line in reading.lines] == ["- buy milk tomorrow", "[ ] call mum"]
    first = reading.lines[0]
    assert (first.left, first.top, first.bottom) == (20, 20, 50) and first.confidence == pytest.approx(0.97)
    assert reading.labels == ["Handwriting", "Paper"] and reading.engine == "google_vision"
    sent = fake.requests[0]
    assert sent["path"] == "/v1/images:annotate" and sent["headers"].get("X-Goog-Api-Key") == "test-key"
    request = sent["json"]["requests"][0]
    assert base64.b64decode(request["image"]["content"]) == PNG
    assert {FEATURES.get(f["type"], f["type"]) for f in request["features"]} == {"DOCUMENT_TEXT_DETECTION",
                                                                                "LABEL_DETECTION"}


def test_an_image_without_text_reads_as_no_lines(fake):
    fake.answers = [{"lines": []}]
    assert _engine(fake).read(PNG).lines == []


@pytest.mark.parametrize("code, permanent", [(3, True), (7, True), (14, False), (8, False)])
def test_a_per_image_error_inside_a_200_is_raised(fake, code, permanent):
    fake.answers = [{"error": {"code": code, "message": f"image failed with {code}"}}]
    with pytest.raises(VisionUnavailable, match=f"image failed with {code}") as caught:
        _engine(fake).read(PNG)
    assert caught.value.permanent is permanent


@pytest.mark.parametrize("status, state, permanent", [(403, "PERMISSION_DENIED", True), (429, "RESOURCE_EXHAUSTED", False),
                                                      (503, "UNAVAILABLE", False)])
def test_http_errors_are_unavailable(fake, status, state, permanent):
    fake.http_error = (status, state)
    with pytest.raises(VisionUnavailable) as caught:
        _engine(fake).read(PNG)
    assert caught.value.permanent is permanent


def test_a_server_that_is_not_there_is_a_passing_failure():
    server = FakeVision()
    server.stop()
    server._server.server_close()
    with pytest.raises(VisionUnavailable) as caught:
        GoogleVisionEngine(api_key="k", endpoint=server.url, timeout=2).read(PNG)
    assert caught.value.permanent is False


def test_lines_struck_through_on_the_image_are_judged_from_its_ink(fake):
    """Vision says nothing of strokes: the adapter judges each line's box in the image it sent. The words
    are drawn where the fake server puts their boxes (14 px a letter, 10 px between words, 50 px a row)."""
    lines = ["Errands", "Return the library books", "Buy a birthday card", "Pay the window cleaner"]
    face = font(23, "DejaVuSansMono.ttf")  # 13.9 px a letter
    image = Image.new("RGB", (420, 60 + 50 * len(lines)), "white")
    draw = ImageDraw.Draw(image)
    for row, line in enumerate(lines):
        x = 20
        for word in line.split(" "):
            draw.text((x, 20 + 50 * row), word, fill="black", font=face)
            x += 14 * len(word) + 10
        if row in (1, 3):  # a pen through the small letters, past both ends
            _, top, _, baseline = face.getbbox("x")
            y = 20 + 50 * row + (top + baseline) / 2
            draw.line([(14, y + 2), (x - 2, y - 2)], fill=(20, 40, 150), width=3)
    fake.answers = [{"lines": lines}]
    data = encoded(image)
    assert [line.struck for line in _engine(fake).read(data).lines] == [False, True, False, True]
    unjudged = GoogleVisionEngine(api_key="test-key", endpoint=fake.url, timeout=5, crossed_out=False)
    assert not any(line.struck for line in unjudged.read(data).lines)


def _doubting(text: str, at: str) -> tuple[str, list[float]]:
    """``text`` with Vision's confidence 0.4 in the characters of its first ``at`` (0.97 in the rest)."""
    start = text.index(at)
    return text, [0.4 if start <= i < start + len(at) else 0.97 for i in range(len(text))]


def test_a_doubted_item_becomes_the_owners_title_and_a_doubted_name_theirs(fake):
    """Vision takes no vocabulary: where it doubted the letters that differ (each symbol's confidence, as
    it answers), an item becomes a title the owner typed and a name one they write."""
    fake.answers = [{"lines": [_doubting("[ ] Buy cat milk 2h", "c"), _doubting("Order the cake from Cail's", "C"),
                               "Buy cat food", "Walk Biscuit"]}]
    engine = _engine(fake)
    reading = engine.read(PNG, words=frozenset({"Gail", "Biscuit"}), phrases=("Buy oat milk", "Buy dog food"))
    assert [line.text for line in reading.lines] == ["[ ] Buy oat milk 2h", "Order the cake from Gail's",
                                                     "Buy cat food", "Walk Biscuit"]
    # the same answer without the owner's words and titles: as Vision read it
    assert [line.text for line in engine.read(PNG).lines] == ["[ ] Buy cat milk 2h", "Order the cake from Cail's",
                                                               "Buy cat food", "Walk Biscuit"]


def test_letters_vision_was_sure_of_stay_whatever_the_owner_typed(fake):
    fake.answers = [{"lines": ["[ ] Buy cat milk 2h", _doubting("Read chapter 5", "5"),
                               _doubting("Order the cake from Cail's", "the")]}]
    reading = _engine(fake).read(PNG, words=frozenset({"Gail"}), phrases=("Buy oat milk", "Read chapter 4"))
    assert [line.text for line in reading.lines] == ["[ ] Buy cat milk 2h", "Read chapter 5",
                                                     "Order the cake from Cail's"]


def test_the_word_list_doubts_the_words_it_does_not_know_unless_the_setting_turns_it_off(fake, tmp_path):
    """Wired as the app wires it: with the local OCR's word list, a word none knows ("kown") may become the
    owner's title though Vision was sure of it; a word it knows ("cat") may not."""
    from entrypoints.config import Settings
    from entrypoints.container import _vision

    base = {"PLANLOOM_DATA_DIR": str(tmp_path), "PLANLOOM_VISION": "google", "PLANLOOM_GOOGLE_VISION_API_KEY": "k",
            "PLANLOOM_GOOGLE_VISION_ENDPOINT": fake.url}
    on, off = _vision(Settings.from_env(base)), _vision(Settings.from_env(base | {"PLANLOOM_OCR_LEXICON": "0"}))
    assert isinstance(on, GoogleVisionEngine) and on.known is not None and off.known is None
    fake.answers = [{"lines": ["- Mow the kown", "- Buy cat milk"]}]
    titles = ("Mow the lawn", "Buy oat milk")
    assert [line.text for line in on.read(PNG, phrases=titles).lines] == ["- Mow the lawn", "- Buy cat milk"]
    assert [line.text for line in off.read(PNG, phrases=titles).lines] == ["- Mow the kown", "- Buy cat milk"]

"""Lines struck through, told from their ink (no OCR here: strips drawn with DejaVu, as the vision adapters
cut them out of a page)."""
from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from adapters.ink import band, mask, stroke_share, struck
from tests.images import font


def _strip(text: str, *, stroke: str = "", fill=(0, 0, 0), width: int = 3, rise: float = 0.0, size: int = 28,
           name: str = "DejaVuSans.ttf", blur: float = 0.0) -> np.ndarray:
    """``text`` on a grey strip with, when ``stroke`` is "through", a pen's line through the middle of its
    small letters (rising by ``rise`` of their height across the line), or "under" it."""
    face = font(size, name)
    length = int(face.getlength(text))
    image = Image.new("RGB", (length + 24, int(size * 1.6)), "white")
    draw = ImageDraw.Draw(image)
    draw.text((12, 4), text, fill="black", font=face)
    _, top, _, baseline = face.getbbox("x")
    height = baseline - top
    if stroke:
        y = 4 + (top + height / 2 if stroke == "through" else baseline + 0.3 * height + 5)
        draw.line([(8, y + rise * height / 2), (length + 16, y - rise * height / 2)], fill=fill, width=width)
    if blur:
        image = image.filter(ImageFilter.GaussianBlur(blur))
    return np.asarray(image.convert("L"))


def test_a_stroke_through_a_line_is_seen_and_the_same_line_without_it_is_not():
    assert struck(_strip("Call the dentist friday", stroke="through"))
    assert not struck(_strip("Call the dentist friday"))
    assert stroke_share(_strip("Call the dentist friday")) == 0.0


def test_a_tilted_stroke_and_a_thin_light_pen_are_strokes_too():
    assert struck(_strip("Renew the parking permit", stroke="through", rise=0.5))
    assert struck(_strip("Renew the parking permit", stroke="through", rise=-0.4))
    # red, two pixels, rising: lighter than the text, and gone after a 3x3 median filter (the mask takes none)
    assert struck(_strip("Order flea treatment", stroke="through", fill=(190, 30, 30), width=2, rise=0.3))


def test_an_underline_is_no_stroke():
    assert not struck(_strip("Weekend plans", stroke="under"))
    assert not struck(_strip("Order the cake from Gail's", stroke="under", width=4))


def test_the_band_is_the_small_letters_not_the_stroke_nor_the_underline():
    plain, under = mask(_strip("ammonia and cream")), mask(_strip("ammonia and cream", stroke="under"))
    assert band(plain) == band(under)
    top, bottom = band(plain)
    _, x_top, _, baseline = font(28).getbbox("x")
    assert abs(top - (4 + x_top)) <= 2 and abs(bottom - (4 + baseline)) <= 2


def test_a_short_word_blurred_into_one_blob_is_not_taken_for_a_stroke():
    """Blurred, the letters of a short bold word run together along their middle: a run as long as the
    word, which a stroke through it would give too; words under five band heights are never judged."""
    blob = _strip("Home", name="DejaVuSansCondensed-Bold.ttf", blur=1.6)
    assert not struck(blob)
    assert not struck(_strip("eggs", stroke="through"))  # the price: a short word's stroke is not seen


def test_a_longer_single_word_struck_is_seen():
    assert struck(_strip("batteries", stroke="through"))
    assert not struck(_strip("batteries"))


def test_a_dim_page_with_light_falling_off_is_read_against_its_own_paper():
    """Otsu's threshold alone takes the darker side of a dim strip for ink: a run across the whole line."""
    rng = np.random.default_rng(3)

    def dimmed(strip: np.ndarray) -> np.ndarray:
        fall = np.linspace(1.0, 0.55, strip.shape[1])[None, :]
        noisy = (strip * 0.45 + 70) * 0.6 * fall + rng.normal(0, 9, strip.shape)
        return np.clip(noisy, 0, 255).astype(np.uint8)

    assert not struck(dimmed(_strip("Hire a second designer")))
    assert struck(dimmed(_strip("Hire a second designer", stroke="through")))


def test_a_blank_or_tiny_strip_is_not_struck():
    assert not struck(np.full((30, 200), 255, np.uint8))
    assert not struck(np.zeros((1, 1), np.uint8) + 255)

"""Uploads are checked from their content and re-encoded by Pillow: format sniffed, pixels capped from the
header before decoding, orientation applied, metadata gone."""
from __future__ import annotations

import io

import pytest
from PIL import Image

from adapters.pillow.codec import PillowImageCodec
from domain.errors import TooLarge, UnsupportedMedia, ValidationError
from domain.model.image import MAX_PIXELS
from tests.images import encoded, list_image, png_header_only

CODEC = PillowImageCodec()


@pytest.mark.parametrize("fmt, kind", [("PNG", "png"), ("JPEG", "jpeg"), ("WEBP", "webp")])
def test_each_accepted_format_comes_back_in_its_own_format(fmt, kind):
    image = list_image(["- one"], width=200)
    out = CODEC.normalise(encoded(image, fmt), MAX_PIXELS)
    assert (out.format, out.width, out.height) == (kind, image.width, image.height)
    assert Image.open(io.BytesIO(out.data)).format == fmt


@pytest.mark.parametrize("data", [encoded(Image.new("RGB", (20, 20)), "GIF"), encoded(Image.new("RGB", (20, 20)), "BMP"),
                                  b"%PDF-1.7 not an image", b"<svg xmlns='http://www.w3.org/2000/svg'/>", b""])
def test_other_content_is_unsupported_whatever_it_claims(data):
    with pytest.raises(UnsupportedMedia):
        CODEC.normalise(data, MAX_PIXELS)


def test_a_decompression_bomb_is_refused_from_its_header():
    bomb = png_header_only(50_000, 50_000)  # 2.5 gigapixels in 100 bytes
    assert len(bomb) < 200
    with pytest.raises(TooLarge, match="pixels"):  # decoding it would allocate 7.5 GB first
        CODEC.normalise(bomb, MAX_PIXELS)


def test_the_pixel_cap_is_the_one_given():
    with pytest.raises(TooLarge):
        CODEC.normalise(encoded(Image.new("L", (101, 100))), 10_000)
    assert CODEC.normalise(encoded(Image.new("L", (100, 100))), 10_000).width == 100


def test_a_damaged_image_is_invalid_not_a_crash():
    whole = encoded(list_image(["- a line"], width=300))
    with pytest.raises(ValidationError) as caught:
        CODEC.normalise(whole[: len(whole) // 2], MAX_PIXELS)
    assert not isinstance(caught.value, (UnsupportedMedia, TooLarge))


def test_orientation_is_applied_and_exif_with_gps_is_dropped():
    image = Image.new("RGB", (300, 100), "white")
    image.paste((255, 0, 0), (0, 0, 30, 100))  # red stripe on the left as stored
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90 degrees clockwise to view
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (48.0, 8.0, 0.0)}  # GPS IFD
    jpeg = encoded(image, "JPEG", exif=exif.tobytes())
    assert Image.open(io.BytesIO(jpeg)).getexif()
    out = CODEC.normalise(jpeg, MAX_PIXELS)
    stored = Image.open(io.BytesIO(out.data))
    assert (out.width, out.height) == (100, 300) == stored.size  # upright
    assert stored.getpixel((50, 10))[0] > 200 and stored.getpixel((50, 290))[0] > 200  # the stripe is now on top
    assert stored.getpixel((50, 10))[1] < 60
    assert not stored.getexif() and b"PhoneMaker" not in out.data and b"Exif" not in out.data


def test_png_text_chunks_are_dropped():
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", "secret-author-name")
    out = CODEC.normalise(encoded(Image.new("RGB", (40, 40)), "PNG", pnginfo=info), MAX_PIXELS)
    assert b"secret-author-name" not in out.data


def test_statistics_for_the_categoriser_are_measured_on_the_upload():
    white = CODEC.normalise(encoded(Image.new("RGB", (400, 100), "white")), MAX_PIXELS).stats
    assert white == {"aspect": 4.0, "brightness": 1.0, "colourfulness": 0.0, "edge_density": 0.0}
    halves = Image.new("RGB", (200, 200), (230, 20, 20))
    halves.paste((20, 40, 230), (0, 100, 200, 200))
    vivid = CODEC.normalise(encoded(halves), MAX_PIXELS).stats
    assert vivid["colourfulness"] > 0.5 and vivid["brightness"] < 0.5 and 0 < vivid["edge_density"] < 0.1
    listed = CODEC.normalise(encoded(list_image(["- one", "- two", "- three"], width=300)), MAX_PIXELS).stats
    assert listed["colourfulness"] == 0.0 and listed["brightness"] > 0.9 and listed["edge_density"] > 0

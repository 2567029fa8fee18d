"""HEIC/HEIF uploads (iPhone photos) keep every guarantee of the others: format from the content, pixels
capped from the header before decoding, orientation applied, metadata gone, a damaged file refused. The
files are made here with pillow-heif's own encoder. AVIF, in the same container, is read by its own path
(test_image_codec_avif.py)."""
from __future__ import annotations

import io

import pytest
from PIL import Image
from pillow_heif.as_plugin import HeifImageFile

from adapters.pillow.codec import PillowImageCodec
from domain.errors import TooLarge, UnsupportedMedia, ValidationError
from domain.model.image import MAX_PIXELS
from tests.images import (
    XMP, assert_upright_without_metadata, camera_exif, heic, heif_claiming, list_image, sideways_photo,
)

CODEC = PillowImageCodec()


class Decodes(dict):
    """The HEIF images pillow-heif's Pillow plugin was asked to decode (its ``load``, run for real): their sizes."""

    def sizes(self) -> list[tuple[int, int]]:
        return list(self.values())


@pytest.fixture
def decodes(monkeypatch) -> Decodes:
    seen = Decodes()
    real = HeifImageFile.load

    def load(image):
        seen.setdefault(id(image), image.size)  # Pillow calls ``load`` again on a loaded image: count it once
        return real(image)

    monkeypatch.setattr(HeifImageFile, "load", load)
    return seen


def test_a_heic_is_read_from_its_content_and_stored_as_jpeg(decodes):
    image = list_image(["- one", "- two"], width=240)
    out = CODEC.normalise(heic(image), MAX_PIXELS)
    stored = Image.open(io.BytesIO(out.data))
    assert (out.format, stored.format, out.width, out.height) == ("jpeg", "JPEG", 240, image.height)
    assert stored.size == image.size and stored.getpixel((5, 5)) == (255, 255, 255)
    assert out.stats["brightness"] > 0.9 and out.stats["edge_density"] > 0
    assert decodes.sizes() == [image.size]  # once


@pytest.mark.parametrize("brand", [b"heic", b"heix", b"mif1"])
def test_heif_brands_are_read_whatever_the_major_one(brand):
    data = heic(Image.new("RGB", (64, 48), (0, 128, 255)))
    assert data[4:12] == b"ftypheic"
    out = CODEC.normalise(data[:8] + brand + data[12:], MAX_PIXELS)
    assert (out.format, out.width, out.height) == ("jpeg", 64, 48)


def test_a_transparent_heic_is_stored_as_webp_with_its_alpha():
    image = Image.new("RGBA", (64, 64), (255, 0, 0, 0))
    image.paste((0, 0, 255, 255), (0, 0, 32, 64))
    out = CODEC.normalise(heic(image), MAX_PIXELS)
    stored = Image.open(io.BytesIO(out.data))
    assert (out.format, stored.format, stored.mode) == ("webp", "WEBP", "RGBA")
    assert stored.getpixel((10, 10))[3] > 240 and stored.getpixel((50, 10))[3] < 16


def test_a_heic_decompression_bomb_is_refused_from_its_header_without_decoding(decodes):
    small = heic(Image.new("RGB", (64, 64), "white"))
    assert CODEC.normalise(small, MAX_PIXELS).width == 64 and decodes.sizes() == [(64, 64)]
    decodes.clear()
    # 30 megapixels claimed in under 2 KB: over the cap, and not even decodable (its pixels are 64x64)
    bomb = heif_claiming(small, 6000, 5000)
    assert len(bomb) < 2000
    with pytest.raises(TooLarge, match="6000x5000"):
        CODEC.normalise(bomb, MAX_PIXELS)
    with pytest.raises(TooLarge, match="pixels"):  # 2.5 gigapixels: Pillow's own bomb guard, at open
        CODEC.normalise(heif_claiming(small, 50_000, 50_000), MAX_PIXELS)
    assert decodes.sizes() == []  # refused from the header: nothing was decoded
    with pytest.raises(ValidationError):  # under the cap, the lie is found when decoding: damaged, not a crash
        CODEC.normalise(bomb, 40_000_000)
    assert decodes.sizes() == [(6000, 5000)]


def test_a_heic_whose_header_understates_its_pixels_is_damaged():
    """The other lie: a small size in the header over a larger coded image. libheif refuses the mismatch, so
    the pixel cap read from the header cannot be slipped past."""
    with pytest.raises(ValidationError) as caught:
        CODEC.normalise(heif_claiming(heic(Image.new("RGB", (640, 480), "white")), 64, 64), MAX_PIXELS)
    assert caught.value.field_errors == {"file": ["is a damaged image"]}


def test_an_iphone_grid_heic_is_capped_by_its_grids_size_and_a_grid_header_that_lies_is_damaged(decodes):
    """iPhones write a grid of 512 px tiles; the cap is the grid's size (its ``ispe``), not a tile's. A grid
    whose header claims 64x64 over 1024x768 of tiles is refused (libheif checks the grid against it), so a
    grid cannot carry a bomb past the cap either."""
    photo = Image.new("RGB", (1024, 768), "white")
    photo.paste((0, 0, 255), (0, 700, 1024, 768))  # a blue band at the foot, across the bottom tiles
    grid = heic(photo, tile_size=256)
    assert grid.count(b"ispe") == 2  # the grid's and the tiles' (all the same size)
    out = CODEC.normalise(grid, MAX_PIXELS)
    stored = Image.open(io.BytesIO(out.data))
    assert (out.width, out.height) == (1024, 768) and stored.getpixel((900, 740))[2] > 200
    decodes.clear()
    with pytest.raises(TooLarge, match="1024x768"):
        CODEC.normalise(grid, 500_000)
    assert decodes.sizes() == []  # refused from the grid's header
    with pytest.raises(ValidationError) as caught:
        CODEC.normalise(heif_claiming(grid, 64, 64, instead_of=(1024, 768)), MAX_PIXELS)
    assert caught.value.field_errors == {"file": ["is a damaged image"]}


def test_a_sideways_heic_is_stored_upright_without_exif_gps_or_xmp():
    data = heic(sideways_photo(), exif=camera_exif(orientation=6), xmp=XMP)  # view by turning 90 degrees clockwise
    assert b"PhoneMaker" in data and b"secret-xmp-author" in data
    assert_upright_without_metadata(CODEC.normalise(data, MAX_PIXELS))


def test_a_heic_holding_several_images_is_read_as_its_primary_one(decodes):
    red, blue = Image.new("RGB", (64, 48), (255, 0, 0)), Image.new("RGB", (40, 40), (0, 0, 255))
    out = CODEC.normalise(heic(red, blue, primary=1), MAX_PIXELS)
    stored = Image.open(io.BytesIO(out.data))
    assert (out.width, out.height) == (40, 40) and stored.getpixel((20, 20))[2] > 200
    assert decodes.sizes() == [(40, 40)]  # the other image is not decoded
    assert CODEC.normalise(heic(red, blue), MAX_PIXELS).width == 64


@pytest.mark.parametrize("cut", [12, 40, 200, -10])
def test_a_truncated_heic_is_a_damaged_image(cut):
    whole = heic(list_image(["- a line"], width=200))
    with pytest.raises(ValidationError) as caught:
        CODEC.normalise(whole[:cut], MAX_PIXELS)
    assert not isinstance(caught.value, (UnsupportedMedia, TooLarge))
    assert caught.value.field_errors == {"file": ["is a damaged image"]}


@pytest.mark.parametrize("data", [b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isommp41",  # an MP4 video
                                  b"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00qt  "])     # a QuickTime one
def test_other_iso_media_files_are_unsupported(data):
    with pytest.raises(UnsupportedMedia, match="HEIC"):
        CODEC.normalise(data, MAX_PIXELS)

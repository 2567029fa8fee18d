"""AVIF uploads keep every guarantee of the others: format from the content, pixels capped from the header
before anything is decoded, orientation applied, metadata gone, a damaged file refused. The files are made
here with Pillow's own AVIF encoder (libavif and aom, in its wheel); a grid is put together from tiles it
encoded. Because dav1d decodes a frame at the size its AV1 header gives, not the container's, a header that
understates the frame is refused too, undecoded. An animated AVIF is refused (415)."""
from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import AvifImagePlugin, Image

from adapters.pillow.avif import read_size
from adapters.pillow.codec import PillowImageCodec
from domain.errors import TooLarge, UnsupportedMedia, ValidationError
from domain.model.image import MAX_PIXELS
from tests.images import (
    XMP, assert_upright_without_metadata, avif_grid, camera_exif, encoded, heif_claiming, list_image, sideways_photo,
)
from tests.unit.test_av1_headers import frame, obu, sequence

CODEC = PillowImageCodec()


class Seen:
    """What Pillow's AVIF plugin was given, run for real: the files libavif parsed (``opened``) and the
    sizes of the images it decoded (``decoded``)."""

    def __init__(self) -> None:
        self.opened = 0
        self.decoded: dict[int, tuple[int, int]] = {}


@pytest.fixture
def seen(monkeypatch) -> Seen:
    record = Seen()
    real_open, real_load = AvifImagePlugin.AvifImageFile._open, AvifImagePlugin.AvifImageFile.load

    def _open(image):
        record.opened += 1
        return real_open(image)

    def load(image):
        record.decoded.setdefault(id(image), image.size)  # Pillow calls ``load`` again on a loaded image
        return real_load(image)

    monkeypatch.setattr(AvifImagePlugin.AvifImageFile, "_open", _open)
    monkeypatch.setattr(AvifImagePlugin.AvifImageFile, "load", load)
    return record


def avif(image: Image.Image, **options) -> bytes:
    data = encoded(image, "AVIF", **options)
    assert data[4:12] == b"ftypavif"
    return data


def test_an_avif_is_read_from_its_content_and_stored_as_jpeg(seen):
    image = list_image(["- one", "- two"], width=240)
    out = CODEC.normalise(avif(image, quality=90), MAX_PIXELS)
    stored = Image.open(io.BytesIO(out.data))
    assert (out.format, stored.format, (out.width, out.height)) == ("jpeg", "JPEG", image.size) and stored.size == image.size
    assert stored.getpixel((5, 5)) > (240, 240, 240)
    assert out.stats["brightness"] > 0.9 and out.stats["edge_density"] > 0
    assert list(seen.decoded.values()) == [image.size]  # decoded once


def test_an_avif_under_the_generic_mif1_brand_is_read_as_avif():
    data = avif(Image.new("RGB", (64, 48), (0, 128, 255)))
    out = CODEC.normalise(data[:8] + b"mif1" + data[12:], MAX_PIXELS)  # "avif" stays among its compatible brands
    assert (out.format, out.width, out.height) == ("jpeg", 64, 48)
    assert Image.open(io.BytesIO(out.data)).getpixel((30, 20))[2] > 230


def test_a_transparent_avif_is_stored_as_webp_with_its_alpha():
    image = Image.new("RGBA", (64, 64), (255, 0, 0, 0))
    image.paste((0, 0, 255, 255), (0, 0, 32, 64))
    out = CODEC.normalise(avif(image, quality=95), MAX_PIXELS)
    stored = Image.open(io.BytesIO(out.data))
    assert (out.format, stored.format, stored.mode) == ("webp", "WEBP", "RGBA")
    assert stored.getpixel((10, 10))[3] > 240 and stored.getpixel((50, 10))[3] < 16


def test_a_sideways_avif_is_stored_upright_without_exif_gps_or_xmp():
    """Pillow writes the EXIF orientation as the container's ``irot``/``imir`` and reads those back as an
    EXIF orientation: turned once."""
    data = avif(sideways_photo(), exif=camera_exif(orientation=6), xmp=XMP)  # view by turning 90 degrees clockwise
    assert b"irot" in data and b"PhoneMaker" in data and b"secret-xmp-author" in data
    assert_upright_without_metadata(CODEC.normalise(data, MAX_PIXELS))


def test_an_avif_decompression_bomb_is_refused_from_its_header_without_decoding(seen):
    small = avif(Image.new("RGB", (64, 64), "white"))
    bomb = heif_claiming(small, 6000, 5000)  # 30 megapixels claimed in under 1 KB
    assert len(bomb) < 1000
    with pytest.raises(TooLarge, match="6000x5000"):
        CODEC.normalise(bomb, MAX_PIXELS)
    with pytest.raises(TooLarge, match="50000x50000"):
        CODEC.normalise(heif_claiming(small, 50_000, 50_000), MAX_PIXELS)
    assert (seen.opened, seen.decoded) == (0, {})  # refused from the boxes: libavif never saw it


def test_an_avif_whose_header_understates_its_frame_is_damaged_and_not_decoded(seen):
    """The other lie, the one libavif lets through: a 64x48 ``ispe`` over a 640x480 frame would decode the
    whole frame (a 6000x5000 one, 30 MP, past the cap). The frame's own AV1 header gives it away."""
    lie = heif_claiming(avif(Image.new("RGB", (640, 480), "white"), speed=10), 64, 48)
    with pytest.raises(ValidationError) as caught:
        CODEC.normalise(lie, MAX_PIXELS)
    assert caught.value.field_errors == {"file": ["is a damaged image"]}
    assert caught.value.detail == "file: is a damaged image (AVIF: a 640x480 frame under a 64x48 header)"
    assert not isinstance(caught.value, (TooLarge, UnsupportedMedia))
    assert (seen.opened, seen.decoded) == (0, {})


def test_a_frame_overriding_its_size_past_the_avif_header_is_damaged_and_not_decoded(seen):
    """A real 64x48 AVIF whose AV1 data is swapped for a frame that says 6000x5000 (padded to the same length,
    so the boxes still point at it): libavif would decode 30 MP under a 64x48 header."""
    data = avif(Image.new("RGB", (64, 48), "white"))
    start = data.index(b"mdat") + 4
    item = sequence() + frame(override=(6000, 5000))
    item += obu(15, b"\0" * (len(data) - start - len(item) - 2))  # a padding OBU
    assert len(item) == len(data) - start
    with pytest.raises(ValidationError) as caught:
        CODEC.normalise(data[:start] + item, MAX_PIXELS)
    assert caught.value.field_errors == {"file": ["is a damaged image"]}
    assert (seen.opened, seen.decoded) == (0, {})
    same = sequence() + frame()  # the same swap without the override reads as 64x48: only the size tells
    assert read_size(data[:start] + same + obu(15, b"\0" * (len(data) - start - len(same) - 2))) == (64, 48)


def test_a_grid_avif_is_read_whole_and_capped_by_the_grids_size(seen):
    photo = Image.new("RGB", (256, 192), "white")
    photo.paste((0, 0, 255), (0, 160, 256, 192))  # a blue band at the foot, across the bottom tiles
    grid = avif_grid(photo, 2, 2)
    assert grid.count(b"ispe") == 2 and b"dimg" in grid  # the grid's and the tiles' (all the same size)
    out = CODEC.normalise(grid, MAX_PIXELS)
    stored = Image.open(io.BytesIO(out.data))
    assert (out.width, out.height) == (256, 192) and stored.getpixel((200, 180))[2] > 200
    assert stored.getpixel((200, 20)) > (230, 230, 230)
    seen.opened, seen.decoded = 0, {}
    with pytest.raises(TooLarge, match="256x192"):
        CODEC.normalise(grid, 40_000)
    assert (seen.opened, seen.decoded) == (0, {})


@pytest.mark.parametrize("tiles, claims", [(2, (64, 64)), (2, (512, 384)), (2, (300, 192)), (2, "ispe"),
                                           (1, (64, 48))])
def test_a_grid_whose_header_is_not_what_its_tiles_cover_is_damaged(seen, tiles, claims):
    """Smaller than its 2x2 tiles of 128x96 (they would be decoded whole), larger (a bomb's header), tiles
    short of the output, an ``ispe`` that is not the grid's output size, or a 64x48 grid of one 256x192
    tile (its one tile is decoded whole, however small the grid): not what MIAF allows, or a bomb."""
    image = Image.new("RGB", (256, 192), "white")
    if claims == "ispe":
        grid = heif_claiming(avif_grid(image, 2, 2), 200, 150, instead_of=(256, 192))
    else:
        grid = avif_grid(image, tiles, tiles, claims=claims)
    with pytest.raises(ValidationError) as caught:
        CODEC.normalise(grid, MAX_PIXELS)
    assert caught.value.field_errors == {"file": ["is a damaged image"]}
    assert seen.decoded == {}


def test_an_animated_avif_is_refused_as_unsupported(seen):
    frames = [Image.new("RGB", (64, 48), colour) for colour in ("red", "green", "blue")]
    animated = encoded(frames[0], "AVIF", save_all=True, append_images=frames[1:], duration=100)
    assert animated[8:12] == b"avis" and b"moov" in animated
    with pytest.raises(UnsupportedMedia) as caught:
        CODEC.normalise(animated, MAX_PIXELS)
    assert "animated AVIF" in str(caught.value) and "still image" in caught.value.field_errors["file"][0]
    assert (seen.opened, seen.decoded) == (0, {})


@pytest.mark.parametrize("cut", [12, 40, 200, -10])
def test_a_truncated_avif_is_a_damaged_image(cut):
    whole = avif(list_image(["- a line"], width=200))
    with pytest.raises(ValidationError) as caught:
        CODEC.normalise(whole[:cut], MAX_PIXELS)
    assert not isinstance(caught.value, (UnsupportedMedia, TooLarge))
    assert caught.value.field_errors == {"file": ["is a damaged image"]}


@pytest.mark.parametrize("damage", [
    lambda d: d.replace(b"ispe", b"ispx"),                                  # no size at all
    lambda d: d.replace(b"pict", b"vide"),                                  # not an image's meta box
    lambda d: d.replace(b"av01", b"hvc1"),                                  # an item that is not AV1
    lambda d: d[:d.index(b"mdat") + 4] + b"\xff" + d[d.index(b"mdat") + 5:],  # an OBU with its forbidden bit
    lambda d: d[:d.index(b"mdat") + 4] + b"\x32" + d[d.index(b"mdat") + 5:],  # a frame before a sequence header
])
def test_an_avif_whose_boxes_or_headers_do_not_read_is_damaged(damage, seen):
    with pytest.raises(ValidationError) as caught:
        CODEC.normalise(damage(avif(Image.new("RGB", (64, 48), "white"))), MAX_PIXELS)
    assert caught.value.field_errors == {"file": ["is a damaged image"]}
    assert seen.decoded == {}


SAMPLES = [encoded(Image.new("RGB", (64, 48), "white"), "AVIF"),
           encoded(Image.new("RGBA", (64, 64), (0, 90, 200, 120)), "AVIF"),
           avif_grid(Image.new("RGB", (256, 192), "white"), 2, 2)]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(SAMPLES), st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)),
                                          min_size=1, max_size=4))
def test_an_avif_with_any_bytes_changed_is_stored_within_the_cap_or_refused_as_a_4xx(sample, changes):
    data = bytearray(sample)
    for where, byte in changes:
        data[int(where * len(data))] = byte
    try:
        out = CODEC.normalise(bytes(data), 20_000)
    except ValidationError:  # 413, 415 or 422: never another error (a 500)
        return
    assert out.width * out.height <= 20_000 and out.format in ("jpeg", "webp")

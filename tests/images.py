"""Images made in the tests: lists drawn with Debian's DejaVu fonts (Pillow's own bitmap font where they
are missing), HEIC files made with pillow-heif's own encoder, and the odd ones the upload checks must refuse."""
from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pillow_heif
from PIL import Image, ImageDraw, ImageFont

FONTS = Path("/usr/share/fonts/truetype/dejavu")


def font(size: int = 28, name: str = "DejaVuSans.ttf"):
    path = FONTS / name
    return ImageFont.truetype(str(path), size) if path.exists() else ImageFont.load_default(size)


def list_image(lines: list[str], *, size: int = 28, name: str = "DejaVuSans.ttf", width: int = 820,
               indent: dict[int, int] | None = None) -> Image.Image:
    """Black text on white, one line per entry, 2.1 line heights apart; ``indent``: extra pixels per line."""
    step = int(size * 2.1)
    image = Image.new("RGB", (width, 40 + step * len(lines)), "white")
    draw = ImageDraw.Draw(image)
    for index, line in enumerate(lines):
        draw.text((30 + (indent or {}).get(index, 0), 20 + step * index), line, fill="black", font=font(size, name))
    return image


def encoded(image: Image.Image, fmt: str = "PNG", **options) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def heic(*images: Image.Image, primary: int = 0, **options) -> bytes:
    """A HEIC file as an iPhone writes one (HEVC in a HEIF container), holding ``images`` with the one at
    ``primary`` as its primary image; ``exif=`` and ``xmp=`` bytes go with the primary one, whose EXIF
    orientation becomes the container's own rotation (``irot``/``imir``), as pillow-heif writes it.
    ``tile_size=512, thumbnails=[256]`` make it the grid of tiles with a thumbnail that iPhones write."""
    container = pillow_heif.from_pillow(images[0])
    for image in images[1:]:
        container.add_from_pillow(image)
    out = io.BytesIO()
    container.save(out, quality=options.pop("quality", 90), primary_index=primary, **options)
    return out.getvalue()


def heif_claiming(data: bytes, width: int, height: int, *, instead_of: tuple[int, int] | None = None) -> bytes:
    """``data`` (a one-image HEIF or AVIF file) with its ``ispe`` box saying ``width`` x ``height``: the
    header of a decompression bomb, whose coded pixels are still the few of the original. ``instead_of``:
    in a file with several ``ispe`` boxes (a grid's and its tiles'), the one that says that size."""
    boxes = [at for at in range(len(data)) if data.startswith(b"ispe", at)]
    if instead_of is not None:
        boxes = [at for at in boxes if struct.unpack(">II", data[at + 8:at + 16]) == instead_of]
    assert len(boxes) == 1, boxes
    at = boxes[0]
    return data[:at + 8] + struct.pack(">II", width, height) + data[at + 16:]


def png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` x ``height`` and whose pixel data is a few bytes: what a
    decompression bomb looks like before decoding."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")


def cer(expected: str, got: str) -> float:
    """Character error rate: Levenshtein distance over the expected text's length."""
    previous = list(range(len(got) + 1))
    for i, a in enumerate(expected, 1):
        current = [i]
        for j, b in enumerate(got, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = current
    return previous[-1] / max(len(expected), 1)

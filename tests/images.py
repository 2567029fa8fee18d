"""Images made in the tests: lists drawn with Debian's DejaVu fonts (Pillow's own bitmap font where they
are missing), HEIC files made with pillow-heif's own encoder, AVIF files made with Pillow's own (libavif and
aom; a grid put together from tiles it encoded), and the odd ones the upload checks must refuse."""
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


def _box(kind: bytes, payload: bytes, version: int | None = None, flags: int = 0) -> bytes:
    if version is not None:  # a full box
        payload = bytes([version]) + flags.to_bytes(3, "big") + payload
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def _child(data: bytes, *path: bytes) -> bytes:
    """The payload of the box at ``path`` (meta's and other full boxes' version and flags skipped)."""
    for kind in path:
        at = 0
        while data[at + 4:at + 8] != kind:
            at += struct.unpack_from(">I", data, at)[0]
        size = struct.unpack_from(">I", data, at)[0]
        data = data[at + 8 + (4 if kind == b"meta" else 0):at + size]
    return data


def avif_grid(image: Image.Image, columns: int, rows: int, *, claims: tuple[int, int] | None = None) -> bytes:
    """An AVIF whose primary image is a grid of ``columns`` x ``rows`` tiles cut from ``image`` (each encoded
    by Pillow, losslessly), as cameras and libavif's ``--grid`` write large images. ``claims``: the size the
    grid's ``ispe`` and output say instead of the image's."""
    tile_w, tile_h = image.width // columns, image.height // rows
    tiles = [encoded(image.crop((c * tile_w, r * tile_h, (c + 1) * tile_w, (r + 1) * tile_h)), "AVIF", lossless=True)
             for r in range(rows) for c in range(columns)]
    coded = [_child(tile, b"mdat") for tile in tiles]  # a one-image file's mdat holds just its AV1 data
    tile_properties = _child(tiles[0], b"meta", b"iprp", b"ipco")  # ispe, pixi, av1C, colr... the same for all
    count = 0
    at = 0
    while at < len(tile_properties):
        at += struct.unpack_from(">I", tile_properties, at)[0]
        count += 1
    width, height = claims or (tile_w * columns, tile_h * rows)
    grid = bytes([0, 0, rows - 1, columns - 1]) + struct.pack(">HH", width, height)
    ids = list(range(2, 2 + len(coded)))
    ftyp = _box(b"ftyp", b"avif" + b"\0\0\0\0" + b"avifmif1miaf")

    def meta(mdat_start: int) -> bytes:
        offsets, at = [], mdat_start + 8
        for part in [grid, *coded]:
            offsets.append((at, len(part)))
            at += len(part)
        iloc = struct.pack(">BBH", 0x44, 0x00, 1 + len(coded)) + b"".join(
            struct.pack(">HHHII", item, 0, 1, offset, length) for item, (offset, length) in zip([1, *ids], offsets))
        infe = [_box(b"infe", struct.pack(">HH", item, 0) + kind + b"\0", version=2)
                for item, kind in zip([1, *ids], [b"grid"] + [b"av01"] * len(ids))]
        ipco = _box(b"ipco", _box(b"ispe", struct.pack(">II", width, height), version=0) + tile_properties)
        tile_links = bytes([count] + [2 + k for k in range(count)])
        ipma = _box(b"ipma", struct.pack(">I", 1 + len(ids)) + struct.pack(">HBB", 1, 1, 1)
                    + b"".join(struct.pack(">H", item) + tile_links for item in ids), version=0)
        return _box(b"meta", b"".join([
            _box(b"hdlr", b"\0" * 4 + b"pict" + b"\0" * 13, version=0),
            _box(b"pitm", struct.pack(">H", 1), version=0),
            _box(b"iloc", iloc, version=0),
            _box(b"iinf", struct.pack(">H", len(infe)) + b"".join(infe), version=0),
            _box(b"iref", _box(b"dimg", struct.pack(">HH", 1, len(ids)) + b"".join(struct.pack(">H", i) for i in ids)),
                 version=0),
            _box(b"iprp", ipco + ipma),
        ]), version=0)

    head = ftyp + meta(0)
    head = ftyp + meta(len(head))  # offsets are of fixed size: the second pass has the same length
    return head + _box(b"mdat", grid + b"".join(coded))


XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
       b'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="secret-xmp-author"/>'
       b'</rdf:RDF></x:xmpmeta>')
GPS = {1: "N", 2: (48.0, 8.0, 0.0), 3: "E", 4: (11.0, 34.0, 0.0)}


def camera_exif(orientation: int = 1) -> bytes:
    """EXIF as a phone writes it: an orientation, the maker and a GPS position (none may be stored)."""
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = GPS
    return exif.tobytes()


def sideways_photo() -> Image.Image:
    """300x100 as the sensor saw it, a red stripe on its left: stored with orientation 6 (view by turning
    90 degrees clockwise), it must come out 100x300 with the stripe on top."""
    as_taken = Image.new("RGB", (300, 100), "white")
    as_taken.paste((255, 0, 0), (0, 0, 30, 100))
    return as_taken


def assert_upright_without_metadata(out) -> None:
    """``out`` (the codec's result for ``sideways_photo`` with ``camera_exif(6)`` and ``XMP``) is upright,
    turned once only, and carries no EXIF, GPS or XMP."""
    stored = Image.open(io.BytesIO(out.data))
    assert (out.width, out.height) == (100, 300) == stored.size
    assert stored.getpixel((50, 10))[0] > 200 and stored.getpixel((50, 10))[1] < 60  # the stripe is now on top
    assert stored.getpixel((50, 290)) > (200, 200, 200)
    assert not stored.getexif() and not stored.info.get("xmp")
    for secret in (b"PhoneMaker", b"secret-xmp-author", b"Exif", b"GPS", b"xmpmeta"):
        assert secret not in out.data


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

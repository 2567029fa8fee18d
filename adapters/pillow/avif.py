"""An AVIF file's size, read from its ISO BMFF boxes and its AV1 headers before anything is decoded.

The size is the primary item's ``ispe`` property (meta > iprp > ipco > ispe, tied to items by ipma): for a
grid, the grid's, which must match the output size its data gives. That alone is not enough: libavif and
dav1d decode a frame at the size its own AV1 header gives, whatever ``ispe`` says (a 64x64 ``ispe`` over a
6000x5000 frame decodes all 30 MP). So every coded item in the file (the primary image, a grid's tiles,
an alpha plane, a thumbnail) is held to its ``ispe``: its one frame may not be larger (``av1.py``), no item
may have more pixels than the image, and a grid's tiles must cover its output once, as MIAF says, and no
more. Nothing is then decoded larger than the header the pixel cap was checked against (a grid's tiles
reach past its right and bottom edges by less than a tile).

Refused: a file with a track (``moov``, brands ``avis``/``msf1``: an animated AVIF) or an item holding
several frames (layered) as ``Unsupported``; anything that does not read as above as ``Damaged``.
"""
from __future__ import annotations

import struct
from dataclasses import dataclass, field

from adapters.pillow.av1 import Av1Error, NotAStill, item_frame_size

SEQUENCE_BRANDS = (b"avis", b"msf1")


class Damaged(ValueError):
    """The file's boxes or AV1 headers do not read, or say two different things."""


class Unsupported(ValueError):
    """An AVIF the server does not read: animated (an image sequence) or layered."""


@dataclass
class _Item:
    kind: bytes = b""
    extents: list[tuple[int, int]] = field(default_factory=list)  # (offset, length) in ``source``
    source: str = "file"  # or "idat"
    properties: list[int] = field(default_factory=list)  # 1-based indexes into ipco


def _boxes(data: bytes, start: int, end: int):
    """(type, payload start, payload end) of the boxes in ``data[start:end]``."""
    at = start
    while at < end:
        if end - at < 8:
            raise Damaged("a box header ends early")
        size, kind = struct.unpack_from(">I4s", data, at)
        header = 8
        if size == 1:
            if end - at < 16:
                raise Damaged("a box header ends early")
            size, header = struct.unpack_from(">Q", data, at + 8)[0], 16
        elif size == 0:
            size = end - at
        if size < header or at + size > end:
            raise Damaged(f"the {kind!r} box runs past its container")
        yield kind, at + header, at + size
        at += size


def _children(data: bytes, start: int, end: int, unique: tuple[bytes, ...]) -> dict[bytes, tuple[int, int]]:
    found: dict[bytes, tuple[int, int]] = {}
    for kind, payload, box_end in _boxes(data, start, end):
        if kind in unique:
            if kind in found:
                raise Damaged(f"two {kind!r} boxes")
            found[kind] = (payload, box_end)
    return found


class _Reader:
    def __init__(self, data: bytes, at: int, end: int) -> None:
        self.data, self.at, self.end = data, at, end

    def uint(self, size: int) -> int:
        if size == 0:
            return 0
        if size > 8 or self.at + size > self.end:
            raise Damaged("a box ends early")
        value = int.from_bytes(self.data[self.at:self.at + size], "big")
        self.at += size
        return value

    def full_box(self) -> tuple[int, int]:
        return self.uint(1), self.uint(3)  # version, flags


def brands(data: bytes) -> list[bytes]:
    """The ``ftyp`` box's major and compatible brands (none when the file does not start with one)."""
    if data[4:8] != b"ftyp":
        return []
    end = min(int.from_bytes(data[:4], "big"), len(data))
    return [data[8:12]] + [data[at:at + 4] for at in range(16, end - 3, 4)]


def read_size(data: bytes) -> tuple[int, int]:
    """The AVIF image's width and height, once every coded item is known to fit its header."""
    top = _children(data, 0, len(data), (b"ftyp", b"meta", b"moov"))
    if b"moov" in top or any(brand in SEQUENCE_BRANDS for brand in brands(data)):
        raise Unsupported("an animated AVIF (an image sequence)")
    if b"meta" not in top:
        raise Damaged("no meta box")
    items, properties, primary, idat, iref = _meta(data, *top[b"meta"])
    if primary not in items or items[primary].kind not in (b"av01", b"grid"):
        raise Damaged("no primary AV1 image")
    dimg = _references(data, *iref) if iref else {}
    sizes = {}
    for item_id, item in items.items():
        if item.kind in (b"av01", b"grid"):
            sizes[item_id] = _ispe(data, properties, item)
    width, height = sizes[primary]
    if any(w * h > width * height for w, h in sizes.values()):  # a tile past a 1x1 grid, an alpha plane...
        raise Damaged("an image inside the file larger than the image")
    for item_id, item in items.items():
        if item.kind == b"av01":
            frame_width, frame_height = _coded(data, idat, item)
            if frame_width > sizes[item_id][0] or frame_height > sizes[item_id][1]:
                raise Damaged(f"a {frame_width}x{frame_height} frame under a "
                              f"{sizes[item_id][0]}x{sizes[item_id][1]} header")
        elif item.kind == b"grid":
            _check_grid(_item_data(data, idat, item), sizes[item_id], [(items.get(t), sizes.get(t))
                                                                         for t in dimg.get(item_id, [])])
    return sizes[primary]


def _meta(data: bytes, start: int, end: int):
    reader = _Reader(data, start, end)
    reader.full_box()
    boxes = _children(data, reader.at, end, (b"hdlr", b"pitm", b"iloc", b"iinf", b"iprp", b"iref", b"idat"))
    for needed in (b"hdlr", b"pitm", b"iloc", b"iinf", b"iprp"):
        if needed not in boxes:
            raise Damaged(f"no {needed!r} box")
    hdlr = _Reader(data, *boxes[b"hdlr"])
    hdlr.full_box(), hdlr.uint(4)
    if hdlr.uint(4) != int.from_bytes(b"pict", "big"):
        raise Damaged("the meta box's handler is not 'pict'")
    pitm = _Reader(data, *boxes[b"pitm"])
    primary = pitm.uint(2 if pitm.full_box()[0] == 0 else 4)
    items: dict[int, _Item] = {}
    _infos(data, *boxes[b"iinf"], items)
    _locations(data, *boxes[b"iloc"], items)
    properties = _properties(data, *boxes[b"iprp"], items)
    return items, properties, primary, boxes.get(b"idat"), boxes.get(b"iref")


def _infos(data: bytes, start: int, end: int, items: dict[int, _Item]) -> None:
    reader = _Reader(data, start, end)
    version, _ = reader.full_box()
    reader.uint(2 if version == 0 else 4)  # entry_count
    for kind, payload, box_end in _boxes(data, reader.at, end):
        if kind != b"infe":
            continue
        infe = _Reader(data, payload, box_end)
        version, _ = infe.full_box()
        if version < 2:
            continue  # no item type: nothing AV1
        item_id = infe.uint(2 if version == 2 else 4)
        infe.uint(2)  # item_protection_index
        if item_id in items:
            raise Damaged(f"item {item_id} described twice")
        items[item_id] = _Item(kind=infe.uint(4).to_bytes(4, "big"))


def _locations(data: bytes, start: int, end: int, items: dict[int, _Item]) -> None:
    reader = _Reader(data, start, end)
    version, _ = reader.full_box()
    if version > 2:
        raise Damaged("an iloc box of unknown version")
    sizes = reader.uint(1)
    offset_size, length_size = sizes >> 4, sizes & 15
    sizes = reader.uint(1)
    base_size, index_size = sizes >> 4, (sizes & 15 if version in (1, 2) else 0)
    located = set()
    for _ in range(reader.uint(2 if version < 2 else 4)):
        item_id = reader.uint(2 if version < 2 else 4)
        method = reader.uint(2) & 15 if version in (1, 2) else 0
        if reader.uint(2) != 0:  # data_reference_index: another file
            raise Damaged("an item in another file")
        base = reader.uint(base_size)
        extents = []
        for _ in range(reader.uint(2)):
            reader.uint(index_size)
            extents.append((base + reader.uint(offset_size), reader.uint(length_size)))
        if item_id in located:
            raise Damaged(f"item {item_id} located twice")
        located.add(item_id)
        item = items.get(item_id)
        if item is not None:
            if method not in (0, 1):
                raise Damaged("an item built from other items' data")
            item.extents, item.source = extents, ("file" if method == 0 else "idat")


def _properties(data: bytes, start: int, end: int, items: dict[int, _Item]) -> list[tuple[bytes, int, int]]:
    boxes = _children(data, start, end, (b"ipco",))
    if b"ipco" not in boxes:
        raise Damaged("no ipco box")
    properties = list(_boxes(data, *boxes[b"ipco"]))
    associated = set()
    for kind, payload, box_end in _boxes(data, start, end):
        if kind != b"ipma":
            continue
        reader = _Reader(data, payload, box_end)
        version, flags = reader.full_box()
        for _ in range(reader.uint(4)):
            item_id = reader.uint(2 if version < 1 else 4)
            if item_id in associated:
                raise Damaged(f"item {item_id}'s properties given twice")
            associated.add(item_id)
            indexes = [reader.uint(2 if flags & 1 else 1) & (0x7FFF if flags & 1 else 0x7F)
                       for _ in range(reader.uint(1))]
            if any(index > len(properties) for index in indexes):
                raise Damaged("a property that is not there")
            if item_id in items:
                items[item_id].properties = [index for index in indexes if index]
    return properties


def _references(data: bytes, start: int, end: int) -> dict[int, list[int]]:
    """The ``dimg`` references: each grid's tiles, in order."""
    reader = _Reader(data, start, end)
    version, _ = reader.full_box()
    size = 2 if version == 0 else 4
    tiles: dict[int, list[int]] = {}
    for kind, payload, box_end in _boxes(data, reader.at, end):
        ref = _Reader(data, payload, box_end)
        source = ref.uint(size)
        targets = [ref.uint(size) for _ in range(ref.uint(2))]
        if kind == b"dimg":
            if source in tiles:
                raise Damaged(f"item {source}'s tiles given twice")
            tiles[source] = targets
    return tiles


def _ispe(data: bytes, properties: list[tuple[bytes, int, int]], item: _Item) -> tuple[int, int]:
    found = [properties[index - 1] for index in item.properties if properties[index - 1][0] == b"ispe"]
    if len(found) != 1:
        raise Damaged("an image without exactly one ispe property")
    _, payload, end = found[0]
    reader = _Reader(data, payload, end)
    reader.full_box()
    width, height = reader.uint(4), reader.uint(4)
    if not width or not height:
        raise Damaged("an image of no pixels")
    return width, height


def _item_data(data: bytes, idat: tuple[int, int] | None, item: _Item) -> bytes:
    if not item.extents:
        raise Damaged("an image whose data is nowhere")
    start, end = (0, len(data)) if item.source == "file" else (idat or (0, 0))
    if item.source == "idat" and idat is None:
        raise Damaged("an item in an idat box that is not there")
    parts = []
    for offset, length in item.extents:
        length = length or (end - start - offset)  # 0: to the end
        if offset < 0 or length <= 0 or start + offset + length > end:
            raise Damaged("an item's data runs past the file")
        parts.append(data[start + offset:start + offset + length])
    return b"".join(parts)


def _coded(data: bytes, idat: tuple[int, int] | None, item: _Item) -> tuple[int, int]:
    try:
        return item_frame_size(_item_data(data, idat, item))
    except NotAStill as exc:
        raise Unsupported(f"a layered AVIF image ({exc})") from None
    except Av1Error as exc:
        raise Damaged(str(exc)) from None


def _check_grid(payload: bytes, size: tuple[int, int], tiles: list) -> None:
    """The grid's output is its ``ispe`` size, and its rows x columns of same-size AV1 tiles cover it, each
    row and column of tiles reaching into it (so the tiles hold little more than the output's pixels)."""
    reader = _Reader(payload, 0, len(payload))
    if reader.uint(1) != 0:
        raise Damaged("a grid of unknown version")
    wide = reader.uint(1) & 1
    rows, columns = reader.uint(1) + 1, reader.uint(1) + 1
    output = reader.uint(4 if wide else 2), reader.uint(4 if wide else 2)
    if output != size:
        raise Damaged(f"a grid whose output {output[0]}x{output[1]} is not its header's {size[0]}x{size[1]}")
    if len(tiles) != rows * columns or any(item is None or item.kind != b"av01" for item, _ in tiles):
        raise Damaged("a grid whose tiles are not its rows x columns of AV1 images")
    if len({tile_size for _, tile_size in tiles}) != 1:
        raise Damaged("a grid of tiles of different sizes")
    tile_width, tile_height = tiles[0][1]
    for count, tile, whole in ((columns, tile_width, size[0]), (rows, tile_height, size[1])):
        if count * tile < whole or (count - 1) * tile >= whole:
            raise Damaged("a grid whose tiles do not cover its output once")

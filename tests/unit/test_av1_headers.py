"""The size of an AV1 image item's frame, read from its headers: the sequence header's maximum size, or the
frame header's own when it overrides it (which dav1d decodes at, whatever the container claims). Headers are
written bit by bit here as the AV1 specification lays them out (sections 5.5 and 5.9), and read back from
what Pillow's encoder (aom) writes, still and animated."""
from __future__ import annotations

import pytest
from PIL import Image

from adapters.pillow.av1 import Av1Error, NotAStill, item_frame_size, sequence_header
from tests.images import encoded


class Bits:
    def __init__(self) -> None:
        self.bits: list[int] = []

    def put(self, value: int, n: int) -> "Bits":
        self.bits += [(value >> (n - 1 - k)) & 1 for k in range(n)]
        return self

    def bytes(self) -> bytes:
        bits = self.bits + [0] * (-len(self.bits) % 8)
        return bytes(int("".join(map(str, bits[at:at + 8])), 2) for at in range(0, len(bits), 8))


def obu(kind: int, payload: bytes) -> bytes:
    assert len(payload) < 128
    return bytes([kind << 3 | 0b10, len(payload)]) + payload  # has_size_field, a one-byte leb128 size


def sequence(width: int = 64, height: int = 48, size_bits: int = 16) -> bytes:
    """A full (not reduced) sequence header: one operating point, order hints on, screen content tools and
    integer motion vectors chosen per frame."""
    bits = Bits().put(0, 3).put(0, 1).put(0, 1)     # seq_profile, still_picture, reduced_still_picture_header
    bits.put(0, 1).put(0, 1).put(0, 5)               # timing_info, initial_display_delay, one operating point
    bits.put(0, 12).put(8, 5).put(0, 1)              # operating_point_idc, seq_level_idx 8 (so a tier bit)
    bits.put(size_bits - 1, 4).put(size_bits - 1, 4).put(width - 1, size_bits).put(height - 1, size_bits)
    bits.put(0, 1).put(0, 3).put(0, 4)               # no frame ids; superblock/filter/compound tools off
    bits.put(1, 1).put(0, 2)                         # enable_order_hint; jnt_comp, ref_frame_mvs
    bits.put(1, 1).put(1, 1).put(6, 3)               # screen content tools and integer mv: per frame; 7 hint bits
    bits.put(0, 8)                                   # (the rest of the header, not read for the size)
    return obu(1, bits.bytes())


def frame(override: tuple[int, int] | None = None, frame_type: int = 0, size_bits: int = 16) -> bytes:
    """A shown frame's header (a key frame unless told), its size the sequence's or ``override``."""
    bits = Bits().put(0, 1).put(frame_type, 2).put(1, 1)  # show_existing_frame, frame_type, show_frame
    if frame_type != 0:
        bits.put(0, 1)                                    # error_resilient_mode
    bits.put(0, 1).put(0, 1)                              # disable_cdf_update, allow_screen_content_tools
    bits.put(1 if override else 0, 1).put(0, 7)           # frame_size_override_flag, order_hint
    if frame_type == 2:
        bits.put(1, 8)                                    # refresh_frame_flags (not all: an intra-only frame)
    if override:
        bits.put(override[0] - 1, size_bits).put(override[1] - 1, size_bits)
    bits.put(0, 16)                                       # (the rest of the header)
    return obu(6, bits.bytes())


def test_a_frame_is_the_sequences_size_unless_its_header_overrides_it():
    assert item_frame_size(obu(2, b"") + sequence() + frame()) == (64, 48)
    assert item_frame_size(sequence() + frame(override=(6000, 5000))) == (6000, 5000)  # past the maximum, read
    assert item_frame_size(sequence() + frame(override=(32, 24), frame_type=2)) == (32, 24)  # intra-only


def test_what_aom_writes_reads_back_still_and_animated():
    still = encoded(Image.new("RGB", (96, 40), "white"), "AVIF")  # a reduced still picture header
    mdat = still[still.index(b"mdat") + 4:]
    assert item_frame_size(mdat) == (96, 40)
    frames = [Image.new("RGB", (96, 40), colour) for colour in ("red", "blue")]
    animated = encoded(frames[0], "AVIF", save_all=True, append_images=frames[1:])
    first = animated[animated.index(b"mdat") + 4:]  # the first frame's temporal unit, then the second's
    seq = sequence_header(first[4:4 + first[3]])   # after the temporal delimiter: a full sequence header
    assert not seq.reduced and (seq.max_width, seq.max_height, seq.order_hint_bits) == (96, 40, 7)
    with pytest.raises(NotAStill):  # two frames, read as one item: not a still image
        item_frame_size(first)


@pytest.mark.parametrize("data", [
    sequence() + frame() + frame(),     # two frames in one image
    sequence() + frame(frame_type=1),   # an inter frame, with nothing to refer to
    sequence() + obu(8, b"\0" * 4),     # a large-scale tile list
])
def test_an_item_that_is_not_one_intra_frame_is_not_a_still(data):
    with pytest.raises(NotAStill):
        item_frame_size(data)


@pytest.mark.parametrize("data", [
    frame(),                                     # no sequence header before it
    sequence() + frame()[:4],                    # a frame header cut short
    sequence()[:-3] + frame(),                   # a sequence header cut short (its size says more)
    sequence(),                                  # no frame at all
    sequence() + bytes([6 << 3 | 0b10, 0x80]),   # an OBU size that never ends
])
def test_headers_that_do_not_read_are_refused(data):
    with pytest.raises(Av1Error):
        item_frame_size(data)

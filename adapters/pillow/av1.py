"""The size of the frame an AV1 image item decodes to, read from its sequence and frame headers (AV1
bitstream specification, sections 5.3 to 5.9) without decoding it.

dav1d sizes a frame by its own header, not by the container's ``ispe``: a frame header may override the
sequence header's maximum size with any width and height of ``frame_width_bits`` bits (up to 65536 each),
and dav1d does not hold it to that maximum. So the frame header is read too, as far as its size. An image
item holds one temporal unit with one intra frame (a key frame, or an intra-only one); anything else (an
inter frame, a layered or several-frame item) is refused: it has no place in a still image.
"""
from __future__ import annotations

from dataclasses import dataclass

OBU_SEQUENCE_HEADER, OBU_FRAME_HEADER, OBU_FRAME, OBU_TILE_LIST = 1, 3, 6, 8
KEY_FRAME, INTRA_ONLY_FRAME = 0, 2
SELECT = 2  # seq_force_screen_content_tools / seq_force_integer_mv: chosen per frame


class Av1Error(ValueError):
    """The item's AV1 data does not read as one intra frame (truncated, malformed or not a still image)."""


class NotAStill(Av1Error):
    """The item holds more than one frame, or a frame that needs others: a layered or animated picture."""


class _Bits:
    def __init__(self, data: bytes) -> None:
        self.data, self.at = data, 0  # ``at`` in bits

    def f(self, n: int) -> int:
        if self.at + n > 8 * len(self.data):
            raise Av1Error("an AV1 header ends early")
        value = 0
        for _ in range(n):
            value = (value << 1) | (self.data[self.at >> 3] >> (7 - (self.at & 7)) & 1)
            self.at += 1
        return value

    def uvlc(self) -> int:
        zeros = 0
        while not self.f(1):
            zeros += 1
            if zeros >= 32:
                return (1 << 32) - 1
        return self.f(zeros) + (1 << zeros) - 1


@dataclass(frozen=True)
class Sequence:
    """What of a sequence header the frame header's size depends on."""
    reduced: bool
    width_bits: int
    height_bits: int
    max_width: int
    max_height: int
    equal_picture_interval: bool = False
    decoder_model: bool = False
    presentation_time_bits: int = 0
    removal_time_bits: int = 0
    decoder_model_ops: tuple[int, ...] = ()  # operating_point_idc of each op with a decoder model
    frame_id_bits: int = 0                   # 0: no frame ids
    force_screen_content_tools: int = SELECT
    force_integer_mv: int = SELECT
    order_hint_bits: int = 0


def sequence_header(payload: bytes) -> Sequence:
    bits = _Bits(payload)
    bits.f(3)  # seq_profile
    still, reduced = bits.f(1), bits.f(1)
    if reduced and not still:
        raise Av1Error("a reduced still picture header on a picture that is not still")
    equal_interval = decoder_model = False
    presentation_bits = removal_bits = delay_bits = 0
    ops: list[int] = []
    if reduced:
        bits.f(5)  # seq_level_idx[0]
    else:
        if bits.f(1):  # timing_info_present_flag
            bits.f(32), bits.f(32)  # num_units_in_display_tick, time_scale
            equal_interval = bool(bits.f(1))
            if equal_interval:
                bits.uvlc()  # num_ticks_per_picture_minus_1
            decoder_model = bool(bits.f(1))
            if decoder_model:
                delay_bits = bits.f(5) + 1
                bits.f(32)  # num_units_in_decoding_tick
                removal_bits, presentation_bits = bits.f(5) + 1, bits.f(5) + 1
        initial_display_delay = bits.f(1)
        for _ in range(bits.f(5) + 1):  # operating points
            idc = bits.f(12)
            if bits.f(5) > 7:  # seq_level_idx
                bits.f(1)  # seq_tier
            if decoder_model and bits.f(1):  # decoder_model_present_for_this_op
                bits.f(delay_bits), bits.f(delay_bits), bits.f(1)
                ops.append(idc)
            if initial_display_delay and bits.f(1):
                bits.f(4)
    width_bits, height_bits = bits.f(4) + 1, bits.f(4) + 1
    max_width, max_height = bits.f(width_bits) + 1, bits.f(height_bits) + 1
    frame_id_bits = 0
    if not reduced and bits.f(1):  # frame_id_numbers_present_flag
        delta = bits.f(4) + 2
        frame_id_bits = bits.f(3) + 1 + delta
    bits.f(3)  # use_128x128_superblock, enable_filter_intra, enable_intra_edge_filter
    screen, integer_mv, order_hint_bits = SELECT, SELECT, 0
    if not reduced:
        bits.f(4)  # enable_interintra_compound, masked_compound, warped_motion, dual_filter
        order_hint = bits.f(1)
        if order_hint:
            bits.f(2)  # enable_jnt_comp, enable_ref_frame_mvs
        screen = SELECT if bits.f(1) else bits.f(1)
        if screen > 0:
            integer_mv = SELECT if bits.f(1) else bits.f(1)
        if order_hint:
            order_hint_bits = bits.f(3) + 1
    return Sequence(bool(reduced), width_bits, height_bits, max_width, max_height, equal_interval, decoder_model,
                    presentation_bits, removal_bits, tuple(ops), frame_id_bits, screen, integer_mv, order_hint_bits)


def frame_size(seq: Sequence, payload: bytes, temporal_id: int = 0, spatial_id: int = 0) -> tuple[int, int]:
    """The (upscaled) width and height of the intra frame whose header starts ``payload``."""
    if seq.reduced:  # a key frame of the sequence's own size, no override possible
        return seq.max_width, seq.max_height
    bits = _Bits(payload)
    if bits.f(1):  # show_existing_frame: shows a frame decoded before, of which a still item has none
        raise NotAStill("a frame that shows another")
    frame_type, show_frame = bits.f(2), bits.f(1)
    if frame_type not in (KEY_FRAME, INTRA_ONLY_FRAME):
        raise NotAStill("an inter frame")
    if show_frame and seq.decoder_model and not seq.equal_picture_interval:
        bits.f(seq.presentation_time_bits)  # temporal_point_info
    if not show_frame:
        bits.f(1)  # showable_frame
    resilient = (frame_type == KEY_FRAME and show_frame) or bits.f(1)  # error_resilient_mode
    bits.f(1)  # disable_cdf_update
    screen = bits.f(1) if seq.force_screen_content_tools == SELECT else seq.force_screen_content_tools
    if screen and seq.force_integer_mv == SELECT:
        bits.f(1)  # force_integer_mv
    if seq.frame_id_bits:
        bits.f(seq.frame_id_bits)  # current_frame_id
    override = bits.f(1)  # frame_size_override_flag
    bits.f(seq.order_hint_bits)  # order_hint; intra frames have no primary_ref_frame
    if seq.decoder_model and bits.f(1):  # buffer_removal_time_present_flag
        for idc in seq.decoder_model_ops:
            if idc == 0 or ((idc >> temporal_id) & 1 and (idc >> (spatial_id + 8)) & 1):
                bits.f(seq.removal_time_bits)
    if not (frame_type == KEY_FRAME and show_frame):
        refresh = bits.f(8)  # refresh_frame_flags
        if refresh != 0xFF and resilient and seq.order_hint_bits:
            for _ in range(8):
                bits.f(seq.order_hint_bits)  # ref_order_hint
    if not override:
        return seq.max_width, seq.max_height
    return bits.f(seq.width_bits) + 1, bits.f(seq.height_bits) + 1


def _obus(data: bytes):
    """(type, temporal_id, spatial_id, payload) of each OBU (section 5.3)."""
    at = 0
    while at < len(data):
        header = data[at]
        if header & 0x80:
            raise Av1Error("an OBU's forbidden bit is set")
        kind, extension, has_size = header >> 3 & 15, header >> 2 & 1, header >> 1 & 1
        at += 1
        temporal_id = spatial_id = 0
        if extension:
            if at >= len(data):
                raise Av1Error("an OBU header ends early")
            temporal_id, spatial_id = data[at] >> 5, data[at] >> 3 & 3
            at += 1
        size = len(data) - at
        if has_size:
            size, at = _leb128(data, at)
        if at + size > len(data):
            raise Av1Error("an OBU runs past the item's data")
        yield kind, temporal_id, spatial_id, data[at:at + size]
        at += size


def _leb128(data: bytes, at: int) -> tuple[int, int]:
    value = 0
    for i in range(8):
        if at >= len(data):
            raise Av1Error("an OBU size ends early")
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << (7 * i)
        if not byte & 0x80:
            return value, at
    raise Av1Error("an OBU size longer than 8 bytes")


def item_frame_size(data: bytes) -> tuple[int, int]:
    """The size the item's one frame decodes to; ``Av1Error`` unless it holds exactly one intra frame after a
    sequence header."""
    seq: Sequence | None = None
    sizes = []
    for kind, temporal_id, spatial_id, payload in _obus(data):
        if kind == OBU_SEQUENCE_HEADER:
            seq = sequence_header(payload)
        elif kind in (OBU_FRAME_HEADER, OBU_FRAME):
            if seq is None:
                raise Av1Error("a frame before any sequence header")
            sizes.append(frame_size(seq, payload, temporal_id, spatial_id))
        elif kind == OBU_TILE_LIST:
            raise NotAStill("a large-scale tile list")
    if len(sizes) > 1:
        raise NotAStill("more than one frame in one image")
    if not sizes:
        raise Av1Error("no frame")
    return sizes[0]

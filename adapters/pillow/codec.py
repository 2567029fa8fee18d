"""Uploads checked and re-encoded with Pillow (and pillow-heif for the HEIC/HEIF photos of iPhones).

``Image.open`` reads only the header: the format comes from the content (never the file name or the
declared type), and the pixel count is checked there, before any decoding, so a small file that
would decode to gigabytes (a decompression bomb) is refused without being decoded. Then the EXIF
orientation is applied and the image is saved again with nothing but its pixels: no EXIF (GPS,
camera serials), no XMP, no text chunks, no ICC profile.

PNG, JPEG and WebP are stored in their own format. HEIC/HEIF and AVIF are stored as JPEG (WebP when
transparent): every browser shows those and every vision engine reads them. Of a HEIF container only the
primary image is read (not the other images, thumbnails, depth maps or auxiliary images), upright as its
``irot``/``imir`` boxes say (pillow-heif resets the EXIF orientation, which would turn it twice). libheif
refuses a HEIC whose coded image is larger than its header says before decoding it, so the header's pixel
count holds.

AVIF (AV1 in the same container, read by Pillow's own plugin: libavif and dav1d) is different: dav1d
decodes a frame at the size its AV1 header gives, whatever the container's header claims (a 64x64 header
over a 6000x5000 frame decodes all 30 MP). So before Pillow sees the file, ``avif.read_size`` reads the
primary image's size from the boxes and holds every coded item in the file to its own header (the AV1
sequence and frame headers read as far as their size); the cap is checked against that. Its ``irot``/``imir``
reach Pillow as an EXIF orientation, applied once like a JPEG's. An animated AVIF (a track, brand ``avis``)
is refused (415): a list or whiteboard is a still image, and which frame to read would be a guess.
"""
from __future__ import annotations

import functools
import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from domain.errors import TooLarge, UnsupportedMedia, ValidationError
from domain.model.image import NormalisedImage
from ports.images import ImageCodec
from adapters.pillow import avif
from adapters.pillow.stats import image_stats

# Pillow's format -> the stored format (None: JPEG, or WebP when transparent)
_FORMATS = {"PNG": "png", "JPEG": "jpeg", "WEBP": "webp", "HEIF": None, "AVIF": None}
_SNIFFED = ["PNG", "JPEG", "WEBP", "HEIF"]  # what Pillow may open by itself: AVIF only once its boxes were read
_MODES = {"png": ("1", "L", "LA", "P", "RGB", "RGBA", "I;16"), "jpeg": ("L", "RGB"), "webp": ("RGB", "RGBA")}
_SAVE = {"png": {"format": "PNG"}, "jpeg": {"format": "JPEG", "quality": 90},
         "webp": {"format": "WEBP", "quality": 90}}
# ISO BMFF brands (bytes 8-12, after ``ftyp``) of the HEIF images read, as pillow-heif takes them; a file that
# names an AVIF brand among its compatible ones is AV1 in the same container (``mif1``): read as AVIF
_HEIF_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs", b"mif1", b"msf1")
_AVIF_BRANDS = (b"avif", b"avis")
_ACCEPTED = "PNG, JPEG, WebP, HEIC/HEIF or AVIF"
_DECODING_ERRORS = (OSError, SyntaxError, ValueError, RuntimeError, EOFError, Image.DecompressionBombError)


@functools.cache
def _register_heif() -> None:
    """pillow-heif as a Pillow plugin, once, reading no thumbnails, depth maps or auxiliary images."""
    from pillow_heif import register_heif_opener

    register_heif_opener(thumbnails=False, depth_images=False, aux_images=False)


def _unsupported() -> UnsupportedMedia:
    return UnsupportedMedia(f"images must be {_ACCEPTED}", {"file": [f"must be a {_ACCEPTED} image"]})


def _damaged(why: str = "") -> ValidationError:
    """``why``: what did not read, for the problem's detail (the field's message stays the same for all)."""
    return ValidationError(f"file: is a damaged image{f' ({why})' if why else ''}", {"file": ["is a damaged image"]})


def _claims_accepted_format(data: bytes) -> bool:
    """The first bytes are those of an accepted format (the file is that, damaged, rather than another)."""
    return (data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")
            or (data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS))


def _too_many(width: int, height: int, max_pixels: int) -> TooLarge:
    return TooLarge(f"images are limited to {max_pixels} pixels; this one has {width}x{height}",
                    {"file": [f"at most {max_pixels} pixels"]})


def _opened_avif(data: bytes, max_pixels: int) -> Image.Image:
    """Pillow's AVIF plugin, given the file only once its boxes say a size within the cap that every coded
    item keeps to."""
    try:
        width, height = avif.read_size(data)
    except avif.Unsupported as exc:
        raise UnsupportedMedia(f"images must be {_ACCEPTED}; {exc} is not read",
                               {"file": [f"is {exc}: upload a still image"]}) from None
    except avif.Damaged as exc:
        raise _damaged(f"AVIF: {exc}") from None
    if width * height > max_pixels:
        raise _too_many(width, height, max_pixels)
    image = _opened(data, ["AVIF"])
    if image.format != "AVIF" or image.size != (width, height) or getattr(image, "n_frames", 1) != 1:
        raise _damaged()  # libavif read the file otherwise than its boxes say
    return image


def _opened(data: bytes, formats: list[str]) -> Image.Image:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            return Image.open(io.BytesIO(data), formats=formats)
        except UnidentifiedImageError:
            raise (_damaged() if formats == ["AVIF"] or _claims_accepted_format(data) else _unsupported()) from None
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise TooLarge("the image has too many pixels", {"file": ["has too many pixels"]}) from None
        except (OSError, SyntaxError, ValueError, RuntimeError, EOFError):
            raise _damaged() from None


def _stored_kind(image: Image.Image) -> str:
    if image.format not in _FORMATS:
        raise _unsupported()
    kind = _FORMATS[image.format]
    if kind is None:
        return "webp" if "A" in image.mode or "transparency" in image.info else "jpeg"
    return kind


class PillowImageCodec(ImageCodec):
    def __init__(self) -> None:
        _register_heif()

    def normalise(self, data: bytes, max_pixels: int) -> NormalisedImage:
        is_avif = any(brand in _AVIF_BRANDS for brand in avif.brands(data[:1024]))
        image = _opened_avif(data, max_pixels) if is_avif else _opened(data, _SNIFFED)
        kind = _stored_kind(image)
        width, height = image.size
        if width * height > max_pixels:
            raise _too_many(width, height, max_pixels)
        try:
            upright = ImageOps.exif_transpose(image)  # decodes (the first frame of an animation, a HEIF's primary image)
            if upright.mode not in _MODES[kind]:
                upright = upright.convert("RGBA" if "A" in upright.mode and kind != "jpeg" else "RGB")
            out = io.BytesIO()
            upright.save(out, **_SAVE[kind])
            stats = image_stats(upright).to_dict()
        except _DECODING_ERRORS:
            raise _damaged() from None
        return NormalisedImage(data=out.getvalue(), format=kind, width=upright.width, height=upright.height,
                               stats=stats)

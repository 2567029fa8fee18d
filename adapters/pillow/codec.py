"""Uploads checked and re-encoded with Pillow (and pillow-heif for the HEIC/HEIF photos of iPhones).

``Image.open`` reads only the header: the format comes from the content (never the file name or the
declared type), and the pixel count is checked there, before any decoding, so a small file that
would decode to gigabytes (a decompression bomb) is refused without being decoded. Then the EXIF
orientation is applied and the image is saved again with nothing but its pixels: no EXIF (GPS,
camera serials), no XMP, no text chunks, no ICC profile.

PNG, JPEG and WebP are stored in their own format. HEIC/HEIF is stored as JPEG (WebP when transparent):
every browser shows those and every vision engine reads them. Of a HEIF container only the primary image
is read (not the other images, thumbnails, depth maps or auxiliary images), upright as its
``irot``/``imir`` boxes say (pillow-heif resets the EXIF orientation, which would turn it twice). libheif
refuses a HEIC whose coded image is larger than its header says before decoding it, so the header's pixel
count holds. AVIF is not read: Pillow's AVIF plugin decodes the coded frame whatever size the header
claims (a 64x64 header over a 6000x5000 frame decodes all 30 MP), which would let a bomb past the cap.
"""
from __future__ import annotations

import functools
import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from domain.errors import TooLarge, UnsupportedMedia, ValidationError
from domain.model.image import NormalisedImage
from ports.images import ImageCodec
from adapters.pillow.stats import image_stats

# Pillow's format -> the stored format (None: JPEG, or WebP when transparent)
_FORMATS = {"PNG": "png", "JPEG": "jpeg", "WEBP": "webp", "HEIF": None}
_MODES = {"png": ("1", "L", "LA", "P", "RGB", "RGBA", "I;16"), "jpeg": ("L", "RGB"), "webp": ("RGB", "RGBA")}
_SAVE = {"png": {"format": "PNG"}, "jpeg": {"format": "JPEG", "quality": 90},
         "webp": {"format": "WEBP", "quality": 90}}
# ISO BMFF brands (bytes 8-12, after ``ftyp``) of the HEIF images read, as pillow-heif takes them; a file that
# names an AVIF brand among its compatible ones is AV1 in the same container (``mif1``): not read
_HEIF_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs", b"mif1", b"msf1")
_AVIF_BRANDS = (b"avif", b"avis")
_ACCEPTED = "PNG, JPEG, WebP or HEIC/HEIF"
_DECODING_ERRORS = (OSError, SyntaxError, ValueError, RuntimeError, EOFError, Image.DecompressionBombError)


@functools.cache
def _register_heif() -> None:
    """pillow-heif as a Pillow plugin, once, reading no thumbnails, depth maps or auxiliary images."""
    from pillow_heif import register_heif_opener

    register_heif_opener(thumbnails=False, depth_images=False, aux_images=False)


def _unsupported() -> UnsupportedMedia:
    return UnsupportedMedia(f"images must be {_ACCEPTED}", {"file": [f"must be a {_ACCEPTED} image"]})


def _damaged() -> ValidationError:
    return ValidationError.for_field("file", "is a damaged image")


def _claims_accepted_format(data: bytes) -> bool:
    """The first bytes are those of an accepted format (the file is that, damaged, rather than another)."""
    return (data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")
            or (data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS))


def _is_avif(data: bytes) -> bool:
    """The ``ftyp`` box (major brand, minor version, compatible brands) names an AVIF brand."""
    if data[4:8] != b"ftyp":
        return False
    end = min(int.from_bytes(data[:4], "big"), 1024, len(data))
    brands = [data[8:12]] + [data[at:at + 4] for at in range(16, end - 3, 4)]
    return any(brand in _AVIF_BRANDS for brand in brands)


def _opened(data: bytes) -> Image.Image:
    if _is_avif(data):
        raise _unsupported()
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            return Image.open(io.BytesIO(data), formats=list(_FORMATS))
        except UnidentifiedImageError:
            raise (_damaged() if _claims_accepted_format(data) else _unsupported()) from None
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
        image = _opened(data)
        kind = _stored_kind(image)
        width, height = image.size
        if width * height > max_pixels:
            raise TooLarge(f"images are limited to {max_pixels} pixels; this one has {width}x{height}",
                           {"file": [f"at most {max_pixels} pixels"]})
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

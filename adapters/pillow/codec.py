"""Uploads checked and re-encoded with Pillow.

``Image.open`` reads only the header: the format comes from the content (never the file name or the
declared type), and the pixel count is checked there, before any decoding, so a small file that
would decode to gigabytes (a decompression bomb) is refused without being decoded. Then the EXIF
orientation is applied and the image is saved again with nothing but its pixels: no EXIF (GPS,
camera serials), no text chunks, no ICC profile.
"""
from __future__ import annotations

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from domain.errors import TooLarge, UnsupportedMedia, ValidationError
from domain.model.image import NormalisedImage
from ports.images import ImageCodec
from adapters.pillow.stats import image_stats

_FORMATS = {"PNG": "png", "JPEG": "jpeg", "WEBP": "webp"}
_MODES = {"png": ("1", "L", "LA", "P", "RGB", "RGBA", "I;16"), "jpeg": ("L", "RGB"), "webp": ("RGB", "RGBA")}
_SAVE = {"png": {"format": "PNG"}, "jpeg": {"format": "JPEG", "quality": 90},
         "webp": {"format": "WEBP", "quality": 90}}


def _unsupported() -> UnsupportedMedia:
    return UnsupportedMedia("images must be PNG, JPEG or WebP", {"file": ["must be a PNG, JPEG or WebP image"]})


def _opened(data: bytes) -> Image.Image:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            return Image.open(io.BytesIO(data), formats=list(_FORMATS))
        except UnidentifiedImageError:
            raise _unsupported() from None
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise TooLarge("the image has too many pixels", {"file": ["has too many pixels"]}) from None
        except (OSError, SyntaxError, ValueError):
            raise ValidationError.for_field("file", "is a damaged image") from None


class PillowImageCodec(ImageCodec):
    def normalise(self, data: bytes, max_pixels: int) -> NormalisedImage:
        image = _opened(data)
        kind = _FORMATS.get(image.format or "")
        if kind is None:
            raise _unsupported()
        width, height = image.size
        if width * height > max_pixels:
            raise TooLarge(f"images are limited to {max_pixels} pixels; this one has {width}x{height}",
                           {"file": [f"at most {max_pixels} pixels"]})
        try:
            upright = ImageOps.exif_transpose(image)  # decodes (the first frame of an animation)
            if upright.mode not in _MODES[kind]:
                upright = upright.convert("RGBA" if "A" in upright.mode and kind != "jpeg" else "RGB")
            out = io.BytesIO()
            upright.save(out, **_SAVE[kind])
            stats = image_stats(upright).to_dict()
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
            raise ValidationError.for_field("file", "is a damaged image") from None
        return NormalisedImage(data=out.getvalue(), format=kind, width=upright.width, height=upright.height,
                               stats=stats)

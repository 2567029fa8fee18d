"""Cheap image statistics for the categoriser, on a copy downscaled to at most 256 pixels a side
(a few milliseconds on a 12 MP photo): aspect ratio, mean brightness, colourfulness, edge density."""
from __future__ import annotations

import math

from PIL import Image, ImageFilter, ImageStat

from domain.categorization.features import ImageStats

_SIDE = 256
_EDGE = 48  # a grey-level step (0-255) that counts as a strong edge


def image_stats(image: Image.Image) -> ImageStats:
    aspect = image.width / image.height if image.height else 1.0
    small = image.convert("RGB")
    small.thumbnail((_SIDE, _SIDE))
    grey = small.convert("L")
    brightness = ImageStat.Stat(grey).mean[0] / 255
    # Hasler and Süsstrunk (2003): spread and mean of the opponent channels rg = R-G, yb = (R+G)/2-B
    pixels = small.tobytes()  # R, G, B bytes in turn
    r, g, b = pixels[0::3], pixels[1::3], pixels[2::3]
    rg = [x - y for x, y in zip(r, g)]
    yb = [(x + y) / 2 - z for x, y, z in zip(r, g, b)]
    n = len(rg) or 1
    mean_rg, mean_yb = sum(rg) / n, sum(yb) / n
    var_rg = sum((v - mean_rg) ** 2 for v in rg) / n
    var_yb = sum((v - mean_yb) ** 2 for v in yb) / n
    colourfulness = (math.sqrt(var_rg + var_yb) + 0.3 * math.sqrt(mean_rg ** 2 + mean_yb ** 2)) / 150
    found = grey.filter(ImageFilter.FIND_EDGES)
    if found.width > 2 and found.height > 2:  # the filter copies the border as it is: leave it out
        found = found.crop((1, 1, found.width - 1, found.height - 1))
    edges = found.tobytes()
    edge_density = sum(1 for v in edges if v >= _EDGE) / (len(edges) or 1)
    return ImageStats(aspect=round(aspect, 4), brightness=round(brightness, 4),
                      colourfulness=round(min(colourfulness, 1.0), 4), edge_density=round(edge_density, 4))

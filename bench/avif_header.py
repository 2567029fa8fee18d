"""AVIF uploads: what reading the boxes and AV1 headers first costs and what it saves, beside Pillow alone.

    .venv/bin/python bench/avif_header.py

Three files, made with Pillow's own encoder (aom) into a temporary folder: an honest 4000x3000 image (12 MP,
noise for a photo's file size), and two lies about a 6000x5000 frame (30 MP): a 64x64 ``ispe`` over it (libavif decodes the
frame whatever the header says) and the same frame's real header. Each is read in a fresh process
(peak RSS growth, from /proc/self/status VmHWM): by Pillow alone (open + load, the baseline) and by ``PillowImageCodec.normalise``
(the header read, then the decode and the JPEG re-encode it allows); the header read alone is timed too.
"""
from __future__ import annotations

import io
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = """
import io, sys, time
from PIL import Image
from adapters.pillow.avif import read_size
from adapters.pillow.codec import PillowImageCodec
from domain.errors import ValidationError
def peak_kib():  # VmHWM: this process's own peak (ru_maxrss would carry the parent's over the exec)
    return next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
mode, data = sys.argv[1], open(sys.argv[2], "rb").read()
codec = PillowImageCodec()
base = peak_kib()
start = time.perf_counter()
if mode == "pillow":
    image = Image.open(io.BytesIO(data)); image.load(); what = f"decoded, reports {image.size[0]}x{image.size[1]}"
elif mode == "header":
    try:
        what = "size %dx%d" % read_size(data)
    except ValueError as exc:
        what = f"refused: {exc}"
else:
    try:
        out = codec.normalise(data, 25_000_000); what = f"stored {out.width}x{out.height} {out.format}"
    except ValidationError as exc:
        what = f"{type(exc).__name__}: {exc.field_errors['file'][0]}"
ms = 1000 * (time.perf_counter() - start)
rss = (peak_kib() - base) / 1024
print(f"{ms:9.1f} ms  +{rss:6.1f} MB  {what}")
"""


def make(folder: Path) -> dict[str, Path]:
    from PIL import Image

    sys.path.insert(0, str(ROOT))
    from tests.images import heif_claiming

    def avif(size: tuple[int, int], noisy: bool = False) -> bytes:
        image = Image.new("RGB", size, (0, 128, 255))
        if noisy:  # a photo's worth of detail, so the file has a photo's size (and OBUs to walk)
            image = Image.merge("RGB", [Image.effect_noise(size, 60).point(lambda v, k=k: (v + 85 * k) % 256)
                                        for k in range(3)])
        image.paste((250, 250, 250), (size[0] // 4, size[1] // 4, size[0] // 2, size[1] // 2))
        out = io.BytesIO()
        image.save(out, "AVIF", speed=10, quality=40)
        return out.getvalue()

    big = avif((6000, 5000))
    files = {"honest 4000x3000, noisy": avif((4000, 3000), noisy=True), "30 MP frame, true header": big,
             "30 MP frame under a 64x64 header": heif_claiming(big, 64, 64)}
    paths = {}
    for k, (name, data) in enumerate(files.items()):
        paths[name] = folder / f"{k}.avif"
        paths[name].write_bytes(data)
    return paths


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name, path in make(Path(tmp)).items():
            print(f"{name} ({path.stat().st_size:,} bytes)")
            for mode, label in (("pillow", "Pillow alone (baseline)"), ("header", "boxes + AV1 headers"),
                                ("codec", "normalise")):
                result = subprocess.run([sys.executable, "-c", CHILD, mode, str(path)], capture_output=True,
                                        text=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": ""})
                print(f"  {label:<24} {result.stdout.strip() or result.stderr.strip().splitlines()[-1]}")


if __name__ == "__main__":
    main()

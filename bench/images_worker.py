"""What one image costs the images worker: peak memory and CPU per image by size, measured on real
processes, to size the ``planloom-images`` worker (deploy/README.md) from figures instead of guesses.

    .venv/bin/python bench/images_worker.py                 # 3 sizes x 3 runs, ~2 min on 2 cores
    .venv/bin/python bench/images_worker.py --runs 5 --threads 2

Each run is a fresh ``planloom scan IMAGE`` process with ``PLANLOOM_OCR_THREADS`` as the worker's
manifest sets it: the same container, checks, decoding, re-encoding (EXIF stripped), OCR and extraction
as the ``images`` consumer, nothing stored. The kernel's accounting of that process (``wait4``: peak
resident set, user + system CPU) is read when it ends. Images: a 3 MP phone screenshot (PNG), a 12 MP
and a 24.9 MP camera photo (JPEG q90, a to-do list on grey, noisy paper: the largest an upload may be is
25 MP), and, as the baseline, a 64 x 64 image with nothing to read (the models loaded and a read run:
the floor every worker process pays). Medians over ``--runs``; CPU seconds are the kernel's, so they
move less than wall time with the neighbours (the ``busy`` column says how busy the machine was).

The images worker runs ``--concurrency 2`` consumers in one process: one inference at a time (the OCR
adapter's lock), the other consumer decoding and re-encoding meanwhile. Its worst case is about the
floor plus two of the largest image's increments over it; the summary prints that and the figure the
manifest's memory limit should stay above.
"""
from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PIL import Image, ImageDraw  # noqa: E402

from tests.images import font  # noqa: E402

LINES = ["Errands", "- Buy milk tomorrow", "- Call the dentist friday 30m", "[ ] Draft Q3 report p1 2h",
         "[x] Pay rent", "- Book flights to Lisbon by Dec 20", "- Renew passport", "- Water the plants monday"]


def page(width: int, height: int, seed: int = 7) -> Image.Image:
    """A to-do list on grey paper with grain (so the JPEG is a photo's size, not a flat page's)."""
    rng = random.Random(seed)
    noise = Image.frombytes("L", (width // 4, height // 4), bytes(rng.randrange(200, 236) for _ in
                                                                     range((width // 4) * (height // 4))))
    image = noise.resize((width, height), Image.Resampling.BILINEAR).convert("RGB")
    draw = ImageDraw.Draw(image)
    size = max(18, height // 40)
    for index, line in enumerate(LINES):
        draw.text((width // 12, height // 10 + int(size * 2.2) * index), line, fill=(25, 25, 30), font=font(size))
    return image


def cases() -> list[tuple[str, str, bytes]]:
    def encoded(image: Image.Image, fmt: str, **options) -> bytes:
        out = io.BytesIO()
        image.save(out, fmt, **options)
        return out.getvalue()

    return [
        ("baseline 64x64 (nothing to read)", "png", encoded(Image.new("RGB", (64, 64), "white"), "PNG")),
        ("screenshot 1170x2532 (3.0 MP)", "png", encoded(page(1170, 2532), "PNG")),
        ("photo 4032x3024 (12.2 MP)", "jpg", encoded(page(4032, 3024), "JPEG", quality=90)),
        ("photo 5760x4320 (24.9 MP)", "jpg", encoded(page(5760, 4320), "JPEG", quality=90)),
    ]


def busy() -> float:
    """The machine's load average over the last minute, per core."""
    return os.getloadavg()[0] / (os.cpu_count() or 1)


def run_once(path: Path, threads: int, workdir: Path) -> dict:
    env = dict(os.environ, PLANLOOM_OCR_THREADS=str(threads), PLANLOOM_DATA_DIR=str(workdir / "data"),
               PLANLOOM_DATABASE_URL=f"sqlite:///{workdir / 'bench.db'}", PLANLOOM_VISION="rapidocr")
    started = time.perf_counter()
    process = subprocess.Popen([str(ROOT / ".venv" / "bin" / "planloom"), "scan", str(path), "--tz", "UTC"],
                               env=env, cwd=workdir, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = process.stdout.read()  # one pipe, read to its end: it never fills while the process waits
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if status != 0:
        raise RuntimeError(f"planloom scan {path.name} failed ({status}): {output.decode()[-400:]}")
    return {"rss_mib": usage.ru_maxrss / 1024, "cpu_s": usage.ru_utime + usage.ru_stime, "wall_s": wall}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="processes per image (default 3)")
    parser.add_argument("--threads", type=int, default=2, help="PLANLOOM_OCR_THREADS, as the manifest (default 2)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="planloom-images-worker-") as tmp:
        workdir = Path(tmp)
        rows = []
        print(f"{'image':36} {'bytes':>10} {'peak RSS MiB':>13} {'CPU s':>7} {'wall s':>7} {'busy':>5}")
        for label, suffix, data in cases():
            path = workdir / f"image.{suffix}"
            path.write_bytes(data)
            runs = []
            for _ in range(args.runs):
                load = busy()
                runs.append(run_once(path, args.threads, workdir) | {"busy": load})
            row = {key: statistics.median(r[key] for r in runs) for key in ("rss_mib", "cpu_s", "wall_s", "busy")}
            rows.append((label, row))
            print(f"{label:36} {len(data):>10,} {row['rss_mib']:>13.0f} {row['cpu_s']:>7.2f} {row['wall_s']:>7.2f} "
                  f"{row['busy']:>5.2f}", flush=True)

    floor = rows[0][1]["rss_mib"]
    largest = rows[-1][1]["rss_mib"]
    worst = floor + 2 * (largest - floor)
    print(f"\nfloor (models loaded, one read): {floor:.0f} MiB; largest upload adds {largest - floor:.0f} MiB")
    print(f"one images worker process, --concurrency 2, worst case ~ {worst:.0f} MiB "
          f"(floor + 2 x the largest image's increment)")
    print(f"CPU per image: {rows[1][1]['cpu_s'] - rows[0][1]['cpu_s']:.2f} s (screenshot) to "
          f"{rows[-1][1]['cpu_s'] - rows[0][1]['cpu_s']:.2f} s (24.9 MP photo) over the floor's "
          f"{rows[0][1]['cpu_s']:.2f} s (process start, imports, model load)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

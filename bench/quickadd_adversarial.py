"""Quick-add parse time on adversarial inputs, beside a plain ``str.split`` of the same text.

Run: ``.venv/bin/python bench/quickadd_adversarial.py [--before REF] [--rounds N]``.

Each input is at most 10,000 characters (the per-request cap), and runs again at a quarter of that
length: the "growth" column is the ratio, 4x for work linear in the text. For each one the script prints the
best of ``--rounds`` CPU times (``time.process_time``) of the local interpreter (``interpret``) and
of ``text.split()``, the cheapest possible reading of the text. With ``--before REF`` (a git
commit, e.g. the one before the regex fix) the same inputs also run on that commit's
``domain/language`` (checked out into a temporary folder, measured in a subprocess), so before
and after are compared side by side in one run on the same machine. "before" and "now" lift the
per-line and per-request task caps (where the interpreter has them) to show the grammar's own
work; "now, capped" is what a request costs with the caps, a 422 for text over them.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 10_000
# Each input is a shape: a prefix, a unit repeated to fill the length, a suffix. Every input runs at
# a quarter of the length and at the whole: work linear in the text grows 4x between the two.
SHAPES: dict[str, tuple[str, str, str]] = {
    "'1' + spaces + 'x' (reported)": ("1", " ", "x"),
    "'for 1' + spaces + '- hours'": ("for 1", " ", "- hours"),
    "'at' + spaces": ("at", " ", ""),
    "'Dec 5' + spaces + 'x'": ("Dec 5", " ", "x"),
    "'1 ' repeated": ("", "1 ", ""),
    "'1-' repeated": ("", "1-", ""),
    "'every ' + 'mon, ' repeated": ("every ", "mon, ", ""),
    "'due ' repeated": ("", "due ", ""),
    "'a;' repeated": ("", "a;", ""),
    "lines '1' + 998 spaces + 'x'": ("", "1" + " " * 998 + "x\n", ""),  # within the line cap
    "lines 'call mum at 6pm ...'": ("", "call mum sunday at 6pm for 30m p1 #family @phone\n", ""),
    # the grammar of issue 13: ordinals, clock words, counted days, figures, zones, holidays
    "'the 1st ' repeated": ("", "the 1st ", ""),
    "'third of ' repeated": ("on the ", "third of ", "march"),
    "'first tuesday of ' repeated": ("", "first tuesday of ", "october"),
    "'a quarter past ' repeated": ("at ", "a quarter past ", "3pm"),
    "'twenty five to ' repeated": ("", "twenty five to ", "ten"),
    "'at three thirty ' repeated": ("", "at three thirty ", ""),
    "'fridays from ' repeated": ("3 ", "fridays from ", "now"),
    "'15.2.' repeated": ("", "15.2.", ""),
    "'4pm CET ' repeated": ("", "4pm CET ", ""),
    "'8:00 PST UTC+2 ' repeated": ("", "8:00 PST UTC+2 ", ""),
    "'on christmas eve ' repeated": ("", "on christmas eve ", ""),
    "'the day after thanksgiving ' repeated": ("by ", "the day after thanksgiving ", ""),
    "'new years ' repeated (a name never closed)": ("on ", "new years ", ""),
    "'by boxing day ' repeated (a holiday elsewhere)": ("", "by boxing day ", ""),
}


def build(shape: tuple[str, str, str], length: int) -> str:
    prefix, unit, suffix = shape
    return prefix + unit * max(1, (length - len(prefix) - len(suffix)) // len(unit)) + suffix


INPUTS = {name: build(shape, LIMIT) for name, shape in SHAPES.items()}
QUARTER = {name: build(shape, LIMIT // 4) for name, shape in SHAPES.items()}
WORKER = """
import inspect, json, sys, time
from datetime import datetime, timezone
sys.path.insert(0, sys.argv[1])
from domain.errors import ValidationError
from domain.language.interpreter import interpret
inputs, rounds, capped = json.loads(sys.stdin.read()), int(sys.argv[2]), sys.argv[3] == "capped"
caps = ("max_line_length", "max_segments")
lifted = {} if capped else {k: 10**9 for k in caps if k in inspect.signature(interpret).parameters}
now = datetime(2026, 11, 26, 15, 0, tzinfo=timezone.utc)
out = {}
for name, text in inputs.items():
    best = None
    for _ in range(rounds):
        start = time.process_time()
        try:
            interpret(text, now, "America/New_York", **lifted)
        except ValidationError:
            pass  # over a cap: the 422 the API answers
        spent = time.process_time() - start
        best = spent if best is None else min(best, spent)
    out[name] = best
print(json.dumps(out))
"""


def measure(tree: Path, rounds: int, capped: bool = False, inputs: dict[str, str] = INPUTS) -> dict[str, float]:
    """Best CPU seconds of ``interpret`` per input, on the ``domain`` package under ``tree``; the
    per-line and per-request task caps lifted (the grammar's own work) unless ``capped``."""
    done = subprocess.run([sys.executable, "-c", WORKER, str(tree), str(rounds), "capped" if capped else "all"],
                          input=json.dumps(inputs), capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def split_baseline(rounds: int) -> dict[str, float]:
    result = {}
    for name, text in INPUTS.items():
        spent = []
        for _ in range(max(rounds, 20)):
            start = time.process_time()
            text.split()
            spent.append(time.process_time() - start)
        result[name] = min(spent)
    return result


def checkout(ref: str, into: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "domain"], capture_output=True, check=True)
    with tarfile.open(fileobj=BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    return into


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", metavar="REF", help="also measure this git commit's interpreter")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    after = measure(ROOT, args.rounds)
    quarter = measure(ROOT, args.rounds, inputs=QUARTER)
    capped = measure(ROOT, args.rounds, capped=True)
    before: dict[str, float] = {}
    if args.before:
        with tempfile.TemporaryDirectory() as folder:
            before = measure(checkout(args.before, Path(folder)), args.rounds)
    baseline = split_baseline(args.rounds)
    width = max(len(name) for name in INPUTS) + 1
    header = f"{'input (' + str(LIMIT) + ' chars at most)':<{width}} {'str.split':>10}"
    header += f" {'before ' + args.before[:9]:>17}" if before else ""
    print(header + f" {'now, 1/4':>9} {'now':>9} {'growth':>7} {'now, capped':>12}  (best CPU ms of {args.rounds})")
    growths = []
    for name in INPUTS:
        row = f"{name:<{width}} {baseline[name] * 1000:10.3f}"
        row += f" {before[name] * 1000:17.1f}" if before else ""
        growth = after[name] / quarter[name] if quarter[name] > 0 else float("nan")
        growths.append(growth)
        print(row + f" {quarter[name] * 1000:9.2f} {after[name] * 1000:9.2f} {growth:6.1f}x {capped[name] * 1000:12.2f}")
    finite = sorted(g for g in growths if g == g)
    print(f"growth from 1/4 of the text to all of it: median {statistics.median(finite):.1f}x, "
          f"max {finite[-1]:.1f}x (linear work: 4x; quadratic: 16x)")
    print("before/now: the grammar's work with the line and task caps lifted; 'now, capped': what a "
          "request costs, a 422 for text over the caps (1,000 characters a line, 100 tasks)")


if __name__ == "__main__":
    main()

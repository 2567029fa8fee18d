"""Quick-add on a public corpus nobody here wrote: Duckling's English time corpus, scored like the
breadth corpus, beside dateparser and parsedatetime in the same run.

Run: ``.venv/bin/python bench/quickadd_public.py PATH [--before REF] [--zone ZONE] [--quiet]``

``PATH`` is facebook/duckling's ``Duckling/Time/EN/Corpus.hs`` (BSD licence; not copied into this
repository): a checkout's file, or an excerpt of it in the same syntax. Read from it:
- every ``examples (datetime (Y, M, D, h, m, s) Grain) [...]`` and ``examples (datetimeHoliday
  (...) Grain "Name") [...]``: grain Day is a day expression (the calendar day is scored), Hour,
  Minute and Second a timed one (the instant), a holiday its own class; Month, Week, Quarter and
  Year grains are counted and left out (no task is due "in March"), as are intervals;
- the ``negativeCorpus`` strings: no date may be read, and the text stays in the title.
Each phrase is typed as ``"Call Bob <phrase>"``. Duckling's reference time is Tuesday 2013-02-12
04:30 at UTC-2; here it is that wall time in ``--zone`` (default America/New_York, so that the
zone's country gives the holidays), and the expected wall times are read in that zone too, except
for a phrase naming a time zone ("4pm CET"), whose expected instant is converted from UTC-2.
``--before REF`` also scores a git commit's ``domain/language`` (Planloom only) in the same run.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tarfile
import tempfile
from datetime import datetime, timedelta, timezone
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = (2013, 2, 12, 4, 30)
DUCKLING_OFFSET = timezone(timedelta(hours=-2))
EXAMPLES = re.compile(
    r"examples\s*\(\s*(?P<kind>datetime|datetimeHoliday)\s*\(\s*(?P<y>-?\d+),\s*(?P<mo>\d+),\s*(?P<d>\d+),\s*"
    r"(?P<h>\d+),\s*(?P<mi>\d+),\s*(?P<s>\d+)\s*\)\s*(?P<grain>\w+)[^)\[]*\)\s*(?:--[^\n]*\s*)*\[(?P<body>[^\]]*)\]")
STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
NEGATIVES = re.compile(r"negativeCorpus\s*=.*?examples\s*=\s*\[(?P<body>[^\]]*)\]", re.S)
ZONE_NAMED = re.compile(r"\b(?:CET|CEST|GMT|UTC|BST|PST|PDT|EST|EDT|CST|CDT|MST|MDT|IST)\b", re.I)
TIMED = {"Hour", "Minute", "Second"}
SKIPPED = {"Month", "Week", "Quarter", "Year"}


def _strings(body: str) -> list[str]:
    return [bytes(m.group(1), "utf-8").decode("unicode_escape") for m in STRING.finditer(body)]


def parse(text: str, zone: str) -> tuple[list, dict[str, int]]:
    """(cases, skipped grains and their phrase counts) from a Duckling corpus file's text."""
    from breadth_corpus import PREFIX, Case

    tz = ZoneInfo(zone)
    now = datetime(*REFERENCE, tzinfo=tz)
    cases, skipped = [], {}
    for match in EXAMPLES.finditer(text):
        grain, phrases = match.group("grain"), _strings(match.group("body"))
        if grain in SKIPPED or int(match.group("y")) < 1:
            skipped[grain] = skipped.get(grain, 0) + len(phrases)
            continue
        wall = datetime(*(int(match.group(k)) for k in ("y", "mo", "d", "h", "mi")))
        holiday = match.group("kind") == "datetimeHoliday"
        timed = grain in TIMED
        kind = "holiday" if holiday else ("time" if timed else "day")
        for phrase in phrases:
            when = (wall.replace(tzinfo=DUCKLING_OFFSET).astimezone(tz) if timed and ZONE_NAMED.search(phrase)
                    else wall.replace(tzinfo=tz))
            cases.append(Case(kind=kind, text=PREFIX + phrase, title=PREFIX.strip(), now=now, tz=zone,
                              date_order="MDY", when=when, timed=timed, rec=None))
    negatives = NEGATIVES.search(text)
    for phrase in _strings(negatives.group("body")) if negatives else []:
        cases.append(Case(kind="neg", text=PREFIX + phrase, title=PREFIX + phrase, now=now, tz=zone,
                          date_order="MDY", when=None, timed=False, rec=None))
    return cases, skipped


def _score(path: Path, zone: str, quiet: bool, baselines: bool, title: str) -> None:
    from _breadth import report

    cases, skipped = parse(path.read_text(encoding="utf-8"), zone)
    report(not quiet, cases, title, baselines)
    print("  left out (no single day or time): "
          + ", ".join(f"{grain} {count}" for grain, count in sorted(skipped.items())) + " phrases")


def _before(ref: str, args: argparse.Namespace) -> None:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "domain"], capture_output=True, check=True)
    with tempfile.TemporaryDirectory() as folder:
        with tarfile.open(fileobj=BytesIO(archive.stdout)) as tar:
            tar.extractall(folder, filter="data")
        command = [sys.executable, __file__, str(args.path), "--zone", args.zone, "--domain-from", folder,
                   "--title", f"before ({ref})"]
        subprocess.run(command + (["--quiet"] if args.quiet else []), check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="Duckling's Duckling/Time/EN/Corpus.hs (or an excerpt)")
    parser.add_argument("--zone", default="America/New_York", help="the user's zone (its country's holidays)")
    parser.add_argument("--before", metavar="REF", help="also score this git commit's interpreter")
    parser.add_argument("--quiet", action="store_true", help="no per-line misses")
    parser.add_argument("--domain-from", help=argparse.SUPPRESS)  # --before's subprocess: that tree's domain
    parser.add_argument("--title", default="Duckling EN time corpus", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path[:0] = ([args.domain_from] if args.domain_from else []) + [
        str(ROOT), str(ROOT / "bench"), str(ROOT / "tests" / "unit" / "language")]
    if args.before:
        _before(args.before, args)
    _score(args.path, args.zone, args.quiet, baselines=not args.domain_from, title=args.title)


if __name__ == "__main__":
    main()

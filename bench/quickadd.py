"""Quick-add benchmark: accuracy on the corpus and parse time, side by side with dateparser and
parsedatetime on the date fields.  Run: ``.venv/bin/python bench/quickadd.py [--rounds N]``.

Figures printed:
- local interpreter: field-level accuracy, whole-draft and whole-line accuracy, false dates on
  the no-date lines, p50/p99 parse time per line (all lines, ``--rounds`` passes after a warm-up);
- date field on the single-task lines (expected ``due`` or ``start``, or none): same calendar
  day (or correctly no date), for the local interpreter, dateparser and parsedatetime;
- the breadth corpus (everyday phrasings, ``tests/unit/language/breadth.txt``): per kind and per
  class (day, time, holiday, negatives), Planloom's whole reading and each parser's date, in the
  same run (``_breadth.py``). ``--breadth`` prints only this part.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "unit" / "language")]

from domain.language.interpreter import interpret  # noqa: E402
from quickadd_corpus import (  # noqa: E402
    FIELDS, NOW, TIMEZONE, expected_drafts, load, run, score,
)
from _breadth import report as breadth_report  # noqa: E402


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))
    return ordered[index]


def time_local(entries: list[dict], rounds: int) -> list[list[float]]:
    """Per line, the parse times (ms) of ``rounds`` passes over the corpus, after a warm-up."""
    for entry in entries:  # warm-up (regexes compile at import; this warms caches)
        run(entry)
    samples: list[list[float]] = [[] for _ in entries]
    for _ in range(rounds):
        for index, entry in enumerate(entries):
            start = time.perf_counter()
            run(entry)
            samples[index].append((time.perf_counter() - start) * 1000)
    return samples


def accuracy(entries: list[dict]) -> None:
    scores = [score(e, run(e)) for e in entries]
    drafts = sum(s.drafts_expected for s in scores)
    right = sum(s.drafts_right for s in scores)
    lines_ok = sum(s.ok for s in scores)
    no_date = [s for s in scores if s.no_date_line]
    neg = [s for e, s in zip(entries, scores) if e.get("neg")]
    print(f"corpus: {len(entries)} lines, {drafts} expected drafts/commands "
          f"(now={NOW.isoformat()} {TIMEZONE})")
    print("local rules interpreter, field-level accuracy:")
    for name in FIELDS:
        seen = sum(s.fields_seen.get(name, 0) for s in scores)
        ok = sum(s.fields_right.get(name, 0) for s in scores)
        print(f"  {name:<17} {ok:>4}/{seen:<4} {100 * ok / seen:6.2f}%")
    print(f"  whole drafts      {right:>4}/{drafts:<4} {100 * right / drafts:6.2f}%")
    print(f"  whole lines       {lines_ok:>4}/{len(entries):<4} {100 * lines_ok / len(entries):6.2f}%")
    print(f"  false dates on no-date lines: {sum(s.false_date for s in no_date)}/{len(no_date)} "
          f"(of which tricky negatives: {sum(s.false_date for s in neg)}/{len(neg)})")
    for s in scores:
        if not s.ok:
            print(f"  FAIL {s.text!r}: {'; '.join(s.problems)}")


def single_task_lines(entries: list[dict]) -> list[tuple[dict, date | None]]:
    cases = []
    for entry in entries:
        if "cmd" in entry or "error" in entry:
            continue
        drafts = expected_drafts(entry)
        if len(drafts) != 1:
            continue
        when = drafts[0]["due"] or drafts[0]["start"]
        cases.append((entry, when.date() if when else None))
    return cases


def local_date(entry: dict) -> date | None:
    result = run(entry)
    if isinstance(result, Exception) or not result.tasks:
        return None
    when = result.tasks[0].due or result.tasks[0].start
    return when.date() if when else None


def dateparser_adapter() -> Callable[[dict], date | None] | None:
    try:
        from dateparser.search import search_dates
    except ImportError:
        return None
    base = NOW.replace(tzinfo=None)

    def parse(entry: dict) -> date | None:
        order = entry.get("prefs", {}).get("date_order", "MDY")
        found = search_dates(entry["t"], languages=["en"], settings={
            "RELATIVE_BASE": base, "PREFER_DATES_FROM": "future", "DATE_ORDER": order})
        return found[0][1].date() if found else None
    return parse


def parsedatetime_adapter() -> Callable[[dict], date | None] | None:
    try:
        import parsedatetime
    except ImportError:
        return None
    calendar = parsedatetime.Calendar(version=parsedatetime.VERSION_CONTEXT_STYLE)
    base = NOW.replace(tzinfo=None)

    def parse(entry: dict) -> date | None:
        found = calendar.nlp(entry["t"], sourceTime=base)
        return found[0][0].date() if found else None
    return parse


def compare_dates(entries: list[dict]) -> None:
    cases = single_task_lines(entries)
    no_date = [c for c in cases if c[1] is None]
    print(f"\ndate field on {len(cases)} single-task lines ({len(no_date)} expect no date): "
          "same calendar day, or correctly none")
    print(f"  {'parser':<15} {'right':>10} {'accuracy':>9} {'false dates':>12} {'p50 ms':>8} {'p99 ms':>8}")
    parsers: list[tuple[str, Callable[[dict], date | None] | None]] = [
        ("planloom local", local_date), ("dateparser", dateparser_adapter()),
        ("parsedatetime", parsedatetime_adapter())]
    for name, parse in parsers:
        if parse is None:
            print(f"  {name:<15} not installed (pip install {name})")
            continue
        right = false = 0
        times: list[float] = []
        for entry, want in cases:
            start = time.perf_counter()
            try:
                got = parse(entry)
            except Exception:  # a third-party parser crashing counts as a wrong answer
                got = object()
            times.append((time.perf_counter() - start) * 1000)
            right += int(got == want)
            false += int(want is None and got is not None)
        print(f"  {name:<15} {right:>5}/{len(cases):<4} {100 * right / len(cases):8.2f}% "
              f"{false:>5}/{len(no_date):<6} {percentile(times, 50):8.3f} {percentile(times, 99):8.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--breadth", action="store_true", help="only the breadth corpus")
    parser.add_argument("--quiet", action="store_true", help="no per-line misses")
    args = parser.parse_args()
    if args.breadth:
        breadth_report(not args.quiet)
        return
    entries = load()
    accuracy(entries)
    per_line = time_local(entries, args.rounds)
    samples = [t for line in per_line for t in line]
    medians = [statistics.median(line) for line in per_line]
    load_avg = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\nlocal parse time per line over {len(samples)} parses (load average {load_avg:.2f}, "
          f"{os.cpu_count()} CPUs): p50 {percentile(samples, 50):.3f} ms, p99 {percentile(samples, 99):.3f} ms, "
          f"max {max(samples):.3f} ms, mean {statistics.fmean(samples):.3f} ms")
    print(f"  each line's median over {args.rounds} rounds (less scheduler noise): "
          f"p50 {percentile(medians, 50):.3f} ms, p99 {percentile(medians, 99):.3f} ms, "
          f"slowest line {max(medians):.3f} ms")
    lines = [e["t"] for e in entries if "cmd" not in e and "error" not in e and "\n" not in e["t"]]
    long_text = "\n".join(lines[:100])[:10_000]  # within the caps: 10,000 characters, 100 tasks
    start = time.perf_counter()
    interpret(long_text, NOW, TIMEZONE)
    print(f"one {len(long_text):,}-char paste ({long_text.count(chr(10)) + 1} lines): "
          f"{(time.perf_counter() - start) * 1000:.1f} ms")
    compare_dates(entries)
    breadth_report(not args.quiet)


if __name__ == "__main__":
    main()

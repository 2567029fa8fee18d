"""The breadth corpus (tests/unit/language/breadth.txt) scored for Planloom and the baselines.

For every line, each parser reads ``"Call Bob <expression>"`` at the line's reference time:
- Planloom's local interpreter (``interpret``): the first task's ``due`` or ``start`` and its title;
- dateparser (``search_dates``, English, the reference time as ``RELATIVE_BASE``, future dates
  preferred, the line's date order, zone names converted to the user's zone): its first date;
- parsedatetime (``Calendar.nlp``, context style): its first date.
"date" is the date measure the issue uses (same calendar day for a day expression, same instant
for a timed one, no date for a negative); "read" adds the title (nothing left over, nothing taken
from a negative) and, on recurrence lines, the rule: only Planloom is scored on it.
"""
from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable

from breadth_corpus import Case, Parser, Reading, date_right, load, planloom, right

CLASSES = ("day", "time", "holiday", "neg")
TARGETS = {"day": 95.0, "time": 95.0, "holiday": 80.0}


def dateparser_reader() -> Parser | None:
    try:
        from dateparser.search import search_dates
    except ImportError:
        return None

    def read(case: Case) -> Reading:
        found = search_dates(case.text, languages=["en"], settings={
            "RELATIVE_BASE": case.now.replace(tzinfo=None), "PREFER_DATES_FROM": "future",
            "DATE_ORDER": case.date_order, "TIMEZONE": case.tz, "TO_TIMEZONE": case.tz,
            "RETURN_AS_TIMEZONE_AWARE": True})
        return Reading(found[0][1] if found else None)
    return read


def parsedatetime_reader() -> Parser | None:
    try:
        import parsedatetime
    except ImportError:
        return None
    calendar = parsedatetime.Calendar(version=parsedatetime.VERSION_CONTEXT_STYLE)

    def read(case: Case) -> Reading:
        found = calendar.nlp(case.text, sourceTime=case.now.replace(tzinfo=None))
        return Reading(found[0][0] if found else None)
    return read


def _safe(parse: Parser) -> Callable[[Case], tuple[Reading, float]]:
    def run(case: Case) -> tuple[Reading, float]:
        start = time.perf_counter()
        try:
            reading = parse(case)
        except Exception:  # a third-party parser crashing counts as no reading
            reading = Reading(None)
        return reading, (time.perf_counter() - start) * 1000
    return run


def _pct(ok: int, n: int) -> str:
    return f"{100 * ok / n:5.1f}%" if n else "   - "


def report(show_failures: bool = True, cases: list[Case] | None = None, title: str = "breadth corpus",
           baselines: bool = True) -> dict[str, float]:
    """Print the per-kind and per-class table of ``cases`` (the breadth corpus unless given); return
    Planloom's "read" percentage per class. ``baselines=False`` leaves dateparser and parsedatetime out."""
    cases = load() if cases is None else cases
    parsers: list[tuple[str, Parser | None]] = [("planloom", planloom)]
    if baselines:
        parsers += [("dateparser", dateparser_reader()), ("parsedatetime", parsedatetime_reader())]
    live = [(name, _safe(p)) for name, p in parsers if p is not None]
    missing = [name for name, p in parsers if p is None]
    date_ok: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    read_ok: dict[str, int] = defaultdict(int)
    count: dict[str, int] = defaultdict(int)
    times: dict[str, list[float]] = defaultdict(list)
    failures = []
    for case in cases:
        for group in (case.kind, "class:" + case.klass):
            count[group] += 1
        for name, run in live:
            reading, ms = run(case)
            times[name].append(ms)
            if date_right(case, reading.when):
                for group in (case.kind, "class:" + case.klass):
                    date_ok[name][group] += 1
            if name == "planloom":
                if right(case, reading):
                    for group in (case.kind, "class:" + case.klass):
                        read_ok[group] += 1
                else:
                    failures.append((case, reading))
    n_total = len(cases)
    print(f"\n{title}: {n_total} lines ({count['class:neg']} negatives), "
          f"reference {cases[0].now.isoformat()} {cases[0].tz}")
    head = f"  {'kind':<27}{'lines':>6}  {'planloom read':>14}" + "".join(f"{name + ' date':>20}" for name, _ in live)
    print(head)
    kinds = list(dict.fromkeys(c.kind for c in cases)) + [f"class:{k}" for k in CLASSES]
    for group in kinds:
        n = count[group]
        if group.startswith("class:"):
            label = group + (f" (target {TARGETS[group[6:]]:.0f}%)" if group[6:] in TARGETS else "")
        else:
            label = group
        row = f"  {label:<27}{n:>6}  {read_ok[group]:>6} {_pct(read_ok[group], n)}"
        row += "".join(f"{date_ok[name][group]:>12} {_pct(date_ok[name][group], n)}" for name, _ in live)
        print(row)
    neg = count["class:neg"]
    false = {name: neg - date_ok[name]["class:neg"] for name, _ in live}
    print("  false dates on negatives: " + ", ".join(f"{name} {false[name]}/{neg}" for name in false))
    for name, _ in live:
        ordered = sorted(times[name])
        print(f"  {name:<14} p50 {ordered[len(ordered) // 2]:.3f} ms, p99 {ordered[int(len(ordered) * 0.99)]:.3f} ms "
              f"per line")
    for name in missing:
        print(f"  {name}: not installed (pip install -e '.[bench]')")
    if show_failures:
        for case, reading in failures:
            got = reading.when.isoformat(" ", "minutes") if reading.when else None
            print(f"  MISS [{case.kind}] {case.text!r}: got {got} {reading.title!r}"
                  + (f" {reading.rec}" if case.rec else "")
                  + f"; want {case.when.isoformat(' ', 'minutes') if case.when else None} {case.title!r}")
    return {k: 100 * read_ok["class:" + k] / max(1, count["class:" + k]) for k in CLASSES}

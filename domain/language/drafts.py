"""Turn one task segment into a TaskDraft: pick recognised pieces, resolve dates, tidy the title.

Field rule (see docs/quick-add.md): a deadline word (by, before, due, until, eod...) or no exact
clock time -> ``due``; an exact clock time without a deadline word -> ``start``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from domain.language.clockwords import find_clock_words
from domain.language.dates import find_dates
from domain.language.durations import find_durations
from domain.language.labels import find_labels
from domain.language.model import ReadingWarning, Span, TaskDraft
from domain.language.names import names_a_thing
from domain.language.numerals import find_figures
from domain.language.phrases import DateValue
from domain.language.recurrence import Rule, find_recurrences
from domain.language.times import TimeValue, find_times
from domain.language.tokens import Candidate, Context, describe, local
from domain.language.zones import find_zones

SINGLE = ("date", "time", "duration", "priority", "category", "recurrence", "zone")
DANGLING = re.compile(r"(?:^|\s)(?:on|at|by|due|for|before|after|until|till|from|to|in|starting|every)\s*$", re.I)
ARTICLE = re.compile(r"(?:^|\s)the\s*$", re.I)
WORDS_AFTER = re.compile(r"\s*\w")
TIMING = ("date", "time", "duration", "recurrence")
# Tidying the title; ``(?<!\s)\s++``: a run of spaces is tried once, from its start, not from
# every space in it ("1" + 10,000 spaces + "x" was quadratic here).
SPACE_BEFORE_PUNCTUATION = re.compile(r"(?<!\s)\s++([,.;:!?)])")
EMPTY_PARENS = re.compile(r"\(\s*+\)")
REPEATED_PUNCTUATION = re.compile(r"([,;:])(?:\s*+[,;:])+")
SPACE_RUN = re.compile(r"\s{2,}")
UNTIL_MARK = re.compile(r"(?:until|till|til)\s", re.I)
QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”|(?<!\w)\'[^\'\n]+\'(?!\w)|(?<!\w)‘[^’\n]+’(?!\w)')


def candidates(text: str, ctx: Context, dates_only: bool = False) -> list[Candidate]:
    """Every recognised piece of ``text``, except inside quotes ("buy 'The Day After Tomorrow'")."""
    found = [c for c in _recognise(text, ctx, dates_only) if not names_a_thing(text, c)]
    quoted = [(m.start(), m.end()) for m in QUOTED.finditer(text)]
    if quoted:
        found = [c for c in found if all(c.end <= s or c.start >= e for s, e in quoted)]
    return found


def _recognise(text: str, ctx: Context, dates_only: bool) -> list[Candidate]:
    found: list[Candidate] = []
    found.extend(find_dates(text, ctx))
    found.extend(find_times(text, ctx))
    found.extend(find_clock_words(text, ctx))
    found.extend(find_figures(text, ctx))
    found.extend(find_zones(text, ctx))
    if not dates_only:
        found.extend(find_recurrences(text, ctx))
        found.extend(find_durations(text, ctx))
        found.extend(find_labels(text, ctx))
    return found


def select(found: list[Candidate]) -> tuple[list[Candidate], list[Candidate]]:
    """Longest non-overlapping candidates; then one of each single kind (the first in the text).

    Returns (chosen, extra) where ``extra`` are valid pieces of a kind already taken.
    """
    ordered = sorted(found, key=lambda c: (-c.length, c.start, c.kind))
    taken: list[Candidate] = []
    used = bytearray(max((c.end for c in found), default=0))
    for cand in ordered:
        if not any(used[cand.start:cand.end]):
            taken.append(cand)
            used[cand.start:cand.end] = b"\x01" * cand.length
    taken.sort(key=lambda c: c.start)
    chosen, extra, seen = [], [], set()
    for cand in taken:
        if cand.kind in SINGLE and cand.kind in seen:
            extra.append(cand)
            continue
        seen.add(cand.kind)
        chosen.append(cand)
    return chosen, extra


@dataclass
class Timing:
    when: datetime | None = None
    is_start: bool = False
    duration: int | None = None
    recurrence: str | None = None
    ends_rule: bool = False  # the date says until when the rule repeats, not when the task is due
    warnings: list[ReadingWarning] = field(default_factory=list)  # placed, offsets in the segment


def _resolve_hour(value: TimeValue, date_value: DateValue | None) -> int:
    """Hour for an "at 7" time: 12 is noon; after "morning" am, after "evening"/"tonight" pm;
    otherwise 1-7 pm and 8-11 am."""
    hour = value.ambiguous_hour or 0
    vague = date_value.vague if date_value else None
    if hour == 12:
        return 12
    if vague is not None:
        return hour if vague <= time(12) else hour + 12
    return hour + 12 if hour <= 7 else hour


def _about(cand: Candidate | None, code: str, message: str) -> ReadingWarning:
    """A warning about the piece ``cand`` (segment offsets); about nothing in particular without one."""
    warning = ReadingWarning(code, message)
    return warning if cand is None else warning.placed(cand.start, cand.end)


def resolve_timing(by_kind: dict[str, Candidate], ctx: Context) -> Timing:
    date_c, time_c, rec_c = by_kind.get("date"), by_kind.get("time"), by_kind.get("recurrence")
    zone = by_kind["zone"].value if "zone" in by_kind and time_c is not None else ctx.tz  # "4pm CET"
    timing = Timing()
    if not (date_c or time_c or rec_c):
        return timing
    date_v: DateValue | None = date_c.value if date_c else None
    time_v: TimeValue | None = time_c.value if time_c else None
    deadline = any(c is not None and c.deadline for c in (date_c, time_c))
    clock = time_v.clock if time_v else None
    if time_v and time_v.ambiguous_hour:
        hour = _resolve_hour(time_v, date_v)
        clock = time(hour, time_v.clock.minute if time_v.clock else 0)
        timing.warnings.append(_about(time_c, "assumed_am_pm",
                                      f"'{_text(time_c)}' has no am/pm; read as {clock.strftime('%H:%M')}"))
    vague = (time_v.vague if time_v else None) or (date_v.vague if date_v else None)
    if rec_c is not None and rec_c.value.vague and vague is None and clock is None:
        vague = rec_c.value.vague
    at = clock or vague or ctx.default_time
    timing.is_start = clock is not None and not deadline
    timing.duration = time_v.duration if time_v else None
    if rec_c is not None:
        return _routine_timing(timing, rec_c.value, date_c, clock, at, ctx)
    if date_v is not None and date_v.instant is not None:
        timing.when, timing.is_start = date_v.instant, False
        return timing
    if date_v is not None and date_v.day is not None:
        timing.when = local(date_v.day, at, zone).astimezone(ctx.tz)
        if zone is ctx.tz and timing.when.replace(tzinfo=None) != datetime.combine(date_v.day, at):
            timing.warnings.append(_about(time_c or date_c, "clock_change",
                                          f"{at.strftime('%H:%M')} does not exist on {describe(date_v.day)} (clock "
                                          f"change); moved to {timing.when.strftime('%Y-%m-%d %H:%M')}"))
        if timing.when < ctx.now:
            timing.warnings.append(_about(date_c, "in_past",
                                          f"{describe(date_v.day)} {at.strftime('%H:%M')} is in the past"))
        return timing
    when = local(ctx.today, at, zone).astimezone(ctx.tz)
    if when < ctx.now:
        when = local(ctx.today + timedelta(days=1), at, zone).astimezone(ctx.tz)
        timing.warnings.append(_about(time_c, "time_passed",
                                      f"{at.strftime('%H:%M')} has passed today; read as tomorrow"))
    timing.when = when
    return timing


def _routine_timing(timing: Timing, rule: Rule, date_c: Candidate | None, clock: time | None, at: time,
                    ctx: Context) -> Timing:
    """A rule's first occurrence (the task's due or start) and its RRULE. A date after "until"/"till"/
    "through" ends the rule (its UNTIL, that day included) instead of anchoring it; "every N hours"
    without a time of day starts at the next whole hour."""
    date_v: DateValue | None = date_c.value if date_c else None
    last = date_v.day or (date_v.instant.date() if date_v.instant else None) if date_v else None
    ending = date_c is not None and UNTIL_MARK.match(date_c.source) is not None and last is not None
    timing.ends_rule = ending
    anchor = date_v.day if date_v and date_v.day and not ending else ctx.today
    strict = date_v is None or ending
    if rule.freq == "HOURLY" and clock is None and (date_v is None or ending):
        timing.when = (ctx.now + timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)
    else:
        timing.when = rule.first(anchor, at, ctx, strict=strict)
    timing.recurrence = rule.rrule()
    if ending:
        if timing.when is None or last < timing.when.astimezone(ctx.tz).date():
            timing.warnings.append(_about(date_c, "rule_end_before_start",
                                          f"'{_text(date_c)}' ends the rule before its first time; the rule is "
                                          "kept without an end"))
        else:
            timing.recurrence = rule.until(last)
    return timing


def _text(cand: Candidate) -> str:
    return cand.source


def tidy_title(text: str, removed: list[Candidate]) -> str:
    """The text without the removed pieces, and without a preposition left dangling before a
    removed date ("call mum on" -> "call mum"); "the" goes only when nothing follows the date."""
    pieces: list[str] = []
    cursor = 0
    ordered = sorted(removed, key=lambda c: c.start)
    for index, cand in enumerate(ordered):
        piece = text[cursor:cand.start]
        if cand.kind in TIMING:
            following = text[cand.end:ordered[index + 1].start] if index + 1 < len(ordered) else text[cand.end:]
            if not WORDS_AFTER.match(following):
                piece = ARTICLE.sub("", piece)
            piece = DANGLING.sub("", piece)
        pieces.append(piece)
        cursor = cand.end
    pieces.append(text[cursor:])
    title = " ".join(p.strip() for p in pieces if p.strip())
    title = SPACE_BEFORE_PUNCTUATION.sub(r"\1", title)
    title = EMPTY_PARENS.sub("", title)
    title = REPEATED_PUNCTUATION.sub(r"\1", title)
    title = SPACE_RUN.sub(" ", title)
    return title.strip(" \t,;:-–—|/").strip()


def _placed(chosen: list[Candidate]) -> list[ReadingWarning]:
    return [w.placed(c.start, c.end) for c in chosen for w in c.warnings]


def _notes(found: list[Candidate]) -> tuple[list[Candidate], list[ReadingWarning]]:
    """Split off the "note" candidates: words read only to warn about them ("on thanksgiving" where
    it is no holiday), which take no part in the reading and stay in the title."""
    notes = [c for c in found if c.kind == "note"]
    return [c for c in found if c.kind != "note"], _placed(notes)


def build_draft(text: str, offset: int, ctx: Context) -> tuple[TaskDraft, list[ReadingWarning]]:
    """The draft of one segment and its warnings, both with offsets into the whole input (``offset``
    is where the segment starts)."""
    found = candidates(text, ctx)
    for cand in found:
        cand.source = text[cand.start:cand.end]
    found, notes = _notes(found)
    chosen, extra = select(found)
    by_kind = {c.kind: c for c in chosen if c.kind in SINGLE}
    warnings = _placed(chosen)
    for cand in extra:
        warnings.append(_about(cand, "several_values",
                               f"several {cand.kind}s given; '{_text(cand)}' left in the title"))
    timing = resolve_timing(by_kind, ctx)
    warnings.extend(timing.warnings)
    warnings.extend(notes)
    time_field = "start" if timing.is_start else "due"
    draft = TaskDraft(title="")
    spans = []
    for cand in chosen:
        name = {"date": "recurrence" if timing.ends_rule else time_field, "time": time_field,
                "zone": time_field}.get(cand.kind, cand.kind)
        spans.append(Span(name, offset + cand.start, offset + cand.end, text[cand.start:cand.end]))
        if cand.kind == "tag" and cand.value.lower() not in {t.lower() for t in draft.tags}:
            draft.tags.append(cand.value)
    if timing.when is not None:
        setattr(draft, time_field, timing.when)
    duration = by_kind.get("duration")
    draft.duration_minutes = duration.value if duration else timing.duration
    draft.priority = by_kind["priority"].value if "priority" in by_kind else None
    draft.category = by_kind["category"].value if "category" in by_kind else None
    draft.recurrence = timing.recurrence
    draft.spans = spans
    draft.title = tidy_title(text, chosen)
    if not draft.title:
        draft.title = text.strip()
        warnings.append(ReadingWarning("no_title", f"nothing left for a title; kept '{draft.title}'").placed(
            len(text) - len(text.lstrip()), len(text.rstrip())))
    return draft, sorted((w.shifted(offset) for w in warnings), key=lambda w: (w.start or 0, w.end or 0))


def parse_when(text: str, ctx: Context) -> tuple[datetime | None, list[Candidate], str, list[ReadingWarning]]:
    """Only the date grammar: (when, pieces used, remaining text, warnings with offsets in ``text``).
    For /snooze and /move."""
    found = candidates(text, ctx, dates_only=True)
    for cand in found:
        cand.source = text[cand.start:cand.end]
    found, notes = _notes(found)
    chosen, _ = select(found)
    by_kind = {c.kind: c for c in chosen}
    timing = resolve_timing(by_kind, ctx)
    warnings = sorted(_placed(chosen) + timing.warnings + notes, key=lambda w: (w.start or 0, w.end or 0))
    return timing.when, chosen, tidy_title(text, chosen), warnings

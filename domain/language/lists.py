"""Lists written by hand or printed, as OCR reads them: which lines are items, which are ticked.

OCR gives lines with boxes in no dependable order; ``layout.reading_order`` puts them in the order a
person reads them (columns, then rows). ``list_items`` turns lines, in that order, into items.

A bullet, a number or a checkbox starts an item; markers are recognised as OCR misreads them too ("[I",
"{ ]", "&1", "xI" for a ticked box, "③." for a number, "米" or "。" for an asterisk or a dot; a quote read
between a box and its item, with none to close it, goes with the box: "[ I 'Cancel"; a figure before a
capitalised word that keeps a numbered list's count, "2 Hire" between "1." and "3.", is a number that lost its
dot), and a line that starts with a blank (the recogniser read the box and gave no letter for it) has lost its
marker; in a list with markers, what is left of a box before such a line ("& 1 Cancel", "1 Book", "I I Walk",
"81Buy") is no part of it. A line ending with a colon is a heading, never an item, and so is a note labelled
with a colon ("Note: back at 9", "Owner: Tom"), or with a word whose colon OCR lost, when it says what is so
("Note plumber comes at 9"; "Note the meter reading" is an item).

When at least half the lines that could be items (all but the first line and the notes) have markers, the list is
read as a marked list: a line without a marker is then an item when the recogniser lost its marker (it has two words
or more and a marked item follows it, or it names a time, a priority or a duration, "Meet study group wed 4pm", or
starts with a verb of what to do, "Water the herbs", "Fill in the visa form", unless it says what is so: "Train gets
in 5:40", "Corner shop shuts at 5", "Post office shuts at 12:30", "Back at 6pm"), continues the item before it when
it is indented under it (unless it starts with a capital under items that do, and is not all capitals: a new item
whose marker was lost) or is a lower-case line after a capitalised item that lost its marker, and is otherwise a
heading or a note (before the first item, after the last one, a one-word subheading). Otherwise every line is an
item but the title (the first line, when some line has a marker or it is drawn larger than the rest), a last line
that says what is so ("Vet closes at 5 on Sat") and a lower-case line set right of a capitalised item, which
continues it. In either kind of list, a lower-case line that starts with a word joining it to the one before ("and
the hiring plan", "about the essay deadline") goes on the item before it, however far left a tilted photo puts it,
and a line that starts with a verb of what to do ("call HMRC about the refund") is an item of its own unless the
item before it ends on a word that needs another ("Ask Tom to", "Email the team about the": ``imperatives.py``).
Ticked boxes and ``[x]`` mark an item checked, and so does a stroke through its first line (seen in the ink by the
vision adapter: OCR reads a struck line as if the stroke were not there). A box inside a line ("Fix the bike [ ] Pay
rent": OCR read two boxes of a board side by side as one line) starts another item.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from domain.language.imperatives import dangles, says_what_is_so, starts_with_a_task_verb
from domain.language.tokens import MONTHS

# a box as OCR reads it: "[ ]", but also "[]", "[I", "[J", "{ ]", "(1" and "[X1" (a side read as a letter or digit)
_OPEN, _CLOSE = r"[\[({]", r"[\])}IJl1|]"
_CHECKED = (rf"{_OPEN}\s*[xX×✗✘✓✔vV]\s*{_CLOSE}|[☑☒✓✔✅]|[xX]{_CLOSE}?(?:\s+(?=[A-Z])|(?=[A-Z][a-z]))|"
            r"E[xX](?:[1|\]]|[lI](?=\s))(?=\s*[A-Z])")   # "Ex1 Order": its "[" read as an "E"
# a box missing a side ("[ Book", "[Fix", "]Defrost"), its sides read as letters ("I Buy", "&1Buy", "& 1 Cancel")
_UNCHECKED = (rf"\[\s*\]|{_OPEN}\s*{_CLOSE}(?=\s|[A-Za-z])|[☐□◻❏口α]|\[\s*(?=[A-Z])|[({{]\s+(?=[A-Z])|"
              r"I\s+(?=[A-Z][a-z])|&\s?[1lI|]?\s*(?=[A-Z])|\](?=\s*[A-Z])")
_NUMBER = r"(?:\d{1,2}|[\u2460-\u2473])\s?[.)]"   # "2.", "2)", "2 .", "③." (a circled digit)
_NUMBERED = re.compile(rf"^\s*(?:{_NUMBER})")
# a figure and a space before a capitalised word: a number that lost its dot, where it keeps a numbered list's count
_BARE_NUMBER = re.compile(r"^\s*(\d{1,2})\s+(?=[A-Z][a-z])")
# "米", "。", "・", "、" (the recogniser knows Chinese too), '"' (with no closing quote in the line), "'", "." and
# "#" (then a space: "#work" is a tag) are an asterisk, a dash or a dot as OCR misreads them ("≠": a dash or an "=")
_BULLET = (rf"[-–—•·*▪■►>+~=≠»◦米。・、](?=\s|[A-Za-z])|\"(?=[^\"]*$)|'\s*(?=[A-Z])|[.#](?=\s)|"
           rf"{_NUMBER}(?=\s|[A-Za-z])|[a-zA-Z][.)](?=\s)")
# a quote read between a box or bullet and a capital, with none after it in the line to close it ("[ I 'Cancel")
_STRAY_QUOTE = r"(?:['‘’\"“](?=[A-Z])(?!.*['‘’\"”])\s*)?"
_MARKER = re.compile(rf"^\s*(?:(?P<checked>{_CHECKED})|(?P<unchecked>{_UNCHECKED})|(?P<bullet>{_BULLET}))\s*"
                     rf"{_STRAY_QUOTE}")
# a box misread before an item that lost its marker ("& 1 Cancel", "1 Book", "I I Walk", "81Buy"): ones, an "&", a
# bracket alone, or figures glued to a capitalised word, before it
_JUNK = re.compile(r"^(?:(?:[1lI|&\][(){}]|&[1lI|])\s+){1,2}(?=[A-Z][a-zA-Z])|^\d{1,2}(?=[A-Z][a-z])")
# a line in lower case that starts with a word joining it to the one before goes on the item before it
_JOINED = re.compile(r"^(?:and|or|but|about|with|for|from|of|to|the|at|on|in|by|into|than)\s")
_INNER_BOX = re.compile(r"\s(\[\s?\]|\[[xX]\]|[☐☑])\s+(?=\S)")   # a second box inside a line: a second item
_LOST = re.compile(r"^\s+(?=[A-Za-z])")   # a blank before the first letter: the box read as nothing
_WORD = re.compile(r"[^\W\d_]{2,}")
# a time, a priority or a duration: a line after the last item that names one is an item (a day alone is
# not enough: "Garage opens Mon to Sat")
_WHEN = re.compile(r"\b(?:\d{1,2}(?::\d\d)?\s?(?:am|pm)|\d{1,2}:\d\d|today|tomorrow|tonight|p[1-4]|"
                   r"\d{1,3}\s?(?:h|min|m))\b", re.IGNORECASE)
# a statement of what happens when, not a thing to do: a subject, then a verb of the third person ("Train gets in
# 5:40", "Vet closes at 5", "Party starts at 8pm"); after the last item it is a note though it names a time
_THIRD_PERSON = (r" (is|are|gets|comes|goes|opens|reopens|closes|shuts|leaves|arrives|starts|begins|ends|finishes|"
                 r"stops|expires|lands|departs|runs)\b")
_STATEMENT = re.compile(r"^[A-Za-z]+" + _THIRD_PERSON, re.IGNORECASE)
# ... or two words, then such a verb ("Corner shop shuts at 5"), unless the first is a task verb ("Check gas is off") or
# the second a determiner ("Rake the leaves": a verb and its object)
_STATEMENT_OF_TWO = re.compile(r"^[A-Za-z]+ (?!(?:the|a|an|my|your|our|their|his|her|this|that|some)\b)[A-Za-z]+"
                               + _THIRD_PERSON, re.IGNORECASE)
# such verbs that are plural nouns too: after a task verb they are its object ("Rake leaves"), unless a clock time
# follows ("Train leaves at 7")
_PLURAL_TOO = frozenset("leaves ends starts stops runs lands".split())
_IS = frozenset(("is", "are"))   # ... and after a task verb, these start what to check, not what is so
_CLOCK = re.compile(r"\b\d{1,2}(?::\d\d)?\s?(?:am|pm)\b|\b\d{1,2}:\d\d\b|\bat \d", re.IGNORECASE)
# "Note: ...", "Owner: Tom", "Call back: 555 0142", "NOTE: ...", "CALL BACK: ...", and as OCR reads them: "owner:Tom",
# "OwneR: Tom", "Landlord : 0770" (not "Call Bob: about the keys")
_NOTE = re.compile(r"^(?:[A-Za-z][A-Za-z]+(?: [a-z]+)?|[A-Z]{2,}(?: [A-Z]+)?)\s?:\s?(?=\S)")
# a note's label as a word of its own ("Note", "NB", "PS"), its colon lost
_LABEL = re.compile(r"^(?:note|nb|ps|fyi)\.?\s+(?=\S)", re.IGNORECASE)
# a priority or a duration at the end of an item as OCR misreads it: "pl" (p1), "Ih" or "th" (1h), "3Om" (30m), or
# glued to the word before it ("offsite3h", "ACMEp2")
_PRIORITY = re.compile(r"^p[1-4lI|zZ]$")
_DURATION = re.compile(r"^(?:[lI|t]h|[zZ]h|(?=[\dOolIsSB|]*\d|[\dOolI|]{2})[\dOolIsSB|]{1,3}(?:h|m|min))$")
_CAPITAL_UNIT = re.compile(r"(?<=[\dOlI|Z])(?:AM|PM|H|MIN|M)$")
# a time as OCR misreads it: "lpm", "Ipm" (1pm), "3:3Opm", "l0am": a digit among its figures, or ones read as
# l or I before "pm" ("lam", "Iam" are words)
_TIME = re.compile(r"^(?:(?=[^apm]*\d)[\dOolI|]{1,2}(?::[\dOolI|]{2})?(?:am|pm|om)|[lI|]{1,2}pm)$")   # "4om": 4pm
# an hour after "at" as OCR misreads it: "at Il" (11), "at lO" (10)
_HOUR = re.compile(r"^(?:[lI|]{1,2}|[lI|][Oo]|(?=[\dOolI|]*\d)[\dOolI|]{1,2})$")
_NUMBER_READ = re.compile(r"^(?=[\dOo]*\d)(?=[\dOo]*[Oo])[\dOo]{2,4}$")   # digits with an O among them
_UNIT = re.compile(r"^(.*?)(h|min|m)$")
# a day of the month as OCR misreads it ("s" for 5, "lO" for 10), after a month after "by", "before", ...
_DAY_READ = re.compile(r"^(?!I$)[\dOolI|zZsSB]{1,2}$")
# "on Mar 28" with its "n" read as a "u" or a space lost: "oumar28", "ou Mar 28", "onMar 28"
_ON_DAY = re.compile(r"(?<!\S)(?:ou ?|on)(?P<month>[A-Za-z]{3,9})\.? ?(?P<day>\d{1,2})$")
_BY = frozenset("by on before after until till from due".split())
_BEFORE_A_NOUN = frozenset("the a an my your our his her their this that at to with for".split())
_DIGITS = str.maketrans("OolI|tzZsSB", "00111122558")
_CIRCLED = str.maketrans({chr(0x2460 + n): str(n + 1) for n in range(20)})   # "⑥pm": 6pm
_GLUED = re.compile(r"(?:(?<=[A-Za-z]{3})|^)(p[1-4lI|zZ](?:\d{1,3}(?:h|m|min))?|\d{1,3}(?:h|m|min))$")
_ADVANCE = {**dict.fromkeys("abdeghnopqu0123456789", 0.556), **dict.fromkeys("ckszvxy", 0.5), "f": 0.278,
            "t": 0.278, "r": 0.333, **dict.fromkeys("ijl", 0.222), "m": 0.833, "w": 0.722,
            **dict.fromkeys("ABEKPSVXY", 0.667), **dict.fromkeys("CDHNRU", 0.722), **dict.fromkeys("GOQ", 0.778),
            **dict.fromkeys("FTZ", 0.611), "I": 0.278, "J": 0.5, "L": 0.556, "M": 0.833, "W": 0.944,
            **dict.fromkeys(" .,:;'!|", 0.278)}
HEADING_HEIGHT = 1.25   # a first line this many times the others' median height heads an unmarked list ...
HEADING_WIDTH = 1.1     # ... and so does one whose letters are this many times as wide
INDENT = 0.6            # a line this many of its heights right of an item's left is indented under it


@dataclass(frozen=True)
class ListItem:
    text: str
    checked: bool
    lines: tuple[int, ...]   # indexes of the lines it came from, in the order given to ``list_items``


def _marker(text: str) -> tuple[str | None, str]:
    found = _MARKER.match(text)
    if found is None:
        return ("lost" if _LOST.match(text) else None), text.strip()
    kind = next(name for name in ("checked", "unchecked", "bullet") if found.group(name))
    return kind, text[found.end():].strip()


def _number(text: str) -> int | None:
    """The number of a numbered line's marker ("2.", "③."), None for any other line."""
    found = _NUMBERED.match(text)
    return int(found.group().strip().rstrip(".)").strip().translate(_CIRCLED)) if found else None


def _counted(texts: list[str], marked: list[tuple[str | None, str]]) -> list[tuple[str | None, str]]:
    """``marked`` (each line's marker and text) with a line that starts with a bare figure before a capitalised
    word ("2 Hire a second designer") read as numbered when the figure keeps the count of the numbered lines
    around it: one more than the last number before it, or, before any, one less than the next. A figure out of
    the count, or in a list with no numbers, is the item's own ("2 Eggs please", "12 Angry Men")."""
    numbers = [_number(text) for text in texts]
    if not any(number is not None for number in numbers):
        return marked
    marked, last = list(marked), None
    for index, text in enumerate(texts):
        if numbers[index] is not None:
            last = numbers[index]
            continue
        bare = _BARE_NUMBER.match(text) if marked[index][0] is None else None
        if bare is None:
            continue
        figure = int(bare.group(1))
        following = next((number for number in numbers[index + 1:] if number is not None), None)
        if (figure == last + 1 and (following is None or figure < following) if last is not None
                else following is not None and figure == following - 1):
            marked[index], last = ("bullet", text[bare.end():].strip()), figure
    return marked


def _meant(word: str, before: str = "") -> str | None:
    """The priority, duration or time ``word`` is as OCR misreads it ("pl": "p1", "3Om": "30m", "lpm": "1pm";
    after ``before`` "at", "Il": "11"), if it is one."""
    if _TIME.match(word):
        return word[:-2].translate(_DIGITS) + word[-2:].replace("om", "pm")
    if before.lower() == "at" and word in ("M", "∥l", "l∥", "∥"):   # a hand's 11 read as an M, a double bar
        return "11"
    if before.lower() == "at" and _HOUR.match(word) and 1 <= int(word.translate(_DIGITS)) <= 12:
        return word.translate(_DIGITS)
    if _PRIORITY.match(word):
        return "p" + word[1:].translate(_DIGITS)
    if _NUMBER_READ.match(word):   # "DEC 2O": a day of the month with an O for a nought
        return word.translate(_DIGITS)
    if _DURATION.match(word):
        number, unit = _UNIT.match(word).groups()
        return number.translate(_DIGITS) + unit
    return None


def _uncapped(word: str) -> str:
    """A word of a line written in capitals with its priority's "P" and its duration's unit in lower case
    ("PI": "pI", "3OM": "3Om"), the digits as read."""
    unit = _CAPITAL_UNIT.search(word)
    if unit:
        return word[:unit.start()] + unit.group().lower()
    return "p" + word[1:] if word[:1] == "P" else word


# a quote before a capitalised word inside a line, with no other quote in the line to pair it ("for 'Thursday")
_STRAY_INSIDE = re.compile(r"(?<=\s)['‘’\"“](?=[A-Z])")
_QUOTES = re.compile(r"['‘’\"“”]")


def mended(text: str) -> str:
    """``text`` with the priorities, durations and times at its end read as meant ("Draft Q3 reportp1 Ih" is
    "Draft Q3 report p1 1h", "Lunch lpm" is "Lunch 1pm", "Haircut at Il" is "Haircut at 11") and a lone "p" at
    its end (a priority whose figure was lost) dropped, and so is a day of the month ("by Jan s" is "by Jan 5");
    a word before them that only looks like one ("Check in", "Email the PI", "Fix the printer lam") is left. A
    quote before a capitalised word, the line's only quote, goes ("for 'Thursday"); "pt" after a word is "p1" (a
    hand's 1 read as a t, as in "th" for 1h); "on" and a month and a day at the end read with a "u" for its "n" or
    its spaces lost is put right ("oumar28": "on mar 28")."""
    if len(_QUOTES.findall(text)) == 1:
        text = _STRAY_INSIDE.sub("", text)
    words, tail = text.split(), []
    if len(words) > 2 and words[-1] == "p":   # a priority whose figure was lost: no word
        words.pop()
        text = " ".join(words)
    if (len(words) > 2 and words[-3].lower() in _BY and words[-2].lower() in MONTHS and _DAY_READ.match(words[-1])
            and 1 <= int(words[-1].translate(_DIGITS)) <= 31):   # "by Jan s": the 5th
        words[-1] = str(int(words[-1].translate(_DIGITS)))
        text = " ".join(words)
    on_day = _ON_DAY.search(text)
    if on_day and on_day.group("month").lower() in MONTHS and 1 <= int(on_day.group("day")) <= 31:
        text = f"{text[:on_day.start()]}on {on_day.group('month')} {int(on_day.group('day'))}"   # "oumar28"
        words = text.split()
    while words and len(tail) < 3:
        word = words.pop()
        read = _uncapped(word) if text.isupper() else word   # "PI 2H" on a line in capitals
        meant = _meant(read.translate(_CIRCLED), words[-1] if words and not tail else "")
        if read == "In" and not tail and words and not words[-1][:1].isupper():
            meant = "1h"   # "requests In", "set 7 In": "In" after a word in lower case ends no English line
        if read == "Th" and not tail and words and words[-1][-1:].isdigit():
            meant = "1h"   # "set 7 Th": after a figure, no Thursday
        if read == "pt" and not tail and len(words) > 1 and words[-1].lower() not in _BEFORE_A_NOUN:
            meant = "p1"   # "page pt": a hand's 1 read as a t, as in "th" for 1h (not "Book pt", "at the pt")
        if meant is not None:
            tail.insert(0, meant)
            continue
        glued = _GLUED.search(read)
        if glued:  # "offsite3h", "ACMEp2", "reportp12h" (p1, then 2h)
            found = glued.group()
            pieces = [found[:2], found[2:]] if found[0] == "p" and len(found) > 2 else [found]
            word, tail = word[:glued.start()], [_meant(piece) or piece for piece in pieces] + tail
        if word:
            words.append(word)
        break
    return " ".join(words + tail) if tail else text


def has_marker(text: str) -> bool:
    """The line starts with a bullet, a number or a checkbox (as OCR reads them)."""
    return _MARKER.match(text) is not None


def marker_end(text: str) -> int:
    """Where the line's text starts after its bullet, number or checkbox ("[Glean the flat": 1); 0 without one."""
    found = _MARKER.match(text)
    return found.end() if found else 0


def _statement(text: str) -> bool:
    """What happens when ("Train gets in 5:40", "Corner shop shuts at 5") or what is so ("Back at 6pm"), not a
    thing to do."""
    one, two, verb = _STATEMENT.match(text), _STATEMENT_OF_TWO.match(text), starts_with_a_task_verb(text)
    if one and (one.group(1).lower() not in _PLURAL_TOO or not verb or _CLOCK.search(text, one.end())):
        return True
    # after a word that is a task verb too, two words say what happens only with a verb of an event ("Service
    # station closes at 10", "Tax disc expires in May"; not "Check gas is off", "Log training runs")
    if two and (not verb or two.group(1).lower() not in _IS and (two.group(1).lower() not in _PLURAL_TOO or
                                                                 _CLOCK.search(text, two.end()))):
        return True
    return says_what_is_so(text)


def _worth_a_task(text: str) -> bool:
    return bool(_WORD.search(text))


def _capital(text: str) -> bool:
    """Starts with a capital, in a line not written in capitals."""
    return text[:1].isupper() and not text.isupper()


def _note(text: str) -> bool:
    """A line ending with a colon ("Groceries:"), a note labelled with one ("Note: back at 9"), or labelled with a
    word of its own whose colon OCR lost, when it says what is so ("Note plumber comes at 9", not "Note the meter
    reading")."""
    lost = _LABEL.match(text)
    return text.endswith(":") or _NOTE.match(text) is not None or bool(lost and _statement(text[lost.end():]))


def _larger(lines: list[ListLine]) -> bool:
    """The first line is drawn larger than the others: wider for its letters, or, when the widths are not
    known, taller (a box's height takes in the ascenders and descenders a line happens to have, and a hand's
    loops: "Defrag"'s "f" and "g"; its width, against the widths its letters take in a proportional font,
    does not)."""
    if len(lines) < 3:
        return False
    per_letter = [line.width / _ems(line.text.strip()) for line in lines if line.width > 0 and line.text.strip()]
    if len(per_letter) == len(lines):
        return per_letter[0] >= HEADING_WIDTH * _median(per_letter[1:])
    return lines[0].height >= HEADING_HEIGHT * _median([line.height for line in lines[1:]])


def _ems(text: str) -> float:
    """How wide ``text`` is in a proportional font, in ems (Helvetica's advance widths: "i" a fifth of an
    em, "m" most of one), so that a line of wide letters is not taken for one drawn larger."""
    return sum(_ADVANCE.get(char, 0.556) for char in text) or 1.0


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def _heading(index: int, text: str, any_marker: bool, larger: bool) -> bool:
    """A line without a marker that is a note or a heading with a colon, or the first line of a list when
    some line has a marker, it ends with a full stop ("Shopping list." for a colon) or it is drawn larger
    than the others."""
    return _note(text) or index == 0 and (any_marker or text.endswith(".") or larger)


def _continues(text: str, left: float, height: float, item: ListItem, item_left: float, item_marked: bool,
               by_markers: bool) -> bool:
    """Whether a line without a marker continues ``item`` (which starts at ``item_left``)."""
    if _JOINED.match(text):   # "and the hiring plan": however far left a tilted photo puts it
        return True
    if starts_with_a_task_verb(text) and not dangles(item.text):   # "call HMRC ..." under "File the receipts"
        return False
    under = left > item_left + height * INDENT
    lower_after_capital = not _capital(text) and _capital(item.text)
    if not by_markers:  # a hand's margin drifts: only a lower-case line right of a capitalised item continues
        return lower_after_capital and left > item_left + height * INDENT / 2
    # under a marked item, unless a capital under a capital (an item that lost its marker); level with an
    # item that lost its marker (which starts where its text does), a lower-case line after a capital
    return under and not (_capital(text) and _capital(item.text)) or lower_after_capital and not item_marked


class ListLine(NamedTuple):
    text: str
    left: float
    height: float
    width: float = 0.0   # 0: not known
    struck: bool = False  # struck through on the image (the vision adapter's judgement of its ink)


def list_items(lines: list[tuple]) -> list[ListItem]:
    """Items of ``lines`` given as (text, left, height[, width[, struck]]) in reading order."""
    lines = [ListLine(*line) for line in lines]
    marked = _counted([text for text, *_ in lines], [_marker(text) for text, *_ in lines])
    candidates = [kind for index, (kind, text) in enumerate(marked)
                  if _worth_a_task(text) and not (kind is None and (index == 0 or _note(text)))]
    markers = sum(1 for kind in candidates if kind is not None)
    any_marker, by_markers = markers > 0, markers >= 2 and 2 * markers >= len(candidates)
    last_marked = max((i for i, (kind, _) in enumerate(marked) if kind is not None), default=-1)
    last_line = max((i for i, (_, text) in enumerate(marked) if text), default=-1)
    larger = _larger(lines)
    items: list[ListItem] = []
    open_item: tuple[int, float, bool] | None = None   # (index into items, left of its first line, marked)
    for index, ((kind, text), (_, left, height, _, struck)) in enumerate(zip(marked, lines)):
        if not text:
            continue
        if kind is None and any_marker:   # an item that lost its marker: what is left of the box goes too
            text = _JUNK.sub("", text)     # ("81Buy candles" is a capitalised line, no continuation)
        if kind is None:
            if _heading(index, text, any_marker, larger):
                open_item = None
                continue
            if open_item is not None and _continues(text, left, height, items[open_item[0]], open_item[1],
                                                    open_item[2], by_markers):
                item = items[open_item[0]]
                items[open_item[0]] = ListItem(f"{item.text} {text}", item.checked, (*item.lines, index))
                continue
            if index == last_line and _statement(text):   # a footer, in a list that lost its markers too
                continue
            # after the last item, an item that lost its marker names a time or says what to do ("Water the
            # herbs"), a note says what is so ("Rota on the fridge", "Train gets in 5:40")
            lost = index < last_marked or not _statement(text) and bool(
                _WHEN.search(text) or starts_with_a_task_verb(text))
            if by_markers and not (len(text.split()) > 1 and lost):
                open_item = None   # a heading, a subheading or a note between the items: not a task
                continue
        if not _worth_a_task(text):
            continue
        items.append(ListItem(text, kind == "checked" or struck, (index,)))
        open_item = (len(items) - 1, left, kind is not None)
    return [ListItem(mended(text), checked, item.lines) for item in items for text, checked in _side_by_side(item)]


def _side_by_side(item: ListItem) -> list[tuple[str, bool]]:
    """The item's text and tick, or, when OCR read two boxes of a board side by side as one line ("Fix the
    bike [ ] Pay rent"), each box's text and tick."""
    pieces = _INNER_BOX.split(item.text)
    if len(pieces) == 1:
        return [(item.text, item.checked)]
    found = [(pieces[0].strip(), item.checked)]
    for box, text in zip(pieces[1::2], pieces[2::2]):
        found.append((text.strip(), box.strip("[] ").lower() == "x" or box == "☑"))
    return [(text, checked) for text, checked in found if _worth_a_task(text)]

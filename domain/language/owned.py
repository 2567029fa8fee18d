"""A line read by an engine that gives no evidence but its confidence in each character (Google Cloud
Vision's symbols), put as its owner's own title or name where it differs from one only where the engine
doubted what it read.

The local engine weighs an item against the titles its owner has typed on what its recogniser saw in each
column of the line (``adapters/rapidocr/evidence.py``). An engine that answers with text alone gives less
to go on: here an item becomes one of the owner's titles (``vocabulary.own_phrases``) when the two are a
few letters apart (one in ``PHRASE_LETTERS``, at least one) and every letter changed, dropped or put in
sits where the engine read a character with less than ``DOUBT`` confidence, or in a word that ``known``
says no word list knows ("kown", "AAbatteries": the engine may be sure of a misreading). A letter is put in
next to a doubted letter, a space next to a doubted character; a space is as sure as the characters beside
it and never becomes a letter. A figure is never changed, dropped or put in ("Read chapter 5" is another
task than "Read chapter 4"), an item that is one of the titles already stays, and an item as near two
titles is left as read. The words after the item (a duration, "tomorrow") stay. A capitalised word of
three letters or more (a name's "'s" aside) one doubted letter from a name the owner writes
(``vocabulary.own_words``: "Cail's" for Gail's) becomes it, when it is the only one that near. Each image
may compare at most ``CELLS`` letter pairs (``Letters``): a page of long lines against 200 titles costs no
more. Measured on a stand-in for Vision, with decoy titles a letter from the items: bench/owned.py.
"""
from __future__ import annotations

import re
from typing import Callable

from domain.language.lists import marker_end

DOUBT = 0.8   # a character read with less confidence than this may be wrong
PHRASE_LETTERS = 5   # an item may be one letter in this many from a title (at least one)
CELLS = 2_000_000   # letter pairs an image's lines may be compared over with the owner's titles and names
# a duration, priority or time as a word of its own: an item with one the title lacks is another item
TAIL_WORD = re.compile(r"^(?:p[1-4]|\d{1,3}(?:h|m|min)|\d{1,2}(?::\d\d)?(?:am|pm))$", re.IGNORECASE)
# a word that may be a name: three letters or more, a capital first, a name's "'s" aside ("Cail's")
_NAME = re.compile(r"(?<![\w'’])([A-Z][A-Za-z]{2,})(?=['’][sS]\b|(?![\w'’]))")
_WORD = re.compile(r"\S+")
_LETTERS = re.compile(r"[A-Za-z]+")
_NEVER = 10 ** 6


class Letters:
    """The letter pairs an image's lines may still be compared over (an item against a title, letter by
    letter)."""

    def __init__(self, cells: int = CELLS) -> None:
        self.cells = cells

    def compare(self, a: str, b: str) -> bool:
        """Whether ``a`` and ``b`` may be compared (and, if so, the cost taken)."""
        if self.cells < (len(a) + 1) * (len(b) + 1):
            return False
        self.cells -= (len(a) + 1) * (len(b) + 1)
        return True


def owned(text: str, confidences: list[float], words: frozenset[str] = frozenset(), phrases: tuple[str, ...] = (),
          budget: Letters | None = None, known: Callable[[str], bool] | None = None) -> str:
    """``text`` (one line; ``confidences``: one for each of its characters) with its item put as one of the
    owner's ``phrases`` and its names as one of the owner's ``words`` where they differ only in doubted
    characters; else ``text`` as read. ``known(word)`` (lower case): whether a word list knows the word;
    the letters of a word it does not know are doubted too, however sure the engine was of them."""
    if len(confidences) != len(text) or not text.strip():
        return text
    budget = budget or Letters()
    doubted = [score < DOUBT for score in confidences]
    if known is not None:
        for found in _LETTERS.finditer(text):
            if not known(found.group().lower()):
                doubted[found.start():found.end()] = [True] * (found.end() - found.start())
    for i, char in enumerate(text):   # a space is as sure as the characters beside it
        if char.isspace():
            doubted[i] = (i > 0 and doubted[i - 1]) or (i + 1 < len(text) and doubted[i + 1])
    if phrases:
        text, doubted = _titled(text, doubted, phrases, budget)
    if words:
        text = _named(text, doubted, words, budget)
    return text


def _titled(text: str, doubted: list[bool], phrases: tuple[str, ...], budget: Letters) -> tuple[str, list[bool]]:
    start = marker_end(text)
    spans = [(found.start(), found.end()) for found in _WORD.finditer(text, start)]
    if not spans:
        return text, doubted
    found: list[tuple[int, str, int]] = []   # (edits, title, words of the item it replaces)
    for phrase in phrases:
        lower, count = phrase.lower(), len(phrase.split())
        title_words = set(lower.split())
        most = max(1, len(lower) // PHRASE_LETTERS)
        for taken in range(max(1, count - 1), min(len(spans), count + 1) + 1):   # it may gain or lose a word
            words = [text[a:b] for a, b in spans[:taken]]
            if not {word.lower() for word in words if TAIL_WORD.match(word)} <= title_words:
                break   # a duration, priority or time the title lacks ends the item
            item = " ".join(words)
            if item.lower() == lower:
                return text, doubted   # one of the owner's titles already
            if abs(len(item) - len(lower)) > most:
                continue
            sure = []   # for each character of ``item``: its words', then one for the space after each
            for k, (a, b) in enumerate(spans[:taken]):
                sure += [not d for d in doubted[a:b]]
                if k + 1 < taken:
                    sure.append(not any(doubted[b:spans[k + 1][0]]))
            if not budget.compare(item, lower):
                break
            edits = constrained(item.lower(), lower, sure, most)
            if edits <= most:
                found.append((edits, phrase, taken))
    if not found:
        return text, doubted
    least = min(edits for edits, _, _ in found)
    best = {(phrase, taken) for edits, phrase, taken in found if edits == least}
    if len({phrase.lower() for phrase, _ in best}) > 1:
        return text, doubted   # as near two titles: neither
    phrase, taken = min(best, key=lambda pair: pair[1])
    item = " ".join(text[a:b] for a, b in spans[:taken])
    written = phrase.upper() if item.isupper() else phrase
    end = spans[taken - 1][1]
    # the title's characters are the owner's: sure (a name inside it is not changed again)
    return text[:start] + written + text[end:], doubted[:start] + [False] * len(written) + doubted[end:]


def _named(text: str, doubted: list[bool], words: frozenset[str], budget: Letters) -> str:
    names = {word.lower(): word for word in words if len(word) >= 3}
    for match in list(_NAME.finditer(text))[::-1]:   # right to left: the matches before stay where they are
        word = match.group(1)
        lower = word.lower()
        if lower in names:
            continue
        sure = [not d for d in doubted[match.start(1):match.end(1)]]
        near = [name for name in names if abs(len(name) - len(lower)) <= 1 and budget.compare(lower, name)
                and constrained(lower, name, sure, 1) <= 1]
        if len(near) == 1:
            name = names[near[0]]
            text = text[:match.start(1)] + (name.upper() if word.isupper() else name) + text[match.end(1):]
    return text


def constrained(read: str, word: str, sure: list[bool], most: int) -> int:
    """The fewest edits from ``read`` to ``word`` (letters changed, dropped, put in) that touch no character
    of ``read`` the engine was sure of (``sure``: one for each) and no figure (a letter put in goes next to
    a doubted one, ``_insertable``); more than ``most`` when there are none that few."""
    row = [0] + [_NEVER] * len(word)
    for j in range(1, len(word) + 1):   # the word's first letters put in before anything read
        row[j] = row[j - 1] + 1 if row[j - 1] < _NEVER and _insertable(word[j - 1], read, sure, 0) else _NEVER
    for i, char in enumerate(read, 1):
        editable = not sure[i - 1] and not char.isdigit()
        current = [row[0] + 1 if editable else _NEVER] + [_NEVER] * len(word)
        for j, other in enumerate(word, 1):
            best = row[j - 1] if char == other else _NEVER
            if editable and char != other and not other.isdigit() and char.isspace() == other.isspace():
                best = min(best, row[j - 1] + 1)   # changed (a space is dropped or put in, never a letter)
            if editable:
                best = min(best, row[j] + 1)   # dropped
            if _insertable(other, read, sure, i):
                best = min(best, current[j - 1] + 1)   # put in after read[:i]
            current[j] = best
        row = current
        if min(row) > most:
            return _NEVER
    return row[-1]


def _insertable(char: str, read: str, sure: list[bool], at: int) -> bool:
    """``char`` may be put in at ``at`` (between read[at - 1] and read[at]): no figure; next to a doubted
    character, and a letter next to a doubted one of its word (not only a space: "the windkws" is not "thee
    windows")."""
    if char.isdigit():
        return False
    beside = [k for k in (at - 1, at) if 0 <= k < len(read) and not sure[k]]
    return any(not read[k].isspace() for k in beside) if not char.isspace() else bool(beside)

"""The words a user writes that word lists lack: the names of people, pets, places and brands in their own
task titles ("Call Olu about the roadmap", "Walk Biscuit", "Order Zyrtec"). A vision engine may prefer them
over look-alike misreads of the same user's handwriting ("Cail's" for Gail's, "Lana" for Luna): the names on
a photographed list are the ones its owner types too. And the titles themselves: the items a user types
again and again ("Buy oat milk", "Mow the lawn") are the ones their lists hold, and an engine may prefer them
over a reading of real words no word list can fault ("Buy cat milk").
"""
from __future__ import annotations

import re
from typing import Iterable

OWN_TASKS = 200   # the user's most recently changed tasks their words are taken from
OWN_WORDS = 300   # words kept at most (the first found: the most recent tasks')
# a capitalised word of three letters or more ("Olu", "McAllister"; a name's "'s" aside)
_CAPITALISED = re.compile(r"(?<![\w'’])([A-Z][A-Za-z]{2,})(?![A-Za-z0-9])")
_LETTER = re.compile(r"[A-Za-z]")
OWN_PHRASES = 200   # titles kept at most (the most recent first)
PHRASE_SHORTEST, PHRASE_LONGEST = 4, 80   # characters: a title shorter or longer is no phrase to prefer


def own_words(titles: Iterable[str]) -> frozenset[str]:
    """Capitalised words inside ``titles``, as written, at most ``OWN_WORDS``: not a title's first word (a
    verb starts a title capitalised), none from a title written in capitals."""
    found: dict[str, None] = {}
    for title in titles:
        if title.isupper():
            continue
        first = _LETTER.search(title)
        for match in _CAPITALISED.finditer(title):
            if first is not None and match.start() == first.start():
                continue
            found.setdefault(match.group(1))
            if len(found) >= OWN_WORDS:
                return frozenset(found)
    return frozenset(found)


def own_phrases(titles: Iterable[str]) -> tuple[str, ...]:
    """``titles`` as the user wrote them (spaces made single), each once (case aside, the first kept), at most
    ``OWN_PHRASES``: those of ``PHRASE_SHORTEST`` to ``PHRASE_LONGEST`` characters with a letter in them."""
    found: dict[str, str] = {}
    for title in titles:
        text = " ".join(title.split())
        if PHRASE_SHORTEST <= len(text) <= PHRASE_LONGEST and _LETTER.search(text):
            found.setdefault(text.lower(), text)
            if len(found) >= OWN_PHRASES:
                break
    return tuple(found.values())

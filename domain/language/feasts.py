"""Public holidays by name, for the country of the user's time zone (the ``holidays`` package):
"by thanksgiving", "on christmas eve", "on memorial day", "the day after thanksgiving",
"on boxing day" (Europe/London), "on canada day" (America/Toronto).

A name counts with a word before it that makes it a date (on, by, before, until, till, due), or at
the end of a phrase not after an article ("Call Bob thanksgiving"); "Buy Christmas cards", "Watch
the movie Independence Day", "Read A Christmas Carol" stay titles. Any holiday's eve is the day
before it. The country is the one ``zone.tab`` (tzdata) gives the zone; names of every region of
that country are known (in English where the package has it), the national date winning. The next
occurrence from today is used.

A holiday of another country after such a word ("on thanksgiving" in Europe/London) is no date: the
words stay in the title and a ``holiday_elsewhere`` warning says why (a "note" candidate).
"""
from __future__ import annotations

import re
import warnings
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Iterator

import holidays

from domain.language.model import ReadingWarning
from domain.language.phrases import STRONG_AFTER, DateValue
from domain.language.tokens import FLAGS, Candidate, Context

WORD = re.compile(r"[A-Za-z]++(?:['’][A-Za-z]*+)?\.?")
GAP = re.compile(r"\s++")
NAME_PARTS = re.compile(r"[;/]")
NOT_NAME = re.compile(r"['’.]")
LONGEST = 6  # words in the longest holiday name looked up
NAME_YEARS = (2025, 2026, 2027)
MARKS = {"on": False, "by": True, "before": True, "until": True, "till": True, "due": True}
NOT_AFTER = {"the", "a", "an", "movie", "film", "song", "book", "my", "our", "your", "his", "her", "their",
             "watch", "rewatch", "stream", "read", "see", "play", "sing", "listen", "to"}
ALIASES = {
    "christmas": "christmas day", "xmas": "christmas day", "thanksgiving": "thanksgiving day",
    "new year": "new years day", "new years": "new years day", "presidents day": "washingtons birthday",
    "president day": "washingtons birthday", "mlk day": "martin luther king jr day",
    "martin luther king day": "martin luther king jr day", "fourth of july": "independence day",
    "july fourth": "independence day", "labour day": "labor day", "juneteenth": "juneteenth national independence day",
    "early may bank holiday": "may day", "may bank holiday": "may day",
}


# Countries whose holiday names are recognised, to warn, when the user's country has no such day.
ELSEWHERE = ("US", "GB", "CA", "AU", "IE", "NZ", "IN", "DE", "FR")


def _key(name: str) -> str:
    return " ".join(NOT_NAME.sub("", name.lower()).split())


@lru_cache(maxsize=512)
def country_of(zone: str) -> str | None:
    """The ISO country of an IANA zone, from tzdata's ``zone.tab``; None for UTC and the like."""
    table = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(encoding="utf-8")
    for line in table.splitlines():
        fields = line.split("\t")
        if len(fields) >= 3 and not line.startswith("#") and fields[2] == zone:
            return fields[0]
    return None


@lru_cache(maxsize=64)
def _holidays(country: str, year: int) -> dict[str, date]:
    """Holiday names (normalised) -> date in ``year``; national names first, then every region's."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "available only from 2001 to 2035": then there are none
        try:
            national = holidays.country_holidays(country, years=year)
        except NotImplementedError:
            return {}
        language = "en_US" if "en_US" in national.supported_languages else None
        tables = [holidays.country_holidays(country, years=year, language=language)]
        tables += [holidays.country_holidays(country, subdiv=s, years=year, language=language)
                   for s in national.subdivisions]
    names: dict[str, date] = {}
    for table in tables:
        for day, joined in sorted(table.items()):
            for name in NAME_PARTS.split(joined):
                if "observed" not in name.lower():
                    names.setdefault(_key(name), day)
    for alias, name in ALIASES.items():
        if name in names:
            names.setdefault(alias, names[name])
    for name, day in list(names.items()):
        names.setdefault(f"{name} eve", day - timedelta(days=1))
    return names


@lru_cache(maxsize=64)
def _first_words(country: str) -> frozenset[str]:
    """First words of the country's holiday names (those of ``NAME_YEARS``): a text without one of
    them is not looked up, so no year's tables are built for it."""
    return frozenset(key.split(" ", 1)[0] for year in NAME_YEARS for key in _holidays(country, year))


@lru_cache(maxsize=1)
def _elsewhere() -> dict[str, str]:
    """Holiday names (normalised, with aliases and eves) of the ``ELSEWHERE`` countries -> the first
    country that has it."""
    names: dict[str, str] = {}
    for country in ELSEWHERE:
        for key in _holidays(country, NAME_YEARS[1]):
            names.setdefault(key, country)
    return names


@lru_cache(maxsize=64)
def public_holidays(country: str, year: int) -> frozenset[date]:
    """The national public holidays of ``country`` in ``year``, the days they are observed on
    included (Christmas on a Sunday is off on the Monday): the days business days skip. Regional
    holidays are not: which region the user is in is not known."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "available only from 2001 to 2035": then there are none
        try:
            return frozenset(holidays.country_holidays(country, years=year))
        except NotImplementedError:
            return frozenset()


def is_business_day(day: date, zone: str) -> bool:
    """Monday to Friday and not a public holiday of the zone's country (any weekday for a zone
    with no country, like UTC)."""
    if day.weekday() >= 5:
        return False
    country = country_of(zone)
    return country is None or day not in public_holidays(country, day.year)


def _next(country: str, key: str, today: date) -> date | None:
    for year in (today.year, today.year + 1):
        day = _holidays(country, year).get(key)
        if day is not None and day >= today:
            return day
    return None


def _phrase(text: str, words: list[re.Match[str]], start: int, count: int) -> str | None:
    """The words ``start..start+count`` as a key, when only spaces separate them."""
    for left, right in zip(words[start:start + count - 1], words[start + 1:start + count]):
        if not GAP.fullmatch(text, left.end(), right.start()):
            return None
    return _key(" ".join(w.group(0) for w in words[start:start + count]))


def find_holidays(text: str, ctx: Context) -> Iterator[Candidate]:
    country = country_of(ctx.tz.key)
    words = list(WORD.finditer(text))
    firsts = _first_words(country) if country else frozenset()
    index = 0
    while index < len(words):
        found = None
        if _key(words[index].group(0)) in firsts:
            found = _holiday_at(text, words, index, country, ctx)
        if found is None and index and words[index - 1].group(0).lower() in MARKS:
            found = _elsewhere_at(text, words, index, country, ctx)
        if found is None:
            index += 1
            continue
        candidate, used = found
        yield candidate
        index += used


def _elsewhere_at(text: str, words: list[re.Match[str]], index: int, country: str | None,
                  ctx: Context) -> tuple[Candidate, int] | None:
    """A note on "on <holiday of another country>": no date, a warning over the name."""
    names = _elsewhere()
    if _key(words[index].group(0)) not in _first_words_elsewhere():
        return None
    for count in range(min(LONGEST, len(words) - index), 0, -1):
        key = _phrase(text, words, index, count)
        if key is None or key not in names or (count == 1 and key not in ALIASES):
            continue
        start, end = words[index].start(), words[index + count - 1].end()
        where = f"in {country}" if country else f"for your time zone ({ctx.tz.key}), which names no country"
        message = f"'{text[start:end]}' is not a public holiday {where}; left in the title"
        return Candidate("note", start, end, None, warnings=[ReadingWarning("holiday_elsewhere", message)]), count
    return None


@lru_cache(maxsize=1)
def _first_words_elsewhere() -> frozenset[str]:
    return frozenset(key.split(" ", 1)[0] for key in _elsewhere())


def _holiday_at(text: str, words: list[re.Match[str]], index: int, country: str,
                ctx: Context) -> tuple[Candidate, int] | None:
    for count in range(min(LONGEST, len(words) - index), 0, -1):
        key = _phrase(text, words, index, count)
        day = _next(country, key, ctx.today) if key else None
        if day is None:
            continue
        first, end = index, words[index + count - 1].end()
        before = [w.group(0).lower() for w in words[max(0, index - 4):index]]
        shift = 0
        if len(before) >= 2 and before[-1] in ("after", "before") and before[-2] == "day":
            shift = 1 if before[-1] == "after" else -1  # "the day after thanksgiving"
            drop = 3 if len(before) >= 3 and before[-3] == "the" else 2
            first, before = first - drop, before[:-drop]
        the = 1 if len(before) >= 2 and before[-1] == "the" and before[-2] in MARKS else 0
        mark = before[-1 - the] if before and before[-1 - the] in MARKS else None
        if mark is not None:
            first -= 1 + the
        elif not (shift or STRONG_AFTER.match(text, end)) or (before and before[-1] in NOT_AFTER):
            return None  # "Buy Christmas cards", "the movie Independence Day"
        elif not shift and count == 1 and key not in ALIASES:
            return None  # a one-word name alone ("Read Epiphany") needs "on"/"by"
        start = words[first].start()
        value = DateValue(day + timedelta(days=shift))
        return Candidate("date", start, end, value, bool(mark and MARKS[mark])), count
    return None

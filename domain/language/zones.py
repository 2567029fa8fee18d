"""Time zones named after a time: "4pm CET", "Thursday 8:00 PST", "noon UTC", "3pm UTC+2", "9am PT".

The time (and the date, which stays the user's calendar day) is read in the named zone and the
result converted to the user's zone. Abbreviations are upper case, right after a time, through a
small mapping: a season-specific one (PST, CEST, BST) is that fixed offset, a generic one (PT, ET,
CT, MT) the region's zone with its clock changes. IST is India. "Email the GMT team" stays a title.
"""
from __future__ import annotations

import re
from datetime import timedelta, timezone, tzinfo
from typing import Iterator
from zoneinfo import ZoneInfo

from domain.language.tokens import Candidate, Context

HOURS: dict[str, float] = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "WEST": 1, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3,
    "MSK": 3, "IST": 5.5, "SGT": 8, "HKT": 8, "AWST": 8, "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11,
    "NZST": 12, "NZDT": 13, "HST": -10, "AKST": -9, "AKDT": -8, "PST": -8, "PDT": -7, "MST": -7, "MDT": -6,
    "CST": -6, "CDT": -5, "EST": -5, "EDT": -4, "AST": -4, "ADT": -3, "NST": -3.5, "NDT": -2.5,
}
REGIONS = {"PT": "America/Los_Angeles", "MT": "America/Denver", "CT": "America/Chicago", "ET": "America/New_York"}
NAMES = "|".join(sorted([*HOURS, *REGIONS], key=len, reverse=True))
ZONE = re.compile(
    rf"(?i:\d|[ap]\.?m\.?|\bnoon|\bmidnight)\s*+(?P<zone>{NAMES})"
    r"(?:(?P<sign>[+-])(?P<oh>1[0-4]|0?\d)(?::?(?P<om>[0-5]\d))?)?(?![\w+-])")


def _zone(match: re.Match[str]) -> tzinfo:
    name = match.group("zone")
    if name in REGIONS:
        return ZoneInfo(REGIONS[name])
    minutes = round(HOURS[name] * 60)
    if match.group("sign"):
        extra = int(match.group("oh")) * 60 + int(match.group("om") or 0)
        minutes += extra if match.group("sign") == "+" else -extra
    return timezone(timedelta(minutes=minutes))


def find_zones(text: str, ctx: Context) -> Iterator[Candidate]:
    for match in ZONE.finditer(text):
        if match.group("zone") in REGIONS and match.group("sign"):
            continue
        yield Candidate("zone", match.start("zone"), match.end(), _zone(match))

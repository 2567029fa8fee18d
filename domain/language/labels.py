"""Priority ("p1".."p4", "!!!", "urgent"), @tags and #categories."""
from __future__ import annotations

import re
from typing import Iterator

from domain.language.tokens import FLAGS, LB, Candidate, Context

PRIORITY = re.compile(
    rf"{LB}(?:p(?P<p>[1-4])|(?:priority|prio)\s*:?\s*(?P<q>[1-4]))(?![\w])"
    rf"|(?<![!])(?P<bang>!{{2,3}})(?=\s|$|[,;.)])"
    rf"|{LB}(?P<word>urgent|urgently|asap|a\.s\.a\.p\.?)(?![\w])(?!\s+care\b)", FLAGS)
TAG = re.compile(r"(?<![\w@#&/.])@(?P<tag>[^\W\d][\w-]*(?<!-))")
CATEGORY = re.compile(r"(?<![\w#&/@])#(?P<cat>[^\W\d][\w/-]*(?<![-/]))")


def _level(match: re.Match[str]) -> int:
    if match.group("p") or match.group("q"):
        return int(match.group("p") or match.group("q"))
    if match.group("bang"):
        return 1 if len(match.group("bang")) == 3 else 2
    return 1


def find_labels(text: str, ctx: Context) -> Iterator[Candidate]:
    for match in PRIORITY.finditer(text):
        yield Candidate("priority", match.start(), match.end(), _level(match))
    for match in TAG.finditer(text):
        yield Candidate("tag", match.start(), match.end(), match.group("tag"))
    for match in CATEGORY.finditer(text):
        yield Candidate("category", match.start(), match.end(), match.group("cat"))

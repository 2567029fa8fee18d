"""Find the task a person means by a few words, or say it is ambiguous instead of guessing."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from rapidfuzz import fuzz, process, utils

MIN_SCORE = 60.0
CLEAR_LEAD = 12.0  # the best must beat the runner-up by this much to be taken without asking


@dataclass(frozen=True)
class Match:
    chosen: object | None           # the task, when one is clearly meant
    candidates: tuple[object, ...]  # the plausible ones, best first, when it is ambiguous or unmatched


def match_task(query: str, tasks: Sequence, limit: int = 5) -> Match:
    titles = {i: t.title for i, t in enumerate(tasks)}
    exact = [t for t in tasks if t.title.strip().lower() == query.strip().lower()]
    if len(exact) == 1:
        return Match(exact[0], ())
    scored = process.extract(query, titles, scorer=fuzz.WRatio, processor=utils.default_process, limit=limit)
    plausible = [(tasks[key], score) for _, score, key in scored if score >= MIN_SCORE]
    if not plausible:
        return Match(None, ())
    if len(plausible) == 1 or plausible[0][1] - plausible[1][1] >= CLEAR_LEAD:
        return Match(plausible[0][0], ())
    return Match(None, tuple(task for task, _ in plausible))

"""Load and score the quick-add corpus (shared by the corpus test and bench/quickadd.py).

Corpus lines (JSON) hold ``t`` (the input) and either the fields of a single expected draft
(``title``, ``due``, ``start``, ``dur``, ``p``, ``tags``, ``cat``, ``rec``), or ``tasks`` (a list of
such dicts), or ``cmd`` (expected slash command) or ``error`` (expected ValidationError text).
Fields not given are expected empty (None / []). Datetimes are local wall times
"YYYY-MM-DD HH:MM" in the corpus time zone. ``neg: true`` marks a tricky line that must yield
no date. ``prefs`` overrides interpreter preferences.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from domain.errors import ValidationError
from domain.language.interpreter import interpret
from domain.language.model import Interpretation, TaskDraft

CORPUS = Path(__file__).with_name("corpus.jsonl")
TIMEZONE = "America/New_York"
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=ZoneInfo(TIMEZONE))  # a Thursday
FIELDS = ("title", "due", "start", "duration_minutes", "priority", "tags", "category", "recurrence")
SHORT = {"dur": "duration_minutes", "p": "priority", "cat": "category", "rec": "recurrence"}


def load(path: Path = CORPUS) -> list[dict[str, Any]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def wall(value: str | None) -> datetime | None:
    if value is None:
        return None
    return datetime.strptime(value, "%Y-%m-%d %H:%M").replace(tzinfo=ZoneInfo(TIMEZONE))


def expected_drafts(entry: dict[str, Any]) -> list[dict[str, Any]]:
    raw = entry["tasks"] if "tasks" in entry else ([] if "cmd" in entry else [entry])
    drafts = []
    for item in raw:
        draft = {name: None for name in FIELDS}
        draft["tags"] = []
        for key, value in item.items():
            name = SHORT.get(key, key)
            if name in FIELDS:
                draft[name] = value
        draft["due"], draft["start"] = wall(draft["due"]), wall(draft["start"])
        drafts.append(draft)
    return drafts


def run(entry: dict[str, Any]) -> Interpretation | ValidationError:
    prefs = entry.get("prefs", {})
    try:
        return interpret(entry["t"], NOW, TIMEZONE, **prefs)
    except ValidationError as error:
        return error


def actual_fields(draft: TaskDraft) -> dict[str, Any]:
    return {name: getattr(draft, name) for name in FIELDS}


@dataclass
class Score:
    text: str
    drafts_expected: int = 0
    drafts_right: int = 0
    fields_total: int = 0
    fields_right: dict[str, int] = field(default_factory=dict)
    fields_seen: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    no_date_line: bool = False
    false_date: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


def _dates(result: Interpretation) -> list[datetime]:
    found = [d for t in result.tasks for d in (t.due, t.start) if d is not None]
    if result.command and result.command.when:
        found.append(result.command.when)
    return found


def score(entry: dict[str, Any], result: Interpretation | ValidationError) -> Score:
    s = Score(entry["t"])
    if "error" in entry:
        s.drafts_expected = 1
        if isinstance(result, ValidationError) and entry["error"] in result.detail:
            s.drafts_right = 1
        else:
            s.problems.append(f"expected ValidationError containing {entry['error']!r}, got {result!r}")
        return s
    if isinstance(result, ValidationError):
        s.problems.append(f"unexpected ValidationError: {result.detail}")
        s.drafts_expected = len(expected_drafts(entry)) or 1
        return s
    expected = expected_drafts(entry)
    s.no_date_line = "cmd" not in entry and all(d["due"] is None and d["start"] is None for d in expected)
    s.false_date = s.no_date_line and bool(_dates(result))
    s.drafts_expected = len(expected)
    if len(result.tasks) != len(expected):
        s.problems.append(f"expected {len(expected)} tasks, got {len(result.tasks)}")
    for index, want in enumerate(expected):
        got = actual_fields(result.tasks[index]) if index < len(result.tasks) else None
        right = got is not None
        for name in FIELDS:
            s.fields_seen[name] = s.fields_seen.get(name, 0) + 1
            same = got is not None and got[name] == want[name]
            s.fields_right[name] = s.fields_right.get(name, 0) + int(same)
            if not same:
                right = False
                if got is not None:
                    s.problems.append(f"task {index} {name}: expected {want[name]!r}, got {got[name]!r}")
        s.drafts_right += int(right)
    if "cmd" in entry:
        s.drafts_expected += 1
        s.problems.extend(_command_problems(entry["cmd"], result))
        s.drafts_right += int(not _command_problems(entry["cmd"], result))
    return s


def _command_problems(want: dict[str, Any], result: Interpretation) -> list[str]:
    got = result.command
    if got is None:
        return ["expected a command, got none"]
    problems = []
    expected = {"name": want["name"], "task_query": want.get("task_query"), "when": wall(want.get("when")),
                "priority": want.get("priority"), "tags": want.get("tags", [])}
    for name, value in expected.items():
        if getattr(got, name) != value:
            problems.append(f"command {name}: expected {value!r}, got {getattr(got, name)!r}")
    return problems

"""The quick-add corpus as a test: every line must be interpreted exactly as written down."""
from __future__ import annotations

import pytest

from quickadd_corpus import load, run, score

ENTRIES = load()


def test_corpus_is_large_enough() -> None:
    assert len(ENTRIES) >= 300
    assert sum(1 for e in ENTRIES if e.get("neg")) >= 40


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["t"][:40] for e in ENTRIES])
def test_corpus_line(entry: dict) -> None:
    result = score(entry, run(entry))
    assert not result.false_date, f"false date on a no-date line: {entry['t']!r}"
    assert result.ok, f"{entry['t']!r}: " + "; ".join(result.problems)

"""The nesting scan agrees with the parsed structure's depth, strings with brackets included."""
from __future__ import annotations

import json

from hypothesis import given, strategies as st

from entrypoints.http.body import MAX_DEPTH, too_deep

LEAVES = st.none() | st.integers() | st.text(alphabet='[]{}"\\ ab', max_size=6)


def _depth(value) -> int:
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    return 0


def _nest(value, levels: int, sibling):
    for i in range(levels):
        value = [sibling, value] if i % 2 else {"k[": value, "s}": sibling}
    return value


@given(st.integers(0, 2 * MAX_DEPTH), st.recursive(LEAVES, lambda kids: st.lists(kids, max_size=3), max_leaves=6),
       LEAVES)
def test_the_scan_matches_the_depth(levels, inner, sibling):
    value = _nest(inner, levels, sibling)
    assert too_deep(json.dumps(value).encode()) == (_depth(value) > MAX_DEPTH)


def test_the_issue_attack_and_a_shallow_body():
    assert too_deep(b"[" * 100_000 + b"]" * 100_000)
    assert not too_deep(b'{"title": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", "tags": [[], {}]}')

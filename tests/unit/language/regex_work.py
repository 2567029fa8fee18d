"""Count the work a backtracking regex engine does, deterministically.

``re`` exposes no step counter, and a timed assertion would be flaky on a shared machine. So this
module re-runs a compiled pattern's own parse tree (``re._parser``, the tree ``re`` compiles) with a
small leftmost-first backtracking matcher that explores the same choices in the same order as
``re`` (greedy/lazy/possessive repeats, atomic groups, lookarounds, back-references, conditionals)
and counts one step per node it tries. ``re`` does the same search with constant-factor shortcuts
(literal prefixes, single-character repeat loops) that never change its growth, so a pattern whose
count here grows quadratically with the input also backtracks quadratically in ``re``, and one whose
count grows linearly does not.

Test code only: it is slow (pure Python) and meant for inputs of a few hundred characters.
"""
from __future__ import annotations

import re
import sys
from re import _constants as c  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Callable

Cont = Callable[[int], bool]
SINGLE = {c.LITERAL, c.NOT_LITERAL, c.ANY, c.IN}


class BudgetExceeded(Exception):
    """The matcher took more steps than allowed: the pattern is at least that slow."""


def _category(code, ch: str) -> bool:
    if code in (c.CATEGORY_DIGIT, c.CATEGORY_NOT_DIGIT):
        found = ch.isdecimal()
    elif code in (c.CATEGORY_SPACE, c.CATEGORY_NOT_SPACE):
        found = ch.isspace()
    else:
        found = ch.isalnum() or ch == "_"
    return found if code in (c.CATEGORY_DIGIT, c.CATEGORY_SPACE, c.CATEGORY_WORD) else not found


class WorkCounter:
    def __init__(self, pattern: re.Pattern[str], budget: int = 10**7) -> None:
        self.tree = _parser.parse(pattern.pattern, pattern.flags)
        self.flags = pattern.flags
        self.budget = budget
        self.steps = 0
        self.text = ""
        self.groups: dict[int, tuple[int, int]] = {}

    # -- entry points ---------------------------------------------------------------------------
    def match_at(self, text: str, pos: int = 0) -> int | None:
        """End of the match at ``pos`` (as ``pattern.match(text, pos)``), counting steps."""
        self.text, self.groups = text, {}
        ends: list[int] = []
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(limit, 50 * len(text) + 5000))
        try:
            found = self._seq(list(self.tree), 0, pos, bool(self.flags & re.I), lambda p: ends.append(p) or True)
        finally:
            sys.setrecursionlimit(limit)
        return ends[0] if found else None

    def scan(self, text: str) -> int:
        """Number of matches ``pattern.finditer(text)`` yields, counting steps."""
        count, pos = 0, 0
        while pos <= len(text):
            end = self.match_at(text, pos)
            if end is None:
                pos += 1
            else:
                count += 1
                pos = end if end > pos else pos + 1
        return count

    # -- the matcher ----------------------------------------------------------------------------
    def _tick(self) -> None:
        self.steps += 1
        if self.steps > self.budget:
            raise BudgetExceeded(f"more than {self.budget} steps")

    def _char(self, op, av, pos: int, ic: bool) -> bool:
        if pos >= len(self.text):
            return False
        ch = self.text[pos]
        if op is c.ANY:
            return ch != "\n" or bool(self.flags & re.S)
        forms = {ch, ch.lower(), ch.upper()} if ic else {ch}
        if op is c.LITERAL:
            return any(ord(f) == av for f in forms)
        if op is c.NOT_LITERAL:
            return all(ord(f) != av for f in forms)
        negate = bool(av) and av[0][0] is c.NEGATE
        hit = any(self._in_item(item, f) for item in av for f in forms)
        return hit != negate

    @staticmethod
    def _in_item(item, ch: str) -> bool:
        op, av = item
        if op is c.LITERAL:
            return ord(ch) == av
        if op is c.RANGE:
            return av[0] <= ord(ch) <= av[1]
        if op is c.CATEGORY:
            return _category(av, ch)
        return False  # NEGATE marker

    def _at(self, code, pos: int) -> bool:
        text, multiline = self.text, bool(self.flags & re.M)
        if code is c.AT_BEGINNING:
            return pos == 0 or (multiline and text[pos - 1] == "\n")
        if code is c.AT_BEGINNING_STRING:
            return pos == 0
        if code is c.AT_END:
            return pos == len(text) or (text[pos] == "\n" and (multiline or pos == len(text) - 1))
        if code is c.AT_END_STRING:
            return pos == len(text)
        before = pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] == "_")
        after = pos < len(text) and (text[pos].isalnum() or text[pos] == "_")
        return (before != after) == (code is c.AT_BOUNDARY)

    def _seq(self, items: list, index: int, pos: int, ic: bool, k: Cont) -> bool:
        if index == len(items):
            return k(pos)
        self._tick()
        op, av = items[index]

        def rest(p: int) -> bool:
            return self._seq(items, index + 1, p, ic, k)

        if op in SINGLE:
            return self._char(op, av, pos, ic) and rest(pos + 1)
        if op is c.AT:
            return self._at(av, pos) and rest(pos)
        if op is c.BRANCH:
            return any(self._seq(list(alt), 0, pos, ic, rest) for alt in av[1])
        if op is c.SUBPATTERN:
            return self._group(av, pos, ic, rest)
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            return self._repeat(op, av, pos, ic, rest)
        if op is c.ATOMIC_GROUP:
            return self._atomic(list(av), pos, ic, rest)
        if op in (c.ASSERT, c.ASSERT_NOT):
            return self._assert(op is c.ASSERT, av, pos, ic) and rest(pos)
        if op is c.GROUPREF:
            return self._groupref(av, pos, ic, rest)
        if op is c.GROUPREF_EXISTS:
            group, yes, no = av
            branch = yes if group in self.groups else no
            return self._seq(list(branch or []), 0, pos, ic, rest)
        raise NotImplementedError(f"regex node {op} is not modelled")

    def _group(self, av, pos: int, ic: bool, k: Cont) -> bool:
        group, add, remove, body = av
        inner = (ic or bool(add & re.I)) and not remove & re.I

        def close(p: int) -> bool:
            if group is None:
                return k(p)
            old = self.groups.get(group)
            self.groups[group] = (pos, p)
            if k(p):
                return True
            if old is None:
                self.groups.pop(group, None)
            else:
                self.groups[group] = old
            return False

        return self._seq(list(body), 0, pos, inner, close)

    def _atomic(self, body: list, pos: int, ic: bool, k: Cont) -> bool:
        ends: list[int] = []
        if not self._seq(body, 0, pos, ic, lambda p: ends.append(p) or True):
            return False
        return k(ends[0])

    def _assert(self, positive: bool, av, pos: int, ic: bool) -> bool:
        direction, body = av
        start = pos
        if direction < 0:
            width = body.getwidth()[0]
            start = pos - width
            if start < 0:
                return not positive
        saved = dict(self.groups)
        found = self._seq(list(body), 0, start, ic, lambda p: direction > 0 or p == pos)
        if not positive:
            self.groups = saved
        return found == positive

    def _groupref(self, group: int, pos: int, ic: bool, k: Cont) -> bool:
        if group not in self.groups:
            return False
        start, end = self.groups[group]
        wanted = self.text[start:end]
        got = self.text[pos:pos + len(wanted)]
        same = got.lower() == wanted.lower() if ic else got == wanted
        return same and k(pos + len(wanted))

    def _repeat(self, op, av, pos: int, ic: bool, k: Cont) -> bool:
        low, high, body = av
        body = list(body)
        if op is c.POSSESSIVE_REPEAT:
            return self._atomic([(c.MAX_REPEAT, av)], pos, ic, k)
        if len(body) == 1 and body[0][0] in SINGLE and op is c.MAX_REPEAT:
            return self._repeat_single(low, high, body[0], pos, ic, k)
        greedy = op is c.MAX_REPEAT

        def more(count: int, p: int) -> bool:
            self._tick()
            if not greedy and count >= low and k(p):
                return True
            if count < high:
                def again(q: int) -> bool:
                    return q != p and more(count + 1, q) if count >= low else more(count + 1, q)
                if self._seq(body, 0, p, ic, again):
                    return True
            return greedy and count >= low and k(p)

        return more(0, pos)

    def _repeat_single(self, low: int, high: int, item, pos: int, ic: bool, k: Cont) -> bool:
        """``x*``, ``[a-z]{1,3}``: as ``re``, run the character loop, then give back one at a time."""
        count = 0
        while count < high and self._char(item[0], item[1], pos + count, ic):
            self._tick()
            count += 1
        for taken in range(count, low - 1, -1):
            self._tick()
            if k(pos + taken):
                return True
        return False


def agrees_with_re(pattern: re.Pattern[str], text: str) -> bool:
    """The counter finds the same matches as ``re`` (a check on the counter itself)."""
    counter = WorkCounter(pattern)
    ours, pos = [], 0
    while pos <= len(text):
        end = counter.match_at(text, pos)
        if end is None:
            pos += 1
            continue
        ours.append((pos, end))
        pos = end if end > pos else pos + 1
    return ours == [m.span() for m in pattern.finditer(text)]

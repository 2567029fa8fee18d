"""Single-machine total weighted tardiness (1 || sum w_j T_j) optimiser.

Iterated local search: start from the best of a few dispatching rules (ATC with
several look-ahead values, EDD, WSPT), descend with insert and swap moves evaluated
incrementally (insert moves cost O(1) each by accumulating along the scan; swaps are
pruned with a bound before being evaluated exactly), and kick the local optimum with a
few random pair swaps. The random generator is seeded from the input, and the budget is
counted in kicks, never in seconds, so the same input always gives the same sequence.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import Sequence


@dataclass(frozen=True)
class TardinessResult:
    sequence: list[int]
    cost: float
    kicks: int
    best_kick: int = 0


def sequence_cost(seq: Sequence[int], p: Sequence[int], w: Sequence[float], d: Sequence[int],
                  start: int = 0) -> float:
    """Total weighted tardiness of ``seq`` processed back to back from ``start``."""
    t = start
    cost = 0.0
    for j in seq:
        t += p[j]
        if t > d[j]:
            cost += w[j] * (t - d[j])
    return cost


def atc_sequence(p: Sequence[int], w: Sequence[float], d: Sequence[int], k: float,
                 start: int = 0) -> list[int]:
    """Apparent Tardiness Cost dispatching (Vepsalainen and Morton) with look-ahead ``k``."""
    n = len(p)
    if n == 0:
        return []
    pbar = max(1.0, sum(p) / n)
    remaining = set(range(n))
    t = start
    seq: list[int] = []
    scale = k * pbar
    while remaining:
        best = -1
        best_val = -1.0
        for j in remaining:
            slack = d[j] - p[j] - t
            ratio = w[j] / max(p[j], 1)
            val = ratio * math.exp(-max(slack, 0) / scale) if slack > 0 else ratio
            if val > best_val or (val == best_val and j < best):
                best_val = val
                best = j
        seq.append(best)
        remaining.discard(best)
        t += p[best]
    return seq


def _completions(seq: list[int], p: Sequence[int], start: int) -> list[int]:
    out = []
    t = start
    for j in seq:
        t += p[j]
        out.append(t)
    return out


def local_search(seq: list[int], p: Sequence[int], w: Sequence[float], d: Sequence[int],
                 start: int = 0, window: int | None = None,
                 focus: set[int] | None = None) -> tuple[list[int], float]:
    """Descend with insert and swap moves until no move improves; returns (seq, cost).

    For each position the best improving move of the job there is applied (insert
    forward, insert backward or swap with a later job), then the scan goes on.
    Arrays are kept by position so the inner loops read plain lists. With ``focus``
    (don't-look bits) only those jobs, and jobs next to an applied move, are examined;
    without it every job is examined until a whole pass finds nothing.
    """
    n = len(seq)
    seq = list(seq)
    P = [p[j] for j in seq]
    W = [w[j] for j in seq]
    D = [d[j] for j in seq]
    C = _completions(seq, p, start)
    reach = n if window is None else window
    active = set(seq) if focus is None else set(focus)
    while active:
        i = 0
        while i < n:
            if seq[i] not in active:
                i += 1
                continue
            active.discard(seq[i])
            pa, wa, da, ci = P[i], W[i], D[i], C[i]
            ta_old = wa * (ci - da) if ci > da else 0.0
            best_delta = -1e-9
            best_kind = -1
            best_j = -1
            # forward inserts: the job at i moves to position j > i. Between two tardy
            # jobs the gain is constant and the job's own cost only grows, so only the
            # first position and tardy positions can be best.
            acc = 0.0
            j = i
            hi = i + 1 + reach
            for c, wb, db in zip(C[i + 1:hi], W[i + 1:hi], D[i + 1:hi]):
                j += 1
                if c > db:
                    nc = c - pa
                    acc -= wb * (c - db) - (wb * (nc - db) if nc > db else 0.0)
                elif j != i + 1:
                    continue
                delta = acc + (wa * (c - da) if c > da else 0.0) - ta_old
                if delta < best_delta:
                    best_delta = delta
                    best_kind = 0
                    best_j = j
            # backward inserts: only useful if the job is tardy
            if ta_old > 0:
                acc = 0.0
                for j in range(i - 1, max(-1, i - 1 - reach), -1):
                    c = C[j]
                    db = D[j]
                    nc = c + pa
                    if nc > db:
                        wb = W[j]
                        acc += wb * (nc - db) - (wb * (c - db) if c > db else 0.0)
                    e = (C[j - 1] if j > 0 else start) + pa
                    delta = acc + (wa * (e - da) if e > da else 0.0) - ta_old
                    if delta < best_delta:
                        best_delta = delta
                        best_kind = 1
                        best_j = j
            # swaps with a later job j
            base = ci - pa
            # weight of tardy jobs strictly between i and j: shifting them by delta_p
            # changes their cost by exactly delta_p * weight when delta_p > 0 and by at
            # least that when delta_p < 0, so e + delta_p * tw bounds the move from below
            tw = 0.0
            j = i
            for cj, pb, wb, db in zip(C[i + 1:hi], P[i + 1:hi], W[i + 1:hi], D[i + 1:hi]):
                j += 1
                if cj <= db and (pb >= pa or tw == 0.0):
                    continue  # b is on time and nothing between can gain
                nb = base + pb
                e = (wb * (nb - db) if nb > db else 0.0) - (wb * (cj - db) if cj > db else 0.0)
                e += (wa * (cj - da) if cj > da else 0.0) - ta_old
                delta_p = pb - pa
                if e + delta_p * tw < best_delta:  # tardy jobs between shift by delta_p
                    between = 0.0
                    if delta_p != 0:
                        for c, wx, dx in zip(C[i + 1:j], W[i + 1:j], D[i + 1:j]):
                            nc = c + delta_p
                            if nc > dx:
                                between += wx * (nc - dx)
                            if c > dx:
                                between -= wx * (c - dx)
                    delta = e + between
                    if delta < best_delta:
                        best_delta = delta
                        best_kind = 2
                        best_j = j
                if cj > db:
                    tw += wb
            if best_kind >= 0:
                j = best_j
                if best_kind == 2:
                    seq[i], seq[j] = seq[j], seq[i]
                else:
                    seq.insert(j, seq.pop(i))
                lo = min(i, j)
                hi_ = max(i, j)
                for k in (lo - 1, lo, lo + 1, hi_ - 1, hi_, hi_ + 1):
                    if 0 <= k < n:
                        active.add(seq[k])
                t = C[lo - 1] if lo > 0 else start
                for k in range(lo, hi_ + 1):  # the segment's total is unchanged after it
                    x = seq[k]
                    px = p[x]
                    t += px
                    C[k] = t
                    P[k] = px
                    W[k] = w[x]
                    D[k] = d[x]
                if focus is None:
                    active.update(seq)  # full descent: keep scanning every job
            i += 1
    return seq, sequence_cost(seq, p, w, d, start)


def _kick(seq: list[int], rng: random.Random, strength: int) -> tuple[list[int], set[int]]:
    """Swap ``strength`` random pairs; returns the new sequence and the jobs to re-examine."""
    s = list(seq)
    n = len(s)
    touched: set[int] = set()
    for _ in range(strength):
        i = rng.randrange(n)
        j = rng.randrange(n)
        s[i], s[j] = s[j], s[i]
        for k in (i - 1, i, i + 1, j - 1, j, j + 1):
            if 0 <= k < n:
                touched.add(k)
    return s, {s[k] for k in touched}


def initial_sequences(p: Sequence[int], w: Sequence[float], d: Sequence[int],
                      start: int = 0, atc: bool = True) -> list[list[int]]:
    n = len(p)
    # ATC is quadratic: above a few hundred jobs the sort-based rules are used alone
    ks = (0.5, 1.0, 2.0, 4.0) if n <= 300 and atc else ()
    seqs = [atc_sequence(p, w, d, k, start) for k in ks]
    seqs.append(sorted(range(n), key=lambda j: (d[j], j)))
    seqs.append(sorted(range(n), key=lambda j: (-(w[j] / max(p[j], 1)), j)))
    return seqs


def solve(p: Sequence[int], w: Sequence[float], d: Sequence[int], *, seed: int = 0,
          start: int = 0, max_kicks: int | None = None, patience: int | None = None,
          initial: Sequence[Sequence[int]] = (), window: int | None = None,
          atc: bool = True, dont_look: bool | None = None) -> TardinessResult:
    """Sequence jobs ``0..n-1`` to minimise sum w_j * max(0, C_j - d_j).

    ``max_kicks`` bounds the number of perturbations; ``patience`` stops after that many
    kicks without a new best. Both default to values scaled by ``n``. ``dont_look``: the
    first descent re-examines only jobs next to a move (default: above 300 jobs), not
    every job after each move; quicker, a little less thorough.
    """
    n = len(p)
    if n == 0:
        return TardinessResult([], 0.0, 0)
    candidates = [list(s) for s in initial] + initial_sequences(p, w, d, start, atc)
    best_seq = min(candidates, key=lambda s: sequence_cost(s, p, w, d, start))
    # large instances: don't-look bits from the start (a full rescan per move is quadratic)
    first_focus = set(range(n)) if (n > 300 if dont_look is None else dont_look) else None
    best_seq, best_cost = local_search(best_seq, p, w, d, start, window, first_focus)
    if n < 3 or best_cost <= 0:
        return TardinessResult(best_seq, best_cost, 0)
    if max_kicks is None:
        max_kicks = 40 * n
    if patience is None:
        patience = max(50, min(2 * n, 100))
    rng = random.Random(seed)
    cur_seq, cur_cost = best_seq, best_cost
    since_best = 0
    kicks = 0
    best_kick = 0
    while kicks < max_kicks and since_best < patience and best_cost > 0:
        kicks += 1
        strength = 2 + rng.randrange(3) + since_best // 10
        kicked, focus = _kick(cur_seq, rng, strength)
        cand, cost = local_search(kicked, p, w, d, start, window, focus)
        if cost < best_cost - 1e-9:
            cand, cost = local_search(cand, p, w, d, start, window)  # full descent
        if cost < best_cost - 1e-9:
            best_seq, best_cost = cand, cost
            since_best = 0
            best_kick = kicks
        else:
            since_best += 1
        if cost <= cur_cost + 1e-9:
            cur_seq, cur_cost = cand, cost
        elif since_best and since_best % 25 == 0:
            cur_seq, cur_cost = best_seq, best_cost
    return TardinessResult(best_seq, best_cost, kicks, best_kick)

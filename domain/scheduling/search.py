"""Local search on the real placement: candidate orders judged by placing them.

A candidate is a priority order plus its placement (``placement.decode``) and the key
plans are compared by: (weighted tardiness with left-out dated tasks at the horizon,
tasks left out, moved blocks, finish times, chunks). ``improve`` runs its
neighbourhoods one after the other, each keeping a move only if the key gets smaller, so
the result is never worse than its start:

0. For overload, ``_unblock``: dated jobs left out behind a left-out dependency moved up
   the order with it, and ``_to_back``: cheap late jobs tried at the back of the order.
1. ``_descend``: random moves of late jobs (earlier in the order by a power-of-two
   step, or an earlier job pushed behind them), biased toward the costliest ones.
2. ``_time_neighbours``: every late job tried just before the jobs placed right before
   it in time; exact swaps the random moves rarely hit.
3. ``_make_room``: an iterated local search whose kick gives a late job the slot it
   could have on its own, for long unsplittable tasks that short work crowds out.

Budgets count placements evaluated and randomness comes from a seeded generator, so the
same input always gives the same plan.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

from domain.scheduling import model as mdl
from domain.scheduling.placement import Decoded, Job, decode, reserve

NEIGHBOURS = 3  # jobs placed just before a late job that it is tried in front of
KICK_SHARE = 5  # a room kick's descent gets 1/KICK_SHARE of the room budget ...
KICK_DESCENT = 10  # ... and at least this many placements


@dataclass
class Candidate:
    key: tuple
    order: list[int]
    sticky: bool
    decoded: Decoded
    strategy: str


def tardiness(m: mdl.Model, finish: dict[int, int]) -> float:
    """The objective's first term: weighted tardiness, a dated task without a finish
    (left out) counting as finishing at the horizon, since it cannot finish earlier."""
    wt = 0.0
    for job in m.jobs:
        due = job.due
        if due is not None:
            f = finish.get(job.index, m.horizon)
            if f > due:
                wt += job.weight * (f - due)
    return round(wt, 6)


def _objective(m: mdl.Model, dec: Decoded, skip: set[int]) -> tuple:
    """(weighted tardiness, tasks left out, moved blocks, sum of finishes, chunks): placing
    more undated work never buys lateness of dated work (docs/scheduling.md)."""
    moved = _moved(m, dec)
    chunks = sum(len(c) for c in dec.chunks.values())
    return (tardiness(m, dec.finish), len(dec.failed) + len(skip), moved, sum(dec.finish.values()),
            chunks)


def open_work(key: tuple) -> bool:
    """True while a plan with this key could still get better: lateness or tasks left out."""
    return key[0] > 0 or key[1] > 0


def _going(m: mdl.Model, key: tuple) -> bool:
    """Search on: the plan could get better and the work budget is not spent (the search
    stops ``m.search_floor`` units short, so its last placement does not trip the guard)."""
    return open_work(key) and not m.guard.tripped and m.guard.left > m.search_floor


def _moved(m: mdl.Model, dec: Decoded) -> int:
    moved = 0
    for j, spans in m.previous.items():
        now_blocks = set(m.jobs[j].fixed) | set(dec.chunks.get(j, ()))
        moved += sum(1 for s in spans if s[1] > 0 and s not in now_blocks)
    return moved


def evaluate(m: mdl.Model, order: list[int], sticky: bool, skip: set[int], name: str) -> Candidate:
    if sticky:  # putting jobs back on their previous blocks is done once per set of jobs
        held = frozenset(order)
        base = m.reserved.get(held)
        if base is None:
            base = m.reserved[held] = reserve(order, m.jobs, m.placer.copy())
        dec = decode(order, m.jobs, base.placer.copy(), skip, guard=m.guard, reserved=base)
    else:
        dec = decode(order, m.jobs, m.placer.copy(), skip, guard=m.guard)
    return Candidate(_objective(m, dec, skip), order, sticky, dec, name)


def pull_deps(order: list[int], jobs: list[Job]) -> list[int]:
    """Move every dependency just before its earliest dependant when it sits later."""
    out: list[int] = []
    placed: set[int] = set()
    inside = set(order)
    for j in order:
        stack = [(j, False)]
        while stack:
            v, ready = stack.pop()
            if v in placed:
                continue
            if ready:
                placed.add(v)
                out.append(v)
                continue
            stack.append((v, True))
            for d in jobs[v].deps:
                if d in inside and d not in placed:
                    stack.append((d, False))
    return out


def _late(m: mdl.Model, dec: Decoded) -> list[tuple[float, int]]:
    """(-weighted lateness, job) of the late jobs, costliest first; a dated job left out
    counts as finishing at the horizon."""
    out = [(-(m.jobs[j].weight * (f - m.jobs[j].due)), j) for j, f in dec.finish.items()
           if m.jobs[j].due is not None and f > m.jobs[j].due]
    out += [(-(m.jobs[j].weight * (m.horizon - m.jobs[j].due)), j) for j, why in dec.failed.items()
            if why == "no_capacity" and m.jobs[j].due is not None and m.horizon > m.jobs[j].due]
    return sorted(out)


def _left_out(dec: Decoded) -> list[int]:
    return sorted(j for j, why in dec.failed.items() if why == "no_capacity")


def _moved_to(m: mdl.Model, best: Candidate, j: int, before: int, skip: set[int]) -> Candidate:
    """``best``'s order with job ``j`` inserted at position ``before``, placed."""
    order = list(best.order)
    order.insert(before, order.pop(order.index(j)))
    return evaluate(m, pull_deps(order, m.jobs), best.sticky, skip,
                    best.strategy.split("+ls")[0] + "+ls")


def _descend(m: mdl.Model, best: Candidate, skip: set[int], budget: int,
             rng: random.Random) -> tuple[Candidate, int]:
    """Random moves: late jobs earlier, others later; returns (best, placements spent)."""
    n = len(best.order)
    tried = 0
    since = 0
    while tried < budget and _going(m, best.key) and since < 500:
        late = _late(m, best.decoded)
        if not late:
            break
        tried += 1
        failed = _left_out(best.decoded)
        if failed and rng.random() < 0.3:
            # which tasks are left out matters too: let a left-out task go earlier
            j = failed[rng.randrange(len(failed))]
        else:  # bias toward the costliest late jobs
            j = late[min(len(late) - 1, int(rng.random() ** 2 * len(late)))][1]
        pos = best.order.index(j)
        if pos == 0:
            continue
        order = list(best.order)
        if rng.random() < 0.6:
            step = 1 << rng.randrange(max(1, pos.bit_length()))
            order.insert(max(0, pos - step), order.pop(pos))
            order = pull_deps(order, m.jobs)
        else:
            x = order.pop(rng.randrange(pos))  # push an earlier job behind the late one
            order.insert(min(n - 1, pos + rng.randrange(3)), x)
        cand = evaluate(m, order, best.sticky, skip, best.strategy.split("+ls")[0] + "+ls")
        since += 1
        if cand.key < best.key:
            best = cand
            since = 0
    return best, tried


def _time_neighbours(m: mdl.Model, best: Candidate, skip: set[int], budget: int) -> Candidate:
    """Try each late job just before the jobs placed right before it in time.

    Jobs that compete for one stretch of free time can sit far apart in the order (a
    task released late is placed where it fits, whatever its rank), so the random moves
    rarely hit the exact exchange of two neighbours. For each late job, costliest first,
    this tries it in front of each of the NEIGHBOURS jobs that start before it in the
    plan (its dependencies come along). The first improvement is kept and the scan
    starts again, until no such move improves or ``budget`` placements are spent.
    """
    spent = 0
    improved = True
    while improved and spent < budget and _going(m, best.key):
        improved = False
        chunks = best.decoded.chunks
        in_time = [j for _, j in sorted((c[0][0], j) for j, c in chunks.items() if c)]
        when = {j: i for i, j in enumerate(in_time)}
        pos = {j: i for i, j in enumerate(best.order)}
        for _, y in _late(m, best.decoded):
            if y not in when:
                continue
            i = when[y]
            for x in reversed(in_time[max(0, i - NEIGHBOURS):i]):
                if pos[x] > pos[y] or x in m.jobs[y].deps:
                    continue  # already behind y in the order, or pulled back before it
                cand = _moved_to(m, best, y, pos[x], skip)
                spent += 1
                if cand.key < best.key:
                    best, improved = cand, True
                    break
                if spent >= budget:
                    return best
            if improved:
                break
    return best


def _room_position(m: mdl.Model, best: Candidate, j: int) -> int | None:
    """Order position that gives job ``j`` the earliest slot it could have on its own.

    The decoder puts each job into the earliest time the jobs before it in the order
    left free and never leaves a gap on purpose, so a long unsplittable task can find
    every window big enough for it taken by short work that would have fitted elsewhere;
    moving it a few places up the order changes nothing. Here ``j`` is placed alone into
    the free time (after its dependencies' current finish); if that ends sooner than its
    current placement, the answer is the order position of the first job that now
    occupies that slot: inserted there, ``j`` takes the slot and the displaced work looks
    for other room. None when ``j`` cannot gain or nothing in its way comes before it.
    """
    job = m.jobs[j]
    dec = best.decoded
    earliest = max([job.release] + [dec.finish.get(d, 0) for d in job.deps])
    alone = m.placer.find(job, earliest)
    if not alone or (j in dec.finish and alone[-1][1] >= dec.finish[j]):
        return None
    b = m.placer.buffer
    slot = [(s - b, e + b) for s, e in alone]
    pos = {k: i for i, k in enumerate(best.order)}
    blocking = [pos[k] for k, spans in dec.chunks.items()
                if k != j and any(s < hi and e > lo for s, e in spans for lo, hi in slot)]
    first = min(blocking, default=pos[j])
    return first if first < pos[j] else None


def _make_room(m: mdl.Model, best: Candidate, skip: set[int], budget: int,
               rng: random.Random) -> Candidate:
    """Iterated local search whose kick gives a left-out or late job its own slot.

    The kick (``_room_position``) usually makes the plan worse at first, since the work
    it displaces lands later; a short ``_descend`` then lets that work settle elsewhere,
    and the result replaces the incumbent only if it is better. Left-out jobs, then late
    jobs costliest first, are kicked once each per incumbent; ``budget`` counts placements.
    """
    spent = 0
    kicked: set[int] = set()
    descent = max(KICK_DESCENT, budget // KICK_SHARE)
    while spent < budget and _going(m, best.key):
        kick = None
        for j in _left_out(best.decoded) + [j for _, j in _late(m, best.decoded)]:
            if j not in kicked:
                kicked.add(j)
                room = _room_position(m, best, j)
                if room is not None:
                    kick = (j, room)
                    break
        if kick is None:
            break
        cand = _moved_to(m, best, kick[0], kick[1], skip)
        cand, used = _descend(m, cand, skip, min(descent, budget - spent), rng)
        spent += 1 + used
        if cand.key < best.key:
            best = cand
            kicked = set()
    return best


def _to_back(m: mdl.Model, best: Candidate, skip: set[int], budget: int) -> Candidate:
    """Late jobs of the lowest weight per minute tried at the back of the order.

    When the work does not fit, someone's work waits: a late job that is cheap per
    minute (low w/p) moved behind everything finishes later or not at all (counting as
    finishing at the horizon), and the minutes it frees let costlier work finish
    sooner. Placements that are merely moved a few places never find this trade.
    """
    spent = 0
    tried: set[int] = set()
    while spent < budget and _going(m, best.key):
        late = [j for _, j in _late(m, best.decoded) if j in best.decoded.finish and j not in tried]
        if not late:
            break
        j = min(late, key=lambda x: (m.jobs[x].weight / max(1, m.jobs[x].duration), x))
        tried.add(j)
        cand = _moved_to(m, best, j, len(best.order) - 1, skip)
        spent += 1
        if cand.key < best.key:
            best = cand
    return best


def _blocked(m: mdl.Model, dec: Decoded) -> list[tuple[float, int]]:
    """(-cost, job) of the dated jobs left out because a dependency was, costliest first;
    each costs ``w x (horizon - due)``."""
    out = []
    for j, why in dec.failed.items():
        job = m.jobs[j]
        if why.startswith("dependency_unscheduled") and job.due is not None and m.horizon > job.due:
            out.append((-(job.weight * (m.horizon - job.due)), j))
    return sorted(out)


def _chain(m: mdl.Model, dec: Decoded, j: int) -> list[int]:
    """``j`` and the dependencies, transitively, that ``dec`` left out."""
    seen = {j}
    stack = [j]
    while stack:
        for d in m.jobs[stack.pop()].deps:
            if d not in seen and d not in dec.finish:
                seen.add(d)
                stack.append(d)
    return sorted(seen)


def _unblock_position(m: mdl.Model, best: Candidate, j: int) -> int | None:
    """Order position from which ``j`` and the dependencies left out with it could finish
    by its due date: before the jobs placed in the last minutes before the due date that
    add up to the chain's work (the earliest of them in the order). None if ``j`` is
    already there."""
    dec = best.decoded
    job = m.jobs[j]
    need = sum(m.jobs[k].duration + m.placer.buffer for k in _chain(m, dec, j))
    pos = {k: i for i, k in enumerate(best.order)}
    before = sorted(((f, k) for k, f in dec.finish.items() if f <= job.due and dec.chunks.get(k)),
                    reverse=True)
    first = pos[j]
    got = 0
    for _, k in before:
        if got >= need:
            break
        got += sum(e - s for s, e in dec.chunks[k])
        first = min(first, pos[k])
    if not before:
        first = 0
    return first if first < pos[j] else None


def _unblock(m: mdl.Model, best: Candidate, skip: set[int], budget: int) -> Candidate:
    """Dated jobs left out only because a dependency was left out, costliest first.

    Dispatch and list orders look at ready jobs: a light, undated or far-due dependency
    loses to other work, is left out, and takes an urgent p1 job that waits for it along
    (its whole ``w x (horizon - due)`` counts). Here such a job is moved up the order to
    where it could be on time (``_unblock_position``); ``pull_deps`` brings its
    dependencies in front of it. Kept only if the plan gets better; ``budget`` counts
    placements.
    """
    spent = 0
    tried: set[int] = set()
    while spent < budget and _going(m, best.key):
        todo = [j for _, j in _blocked(m, best.decoded) if j not in tried]
        if not todo:
            break
        j = todo[0]
        tried.add(j)
        at = _unblock_position(m, best, j)
        if at is None:
            continue
        cand = _moved_to(m, best, j, at, skip)
        spent += 1
        if cand.key < best.key:
            best = cand
    return best


def improve(m: mdl.Model, best: Candidate, skip: set[int], budget: int, room: int,
            seed: int, unblock: int = 0, back: int | None = None) -> Candidate:
    """Improve ``best``: ``unblock`` placements for dated tasks left out behind a left-out
    dependency, ``back`` placements of late tasks tried at the back of the order (default:
    ``budget`` if ``room``, else none), ``budget`` of random descent, then (if ``room``) as
    many at most for neighbour exchanges and ``room`` placements of room-making kicks."""
    rng = random.Random(seed)
    if back is None:
        back = budget if room else 0
    if unblock:
        best = _unblock(m, best, skip, unblock)
    if back:  # not when re-planning, whose first aim is to move little, fast
        best = _to_back(m, best, skip, back)
    best, _ = _descend(m, best, skip, budget, rng)
    if room:
        best = _time_neighbours(m, best, skip, budget)
        best = _make_room(m, best, skip, room, rng)
    return best

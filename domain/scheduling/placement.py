"""Placing tasks, in a given order, into the free time left on the minute axis.

``Placer`` holds the free spans of every availability profile (working hours, or the
hours of a category) minus busy time, buffers and blocks already placed, and the minutes
already used on each local day when a daily cap applies. ``decode`` places jobs in a
priority order, each at its earliest feasible time once its dependencies are done.
"""
from __future__ import annotations

import bisect
import heapq
from dataclasses import dataclass, field

from domain.scheduling.budget import UNLIMITED, Guard

Span = tuple[int, int]
CHUNK_BREAK = 15  # minutes between two chunks of one task cut by max_chunk_minutes


@dataclass
class Job:
    index: int
    id: str
    duration: int  # minutes still to place after fixed blocks
    release: int
    due: int | None
    weight: float
    splittable: bool
    min_chunk: int
    max_chunk: int | None
    deps: tuple[int, ...]
    profile: str
    priority: int
    fixed: list[Span] = field(default_factory=list)  # pinned or kept blocks
    sticky: list[Span] = field(default_factory=list)  # previous blocks to reuse if possible


def _completable(rest: int, mn: int, mx: int) -> bool:
    """Can ``rest`` minutes be cut into chunks of ``mn``..``mx`` minutes?"""
    return rest == 0 or (rest >= mn and -(-rest // mx) * mn <= rest)


def effective_max_chunk(duration: int, mn: int, mx: int | None) -> int | None:
    """``mx``, raised just enough that ``duration`` can be cut into chunks of mn..mx."""
    if mx is None or _completable(duration, min(mn, duration), mx):
        return mx
    k = max(1, duration // mn)  # as many chunks as the minimum length allows
    return max(mx, -(-duration // k))


class Placer:
    def __init__(self, free: dict[str, list[Span]], buffer: int, cap: int | None,
                 days: list[int], used: dict[int, int]):
        self.free = free
        self.buffer = buffer
        self.cap = cap
        self.days = days
        self.used = used
        self.work = 0  # free spans visited or cut so far (budget.Guard's units)

    def copy(self) -> "Placer":
        return Placer({k: list(v) for k, v in self.free.items()}, self.buffer, self.cap,
                      self.days, dict(self.used))

    def _day(self, minute: int) -> int:
        return bisect.bisect_right(self.days, minute) - 1

    def find(self, job: Job, earliest: int) -> list[Span] | None:
        """Chunks for ``job`` starting at or after ``earliest``, or None if it cannot fit."""
        need = job.duration
        if need <= 0:
            return []
        spans = self.free[job.profile]
        if job.splittable:
            mn = min(job.min_chunk, need)
            mx = job.max_chunk or need
        else:
            mn = mx = need
        chunks: list[Span] = []
        extra: dict[int, int] = {}
        cursor = earliest
        k = bisect.bisect_right(spans, (cursor, 1 << 62))
        if k > 0 and spans[k - 1][1] > cursor:
            k -= 1
        n = len(spans)
        cap = self.cap
        first = k
        while need > 0 and k < n:
            s, e = spans[k]
            if s < cursor:
                s = cursor
            avail = e - s
            if avail < mn:
                k += 1
                continue
            if cap is not None:
                day = self._day(s)
                left = cap - self.used.get(day, 0) - extra.get(day, 0)
                if left < avail:
                    avail = left
                if avail < mn:
                    k += 1
                    continue
            c = min(avail, mx, need)
            if 0 < need - c < mn:
                c = need - mn
            while c >= mn and not _completable(need - c, mn, mx):
                c -= 1
            if c < mn:
                k += 1
                continue
            chunks.append((s, s + c))
            need -= c
            if cap is not None:
                extra[day] = extra.get(day, 0) + c
            # a following chunk in the same span gets a break, or the two would merge
            gap = max(self.buffer, CHUNK_BREAK) if need > 0 else self.buffer
            cursor = s + c + gap
            if cursor >= e:
                k += 1
        self.work += k - first + 1
        return chunks if need == 0 else None

    def fits_exactly(self, job: Job, chunks: list[Span]) -> bool:
        """True if ``chunks`` lie inside free time (used to keep previous blocks)."""
        spans = self.free[job.profile]
        extra: dict[int, int] = {}
        for s, e in chunks:
            k = bisect.bisect_right(spans, (s, 1 << 62)) - 1
            if k < 0 or spans[k][1] < e or spans[k][0] > s:
                return False
            if self.cap is not None:
                day = self._day(s)
                if self._day(e - 1) != day:
                    return False
                extra[day] = extra.get(day, 0) + e - s
                if self.used.get(day, 0) + extra[day] > self.cap:
                    return False
        return True

    def commit(self, chunks: list[Span], count_cap: bool = True) -> None:
        b = self.buffer
        for s, e in chunks:
            lo, hi = s - b, e + b
            for key, spans in self.free.items():
                k = bisect.bisect_right(spans, (lo, 1 << 62))
                if k > 0 and spans[k - 1][1] > lo:
                    k -= 1
                m = k
                repl: list[Span] = []
                while m < len(spans) and spans[m][0] < hi:
                    ss, ee = spans[m]
                    if ss < lo:
                        repl.append((ss, lo))
                    if ee > hi:
                        repl.append((hi, ee))
                    m += 1
                if m > k:
                    spans[k:m] = repl
                self.work += m - k + 1
            if count_cap and self.cap is not None:
                day = self._day(s)
                self.used[day] = self.used.get(day, 0) + (e - s)


@dataclass
class Decoded:
    chunks: dict[int, list[Span]]  # job index -> placed chunks (without fixed blocks)
    finish: dict[int, int]  # job index -> end of its last block
    failed: dict[int, str]  # job index -> "no_capacity" | "dependency_unscheduled:<index>"
    kept: set[int]  # jobs placed on their previous (sticky) blocks


def decode(order: list[int], jobs: list[Job], placer: Placer, skip: set[int],
           use_sticky: bool = False, guard: Guard = UNLIMITED,
           reserved: "Reserved | None" = None) -> Decoded:
    """Place jobs following ``order`` (a priority list) while respecting dependencies.

    A job becomes ready when all its dependencies are placed; among ready jobs the one
    earliest in ``order`` goes first. Jobs in ``skip`` are not placed (already failed).
    Once ``guard`` trips, the jobs not reached yet fail with ``truncated``. With
    ``use_sticky``, jobs go back on their previous blocks first: ``reserved`` (from
    ``reserve``, on this ``placer``) is that step done already.
    """
    rank = {j: r for r, j in enumerate(order)}
    waiting: dict[int, int] = {}
    children: dict[int, list[int]] = {}
    for j in order:
        deps = jobs[j].deps
        waiting[j] = 0
        for dep in deps:
            if dep in rank:
                waiting[j] += 1
                children.setdefault(dep, []).append(j)
    heap = [(rank[j], j) for j in order if waiting[j] == 0]
    heapq.heapify(heap)
    chunks: dict[int, list[Span]] = {}
    finish: dict[int, int] = {}
    failed: dict[int, str] = {}
    kept: set[int] = set()
    if reserved is not None:
        chunks = {j: list(c) for j, c in reserved.chunks.items()}
        finish, kept = dict(reserved.finish), set(reserved.kept)
    elif use_sticky:
        _reserve_sticky(order, jobs, placer, chunks, finish, kept)
    seen = placer.work
    while heap:  # the hot loop of every search move: plain loops, no generators
        if guard.spend(1 + placer.work - seen):
            for j in order:
                if j not in chunks and j not in failed and j not in kept:
                    failed[j] = "truncated"
            break
        seen = placer.work
        j = heapq.heappop(heap)[1]
        job = jobs[j]
        blocked = None
        for d in job.deps:
            if d in failed or d in skip:
                blocked = d
                break
        if j in kept:
            pass
        elif blocked is not None:
            failed[j] = f"dependency_unscheduled:{blocked}"
        else:
            earliest = job.release
            for d in job.deps:
                if finish[d] > earliest:
                    earliest = finish[d]
            placed = placer.find(job, earliest)
            if placed is None:
                failed[j] = "no_capacity"
            else:
                placer.commit(placed)
                chunks[j] = placed
                end = placed[-1][1] if placed else None  # chunks come in time order
                for _, e in job.fixed:
                    if end is None or e > end:
                        end = e
                finish[j] = earliest if end is None else end
        for c in children.get(j, ()):
            waiting[c] -= 1
            if waiting[c] == 0:
                heapq.heappush(heap, (rank[c], c))
    return Decoded(chunks, finish, failed, kept)


@dataclass
class Reserved:
    """Jobs put back on their previous blocks (``_reserve_sticky``), and the free time left."""

    placer: Placer
    chunks: dict[int, list[Span]]
    finish: dict[int, int]
    kept: set[int]


def reserve(order: list[int], jobs: list[Job], placer: Placer) -> Reserved:
    """The sticky step of ``decode`` on ``placer`` (consumed), to start many decodes from: it
    depends on which jobs ``order`` holds, not on their order."""
    chunks: dict[int, list[Span]] = {}
    finish: dict[int, int] = {}
    kept: set[int] = set()
    _reserve_sticky(order, jobs, placer, chunks, finish, kept)
    return Reserved(placer, chunks, finish, kept)


def _reserve_sticky(order: list[int], jobs: list[Job], placer: Placer, chunks: dict[int, list[Span]],
                    finish: dict[int, int], kept: set[int]) -> None:
    """Put every job back on its previous blocks first, where they are still valid.

    A job is reserved only if each dependency is itself reserved (or has nothing left to
    place) and finishes before the job's first block, so dependencies stay satisfied.
    """
    sticky = sorted((jobs[j].sticky[0][0], j) for j in order if jobs[j].sticky)
    for start, j in sticky:
        job = jobs[j]
        ok = True
        for d in job.deps:
            dep = jobs[d]
            if d in kept:
                ok = finish[d] <= start
            elif dep.duration == 0 and not dep.sticky:
                ok = max((e for _, e in dep.fixed), default=0) <= start
            else:
                ok = False
            if not ok:
                break
        if not ok or not placer.fits_exactly(job, job.sticky):
            continue
        placer.commit(job.sticky)
        chunks[j] = list(job.sticky)
        ends = [e for _, e in job.sticky] + [e for _, e in job.fixed]
        finish[j] = max(ends)
        kept.add(j)

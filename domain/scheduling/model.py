"""Turn a ``Problem`` (and the previous plan) into jobs and free time on the minute axis.

This is where hard inputs are checked that only make sense together: pinned blocks that
overlap busy time or each other (a ``Conflict``), dependency cycles, tasks longer than
any window, and which blocks of the previous plan stay where they are.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from domain.errors import Conflict, ValidationError
from domain.scheduling import availability as av
from domain.scheduling.budget import UNLIMITED, Guard
from domain.scheduling.placement import Job, Placer, Span, effective_max_chunk
from domain.scheduling.problem import Block, Problem

KEEP_WINDOW = 24 * 60  # blocks starting within this many minutes stay unless they must move


@dataclass
class Model:
    axis: av.TimeAxis
    horizon: int
    jobs: list[Job]
    placer: Placer
    windows: dict[str, list[Span]]
    failed: dict[int, tuple[str, str]]  # job index -> (code, reason) known before placing
    fixed_reason: dict[tuple[int, Span], str]
    previous: dict[int, list[Span]]  # future blocks of the previous plan, per job
    guard: Guard = UNLIMITED  # the work budget and stop check of this run (budget.py)
    search_floor: int = 0  # the local search stops with fewer units left (the plan is never cut)
    reserved: dict = field(default_factory=dict)  # jobs held -> placement.Reserved (search.evaluate)


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise ValidationError.for_field("timezone", f"unknown timezone {name!r}") from None


def _cycles(jobs: list[Job]) -> list[list[int]]:
    """Strongly connected components with a cycle (Tarjan, iterative)."""
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    on_stack: set[int] = set()
    stack: list[int] = []
    out: list[list[int]] = []
    counter = 0
    for root in range(len(jobs)):
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            v, pos = work.pop()
            if pos == 0:
                index[v] = low[v] = counter
                counter += 1
                stack.append(v)
                on_stack.add(v)
            deps = jobs[v].deps
            if pos < len(deps):
                work.append((v, pos + 1))
                w = deps[pos]
                if w not in index:
                    work.append((w, 0))
                elif w in on_stack:
                    low[v] = min(low[v], index[w])
                continue
            for w in deps:
                if w in on_stack:
                    low[v] = min(low[v], low[w])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                if len(comp) > 1 or v in jobs[v].deps:
                    out.append(sorted(comp))
    return out


def _overlaps(a: list[Span], b: list[Span]) -> Span | None:
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i][1] <= b[j][0]:
            i += 1
        elif b[j][1] <= a[i][0]:
            j += 1
        else:
            return a[i]
    return None


def _profile(task, index: int, problem: Problem, axis: av.TimeAxis, windows: dict[str, list[Span]]) -> str:
    """The availability profile of ``task``: its category's hours (or working hours), less its own ``avoid``
    spans in a profile of its own (added to ``windows``), so only this task stays out of them."""
    base = task.category if task.category in problem.category_hours else ""
    avoid = av.merge([(axis.floor(i.start), axis.ceil(i.end)) for i in task.avoid if i.end > i.start])
    if not avoid:
        return base
    key = f"{base}\x1favoid\x1f{index}"
    windows[key] = av.subtract(windows[base], avoid)
    return key


def build(problem: Problem, previous: list[Block] | None) -> Model:
    tz = _zone(problem.timezone)
    axis = av.TimeAxis(problem.now, tz)
    horizon = axis.floor(problem.horizon_end)
    if horizon <= 0:
        raise ValidationError.for_field("horizon_end", "must be after now")
    buf = problem.buffer_minutes
    profiles = {"": problem.working_hours, **problem.category_hours}
    windows = {k: av.weekly_windows(h, axis, horizon) for k, h in profiles.items()}
    busy = av.merge([(axis.floor(b.start), axis.ceil(b.end)) for b in problem.busy])
    ids = {t.id: i for i, t in enumerate(problem.tasks)}
    jobs: list[Job] = []
    fixed_reason: dict[tuple[int, Span], str] = {}
    all_fixed: list[tuple[Span, int]] = []
    for i, t in enumerate(problem.tasks):
        deps = []
        for d in t.depends_on:
            if d not in ids:
                raise ValidationError.for_field(f"tasks[{i}].depends_on", f"unknown task id {d!r}")
            deps.append(ids[d])
        job = Job(i, t.id, t.duration_minutes, max(0, axis.ceil(t.earliest_start)) if t.earliest_start else 0,
                  axis.floor(t.due) if t.due else None, t.effective_weight, t.splittable,
                  max(1, t.min_chunk_minutes), t.max_chunk_minutes, tuple(deps),
                  _profile(t, i, problem, axis, windows), t.priority)
        for k, p in enumerate(t.pinned):
            span = (axis.floor(p.start), axis.ceil(p.end))
            if span[1] <= 0:
                continue
            if _overlaps([span], busy):
                raise Conflict(f"task {t.id!r}: pinned block overlaps busy time",
                               {f"tasks[{i}].pinned[{k}]": ["overlaps busy time"]})
            job.fixed.append(span)
            fixed_reason[(i, span)] = "pinned"
            all_fixed.append((span, i))
        jobs.append(job)
    all_fixed.sort()
    for (a, ia), (b, ib) in zip(all_fixed, all_fixed[1:]):
        if b[0] < a[1]:
            raise Conflict(f"pinned blocks of {jobs[ia].id!r} and {jobs[ib].id!r} overlap",
                           {f"tasks[{ib}].pinned": [f"overlaps a pinned block of {jobs[ia].id!r}"]})
    for job in jobs:
        job.duration = max(0, job.duration - sum(e - s for s, e in job.fixed))
        if job.splittable and job.duration > 0:
            job.max_chunk = effective_max_chunk(job.duration, job.min_chunk, job.max_chunk)
    failed: dict[int, tuple[str, str]] = {}
    for comp in _cycles(jobs):
        names = " -> ".join(jobs[c].id for c in comp)
        for c in comp:
            failed[c] = ("dependency_cycle", f"dependency cycle between {names}")
    days = av.day_starts(axis, horizon)
    blocked = av.merge([(s - buf, e + buf) for s, e in busy] +
                       [(s - buf, e + buf) for span, _ in all_fixed for s, e in [span]])
    base_free = {k: av.subtract(w, blocked) for k, w in windows.items()}
    placer = Placer(base_free, buf, problem.daily_cap_minutes, days, {})
    if problem.daily_cap_minutes is not None:
        placer.free = {k: av.split_at(v, days) for k, v in base_free.items()}
        for span, _ in all_fixed:
            placer.commit([span], count_cap=True)
    prev = _previous(problem, previous, axis, jobs, ids)
    _keep_previous(jobs, prev, placer, fixed_reason, failed, busy)
    _too_long(jobs, placer, windows, failed, problem.daily_cap_minutes)
    return Model(axis, horizon, jobs, placer, windows, failed, fixed_reason, prev)


def _previous(problem: Problem, previous: list[Block] | None, axis: av.TimeAxis,
              jobs: list[Job], ids: dict[str, int]) -> dict[int, list[Span]]:
    out: dict[int, list[Span]] = {}
    for b in previous or ():
        j = ids.get(b.task_id)
        if j is None:
            continue
        span = (axis.floor(b.start), axis.ceil(b.end))
        if span[1] > 0 and span[1] > span[0]:
            out.setdefault(j, []).append(span)
    for spans in out.values():
        spans.sort()
    return out


def _in_progress(job: Job, span: Span) -> Span | None:
    """The part of a block in progress that stays, or None if the task must be placed anew.

    The whole block counts toward the duration, like a pinned block (the part before
    ``now`` included): ``now`` is rounded up to the minute, so a block that began a few
    seconds ago starts at minute -1, and counting only from ``now`` would leave a
    1-minute remainder to place elsewhere. A block longer than the work left is cut to
    it; an unsplittable task keeps its block only if the block is the whole task.
    """
    start, end = span
    end = min(end, start + job.duration)
    if end <= 0 or (not job.splittable and end - start != job.duration):
        return None
    return start, end


def _deps_done_by(jobs: list[Job], left: list[int], job: Job, start: int) -> bool:
    """Is every task ``job`` depends on done by ``start``: nothing left to place, and its pinned
    blocks over by then? A block in progress whose predecessor still has work (its own block
    passed unfinished, say) is placed anew after it, not kept before it."""
    return all(left[d] == 0 and all(e <= start for _, e in jobs[d].fixed) for d in job.deps)


def _keep_previous(jobs: list[Job], prev: dict[int, list[Span]], placer: Placer,
                   fixed_reason: dict[tuple[int, Span], str], failed: dict[int, tuple[str, str]],
                   busy: list[Span]) -> None:
    """Freeze started blocks and valid blocks of the next 24 hours; the rest become sticky."""
    valid: dict[int, list[Span]] = {}
    left = [job.duration for job in jobs]  # work still to place before anything is kept
    for j in sorted(prev):
        job = jobs[j]
        spans = prev[j]
        if job.fixed or j in failed:
            continue
        started = [s for s in spans if s[0] < 0]
        future = [s for s in spans if s[0] >= 0]
        for s in started[:1]:  # in progress at now: kept unless it now clashes
            s = _in_progress(job, s)
            if s is None or not _deps_done_by(jobs, left, job, s[0]):
                continue
            part = [(0, s[1])]
            if _overlaps(part, busy) or any(_overlaps(part, [f]) for o in jobs for f in o.fixed):
                continue
            placer.commit(part)
            job.fixed.append(s)
            fixed_reason[(j, s)] = "in progress at now; kept"
            job.duration -= s[1] - s[0]
        if not future or sum(e - s for s, e in future) != job.duration:
            continue
        limit = job.duration if not job.splittable else min(job.min_chunk, job.duration)
        if any(e - s < limit for s, e in future) or (not job.splittable and len(future) != 1):
            continue
        if job.max_chunk and any(e - s > job.max_chunk for s, e in future):
            continue
        if future[0][0] < job.release or not placer.fits_exactly(job, future):
            continue
        valid[j] = future
    # blocks of the next 24 hours are frozen when their dependencies are settled before them
    frozen_done: dict[int, int] = {}
    changed = True
    while changed:
        changed = False
        for j, future in valid.items():
            if j in frozen_done:
                continue
            job = jobs[j]
            soon = [s for s in future if s[0] < KEEP_WINDOW]
            if not soon:
                continue
            if any(d not in frozen_done or frozen_done[d] > future[0][0] for d in job.deps
                   if jobs[d].duration > 0 or d in valid):
                continue
            if not placer.fits_exactly(job, soon):
                continue
            placer.commit(soon)
            for s in soon:
                job.fixed.append(s)
                fixed_reason[(j, s)] = "kept: starts within the next 24 hours"
            job.duration -= sum(e - s for s, e in soon)
            valid[j] = [s for s in future if s[0] >= KEEP_WINDOW]
            if job.duration == 0:
                frozen_done[j] = max(e for _, e in job.fixed)
            changed = True
    for j, rest in valid.items():
        if rest and sum(e - s for s, e in rest) == jobs[j].duration:
            jobs[j].sticky = rest


def _too_long(jobs: list[Job], placer: Placer, windows: dict[str, list[Span]],
              failed: dict[int, tuple[str, str]], cap: int | None) -> None:
    longest_free = {k: max((e - s for s, e in v), default=0) for k, v in placer.free.items()}
    longest_window = {k: max((e - s for s, e in v), default=0) for k, v in windows.items()}
    for job in jobs:
        if job.index in failed or job.duration <= 0:
            continue
        need = job.duration if not job.splittable else min(job.min_chunk, job.duration)
        if cap is not None and need > cap:
            failed[job.index] = ("too_long", f"needs {need} minutes in one day but the daily cap "
                                             f"is {cap} minutes")
        elif need > longest_window[job.profile]:
            failed[job.index] = ("too_long", f"needs a {need}-minute window but the longest "
                                             f"available window is {longest_window[job.profile]} minutes")
        elif need > longest_free[job.profile]:
            failed[job.index] = ("no_capacity", f"needs a {need}-minute window but the longest free "
                                                f"window before the horizon is "
                                                f"{longest_free[job.profile]} minutes")

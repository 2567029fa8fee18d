"""Turn a placement into a ``Plan`` with reasons a person understands."""
from __future__ import annotations

import bisect
from dataclasses import replace
from datetime import datetime

from domain.scheduling.model import Model
from domain.scheduling.overload import weekly
from domain.scheduling.placement import Decoded
from domain.scheduling.search import tardiness
from domain.scheduling.problem import (Block, Lateness, Plan, PlanMetrics, Problem, Shortfall,
                                       Unscheduled)


def _when(moment: datetime) -> str:
    return moment.strftime("%a %d %b %H:%M")


def _unscheduled_reason(m: Model, code: str) -> tuple[str, str]:
    if code.startswith("dependency_unscheduled:"):
        dep = m.jobs[int(code.split(":", 1)[1])].id
        return "dependency_unscheduled", f"depends on task {dep!r}, which could not be scheduled"
    if code == "truncated":
        return "truncated", "the planning budget ran out before this task was placed"
    return "no_capacity", "not enough free time left before the horizon"


def _block_reason(m: Model, dec: Decoded, j: int) -> str:
    job = m.jobs[j]
    if j in dec.kept:
        return "kept from the previous plan"
    parts = ["earliest free slot in plan order"]
    if job.deps:
        parts.append("after " + ", ".join(m.jobs[d].id for d in job.deps))
    if job.due is not None:
        late = dec.finish[j] - job.due
        due = _when(m.axis.to_datetime(job.due))
        parts.append(f"{late} min late for due {due}" if late > 0 else f"on time for due {due}")
    return "; ".join(parts)


def _shortfalls(m: Model, dec: Decoded, late_ids: list[int]) -> list[Shortfall]:
    """For each deadline missed, the work due by then minus the free time before it."""
    spans = m.placer.free[""]
    starts = [s for s, _ in spans]
    cum = [0]
    for s, e in spans:
        cum.append(cum[-1] + e - s)

    def free_before(t: int) -> int:
        k = bisect.bisect_right(starts, t) - 1
        return 0 if k < 0 else cum[k] + min(t, spans[k][1]) - spans[k][0]

    out: list[Shortfall] = []
    dated = sorted((job.due, job.index) for job in m.jobs
                   if job.due is not None and job.index not in m.failed)
    dues = [d for d, _ in dated]
    need = [0]
    for _, j in dated:
        need.append(need[-1] + m.jobs[j].duration)
    for due in sorted({m.jobs[j].due for j in late_ids if m.jobs[j].due is not None}):
        k = bisect.bisect_right(dues, due)
        missing = need[k] - free_before(max(due, 0))
        if missing > 0:
            lo = bisect.bisect_left(dues, due)
            out.append(Shortfall(m.axis.to_datetime(due), missing,
                                 tuple(m.jobs[j].id for _, j in dated[lo:k])))
    return out


def assemble(problem: Problem, m: Model, dec: Decoded, strategy: str, runtime_ms: float) -> Plan:
    blocks: list[tuple[int, str, Block]] = []
    for job in m.jobs:
        for span in job.fixed:
            reason = m.fixed_reason.get((job.index, span), "fixed")
            blocks.append((span[0], job.id, Block(job.id, m.axis.to_datetime(span[0]),
                                                  m.axis.to_datetime(span[1]), reason)))
        chunks = dec.chunks.get(job.index)
        if chunks:
            reason = _block_reason(m, dec, job.index)
            for s, e in chunks:
                blocks.append((s, job.id, Block(job.id, m.axis.to_datetime(s),
                                                m.axis.to_datetime(e), reason)))
    blocks.sort(key=lambda b: (b[0], b[1]))
    unscheduled: list[Unscheduled] = []
    for j in sorted(set(m.failed) | set(dec.failed)):
        if j in m.failed:
            code, reason = m.failed[j]
        else:
            code, reason = _unscheduled_reason(m, dec.failed[j])
        unscheduled.append(Unscheduled(m.jobs[j].id, reason, code))
    lateness: list[Lateness] = []
    wt = tardiness(m, dec.finish)
    for j in sorted(dec.finish):
        job = m.jobs[j]
        if job.due is not None and dec.finish[j] > job.due:
            late = dec.finish[j] - job.due
            lateness.append(Lateness(job.id, m.axis.to_datetime(job.due),
                                     m.axis.to_datetime(dec.finish[j]), late))
    moved = 0
    placed = {(j, s) for j, c in dec.chunks.items() for s in c}
    placed |= {(job.index, s) for job in m.jobs for s in job.fixed}
    for j, spans in m.previous.items():
        moved += sum(1 for s in spans if s[1] > 0 and (j, s) not in placed)
    metrics = PlanMetrics(
        weighted_tardiness_minutes=wt,
        late_tasks=len(lateness),
        scheduled_tasks=len(m.jobs) - len(unscheduled),
        unscheduled_tasks=len(unscheduled),
        moved_blocks=moved,
        runtime_ms=round(runtime_ms, 3),
        strategy=strategy,
        truncated=m.guard.tripped,
    )
    late_ids = [j for j in dec.finish if m.jobs[j].due is not None and dec.finish[j] > m.jobs[j].due]
    late_ids += [j for j in set(dec.failed) | set(m.failed) if m.jobs[j].due is not None]
    shortfalls = _shortfalls(m, dec, late_ids)
    metrics = replace(metrics, overload=weekly(m, dec, shortfalls))
    return Plan(tuple(b for _, _, b in blocks), tuple(unscheduled), metrics, tuple(lateness),
                tuple(shortfalls))

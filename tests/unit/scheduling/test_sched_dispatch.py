"""Dynamic dispatch: the pruned ATC pick is the full scan's pick, on random problems."""
from __future__ import annotations

import math

from hypothesis import given

from domain.scheduling import model as mdl
from domain.scheduling import problem_from_json
from domain.scheduling.dispatch import ATC_K, dispatch
from test_sched_properties import COMMON, problems


def free_before(spans, t):
    return sum(max(0, min(e, t) - s) for s, e in spans)


def naive(m, active, k):
    """Every ready job's index computed from scratch at every step (no bounds)."""
    jobs, placer, horizon = m.jobs, m.placer.copy(), m.horizon
    inside = set(active)
    p_mean = max(1.0, sum(jobs[j].duration for j in active) / max(1, len(active)))
    due = {j: jobs[j].due if jobs[j].due is not None else horizon for j in active}
    done, finish, failed, order = set(), {}, set(), []
    while len(order) < len(active):
        ready = [j for j in active if j not in done and all(d in done or d not in inside for d in jobs[j].deps)]

        def index(j):
            job = jobs[j]
            start = max([job.release] + [finish.get(d, 0) for d in job.deps])
            spans = placer.free[job.profile]
            slack = free_before(spans, due[j]) - free_before(spans, start) - (job.duration or 1)
            ratio = job.weight / max(1, job.duration)
            return (ratio if slack <= 0 else ratio * math.exp(-slack / (k * p_mean)), -due[j], -j)
        pick = max(ready, key=index)
        order.append(pick)
        done.add(pick)
        job = jobs[pick]
        if any(d in failed or d not in inside for d in job.deps):
            failed.add(pick)
            continue
        chunks = placer.find(job, max([job.release] + [finish.get(d, 0) for d in job.deps]))
        if chunks is None:
            failed.add(pick)
        else:
            placer.commit(chunks)
            finish[pick] = max([e for _, e in chunks] + [e for _, e in job.fixed],
                               default=max([job.release] + [finish.get(d, 0) for d in job.deps]))
    return order


@COMMON
@given(problems())
def test_the_pruned_atc_pick_equals_the_full_scan(data):
    m = mdl.build(problem_from_json(data), None)
    active = [j for j in range(len(m.jobs)) if j not in m.failed]
    for k in ATC_K:
        assert dispatch(m.jobs, m.placer.copy(), active, m.horizon, k) == naive(m, active, k), k

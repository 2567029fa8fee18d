"""The capacity model ``bench/scale.py`` prints for a million users, from its measured figures.

Every assumption is a named argument with its default here, printed beside the result, so a reader can
redo the arithmetic with their own traffic."""
from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass
class Assumptions:
    users: int = 1_000_000
    daily_active: float = 0.30          # share of registered users active on a given day
    peak_hour_share: float = 0.25       # share of the day's active users active in the busiest hour
    requests_per_active_hour: float = 60  # API requests per user active in that hour (one a minute)
    write_share: float = 0.10           # share of requests that change something (costed as a task change)
    replans_per_change: float = 1.0     # re-plans a change causes: 1 unless edits of one user come < 0.2 s apart
    events_per_change: float = 3.0      # outbox events per change (task changed -> re-plan -> schedule changed)
    deliveries_per_event: float = 2.0   # queues bound to each event (e.g. scheduling + notifications)
    cores_per_pod: int = 2
    target_utilisation: float = 0.6     # CPU share a pod or the database runs at, at peak
    cache_hit_ratio_db: float = 0.99    # buffer + page cache hits once the working set is warm
    pages_per_read: float = 25          # 8 KB pages a cold task page + schedule touch (heap pages per task)
    pages_per_write: float = 10         # heap + ~7 index pages + WAL per changed task, before checkpoint merging
    cache_entry_bytes_overhead: float = 1.5  # Redis per-key overhead factor on stored bytes
    rate_limit_bytes_per_user: int = 200     # a fixed-window counter key + value per user and limit
    stream_slot_bytes: int = 150        # a stream lease key per open SSE stream
    streams_per_active_user: float = 1.0


@dataclass
class Measured:
    read_app_cpu_ms: float   # server CPU per read (mean of the task page and the week's schedule), at scale
    read_pg_cpu_ms: float    # its PostgreSQL backends' CPU per read
    write_app_cpu_ms: float  # server CPU per task change (PATCH /api/v1/tasks/{id}: the update + its outbox row)
    write_pg_cpu_ms: float   # its PostgreSQL backends' CPU per task change
    replan_cpu_ms: float     # the scheduling consumer's CPU per re-plan after one change (planloom worker)
    replan_pg_cpu_ms: float  # its PostgreSQL backends' CPU per re-plan
    bytes_per_user: float    # pg_database_size / users, at the measured scale
    page_bytes: float        # a task page response's body
    schedule_bytes: float    # a week's schedule response's body
    measured_users: int

    def __str__(self) -> str:
        return ", ".join(f"{k} {v:,.2f}" if isinstance(v, float) else f"{k} {v:,}" for k, v in vars(self).items())


def model(m: Measured, a: Assumptions = Assumptions()) -> list[tuple[str, str, str]]:
    """Rows of (quantity, figure, how it was derived)."""
    dau = a.users * a.daily_active
    peak_users = dau * a.peak_hour_share
    peak_rps = peak_users * a.requests_per_active_hour / 3600
    reads, writes = peak_rps * (1 - a.write_share), peak_rps * a.write_share
    app_ms = (1 - a.write_share) * m.read_app_cpu_ms + a.write_share * m.write_app_cpu_ms
    per_core_app = 1000 / app_ms
    pods = math.ceil(peak_rps / (per_core_app * a.cores_per_pod * a.target_utilisation))
    replans = writes * a.replans_per_change
    worker_cores = replans * m.replan_cpu_ms / 1000 / a.target_utilisation
    worker_pods = math.ceil(worker_cores / a.cores_per_pod)
    pg_read, pg_write, pg_replan = reads * m.read_pg_cpu_ms, writes * m.write_pg_cpu_ms, replans * m.replan_pg_cpu_ms
    db_cores = (pg_read + pg_write + pg_replan) / 1000 / a.target_utilisation
    events = writes * a.events_per_change
    db_bytes = m.bytes_per_user * a.users
    read_iops = reads * (1 - a.cache_hit_ratio_db) * a.pages_per_read
    write_iops = writes * a.pages_per_write
    cache_bytes = peak_users * (m.page_bytes + m.schedule_bytes) * a.cache_entry_bytes_overhead
    limit_bytes = peak_users * a.rate_limit_bytes_per_user
    slot_bytes = peak_users * a.streams_per_active_user * a.stream_slot_bytes
    gb = 1024 ** 3
    return [
        ("daily active users", f"{dau:,.0f}", f"{a.users:,} x {a.daily_active:.0%} daily active"),
        ("users active in the peak hour", f"{peak_users:,.0f}", f"DAU x {a.peak_hour_share:.0%} peak-hour share"),
        ("peak API requests/s", f"{peak_rps:,.0f}",
         f"peak-hour users x {a.requests_per_active_hour:g} requests/h / 3600"),
        ("reads / writes per second", f"{reads:,.0f} / {writes:,.0f}", f"peak rps x {a.write_share:.0%} write share"),
        ("API CPU per request", f"{app_ms:.2f} ms",
         f"{1 - a.write_share:.0%} x {m.read_app_cpu_ms:.2f} ms per read + {a.write_share:.0%} x "
         f"{m.write_app_cpu_ms:.2f} ms per task change (server CPU, measured)"),
        ("per-core throughput (API process)", f"{per_core_app:,.0f} req/s", f"1000 / {app_ms:.2f} ms"),
        ("API pods", f"{pods}", f"peak rps / (per-core x {a.cores_per_pod} cores x {a.target_utilisation:.0%})"),
        ("re-plans/s", f"{replans:,.0f}",
         f"writes/s x {a.replans_per_change:g} re-plan per change (the consumer's 0.2 s debounce merges only "
         "edits of one user published within 0.2 s of each other)"),
        ("scheduling workers", f"{worker_cores:.1f} cores ({worker_pods} pod{'s' * (worker_pods != 1)})",
         f"re-plans/s x {m.replan_cpu_ms:.1f} ms worker CPU per re-plan (measured) / {a.target_utilisation:.0%}, "
         f"pods of {a.cores_per_pod} cores; the other consumers (notify, analytics, calendar_write) not measured"),
        ("PostgreSQL CPU", f"{db_cores:.1f} cores",
         f"(reads x {m.read_pg_cpu_ms:.2f} + writes x {m.write_pg_cpu_ms:.2f} + re-plans x {m.replan_pg_cpu_ms:.2f}) "
         f"ms backend CPU = {pg_read / 1000:.2f} + {pg_write / 1000:.2f} + {pg_replan / 1000:.2f} cores busy, "
         f"/ {a.target_utilisation:.0%}"),
        ("database size", f"{db_bytes / gb:,.1f} GiB",
         f"{m.bytes_per_user / 1024:.1f} KiB per user (pg_database_size at {m.measured_users:,} users, linear)"),
        ("read IOPS", f"{read_iops:,.0f}",
         f"read rps x {1 - a.cache_hit_ratio_db:.0%} miss x {a.pages_per_read:g} pages; RAM >= hot set keeps it low"),
        ("write IOPS", f"{write_iops:,.0f}", f"{writes:,.0f} writes/s x {a.pages_per_write:g} pages (upper bound)"),
        ("RabbitMQ publish rate", f"{events:,.0f} msg/s",
         f"writes/s x {a.events_per_change:g} events per change; deliveries x{a.deliveries_per_event:g} = "
         f"{events * a.deliveries_per_event:,.0f}/s"),
        ("Redis memory", f"{(cache_bytes + limit_bytes + slot_bytes) / gb:,.2f} GiB",
         f"cache {cache_bytes / gb:.2f} (peak users x ({m.page_bytes / 1024:.1f} + {m.schedule_bytes / 1024:.1f}) KiB "
         f"x {a.cache_entry_bytes_overhead:g}), rate limits {limit_bytes / gb:.2f}, stream slots {slot_bytes / gb:.3f}"),
    ]


def markdown(rows: list[tuple[str, str, str]]) -> str:
    lines = ["| quantity | figure | from |", "|---|---|---|"]
    lines += [f"| {q} | {f} | {how} |" for q, f, how in rows]
    return "\n".join(lines)

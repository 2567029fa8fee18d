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
    write_share: float = 0.10           # share of requests that change something
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
    app_cpu_ms: float        # server CPU per request (mean of the two endpoints), measured at scale
    pg_cpu_ms: float         # its PostgreSQL backends' CPU per request
    bytes_per_user: float    # pg_database_size / users, at the measured scale
    page_bytes: float        # a task page response's body
    schedule_bytes: float    # a week's schedule response's body
    measured_users: int


def model(m: Measured, a: Assumptions = Assumptions()) -> list[tuple[str, str, str]]:
    """Rows of (quantity, figure, how it was derived)."""
    dau = a.users * a.daily_active
    peak_users = dau * a.peak_hour_share
    peak_rps = peak_users * a.requests_per_active_hour / 3600
    per_core_app = 1000 / m.app_cpu_ms
    pods = math.ceil(peak_rps / (per_core_app * a.cores_per_pod * a.target_utilisation))
    db_cores = peak_rps * m.pg_cpu_ms / 1000 / a.target_utilisation
    writes = peak_rps * a.write_share
    events = writes * a.events_per_change
    db_bytes = m.bytes_per_user * a.users
    read_iops = peak_rps * (1 - a.write_share) * (1 - a.cache_hit_ratio_db) * a.pages_per_read
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
        ("per-core throughput (API process)", f"{per_core_app:,.0f} req/s",
         f"1000 / {m.app_cpu_ms:.2f} ms server CPU per request (measured, reads)"),
        ("API pods", f"{pods}", f"peak rps / (per-core x {a.cores_per_pod} cores x {a.target_utilisation:.0%}), "
                                "reads' cost: add a margin for writes and re-plans"),
        ("PostgreSQL CPU", f"{db_cores:.1f} cores",
         f"peak rps x {m.pg_cpu_ms:.2f} ms backend CPU per request / {a.target_utilisation:.0%}"),
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

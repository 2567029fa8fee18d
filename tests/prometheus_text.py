"""Reading the Prometheus text format in tests (prometheus-client's own parser)."""
from __future__ import annotations

from prometheus_client.parser import text_string_to_metric_families


def samples(text: str | bytes) -> dict[tuple[str, tuple], float]:
    """Every sample as {(name, sorted labels): value}."""
    text = text.decode() if isinstance(text, bytes) else text
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def value(found: dict, name: str, **labels) -> float:
    """One sample's value from ``samples``; 0 when it was never written."""
    return found.get((name, tuple(sorted(labels.items()))), 0.0)

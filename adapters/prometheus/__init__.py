"""Telemetry in the Prometheus text format (prometheus-client)."""

"""``GET /metrics``: the Prometheus text format, for the monitoring network only.

It answers a client whose address is in ``PLANLOOM_METRICS_NETWORKS`` (loopback by default), or one that
bears ``PLANLOOM_METRICS_TOKEN`` (``Authorization: Bearer ...``); anyone else gets a 403. Behind a proxy,
the address is the one ``PLANLOOM_PROXY_HOPS`` trusts: set it, or the proxy's own address would pass
(the nginx config in ``deploy/`` refuses ``/metrics`` from outside as well).
"""
from __future__ import annotations

import hmac
import ipaddress
import logging
from datetime import datetime, timezone

from flask import Blueprint, Response, current_app, request

from entrypoints.http.errors import problem

log = logging.getLogger(__name__)


def allowed(remote_addr: str | None, authorization: str, networks: list, token: str) -> bool:
    """The client is in one of ``networks``, or bears the metrics token."""
    try:
        address = ipaddress.ip_address((remote_addr or "").split("%")[0])
    except ValueError:
        address = None
    if address is not None and any(address in network for network in networks):
        return True
    return bool(token) and hmac.compare_digest(authorization.encode(), f"Bearer {token}".encode())


def networks_of(settings) -> list:
    return [ipaddress.ip_network(n, strict=False) for n in settings.metrics_networks]


def _backlog(container) -> None:
    """The outbox's backlog, read at scrape time; a database that does not answer leaves the last figures."""
    try:
        outbox = container.outbox()
        oldest = outbox.oldest_pending()
        age = (datetime.now(timezone.utc) - oldest).total_seconds() if oldest is not None else 0.0
        container.telemetry().set_backlog(outbox.pending_count(), age)
    except Exception as exc:  # the scrape still answers with what the process counted
        log.warning("metrics: the outbox backlog could not be read: %s", exc)


def blueprint(settings) -> Blueprint:
    networks = networks_of(settings)
    blp = Blueprint("metrics", __name__)

    @blp.get("/metrics")
    def metrics() -> Response:
        if not allowed(request.remote_addr, request.headers.get("Authorization", ""), networks,
                       settings.metrics_token):
            return problem(403, "Metrics are served to the monitoring network or with the metrics token.")
        container = current_app.container
        _backlog(container)
        body, content_type = container.telemetry().exposition()
        return Response(body, content_type=content_type, headers={"Cache-Control": "no-store"})

    return blp

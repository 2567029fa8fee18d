"""``/metrics`` of a ``planloom worker`` or ``planloom jobs`` process (they serve no HTTP otherwise), on
``PLANLOOM_METRICS_PORT``, with the same access rule as the server's: the monitoring networks or the
metrics token."""
from __future__ import annotations

import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from entrypoints.http.metrics import allowed, networks_of

log = logging.getLogger(__name__)


def serve_metrics(settings, telemetry, host: str = "0.0.0.0") -> ThreadingHTTPServer | None:
    """Serve ``telemetry`` in a daemon thread when ``settings.metrics_port`` is set; the server, or None."""
    if not settings.metrics_port:
        return None
    networks, token = networks_of(settings), settings.metrics_token

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            if self.path.split("?")[0] != "/metrics":
                self._send(404, b"not found\n", "text/plain")
            elif not allowed(self.client_address[0], self.headers.get("Authorization", ""), networks, token):
                self._send(403, b"metrics are served to the monitoring network or with the metrics token\n",
                           "text/plain")
            else:
                self._send(200, *telemetry.exposition())

        def _send(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:  # scrapes every few seconds: not worth a log line each
            pass

    server = ThreadingHTTPServer((host, settings.metrics_port), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="metrics", daemon=True).start()
    log.info("metrics on http://%s:%d/metrics", host, server.server_address[1])
    return server

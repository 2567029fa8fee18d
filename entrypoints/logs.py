"""Log lines: text for a terminal, or one JSON object per line (``PLANLOOM_LOG_FORMAT=json``) for a log
pipeline (Loki, ELK: docs/operations.md). Every line names the request it belongs to: the HTTP
request's id, or in a consumer the id of the request that caused the message (``ports.telemetry``)."""
from __future__ import annotations

import json
import logging
from datetime import datetime, timezone

from ports.telemetry import REQUEST_ID

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"
# Attributes every LogRecord has; anything else on a record came from ``extra=`` and is kept as a field.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {"time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
                "level": record.levelname.lower(), "logger": record.name, "message": record.getMessage()}
        request_id = REQUEST_ID.get()
        if request_id:
            line["request_id"] = request_id
        line.update({k: v for k, v in vars(record).items() if k not in _STANDARD and not k.startswith("_")})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


def configure(settings) -> None:
    """The root logger's format and level, once per process (a later call changes nothing)."""
    root = logging.getLogger()
    if any(getattr(handler, "planloom", False) for handler in root.handlers):
        return
    handler = logging.StreamHandler()
    handler.planloom = True
    handler.setFormatter(JsonFormatter() if settings.log_format == "json" else logging.Formatter(TEXT_FORMAT))
    if not root.handlers:  # else someone (a test runner, gunicorn) already chose where lines go: keep theirs
        root.addHandler(handler)
    root.setLevel(settings.log_level)

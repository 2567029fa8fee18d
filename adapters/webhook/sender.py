"""WebhookSender over HTTP(S) with urllib3: signed, retried, and guarded against SSRF.

Each attempt resolves the URL's host once, refuses the whole URL if ANY address it resolves to is
internal (loopback, private, shared/CGNAT, link-local, multicast, reserved, unspecified, documentation,
benchmarking, or an IPv6 form embedding one of those: IPv4-mapped, IPv4-compatible, NAT64, 6to4), and
then connects to the vetted address itself, so a second DNS answer (rebinding) is never used. The
``Host`` header, TLS SNI and certificate check still use the hostname from the URL. Environment proxies
are not used (a proxy would resolve the name again), redirects are never followed, and the
response body is read only up to a small cap.

Signature: ``X-Planloom-Signature: sha256=<hex HMAC-SHA256(secret, f"{timestamp}.{body}")>`` with
``X-Planloom-Timestamp: <unix seconds>``; receivers check it with ``verify_signature``.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import re
import socket
import ssl
import time
import uuid
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Callable, Sequence

import urllib3
from urllib3.exceptions import HTTPError as Urllib3Error
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError, SSLError
from urllib3.util.ssl_match_hostname import CertificateError

from adapters.netguard import FetchRefused, Target, parse_target, vetted_addresses
from ports.notifications import DeliveryFailed, WebhookSender

USER_AGENT = "Planloom-Webhooks/1.0"
SIGNATURE_HEADER = "X-Planloom-Signature"
TIMESTAMP_HEADER = "X-Planloom-Timestamp"
EVENT_HEADER = "X-Planloom-Event"
DELIVERY_HEADER = "X-Planloom-Delivery"
RESPONSE_BODY_CAP = 64 * 1024
RETRYABLE_4XX = frozenset({408, 429})
MAX_ADDRESSES_TRIED = 4  # per attempt, so a name with many dead addresses cannot stall a worker



# -- signatures -------------------------------------------------------------------------------------
def _as_bytes(value: str | bytes) -> bytes:
    return value.encode("utf-8") if isinstance(value, str) else value


def sign(secret: str | bytes, timestamp: int | str, body: str | bytes) -> str:
    """The ``X-Planloom-Signature`` header value for this timestamp and body."""
    mac = hmac.new(_as_bytes(secret), _as_bytes(str(timestamp)) + b"." + _as_bytes(body), hashlib.sha256)
    return f"sha256={mac.hexdigest()}"


def verify_signature(
    secret: str | bytes,
    timestamp: int | str | None,
    body: str | bytes,
    header: str | None,
    tolerance_seconds: float = 300,
    now: float | None = None,
) -> bool:
    """True if ``header`` signs ``body`` at ``timestamp`` with ``secret`` and the timestamp is fresh.

    ``timestamp`` is the ``X-Planloom-Timestamp`` value (unix seconds, digits only); it must lie within
    ``tolerance_seconds`` of ``now`` (default: the current time) in either direction. ``header`` may list
    several ``sha256=<hex>`` values separated by commas (secret rotation); one match is enough.
    Malformed input gives False, never an exception.
    """
    if not secret or header is None or timestamp is None:
        return False
    ts_text = str(timestamp).strip()
    if not (ts_text.isascii() and ts_text.isdigit()) or len(ts_text) > 12:
        return False
    current = time.time() if now is None else now
    if abs(current - int(ts_text)) > tolerance_seconds:
        return False
    expected = sign(secret, ts_text, body).encode("ascii")
    matched = False
    for candidate in str(header).split(","):
        candidate = candidate.strip()
        if not candidate.isascii():
            continue
        matched |= hmac.compare_digest(candidate.lower().encode("ascii"), expected)
    return matched


# -- targets ----------------------------------------------------------------------------------------
def _parse_target(url: str) -> Target:
    try:
        return parse_target(url)
    except FetchRefused as exc:
        raise DeliveryFailed(f"webhook URL refused: {exc}", permanent=True) from None


# -- the sender -------------------------------------------------------------------------------------
class _Retry(Exception):
    """One attempt failed in a way that another attempt may fix."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def _header_token(value: object, fallback: str) -> str:
    """A header-safe rendering of an event field (event data never reaches headers raw)."""
    token = re.sub(r"[^A-Za-z0-9._:@/+-]", "_", str(value))[:128] if value not in (None, "") else ""
    return token or fallback


def _json_default(value: object) -> str:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


class HttpWebhookSender(WebhookSender):
    """POSTs events as signed JSON to user-supplied URLs.

    ``backoff`` lists the pauses between attempts (seconds): the first after attempt 1, the second
    after attempt 2, the last repeated if ``max_attempts`` calls for more. A ``Retry-After`` on 429/503
    (seconds or HTTP date) lengthens the pause; if it asks for more than ``retry_after_cap`` the
    sender stops and raises a transient DeliveryFailed so the caller's own schedule can retry later.
    """

    def __init__(
        self,
        allow_private: bool = False,
        timeout: float = 5,
        max_attempts: int = 3,
        backoff: Sequence[float] = (0.5, 2.0),
        sleep: Callable[[float], None] = time.sleep,
        resolver: Callable[..., list] = socket.getaddrinfo,
        *,
        retry_after_cap: float = 30.0,
        ca_certs: str | None = None,
        ssl_context: ssl.SSLContext | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if not backoff:
            raise ValueError("backoff needs at least one pause")
        self.allow_private = allow_private
        self.timeout = timeout
        self.max_attempts = max_attempts
        self.backoff = tuple(float(b) for b in backoff)
        self.retry_after_cap = retry_after_cap
        self._sleep = sleep
        self._resolver = resolver
        self._clock = clock
        self._ca_certs = ca_certs
        self._ssl_context = ssl_context

    # -- public ---------------------------------------------------------------------------------
    def deliver(self, url: str, secret: str, event: dict) -> None:
        target = _parse_target(url)
        if not secret:
            raise DeliveryFailed("webhook has no signing secret", permanent=True)
        try:
            body = json.dumps(event, default=_json_default, ensure_ascii=False, separators=(",", ":"))
        except (TypeError, ValueError) as exc:
            raise DeliveryFailed(f"event is not JSON serialisable: {exc}", permanent=True) from exc
        body_bytes = body.encode("utf-8")
        event_name = _header_token(event.get("type") or event.get("kind") or event.get("event"), "event")
        delivery_id = _header_token(event.get("id"), str(uuid.uuid4()))
        last = "no attempt made"
        for attempt in range(1, self.max_attempts + 1):
            try:
                self._attempt(target, secret, body_bytes, event_name, delivery_id)
                return
            except _Retry as exc:
                last = str(exc)
                if attempt == self.max_attempts:
                    break
                pause = self.backoff[min(attempt - 1, len(self.backoff) - 1)]
                if exc.retry_after is not None:
                    if exc.retry_after > self.retry_after_cap:
                        raise DeliveryFailed(
                            f"{last}; receiver asked to wait {exc.retry_after:.0f}s", permanent=False
                        ) from None
                    pause = max(pause, exc.retry_after)
                self._sleep(pause)
        raise DeliveryFailed(f"webhook delivery failed after {self.max_attempts} attempt(s): {last}")

    def vet(self, url: str) -> list[str]:
        """The addresses ``url`` would be delivered to, or a permanent DeliveryFailed (for forms/admin UIs)."""
        target = _parse_target(url)
        try:
            return self._resolve(target)
        except _Retry as exc:
            raise DeliveryFailed(str(exc), permanent=False) from None

    # -- one attempt ------------------------------------------------------------------------------
    def _resolve(self, target: Target) -> list[str]:
        try:
            return vetted_addresses(target.host, target.port, self.allow_private, self._resolver)
        except FetchRefused as exc:
            if exc.permanent:
                raise DeliveryFailed(f"webhook {exc}", permanent=True) from None
            raise _Retry(str(exc)) from None

    def _attempt(self, target: Target, secret: str, body: bytes, event_name: str, delivery_id: str) -> None:
        addresses = self._resolve(target)
        timestamp = str(int(self._clock()))
        headers = {
            "Host": target.host_header,
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": USER_AGENT,
            "Accept": "*/*",
            TIMESTAMP_HEADER: timestamp,
            SIGNATURE_HEADER: sign(secret, timestamp, body),
            EVENT_HEADER: event_name,
            DELIVERY_HEADER: delivery_id,
        }
        failures: list[str] = []
        for address in addresses[:MAX_ADDRESSES_TRIED]:
            pool = self._pool(target, address)
            try:
                response = pool.urlopen(
                    "POST", target.path, body=body, headers=headers, retries=False, redirect=False,
                    assert_same_host=False, preload_content=False, release_conn=False,
                )
            except (NewConnectionError, ConnectTimeoutError) as exc:
                failures.append(f"{address}: {exc}")  # try the host's next address
                pool.close()
                continue
            except SSLError as exc:
                pool.close()
                if _is_cert_error(exc):
                    raise DeliveryFailed(f"webhook TLS certificate rejected: {exc}", permanent=True) from exc
                raise _Retry(f"TLS error: {exc}") from exc
            except Urllib3Error as exc:
                pool.close()
                raise _Retry(f"{type(exc).__name__}: {exc}") from exc
            try:
                if 200 <= response.status < 300:
                    return  # the body of a success is not needed; closing drops it unread
                body_start = _read_capped(response, time.monotonic() + self.timeout)
                self._judge(response.status, response.headers, body_start)
                return
            finally:
                response.close()
                pool.close()
        raise _Retry("could not connect: " + "; ".join(failures))

    def _pool(self, target: Target, address: str) -> urllib3.HTTPConnectionPool:
        timeout = urllib3.Timeout(connect=self.timeout, read=self.timeout)
        if target.scheme == "http":
            return urllib3.HTTPConnectionPool(address, target.port, timeout=timeout, maxsize=1, retries=False)
        hostname = target.host
        return urllib3.HTTPSConnectionPool(
            address, target.port, timeout=timeout, maxsize=1, retries=False,
            cert_reqs="CERT_REQUIRED", ca_certs=self._ca_certs, ssl_context=self._ssl_context,
            server_hostname=hostname, assert_hostname=hostname,
        )

    def _judge(self, status: int, headers, body: bytes) -> None:
        if 200 <= status < 300:
            return
        snippet = body[:200].decode("utf-8", "replace")
        message = f"receiver answered HTTP {status}" + (f": {snippet}" if snippet else "")
        if status in RETRYABLE_4XX or status >= 500:
            raise _Retry(message, _retry_after(headers.get("Retry-After"), self._clock()))
        if 300 <= status < 400:
            where = headers.get("Location", "")
            raise DeliveryFailed(f"{message} (redirect to {where!r} not followed)", permanent=True)
        if 400 <= status < 500:
            raise DeliveryFailed(message, permanent=True)
        raise _Retry(message)


def _read_capped(response, deadline: float, cap: int = RESPONSE_BODY_CAP) -> bytes:
    """At most ``cap`` bytes of the body, and no reading past ``deadline`` (a slow-drip receiver
    cannot hold the worker: ``read1`` returns after each network read, so the deadline is checked)."""
    chunks: list[bytes] = []
    total = 0
    try:
        while total < cap and time.monotonic() < deadline:
            chunk = response.read1(min(8192, cap - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except (Urllib3Error, OSError):
        pass  # the status is what matters; a broken body does not change the verdict
    return b"".join(chunks)


def _retry_after(value: str | None, now: float) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, when.timestamp() - now)


def _is_cert_error(exc: BaseException) -> bool:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, (ssl.SSLCertVerificationError, CertificateError)) or (
                "CERTIFICATE_VERIFY_FAILED" in str(current)):
            return True
        if isinstance(current, SSLError) and current.args and isinstance(current.args[0], BaseException):
            current = current.args[0]
        else:
            current = current.__cause__ or current.__context__
    return False

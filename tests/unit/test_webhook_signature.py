"""verify_signature: the receiver-side check of X-Planloom-Signature / X-Planloom-Timestamp."""
from __future__ import annotations

import hashlib
import hmac

import pytest

from adapters.webhook import sign, verify_signature

SECRET = "whsec_unit_9c2e"
TS = 1_800_000_000
BODY = '{"type":"task_overdue","title":"Zähne putzen ✓"}'.encode()


def reference_signature(secret: str, timestamp: int, body: bytes) -> str:
    """Written out independently of the adapter: HMAC-SHA256 over f"{timestamp}.{body}"."""
    return "sha256=" + hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


GOOD = reference_signature(SECRET, TS, BODY)


def test_sign_matches_the_documented_scheme():
    assert sign(SECRET, TS, BODY) == GOOD
    assert sign(SECRET, str(TS), BODY.decode()) == GOOD


def test_valid_signature_verifies():
    assert verify_signature(SECRET, str(TS), BODY, GOOD, now=TS)
    assert verify_signature(SECRET, TS, BODY.decode(), GOOD, now=TS)
    assert verify_signature(SECRET.encode(), TS, BODY, GOOD.upper().replace("SHA256=", "sha256="), now=TS)


@pytest.mark.parametrize("skew", [-300, -1, 0, 1, 299, 300])
def test_timestamps_within_tolerance_pass(skew):
    assert verify_signature(SECRET, TS, BODY, GOOD, now=TS + skew)


@pytest.mark.parametrize("skew", [-301, 301, 3600, -86400])
def test_timestamps_outside_tolerance_fail(skew):
    assert not verify_signature(SECRET, TS, BODY, GOOD, now=TS + skew)


def test_custom_tolerance():
    assert verify_signature(SECRET, TS, BODY, GOOD, tolerance_seconds=10, now=TS + 10)
    assert not verify_signature(SECRET, TS, BODY, GOOD, tolerance_seconds=10, now=TS + 11)


def test_tampered_body_fails():
    assert not verify_signature(SECRET, TS, BODY.replace(b"overdue", b"done"), GOOD, now=TS)
    assert not verify_signature(SECRET, TS, BODY + b" ", GOOD, now=TS)


def test_tampered_timestamp_fails_even_when_fresh():
    assert not verify_signature(SECRET, TS + 1, BODY, GOOD, now=TS)


def test_wrong_secret_fails():
    assert not verify_signature("whsec_other", TS, BODY, GOOD, now=TS)
    assert not verify_signature(SECRET, TS, BODY, reference_signature("whsec_other", TS, BODY), now=TS)


def test_rotated_secrets_any_listed_signature_may_match():
    header = f"{reference_signature('old-secret', TS, BODY)}, {GOOD}"
    assert verify_signature(SECRET, TS, BODY, header, now=TS)
    assert verify_signature("old-secret", TS, BODY, header, now=TS)
    assert not verify_signature("third", TS, BODY, header, now=TS)


@pytest.mark.parametrize("header", [
    None, "", "sha256=", "sha256", GOOD[len("sha256="):], "sha1=" + GOOD[len("sha256="):],
    GOOD[:-1], GOOD + "0", "sha256=" + "z" * 64, "sha256=ünïcode", "  ,  ,", GOOD.replace("sha256=", "sha512="),
])
def test_malformed_headers_fail_without_raising(header):
    assert not verify_signature(SECRET, TS, BODY, header, now=TS)


@pytest.mark.parametrize("timestamp", [None, "", "abc", "-1", "1.5e9", "1800000000.0", "١٨٠٠٠٠٠٠٠٠", "9" * 40])
def test_malformed_timestamps_fail_without_raising(timestamp):
    assert not verify_signature(SECRET, timestamp, BODY, GOOD, now=TS)


def test_empty_secret_never_verifies():
    assert not verify_signature("", TS, BODY, reference_signature("", TS, BODY), now=TS)


def test_default_now_is_the_current_time():
    import time
    ts = int(time.time())
    assert verify_signature(SECRET, ts, BODY, sign(SECRET, ts, BODY))
    assert not verify_signature(SECRET, TS - 10**6, BODY, sign(SECRET, TS - 10**6, BODY))

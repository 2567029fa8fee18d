"""TLS at nginx, tried with real handshakes: Debian's nginx runs the repository's config (tests/nginx_server.py,
a self-signed ECDSA certificate) and Python's ssl module offers it one protocol or suite at a time.
No Planloom process is needed: the handshake ends at nginx."""
from __future__ import annotations

import socket
import ssl
import warnings
from urllib.parse import urlsplit

import pytest

from tests.live_server import free_port
from tests.nginx_server import nginx_in_front


@pytest.fixture(scope="module")
def nginx(tmp_path_factory):
    folder = tmp_path_factory.mktemp("nginx_tls")
    with nginx_in_front(folder, [f"127.0.0.1:{free_port()}"]) as (url, certificate):
        parts = urlsplit(url)
        yield parts.hostname, parts.port, certificate


def _handshake(nginx, version: ssl.TLSVersion, ciphers: str | None = None) -> tuple[str, str]:
    """(protocol, suite) nginx agreed to; ssl.SSLError if it refused."""
    host, port, certificate = nginx
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.load_verify_locations(certificate)
    with warnings.catch_warnings():  # naming TLS 1.1 is deprecated; offering it is the point
        warnings.simplefilter("ignore", DeprecationWarning)
        context.minimum_version = context.maximum_version = version
    if ciphers:
        context.set_ciphers(ciphers)
    with socket.create_connection((host, port), timeout=10) as raw:
        with context.wrap_socket(raw, server_hostname=host) as tls:
            return tls.version(), tls.cipher()[0]


def test_tls_1_2_with_ecdhe_and_aes_gcm_is_agreed(nginx):
    assert _handshake(nginx, ssl.TLSVersion.TLSv1_2, "ECDHE-ECDSA-AES128-GCM-SHA256") == (
        "TLSv1.2", "ECDHE-ECDSA-AES128-GCM-SHA256")
    assert _handshake(nginx, ssl.TLSVersion.TLSv1_2, "ECDHE-ECDSA-CHACHA20-POLY1305") == (
        "TLSv1.2", "ECDHE-ECDSA-CHACHA20-POLY1305")


def test_tls_1_3_is_agreed(nginx):
    version, suite = _handshake(nginx, ssl.TLSVersion.TLSv1_3)
    assert version == "TLSv1.3" and suite.startswith("TLS_")


def test_tls_1_2_without_forward_secrecy_or_aead_is_refused_by_nginx(nginx):
    """The client offers only a CBC suite (ECDHE, but no AEAD) or only static RSA key exchange: nginx
    answers with a handshake_failure alert (the client could have used either suite)."""
    for suite in ("ECDHE-ECDSA-AES128-SHA256", "AES128-GCM-SHA256"):
        with pytest.raises(ssl.SSLError) as refused:
            _handshake(nginx, ssl.TLSVersion.TLSv1_2, suite)
        assert "ALERT_HANDSHAKE_FAILURE" in str(refused.value).upper(), refused.value


def test_tls_1_1_is_refused_by_nginx(nginx):
    """The client is willing (security level 0 lets OpenSSL 3 speak TLS 1.1); nginx answers with a
    protocol_version alert, so the refusal is the server's ssl_protocols. (With TLSv1.1 added to
    ssl_protocols, Debian's OpenSSL still fails the handshake, but with an internal_error alert.)"""
    with pytest.raises(ssl.SSLError) as refused:
        _handshake(nginx, ssl.TLSVersion.TLSv1_1, "DEFAULT:@SECLEVEL=0")
    assert "ALERT_PROTOCOL_VERSION" in str(refused.value).upper(), refused.value

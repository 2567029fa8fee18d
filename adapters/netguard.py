"""Outbound HTTP to addresses users give (webhooks, calendar feeds) without SSRF.

``is_internal_address`` says whether an address must not be reached unless an admin allows private
targets. ``fetch_public`` GETs a URL: it resolves the host once, refuses it if ANY address is internal,
then connects to the vetted address itself (a second DNS answer, rebinding, is never used; ``Host``, TLS
SNI and the certificate check keep the URL's name). No environment proxy; redirects are followed only
to URLs that pass the same checks, at most ``max_redirects``; the body is read up to ``max_bytes``
within one deadline for the whole exchange. ``PinnedAdapter`` gives libraries that make their own
``requests`` calls (the CalDAV client) the same guarantee: the address connected to is the one vetted.
"""
from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urljoin, urlsplit

import urllib3
from requests.adapters import HTTPAdapter
from urllib3.exceptions import HTTPError as Urllib3Error

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Explicit lists, so the verdict does not depend on which Python patch release's ipaddress flags we run on.
_BLOCKED_V4 = tuple(ipaddress.IPv4Network(n) for n in (
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
    "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15",
    "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
))
_BLOCKED_V6 = tuple(ipaddress.IPv6Network(n) for n in (
    "::/96",          # unspecified, loopback and deprecated IPv4-compatible addresses
    "64:ff9b:1::/48",  # local-use NAT64
    "100::/64",       # discard
    "2001::/23",      # IETF protocol assignments, includes Teredo 2001::/32
    "2001:db8::/32",  # documentation
    "3fff::/20",      # documentation (RFC 9637)
    "5f00::/16",      # SRv6 SIDs
    "fc00::/7",       # unique local
    "fe80::/10",      # link-local
    "fec0::/10",      # site-local (deprecated)
    "ff00::/8",       # multicast
))
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def is_internal_address(ip: IPAddress) -> bool:
    """True if ``ip`` must not be reached from a webhook unless an admin allows private targets."""
    if isinstance(ip, ipaddress.IPv6Address):
        ip = ipaddress.IPv6Address(ip.packed)  # drop any %zone
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(ip.packed[-4:])
        if embedded is not None and is_internal_address(embedded):
            return True
        if embedded is not None and ip.sixtofour is None:
            return False  # IPv4-mapped or NAT64 form of a public IPv4 address: that public address
        if any(ip in net for net in _BLOCKED_V6):
            return True
    elif any(ip in net for net in _BLOCKED_V4):
        return True
    return (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
            or ip.is_reserved or ip.is_unspecified or not ip.is_global)


class FetchRefused(Exception):
    """The URL may not be fetched or did not answer well. ``permanent``: trying again will not help."""

    def __init__(self, message: str, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


@dataclass(frozen=True)
class Fetched:
    url: str
    status: int
    headers: dict[str, str]
    body: bytes


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str          # IDNA-encoded hostname or IP literal, no brackets
    port: int
    path: str          # path + query, never empty
    host_header: str


def parse_target(url: str) -> Target:
    """An http(s) URL without credentials, taken apart; FetchRefused (permanent) otherwise."""
    if not isinstance(url, str) or any(ord(ch) <= 0x20 or ord(ch) == 0x7F for ch in url):
        raise FetchRefused("the address contains whitespace or control characters", permanent=True)
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchRefused(f"the address is invalid: {exc}", permanent=True) from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchRefused(f"only http and https addresses are fetched, not {scheme or '(none)'!r}", permanent=True)
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise FetchRefused("the address may not carry credentials", permanent=True)
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise FetchRefused("the address has no host", permanent=True)
    try:
        host = str(ipaddress.ip_address(host))
    except ValueError:
        try:
            host = host.encode("idna").decode("ascii").lower()
        except UnicodeError as exc:
            raise FetchRefused(f"{host!r} is not a valid host name", permanent=True) from exc
    default = 443 if scheme == "https" else 80
    port = default if port is None else port
    if not 0 < port < 65536:
        raise FetchRefused(f"port {port} is out of range", permanent=True)
    shown = f"[{host}]" if ":" in host else host
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Target(scheme, host, port, path, shown if port == default else f"{shown}:{port}")


def vetted_addresses(host: str, port: int, allow_private: bool,
                     resolver: Callable[..., list] = socket.getaddrinfo) -> list[str]:
    """The host's addresses, or FetchRefused (permanent) if any of them is internal."""
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    try:
        infos = ([(socket.AF_INET6 if literal.version == 6 else socket.AF_INET, socket.SOCK_STREAM, 0, "",
                   (host, port))] if literal is not None else resolver(host, port, type=socket.SOCK_STREAM))
    except (UnicodeError, OSError) as exc:
        raise FetchRefused(f"cannot resolve {host}: {exc}") from exc
    addresses: list[str] = []
    for family, *_rest, sockaddr in infos:
        if family not in (socket.AF_INET, socket.AF_INET6):
            continue
        try:
            ip = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        except ValueError as exc:
            raise FetchRefused(f"the resolver returned a non-address {sockaddr[0]!r}", permanent=True) from exc
        if not allow_private and is_internal_address(ip):
            raise FetchRefused(f"{host} resolves to a non-public address ({ip}); refused", permanent=True)
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        if str(ip) not in addresses:
            addresses.append(str(ip))
    if not addresses:
        raise FetchRefused(f"{host} has no IPv4 or IPv6 address")
    return addresses


def fetch_public(url: str, *, allow_private: bool = False, timeout: float = 10.0, max_bytes: int = 5_000_000,
                 max_redirects: int = 3, headers: dict[str, str] | None = None,
                 resolver: Callable[..., list] = socket.getaddrinfo) -> Fetched:
    """GET ``url`` under the rules of the module's docstring. A body over ``max_bytes`` is a permanent
    FetchRefused; a status that is not 2xx is returned as is (the caller judges it)."""
    deadline = time.monotonic() + timeout
    for _ in range(max_redirects + 1):
        target = parse_target(url)
        scheme, host, port, path, host_header = target.scheme, target.host, target.port, target.path, target.host_header
        address = vetted_addresses(host, port, allow_private, resolver)[0]
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchRefused(f"no answer from {host} within {timeout:g} s")
        pool_timeout = urllib3.Timeout(connect=remaining, read=remaining)
        if scheme == "http":
            pool = urllib3.HTTPConnectionPool(address, port, timeout=pool_timeout, maxsize=1, retries=False)
        else:
            pool = urllib3.HTTPSConnectionPool(address, port, timeout=pool_timeout, maxsize=1, retries=False,
                                               cert_reqs="CERT_REQUIRED", server_hostname=host, assert_hostname=host)
        try:
            response = pool.urlopen("GET", path, headers={"Host": host_header, **(headers or {})}, retries=False,
                                    redirect=False, assert_same_host=False, preload_content=False)
            try:
                if response.status in (301, 302, 303, 307, 308) and response.headers.get("Location"):
                    url = urljoin(url, response.headers["Location"])
                    continue
                body = _read(response, max_bytes, deadline)
                return Fetched(url, response.status, {k.lower(): v for k, v in response.headers.items()}, body)
            finally:
                response.release_conn()
        except Urllib3Error as exc:
            raise FetchRefused(f"{host}: {type(exc).__name__}: {exc}") from exc
        finally:
            pool.close()
    raise FetchRefused(f"more than {max_redirects} redirects", permanent=True)


def _read(response, max_bytes: int, deadline: float) -> bytes:
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise FetchRefused(f"the answer is {int(declared):,} bytes; at most {max_bytes:,} are read", permanent=True)
    chunks, total = [], 0
    while True:
        if time.monotonic() > deadline:
            raise FetchRefused("the answer took too long to arrive")
        chunk = response.read1(65536) if hasattr(response, "read1") else response.read(65536)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > max_bytes:
            raise FetchRefused(f"the answer is over {max_bytes:,} bytes; refused", permanent=True)
        chunks.append(chunk)


class PinnedAdapter(HTTPAdapter):
    """A ``requests`` transport for a client library that makes its own requests (the CalDAV client): each
    host is resolved once per adapter and vetted (``vetted_addresses``); every connection then goes to that
    vetted address, with the URL's name kept for ``Host``, TLS SNI and the certificate check. A later DNS
    answer (rebinding) is never used. Mount it on a session with ``trust_env`` off (no environment proxy)."""

    def __init__(self, allow_private: bool = False, resolver: Callable[..., list] = socket.getaddrinfo,
                 **kwargs) -> None:
        self.allow_private, self.resolver = allow_private, resolver
        self._vetted: dict[tuple[str, int], str] = {}
        super().__init__(**kwargs)

    def address(self, host: str, port: int) -> str:
        key = (host, port)
        if key not in self._vetted:
            self._vetted[key] = vetted_addresses(host, port, self.allow_private, self.resolver)[0]
        return self._vetted[key]

    def get_connection_with_tls_context(self, request, verify, proxies=None, cert=None):
        target = parse_target(request.url)
        _host_params, pool_kwargs = self.build_connection_pool_key_attributes(request, verify, cert)
        pool_kwargs = dict(pool_kwargs)
        if target.scheme == "https":
            pool_kwargs.update(server_hostname=target.host, assert_hostname=target.host)
        return self.poolmanager.connection_from_host(self.address(target.host, target.port), target.port,
                                                     scheme=target.scheme, pool_kwargs=pool_kwargs)

    def get_connection(self, url, proxies=None):  # requests before 2.32 asks this instead
        raise FetchRefused("this requests release is too old to pin addresses", permanent=True)

    def send(self, request, *args, **kwargs):
        request.headers["Host"] = parse_target(request.url).host_header
        return super().send(request, *args, **kwargs)


def pinned_session(session, allow_private: bool = False,
                   resolver: Callable[..., list] = socket.getaddrinfo) -> PinnedAdapter:
    """Route every request of ``session`` (a ``requests.Session``) through one PinnedAdapter."""
    adapter = PinnedAdapter(allow_private=allow_private, resolver=resolver)
    session.trust_env = False
    session.proxies.clear()
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return adapter

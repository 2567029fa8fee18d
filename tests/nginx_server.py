"""A real nginx (Debian's package) on loopback, running the repository's ``deploy/nginx/planloom.conf``
in front of given upstream servers.

The file is used as it is, but for what a test on one host must change:
- the listening ports (80, 443) become free loopback ports;
- the upstream's one Docker service (``server web:8000 resolve ...``, re-resolved through Docker's DNS)
  becomes the given ``host:port`` servers with the same parameters, and the Docker ``resolver`` line goes;
- the certificate, log, cache and ACME paths point into the test's folder (a self-signed certificate);
- on nginx older than 1.25.1 (Debian 12 ships 1.22), ``http2 on;`` is left out: HTTP/2 is not what
  these tests are about, and that version only knows the older ``listen ... http2`` form.
"""
from __future__ import annotations

import datetime
import ipaddress
import os
import re
import shutil
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import requests

from tests.live_server import free_port

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "deploy" / "nginx" / "planloom.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
UPSTREAM_SERVER = re.compile(r"^(\s*)server web:8000 resolve (?P<params>[^;]*);$", re.M)


def nginx_version() -> tuple[int, ...]:
    out = subprocess.run([NGINX, "-v"], capture_output=True, text=True).stderr
    return tuple(int(x) for x in re.search(r"nginx/(\d+)\.(\d+)\.(\d+)", out).groups())


def upstream_parameters() -> str:
    """The parameters of the upstream server line (``max_fails=3 fail_timeout=10s``)."""
    return UPSTREAM_SERVER.search(CONFIG.read_text()).group("params")


def _certificate(folder: Path) -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "planloom.example.com")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("planloom.example.com"),
                                                        x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .sign(key, hashes.SHA256()))
    (folder / "fullchain.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "privkey.pem").write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                                           serialization.PrivateFormat.PKCS8,
                                                           serialization.NoEncryption()))


def render(folder: Path, upstreams: list[str], http_port: int, https_port: int) -> Path:
    """The repository's config with the changes above, inside a minimal main config; its path."""
    conf = CONFIG.read_text()
    params = upstream_parameters()
    conf = UPSTREAM_SERVER.sub(lambda m: "\n".join(f"{m.group(1)}server {u} {params};" for u in upstreams), conf)
    conf = re.sub(r"^\s*resolver 127\.0\.0\.11[^;]*;\n", "", conf, flags=re.M)
    conf = re.sub(r"^\s*listen \[::\]:(80|443)[^;]*;\n", "", conf, flags=re.M)
    conf = re.sub(r"^(\s*)listen 80;", rf"\1listen 127.0.0.1:{http_port};", conf, flags=re.M)
    conf = re.sub(r"^(\s*)listen 443 ssl;", rf"\1listen 127.0.0.1:{https_port} ssl;", conf, flags=re.M)
    if nginx_version() < (1, 25, 1):
        conf = re.sub(r"^\s*http2 on;\n", "", conf, flags=re.M)
    for original, mine in (("/etc/nginx/tls", "tls"), ("/var/log/nginx", "logs"), ("/var/cache/nginx", "cache"),
                           ("/var/www/acme", "acme")):
        (folder / mine).mkdir(parents=True, exist_ok=True)
        conf = conf.replace(original, str(folder / mine))
    _certificate(folder / "tls")
    (folder / "planloom.conf").write_text(conf)
    temp = folder / "temp"
    temp.mkdir(exist_ok=True)
    user = "user root;\n" if os.geteuid() == 0 else ""
    main = folder / "nginx.conf"
    main.write_text(f"""{user}worker_processes 2;
pid {folder}/nginx.pid;
error_log {folder}/logs/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {folder}/planloom.conf;
}}
""")
    return main


@contextmanager
def nginx_in_front(folder: Path, upstreams: list[str]):
    """Yields nginx's HTTPS base URL and the certificate to verify it with (self-signed, for 127.0.0.1),
    once it answers."""
    http_port, https_port = free_port(), free_port()
    main = render(folder, upstreams, http_port, https_port)
    check = subprocess.run([NGINX, "-t", "-c", str(main), "-p", str(folder)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen([NGINX, "-c", str(main), "-p", str(folder), "-g", "daemon off;"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(100):
            try:
                requests.get(f"http://127.0.0.1:{http_port}/nginx-health", timeout=1)
                break
            except requests.RequestException:
                time.sleep(0.1)
        yield f"https://127.0.0.1:{https_port}", str(folder / "tls" / "fullchain.pem")
    finally:
        process.terminate()
        process.wait(timeout=20)

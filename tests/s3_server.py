"""A local S3 server started by the tests: moto's server mode (``ThreadedMotoServer``), S3's REST protocol
over real HTTP on a free port, so the real boto3 client and the S3 blob store run against it unchanged.
It can be stopped and started again on the same port (an outage); what it holds survives that, since
moto keeps its state in the process."""
from __future__ import annotations

import base64
import hashlib
import http.client
import socket
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import boto3
import pytest
from botocore.config import Config
from moto.server import ThreadedMotoServer

ACCESS_KEY_ID, SECRET_ACCESS_KEY, REGION = "test-access-key", "test-secret-key", "us-east-1"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class S3Server:
    def __init__(self) -> None:
        self.port = _free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self._server: ThreadedMotoServer | None = None
        self.client = boto3.session.Session().client(
            "s3", endpoint_url=self.endpoint, region_name=REGION, aws_access_key_id=ACCESS_KEY_ID,
            aws_secret_access_key=SECRET_ACCESS_KEY,
            config=Config(s3={"addressing_style": "path"}, retries={"mode": "standard", "max_attempts": 1}))

    def start(self) -> None:
        self._server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
        self._server.start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            self._server = None

    def new_bucket(self) -> str:
        """A bucket of the test's own."""
        name = f"planloom-{uuid.uuid4().hex[:12]}"
        self.client.create_bucket(Bucket=name)
        return name

    def objects(self, bucket: str) -> dict[str, bytes]:
        """Every object in the bucket, by key."""
        listed = self.client.list_objects_v2(Bucket=bucket).get("Contents", [])
        return {item["Key"]: self.client.get_object(Bucket=bucket, Key=item["Key"])["Body"].read() for item in listed}

    def store_settings(self, bucket: str, **more: str) -> dict[str, str]:
        """The Settings fields that point Planloom's images at ``bucket`` here."""
        return dict(images_s3_bucket=bucket, images_s3_endpoint=self.endpoint, images_s3_region=REGION,
                    images_s3_access_key_id=ACCESS_KEY_ID, images_s3_secret_access_key=SECRET_ACCESS_KEY) | more


class DigestCheckingFront:
    """What moto does not do and S3 does: refuse a PUT whose body does not match its ``Content-MD5``
    (``400 BadDigest``), in front of a moto server. ``corrupt = True`` flips one byte of each PUT body on its
    way through, as a broken network path would; ``checked`` counts the PUTs whose digest was present and
    matched (then forwarded)."""

    def __init__(self, upstream: S3Server) -> None:
        self.upstream, self.corrupt, self.checked = upstream, False, 0
        front = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # quiet
                pass

            def _forward(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.command == "PUT" and body:
                    if front.corrupt:
                        body = bytes([body[0] ^ 0xFF]) + body[1:]
                    sent = self.headers.get("Content-MD5")
                    if sent != base64.b64encode(hashlib.md5(body, usedforsecurity=False).digest()).decode():
                        error = (b"<?xml version='1.0' encoding='UTF-8'?><Error><Code>BadDigest</Code><Message>The "
                                 b"Content-MD5 you specified did not match what we received.</Message></Error>")
                        self.send_response(400)
                        self.send_header("Content-Type", "application/xml")
                        self.send_header("Content-Length", str(len(error)))
                        self.end_headers()
                        self.wfile.write(error)
                        return
                    front.checked += 1
                connection = http.client.HTTPConnection("127.0.0.1", front.upstream.port, timeout=10)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("content-length", "connection")}
                connection.request(self.command, self.path, body=body, headers=headers)
                answer = connection.getresponse()
                data = answer.read()
                self.send_response(answer.status)
                for key, value in answer.getheaders():
                    if key.lower() not in ("content-length", "transfer-encoding", "connection", "server", "date"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)
                connection.close()

            do_GET = do_PUT = do_HEAD = do_DELETE = do_POST = _forward

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.endpoint = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture(scope="session")
def s3_server():
    server = S3Server()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def own_s3_server():
    """A server of the test's own, for a test that stops it."""
    server = S3Server()
    server.start()
    yield server
    server.stop()

"""A local S3 server started by the tests: moto's server mode (``ThreadedMotoServer``), S3's REST protocol
over real HTTP on a free port, so the real boto3 client and the S3 blob store run against it unchanged.
It can be stopped and started again on the same port (an outage); what it holds survives that, since
moto keeps its state in the process."""
from __future__ import annotations

import socket
import uuid

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

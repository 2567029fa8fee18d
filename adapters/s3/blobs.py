"""Blobs as objects in a bucket of an S3-compatible store (AWS S3, MinIO, Ceph RGW, Cloudflare R2...), so
every web and worker process of a deployment reads what any of them stored, without a shared volume.

Each object's key is the optional prefix and the blob's name. A PUT is whole or absent (S3 stores no
partial object) and carries the body's Content-MD5, which S3 and the compatible stores check (boto3's
newer default checksums, which some of them refuse, are asked for only by AWS itself). Connection and read
timeouts bound each attempt; botocore's "standard" retry mode retries throttling, 5xx answers and broken
connections with backoff. Whatever still fails surfaces as ``BlobStoreUnavailable``.
"""
from __future__ import annotations

import base64
import contextlib
import hashlib
import mimetypes
from collections.abc import Iterator

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from ports.images import BlobStore, BlobStoreUnavailable, check_blob_name

_MISSING = {"NoSuchKey", "404", "NotFound"}


class S3BlobStore(BlobStore):
    def __init__(self, bucket: str, prefix: str = "", endpoint_url: str = "", region: str = "",
                 access_key_id: str = "", secret_access_key: str = "", connect_timeout: float = 5.0,
                 read_timeout: float = 30.0, max_attempts: int = 3) -> None:
        """``endpoint_url``: another store than AWS (``https://minio.internal:9000``; path-style addresses
        are used then, which MinIO and Ceph need); ``access_key_id`` / ``secret_access_key``: unset, boto3's
        own chain (AWS_* variables, a web identity token, an instance profile). Nothing connects here."""
        self.bucket = bucket
        self.prefix = f"{prefix.strip('/')}/" if prefix.strip("/") else ""
        checksums = "when_required" if endpoint_url else "when_supported"
        config = Config(connect_timeout=connect_timeout, read_timeout=read_timeout,
                        retries={"mode": "standard", "max_attempts": max_attempts},
                        s3={"addressing_style": "path" if endpoint_url else "auto"},
                        request_checksum_calculation=checksums, response_checksum_validation=checksums)
        self._client = boto3.session.Session().client(
            "s3", endpoint_url=endpoint_url or None, region_name=region or None, config=config,
            aws_access_key_id=access_key_id or None, aws_secret_access_key=secret_access_key or None)

    def _key(self, name: str) -> str:
        return self.prefix + check_blob_name(name)

    @contextlib.contextmanager
    def _answering(self, action: str, name: str) -> Iterator[None]:
        """The client's failures as the port's: ``_Missing`` for a key that holds nothing (a HEAD's answer
        has no body: its code is the bare status), ``BlobStoreUnavailable`` for anything else."""
        try:
            yield
        except ClientError as exc:
            error = exc.response.get("Error", {})
            if error.get("Code") in _MISSING:
                raise _Missing(name) from None
            reason = f"{error.get('Code', '?')}: {error.get('Message', '')}".rstrip(": ")
            raise BlobStoreUnavailable(f"S3 {action} of {name} in bucket {self.bucket} failed: {reason}") from exc
        except BotoCoreError as exc:
            raise BlobStoreUnavailable(f"S3 {action} of {name} in bucket {self.bucket} failed: "
                                       f"{type(exc).__name__}: {exc}") from exc

    def put(self, name: str, data: bytes) -> None:
        key = self._key(name)
        media_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        digest = base64.b64encode(hashlib.md5(data, usedforsecurity=False).digest()).decode()
        with self._answering("put", name):
            self._client.put_object(Bucket=self.bucket, Key=key, Body=bytes(data), ContentType=media_type,
                                    ContentMD5=digest)

    def get(self, name: str) -> bytes | None:
        key = self._key(name)
        try:
            with self._answering("get", name):
                body = self._client.get_object(Bucket=self.bucket, Key=key)["Body"]
                try:
                    return body.read()  # a connection broken mid-body raises a BotoCoreError too
                finally:
                    body.close()
        except _Missing:
            return None

    def delete(self, name: str) -> bool:
        """S3 answers a DELETE of a missing key as a success: a HEAD first tells whether there was one."""
        key = self._key(name)
        try:
            with self._answering("delete", name):
                self._client.head_object(Bucket=self.bucket, Key=key)
                self._client.delete_object(Bucket=self.bucket, Key=key)
        except _Missing:
            return False
        return True


class _Missing(Exception):
    """The key holds nothing."""

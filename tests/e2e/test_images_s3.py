"""Images over HTTP with their bytes in S3 (PLANLOOM_IMAGES_S3_*, a local S3 server: moto's, over HTTP):
an upload lands in the bucket under the prefix, the background reading and the content come from there,
a delete removes it; with the store down, uploads, reads and deletes answer 503 problems and store nothing
half-way."""
from __future__ import annotations

import io
import re
import uuid

import pytest
from dependency_injector import providers

from adapters.memory.images import MemoryVision
from adapters.s3.blobs import S3BlobStore
from domain import commands
from domain.model.image import TextLine, TextReading
from tests.e2e.conftest import assert_problem, sign_up
from tests.images import encoded, list_image
from tests.s3_server import own_s3_server, s3_server  # noqa: F401 (fixtures)

IMAGES = "/api/v1/images"
PNG = encoded(list_image(["- anything"], width=300))
READING = TextReading(engine="memory", lines=[TextLine("- Buy milk", 0.99, ((20, 20), (300, 20), (300, 50), (20, 50)))])


def _app(make_app, server, bucket: str, **more):
    app = make_app("sqlite", **server.store_settings(bucket, **more))
    vision = MemoryVision()
    vision.teach(None, READING)
    app.container.vision.override(providers.Object(vision))
    app.container.bus.reset()
    return app


def _upload(api):
    return api.post(IMAGES, data={"file": (io.BytesIO(PNG), "list.png")}, content_type="multipart/form-data")


def test_uploads_live_in_the_bucket_and_deleting_removes_them(make_app, s3_server):  # noqa: F811
    bucket = s3_server.new_bucket()
    app = _app(make_app, s3_server, bucket, images_s3_prefix="/planloom/images/")
    assert isinstance(app.container.blobs(), S3BlobStore)
    alice = sign_up(app.test_client())
    created = _upload(alice)
    assert created.status_code == 202, created.get_json()
    image_id = created.get_json()["id"]
    stored = s3_server.objects(bucket)
    [(key, data)] = stored.items()
    assert re.fullmatch(r"planloom/images/[0-9a-f]{32}\.png", key)
    content = alice.get(f"{IMAGES}/{image_id}/content")
    assert content.status_code == 200 and content.data == data and data[:4] == b"\x89PNG"
    app.container.bus().handle(commands.ProcessImage(user_id=uuid.UUID(alice.user["id"]), image_id=uuid.UUID(image_id)))
    done = alice.get(f"{IMAGES}/{image_id}").get_json()  # the reading worker took the bytes from the bucket
    assert done["status"] == "done" and [d["title"] for d in done["drafts"]] == ["Buy milk"]
    assert alice.delete(f"{IMAGES}/{image_id}").status_code == 204
    assert s3_server.objects(bucket) == {}
    assert_problem(alice.get(f"{IMAGES}/{image_id}"), 404)


@pytest.mark.slow  # botocore's standard retries back off between attempts on the down store
def test_the_store_down_answers_503_problems_and_stores_nothing_half_way(make_app, own_s3_server):  # noqa: F811
    bucket = own_s3_server.new_bucket()
    app = _app(make_app, own_s3_server, bucket)
    alice = sign_up(app.test_client())
    kept = _upload(alice).get_json()["id"]
    [first_key] = own_s3_server.objects(bucket)
    own_s3_server.stop()
    refused = _upload(alice)
    body = assert_problem(refused, 503)
    assert refused.headers["Retry-After"] == "5" and "try again" in body["detail"] and "Traceback" not in body["detail"]
    assert [image["id"] for image in alice.get(IMAGES).get_json()] == [kept]  # no record of the refused upload
    assert_problem(alice.get(f"{IMAGES}/{kept}/content"), 503)
    assert_problem(alice.delete(f"{IMAGES}/{kept}"), 503)
    assert alice.get(f"{IMAGES}/{kept}").status_code == 200  # the record stays while its bytes could not go
    own_s3_server.start()
    assert list(own_s3_server.objects(bucket)) == [first_key]  # nothing of the refused upload in the bucket
    assert alice.delete(f"{IMAGES}/{kept}").status_code == 204
    assert own_s3_server.objects(bucket) == {} and alice.get(IMAGES).get_json() == []

"""Images over HTTP on every backend: upload (multipart, caps, formats), read in the background, list, one,
content, accept drafts, delete; owners only. The vision engine is the in-memory twin here (taught the
text), except in the one test that runs the real pipeline: RapidOCR in the background threads."""
from __future__ import annotations

import io
import time
import uuid

import pytest
from dependency_injector import providers
from PIL import Image

from adapters.memory.images import MemoryVision
from domain import commands
from domain.model.image import MAX_DRAFTS, MAX_IMAGE_BYTES, MAX_LINES, TextLine, TextReading
from entrypoints.consumers.runtime import Background
from tests.e2e.conftest import assert_problem, sign_up
from tests.images import encoded, heic, heif_claiming, list_image, png_header_only

IMAGES = "/api/v1/images"
PNG = encoded(list_image(["- anything"], width=300))
READING = TextReading(engine="memory", lines=[
    TextLine("- Buy milk tomorrow", 0.99, ((20, 20), (300, 20), (300, 50), (20, 50))),
    TextLine("[x] Pay rent", 0.99, ((20, 80), (300, 80), (300, 110), (20, 110))),
    TextLine("- Draft Q3 report p1 2h", 0.99, ((20, 140), (300, 140), (300, 170), (20, 170)))])


@pytest.fixture
def vision(app) -> MemoryVision:
    engine = MemoryVision()
    engine.teach(None, READING)
    app.container.vision.override(providers.Object(engine))
    app.container.bus.reset()  # the bus resolves its dependencies once: rebuild it over the twin
    return engine


def _upload(api, data: bytes = PNG, caption: str | None = None, name: str = "list.png"):
    form = {"file": (io.BytesIO(data), name)}
    if caption is not None:
        form["caption"] = caption
    return api.post(IMAGES, data=form, content_type="multipart/form-data")


def _process(app, api, image_id: str) -> dict:
    app.container.bus().handle(commands.ProcessImage(user_id=uuid.UUID(api.user["id"]), image_id=uuid.UUID(image_id)))
    return api.get(f"{IMAGES}/{image_id}").get_json()


def test_upload_read_accept_and_delete(app, client, vision):
    alice = sign_up(client, timezone="UTC")
    created = _upload(alice, caption="errands #Todo")
    assert created.status_code == 202, created.get_json()
    body = created.get_json()
    assert (body["status"], body["format"], body["media_type"], body["category"]) == ("pending", "png", "image/png",
                                                                                      "todo")
    assert (body["width"], body["height"], body["drafts"]) == (300, Image.open(io.BytesIO(PNG)).height, [])
    done = _process(app, alice, body["id"])
    assert done["status"] == "done" and done["engine"] == "memory"
    assert [d["title"] for d in done["drafts"]] == ["Buy milk", "Pay rent", "Draft Q3 report"]
    assert done["checked"] == [False, True, False] and done["lines"][0]["box"][0] == [20.0, 20.0]
    assert [i["id"] for i in alice.get(IMAGES).get_json()] == [body["id"]]
    second = _upload(alice).get_json()["id"]
    assert [i["id"] for i in alice.get(f"{IMAGES}?limit=1").get_json()] == [second]
    assert_problem(alice.get(f"{IMAGES}?limit=0"), 422, "limit")
    assert alice.delete(f"{IMAGES}/{second}").status_code == 204
    content = alice.get(f"{IMAGES}/{body['id']}/content")
    assert content.status_code == 200 and content.mimetype == "image/png"
    assert Image.open(io.BytesIO(content.data)).size == (300, body["height"])
    assert content.headers["Cache-Control"] == "private, no-store"
    accepted = alice.post(f"{IMAGES}/{body['id']}/tasks", json={})
    assert accepted.status_code == 201, accepted.get_json()
    assert [t["title"] for t in accepted.get_json()["tasks"]] == ["Buy milk", "Draft Q3 report"]
    assert {t["title"] for t in alice.get("/api/v1/tasks").get_json()} >= {"Buy milk", "Draft Q3 report"}
    assert_problem(alice.post(f"{IMAGES}/{body['id']}/tasks", json={"indexes": [7]}), 422, "indexes")
    assert alice.delete(f"{IMAGES}/{body['id']}").status_code == 204
    assert_problem(alice.get(f"{IMAGES}/{body['id']}"), 404)
    assert_problem(alice.get(f"{IMAGES}/{body['id']}/content"), 404)


def test_each_draft_names_its_lines_and_an_image_read_before_the_link_says_it_is_unknown(app, client, vision):
    vision.teach(None, TextReading(engine="memory", lines=[
        TextLine("Weekend", 0.99, ((20, 20), (300, 20), (300, 50), (20, 50))),
        TextLine("- Buy paint 2h", 0.99, ((20, 80), (300, 80), (300, 110), (20, 110))),
        TextLine("- Call the plumber about", 0.99, ((20, 140), (300, 140), (300, 170), (20, 170))),
        TextLine("the leaking tap", 0.99, ((60, 200), (300, 200), (300, 230), (60, 230))),
        TextLine("- /done fix the gate", 0.99, ((20, 260), (300, 260), (300, 290), (20, 290))),
        TextLine("[x] Buy paint brushes", 0.99, ((20, 320), (300, 320), (300, 350), (20, 350)))]))
    alice = sign_up(client, timezone="UTC")
    image_id = _upload(alice).get_json()["id"]
    assert alice.get(f"{IMAGES}/{image_id}").get_json()["line_indexes"] is None  # not read yet
    done = _process(app, alice, image_id)
    assert [d["title"] for d in done["drafts"]] == ["Buy paint", "Call the plumber about the leaking tap",
                                                    "Buy paint brushes"]
    assert done["line_indexes"] == [[1], [2, 3], [5]] and done["checked"] == [False, False, True]
    assert [i["line_indexes"] for i in alice.get(IMAGES).get_json()] == [[[1], [2, 3], [5]]]
    images, owner = app.container.images(), uuid.UUID(alice.user["id"])
    record = images.get(owner, uuid.UUID(image_id))
    record.line_indexes = None  # as an image read before drafts kept their lines is stored
    images.put(record)
    old = alice.get(f"{IMAGES}/{image_id}").get_json()
    assert old["line_indexes"] is None and [d["title"] for d in old["drafts"]] == [d["title"] for d in done["drafts"]]
    schemas = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    field = schemas["Image"]["properties"]["line_indexes"]
    assert "null" in field["type"] and field["maxItems"] == MAX_DRAFTS
    assert field["items"]["maxItems"] == MAX_LINES and field["items"]["items"]["maximum"] == MAX_LINES - 1


def test_accepting_with_edits_names_the_bad_field_and_creates_nothing_on_error(app, client, vision):
    alice, bob = sign_up(client, timezone="UTC"), sign_up(client)
    image_id = _upload(alice).get_json()["id"]
    _process(app, alice, image_id)
    accept = f"{IMAGES}/{image_id}/tasks"
    for body, field in (({"edits": [{"index": 0, "title": "  "}]}, "edits[0].title"),
                        ({"edits": [{"index": 0, "title": "ok"}, {"index": 2, "duration_minutes": 0}]},
                         "edits[1].duration_minutes"),
                        ({"edits": [{"index": 0, "priority": 9}]}, "edits[0].priority"),
                        ({"edits": [{"index": 0, "tags": ["two words"]}]}, "edits[0].tags"),
                        ({"edits": [{"title": "no index"}]}, "edits[0].index"),
                        ({"edits": [{"index": 0, "notes": "not editable"}]}, "edits[0].notes"),
                        ({"edits": [{"index": 1, "title": "Pay the rent"}]}, "edits[0].index"),  # checked: not accepted
                        ({"indexes": [0], "edits": [{"index": 2, "title": "x"}]}, "edits[0].index"),
                        ({"edits": [{"index": 0}] * (MAX_DRAFTS + 1)}, "edits")):
        assert_problem(alice.post(accept, json=body), 422, field)
    assert alice.get("/api/v1/tasks").get_json() == []
    assert_problem(bob.post(accept, json={"edits": [{"index": 0, "title": "mine"}]}), 404)
    accepted = alice.post(accept, json={"edits": [{"index": 2, "title": "Draft the Q3 report", "priority": 2,
                                                   "tags": ["work"], "due": "2026-03-02T09:00:00+00:00"}]})
    assert accepted.status_code == 201, accepted.get_json()
    tasks = accepted.get_json()["tasks"]
    assert [(t["title"], t["priority"]) for t in tasks] == [("Buy milk", 4), ("Draft the Q3 report", 2)]
    assert tasks[1]["tags"] == ["work"] and tasks[1]["due"].startswith("2026-03-02T09:00")
    schemas = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    edits = schemas["AcceptTasks"]["properties"]["edits"]
    assert edits["maxItems"] == MAX_DRAFTS
    edit = schemas["DraftEdit"]["properties"]
    assert edit["index"]["maximum"] == MAX_DRAFTS - 1 and edit["title"]["maxLength"] == 500
    assert (edit["duration_minutes"]["minimum"], edit["duration_minutes"]["maximum"]) == (1, 10080)
    assert edit["tags"]["maxItems"] == 20 and edit["priority"]["maximum"] == 4
    assert schemas["DraftEdit"]["required"] == ["index"]


def test_a_line_struck_through_is_served_as_struck_and_its_draft_comes_out_checked(app, client, vision):
    """The vision adapter's judgement of a line's ink over HTTP: ``struck`` on the line, the item it starts
    ``checked`` (left out of an accept without indexes), none of it to another user."""
    vision.teach(None, TextReading(engine="memory", lines=[
        TextLine("- Buy milk", 0.99, ((20, 20), (300, 20), (300, 50), (20, 50))),
        TextLine("- Return the library books", 0.99, ((20, 80), (300, 80), (300, 110), (20, 110)), struck=True),
        TextLine("- Water the plants", 0.99, ((20, 140), (300, 140), (300, 170), (20, 170)))]))
    alice, bob = sign_up(client, timezone="UTC"), sign_up(client)
    image_id = _upload(alice).get_json()["id"]
    done = _process(app, alice, image_id)
    assert [line["struck"] for line in done["lines"]] == [False, True, False]
    assert done["checked"] == [False, True, False]
    schema = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]["TextLine"]
    assert schema["properties"]["struck"]["type"] == "boolean"
    assert_problem(bob.get(f"{IMAGES}/{image_id}"), 404)
    accepted = alice.post(f"{IMAGES}/{image_id}/tasks", json={})
    assert accepted.status_code == 201, accepted.get_json()
    assert sorted(t["title"] for t in alice.get("/api/v1/tasks").get_json()) == ["Buy milk", "Water the plants"]
    assert bob.get("/api/v1/tasks").get_json() == []


def test_another_users_image_is_not_found(app, client, vision):
    alice, bob = sign_up(client), sign_up(client)
    image_id = _upload(alice).get_json()["id"]
    for method, path in (("GET", ""), ("GET", "/content"), ("DELETE", ""), ("POST", "/tasks")):
        assert_problem(bob.call(method, f"{IMAGES}/{image_id}{path}", json={} if method == "POST" else None), 404)
    assert bob.get(IMAGES).get_json() == []
    assert alice.get(f"{IMAGES}/{image_id}").status_code == 200


def test_annotations_set_the_category_and_teach_only_the_owners_model(app, client, vision):
    alice, bob = sign_up(client), sign_up(client)
    image_id = _upload(alice).get_json()["id"]
    assert_problem(alice.post(f"{IMAGES}/{image_id}/annotations", json={"category": "todo_list"}), 409)  # pending
    done = _process(app, alice, image_id)
    assert done["category"] in ("todo_list", "receipt", "whiteboard", "handwritten_note", "screenshot", "document",
                                "photo")
    assert done["category_source"] == "prior" and 0 < done["category_confidence"] < 1
    assert done["category_needs_review"] is (done["category_confidence"] < 0.6)
    url = f"{IMAGES}/{image_id}/annotations"
    assert_problem(alice.post(url, json={"category": "cats"}), 422, "category")
    assert_problem(alice.post(url, json={}), 422, "category")
    assert_problem(alice.post(url, json={"category": "photo", "extra": 1}), 422)
    assert_problem(bob.post(url, json={"category": "photo"}), 404)
    assert_problem(alice.post(f"{IMAGES}/{uuid.uuid4()}/annotations", json={"category": "photo"}), 404)
    for _ in range(2):  # idempotent
        annotated = alice.post(url, json={"category": "whiteboard"})
        assert annotated.status_code == 200, annotated.get_json()
    body = annotated.get_json()
    assert (body["category"], body["category_source"], body["category_confidence"], body["category_needs_review"]) == (
        "whiteboard", "user", 1.0, False)
    assert alice.get(f"{IMAGES}/{image_id}").get_json()["category"] == "whiteboard"
    owner = uuid.UUID(alice.user["id"])
    assert app.container.categorisers().get_categoriser(owner)["documents"] == {"whiteboard": 1}
    assert app.container.categorisers().get_categoriser(uuid.UUID(bob.user["id"])) is None


def test_a_caption_category_stays_through_processing(app, client, vision):
    alice = sign_up(client)
    image_id = _upload(alice, caption="shopping #Receipts").get_json()["id"]
    done = _process(app, alice, image_id)
    assert (done["category"], done["category_source"], done["category_confidence"]) == ("receipts", "caption", 1.0)
    assert done["category_needs_review"] is False


def test_refused_uploads(app, client, vision):
    alice = sign_up(client)
    gif = encoded(Image.new("RGB", (10, 10)), "GIF")
    assert_problem(_upload(alice, gif, name="looks.png"), 415, "file")
    assert_problem(_upload(alice, b"just text", name="x.jpg"), 415, "file")
    assert_problem(_upload(alice, png_header_only(6000, 5000)), 413, "file")  # 30 MP, under 200 bytes
    assert_problem(_upload(alice, b"\x89PNG" + b"\x00" * MAX_IMAGE_BYTES), 413)
    assert_problem(_upload(alice, PNG, caption="x" * 501), 422, "caption")
    assert_problem(alice.post(IMAGES, data={"caption": "no file"}, content_type="multipart/form-data"), 422, "file")
    assert_problem(alice.post(IMAGES, json={"file": "aGVsbG8="}), 422)
    assert alice.get(IMAGES).get_json() == []


def test_an_iphone_heic_is_stored_upright_as_jpeg_without_its_location(app, client, vision):
    """An iPhone photo as it comes: HEIC in 512-pixel grid tiles with a thumbnail, taken sideways (EXIF
    orientation 6, HEIF rotation), with GPS."""
    alice = sign_up(client, timezone="UTC")
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (48.0, 8.0, 0.0), 3: "E", 4: (11.0, 34.0, 0.0)}
    sideways = list_image(["- anything"], width=1100).transpose(Image.Transpose.ROTATE_90)
    photo = heic(sideways, exif=exif.tobytes(), tile_size=512, thumbnails=[256])
    assert photo[4:12] == b"ftypheic" and b"PhoneMaker" in photo and b"grid" in photo and b"thmb" in photo
    created = _upload(alice, photo, caption="#todo", name="IMG_0001.HEIC")
    assert created.status_code == 202, created.get_json()
    body = created.get_json()
    assert (body["format"], body["media_type"]) == ("jpeg", "image/jpeg")
    assert (body["width"], body["height"]) == (1100, sideways.width)  # whole (not the thumbnail), upright
    content = alice.get(f"{IMAGES}/{body['id']}/content")
    assert content.status_code == 200 and content.mimetype == "image/jpeg"
    stored = Image.open(io.BytesIO(content.data))
    assert (stored.format, stored.size) == ("JPEG", (1100, sideways.width)) and not stored.getexif()
    assert b"PhoneMaker" not in content.data and b"Exif" not in content.data
    vision.teach(content.data, TextReading(engine="memory", lines=[
        TextLine("- Call the plumber", 0.99, ((20, 20), (900, 20), (900, 50), (20, 50)))]))
    done = _process(app, alice, body["id"])  # the engine reads the stored JPEG, not the HEIC
    assert (done["status"], [d["title"] for d in done["drafts"]]) == ("done", ["Call the plumber"])


def test_refused_heic_uploads(app, client, vision):
    alice = sign_up(client)
    small = heic(Image.new("RGB", (64, 64), "white"))
    assert_problem(_upload(alice, heif_claiming(small, 6000, 5000), name="IMG_1.HEIC"), 413, "file")  # 30 MP
    assert_problem(_upload(alice, heif_claiming(small, 50_000, 50_000), name="IMG_2.HEIC"), 413, "file")
    assert_problem(_upload(alice, small[: len(small) // 2], name="IMG_3.HEIC"), 422, "file")  # truncated
    assert_problem(_upload(alice, small[:-10], name="IMG_4.HEIC"), 422, "file")
    assert_problem(_upload(alice, b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isommp41", name="clip.heic"), 415, "file")
    assert alice.get(IMAGES).get_json() == []


def test_an_avif_is_stored_as_jpeg_and_bombs_lies_and_animations_are_refused(app, client, vision):
    alice = sign_up(client)
    photo = encoded(Image.new("RGB", (64, 48), (0, 128, 255)), "AVIF")
    response = _upload(alice, photo, name="photo.heic")  # the name is not read
    assert response.status_code == 202, response.get_json()
    body = response.get_json()
    assert (body["format"], body["width"], body["height"]) == ("jpeg", 64, 48)
    content = alice.get(f"{IMAGES}/{body['id']}/content")
    assert content.mimetype == "image/jpeg" and Image.open(io.BytesIO(content.data)).size == (64, 48)
    assert_problem(_upload(alice, heif_claiming(photo, 6000, 5000), name="bomb.avif"), 413, "file")  # 30 MP
    large = encoded(Image.new("RGB", (640, 480), "white"), "AVIF", speed=10)
    lie = _upload(alice, heif_claiming(large, 64, 48), name="lie.avif")
    assert_problem(lie, 422, "file")
    assert lie.get_json()["detail"] == "file: is a damaged image (AVIF: a 640x480 frame under a 64x48 header)"
    assert_problem(_upload(alice, photo[: len(photo) // 2], name="cut.avif"), 422, "file")
    frames = [Image.new("RGB", (64, 48), colour) for colour in ("red", "blue")]
    animated = encoded(frames[0], "AVIF", save_all=True, append_images=frames[1:])
    refused = _upload(alice, animated, name="loop.avif")
    assert_problem(refused, 415, "file")
    assert "still image" in str(refused.get_json())
    assert [image["id"] for image in alice.get(IMAGES).get_json()] == [body["id"]]


def test_the_whole_pipeline_with_real_ocr_in_the_background(make_app):
    """One real OCR run: upload over HTTP, the relay and the images consumer in threads read it with
    RapidOCR, the drafts come from the text as drawn."""
    app = make_app("fresh")
    alice = sign_up(app.test_client(), timezone="UTC")
    image = encoded(list_image(["Errands", "- Buy milk tomorrow", "[x] Pay rent", "- Call the dentist 30m"]), "JPEG")
    background = Background(app.container, consumers=["images"], concurrency=1).start()
    try:
        assert background.wait_ready(10)
        image_id = _upload(alice, image, name="photo.jpg").get_json()["id"]
        deadline = time.monotonic() + 240
        body = alice.get(f"{IMAGES}/{image_id}").get_json()
        while body["status"] == "pending" and time.monotonic() < deadline:
            time.sleep(0.2)
            body = alice.get(f"{IMAGES}/{image_id}").get_json()
    finally:
        background.stop()
    assert (body["status"], body["engine"], body["format"]) == ("done", "rapidocr", "jpeg"), body
    assert [(d["title"], d["duration_minutes"]) for d in body["drafts"]] == [
        ("Buy milk", None), ("Pay rent", None), ("Call the dentist", 30)]
    assert body["checked"] == [False, True, False]
    assert len(body["line_indexes"]) == 3
    for draft, indexes in zip(body["drafts"], body["line_indexes"]):  # the boxes the drafts were read from
        assert draft["title"].lower() in " ".join(body["lines"][i]["text"] for i in indexes).lower()

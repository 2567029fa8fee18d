"""Upload -> ImageUploaded -> the images consumer -> drafts -> tasks, on the memory profile (the vision
engine is the in-memory twin, taught what each image says: no OCR runs here)."""
from __future__ import annotations

import threading
import uuid
from datetime import datetime, timezone

import pytest
from dependency_injector import providers

from adapters.memory.images import MemoryBlobStore, MemoryImageStore
from domain import commands
from domain.errors import Conflict, NotFound, StorageUnavailable, TooLarge, UnsupportedMedia, ValidationError
from domain.model.image import MAX_IMAGE_BYTES, TextLine, TextReading
from domain.services import queries
from domain.services.handlers.images import upload_image
from entrypoints.config import Settings
from entrypoints.container import build_container
from ports.images import BlobStoreUnavailable, VisionUnavailable
from tests.images import encoded, list_image
from tests.unit.test_analytics import drain

MONDAY = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)
PNG = encoded(list_image(["- anything"], width=300))


def _line(text: str, top: float, left: float = 20) -> TextLine:
    return TextLine(text, 0.98, ((left, top), (left + 300, top), (left + 300, top + 30), (left, top + 30)))


LIST = TextReading(engine="memory", lines=[  # given out of order, as OCR may
    _line("[x] Pay rent", 250), _line("Errands:", 10), _line("- Buy milk tomorrow", 70),
    _line("- Call the dentist friday 30m", 130), _line("[ ] Draft Q3 report p1 2h", 190)])


@pytest.fixture
def container():
    container = build_container(Settings(profile="memory", secret_key="memory-profile-" * 3))
    container.clock().set(MONDAY)
    return container


@pytest.fixture
def user(container):
    bus = container.bus()
    user = bus.handle(commands.RegisterUser(email=f"{uuid.uuid4().hex[:8]}@ex.com", password="pass-word-1"))
    bus.handle(commands.SavePreferences(actor_id=user.id, values={"timezone": "UTC"}))
    return user


def _deliver(container) -> int:
    """Relay the outbox to the container's images consumer, as the background does: how many it processed."""
    consumer, stop = container.consumer(name="images"), threading.Event()
    thread = threading.Thread(target=consumer.run, args=(stop,), daemon=True)
    thread.start()
    try:
        assert consumer.ready.wait(5)
        container.relay().run_once()  # the memory publisher hands each message to its subscribers at once
    finally:
        stop.set()
        thread.join(5)
    assert consumer.failed == consumer.rejected == 0
    return consumer.processed


def test_an_upload_is_stored_pending_and_read_by_the_consumer(container, user):
    container.vision().teach(None, LIST)
    record = container.bus().handle(commands.UploadImage(actor_id=user.id, data=PNG, caption="shopping #Todo"))
    assert (record.status, record.format, record.category, record.caption) == ("pending", "png", "todo",
                                                                              "shopping #Todo")
    assert container.blobs().get(record.blob_name) is not None and record.blob_name.endswith(".png")
    assert _deliver(container) == 1
    done = container.images().get(user.id, record.id)
    assert done.status == "done" and done.text.splitlines()[0] == "Errands:"  # reading order restored
    assert [(d["title"], d["duration_minutes"], d["priority"]) for d in done.drafts] == [
        ("Buy milk", None, None), ("Call the dentist", 30, None), ("Draft Q3 report", 120, 1), ("Pay rent", None, None)]
    assert done.drafts[0]["due"].startswith("2026-01-06") and done.drafts[1]["due"].startswith("2026-01-09")
    assert done.checked == [False, False, False, True]
    assert done.line_indexes == [[1], [2], [3], [4]]  # in the lines as kept (reading order), past the heading
    assert [done.lines[i].text for [i] in done.line_indexes] == [
        "- Buy milk tomorrow", "- Call the dentist friday 30m", "[ ] Draft Q3 report p1 2h", "[x] Pay rent"]


def test_processing_twice_reads_once(container, user):
    container.vision().teach(None, LIST)
    record = container.bus().handle(commands.UploadImage(actor_id=user.id, data=PNG))
    for _ in range(2):
        container.bus().handle(commands.ProcessImage(user_id=user.id, image_id=record.id))
    assert container.vision().reads == 1


def test_accepting_makes_the_unchecked_drafts_tasks_once_chosen(container, user):
    container.vision().teach(None, LIST)
    bus = container.bus()
    record = bus.handle(commands.UploadImage(actor_id=user.id, data=PNG))
    with pytest.raises(Conflict):  # nothing read yet
        bus.handle(commands.AcceptImageTasks(actor_id=user.id, image_id=record.id))
    _deliver(container)
    accepted = bus.handle(commands.AcceptImageTasks(actor_id=user.id, image_id=record.id))
    assert [t.title for t in accepted["tasks"]] == ["Buy milk", "Call the dentist", "Draft Q3 report"]
    again = bus.handle(commands.AcceptImageTasks(actor_id=user.id, image_id=record.id, indexes=(3,)))
    assert [t.title for t in again["tasks"]] == ["Pay rent"]
    assert len(container.images().get(user.id, record.id).task_ids) == 4
    with container.reader() as uow:
        assert len(uow.tasks.open_tasks(user.id)) == 4


def test_accepting_applies_edits_as_corrections_all_or_none(container, user):
    container.vision().teach(None, LIST)
    bus = container.bus()
    record = bus.handle(commands.UploadImage(actor_id=user.id, data=PNG))
    _deliver(container)
    for edits, field in ((({"index": 3, "title": "Pay the rent"},), "edits[0].index"),  # 3 is checked: not accepted
                         (({"index": 0, "title": "Buy oat milk"}, {"index": 0, "priority": 2}), "edits[1].index"),
                         (({"index": 0, "title": "Buy oat milk"}, {"index": 1, "duration_minutes": 0}),
                          "edits[1].duration_minutes")):  # refused by the task rules, after a good edit
        with pytest.raises(ValidationError) as refused:
            bus.handle(commands.AcceptImageTasks(actor_id=user.id, image_id=record.id, edits=edits))
        assert list(refused.value.field_errors) == [field]
    with container.reader() as uow:
        assert uow.tasks.open_tasks(user.id) == []
    drain(container)
    accepted = bus.handle(commands.AcceptImageTasks(actor_id=user.id, image_id=record.id, edits=(
        {"index": 0, "title": "Buy oat milk", "priority": 2}, {"index": 2, "category": "Work"})))
    corrected = [m for m in drain(container) if m.name == "QuickAddCorrected"]
    assert [m.payload["fields"] for m in corrected] == [["title"]]  # once, for the edited title
    assert [t.title for t in accepted["tasks"]] == ["Buy oat milk", "Call the dentist", "Draft Q3 report"]
    assert accepted["tasks"][0].priority == 2
    with container.reader() as uow:
        edited = uow.quick_adds.for_task(user.id, accepted["tasks"][0].id)
        plain = uow.quick_adds.for_task(user.id, accepted["tasks"][1].id)
    assert edited.draft["title"] == "Buy milk" and edited.corrected["title"] == "Buy oat milk"
    assert set(edited.corrected_fields()) == {"title"}  # the reading gave no priority: the default is no correction
    assert plain.corrected is None
    with container.reader() as uow:
        category = uow.categories.get(user.id, accepted["tasks"][2].category_id)
    assert category.name == "Work"


def test_the_engine_is_given_the_names_in_the_owners_own_tasks_and_no_one_elses(container, user):
    """The names and brands a user types are the ones their handwriting holds ("Gail's", "Biscuit"), and so
    are their titles: the vision engine may prefer them over look-alike misreads; another user's never
    reach it."""
    bus = container.bus()
    for title in ("Order the cake from Gail's", "walk Biscuit at 6pm", "Email Professor Okafor", "BUY MILK"):
        bus.handle(commands.CreateTask(actor_id=user.id, values={"title": title}))
    other = bus.handle(commands.RegisterUser(email=f"{uuid.uuid4().hex[:8]}@ex.com", password="pass-word-1"))
    bus.handle(commands.CreateTask(actor_id=other.id, values={"title": "Call Siobhan about the offsite"}))
    for owner in (user, other):
        record = bus.handle(commands.UploadImage(actor_id=owner.id, data=PNG))
        bus.handle(commands.ProcessImage(user_id=owner.id, image_id=record.id))
    mine, theirs = container.vision().words
    assert mine == {"Gail", "Biscuit", "Professor", "Okafor"}   # the engine drops what is common English
    assert theirs == {"Siobhan"}
    mine, theirs = container.vision().phrases   # and their titles
    assert set(mine) == {"BUY MILK", "Email Professor Okafor", "walk Biscuit at 6pm", "Order the cake from Gail's"}
    assert theirs == ("Call Siobhan about the offsite",)


def test_another_users_image_is_not_found(container, user):
    container.vision().teach(None, LIST)
    bus = container.bus()
    record = bus.handle(commands.UploadImage(actor_id=user.id, data=PNG))
    _deliver(container)
    other = bus.handle(commands.RegisterUser(email=f"{uuid.uuid4().hex[:8]}@ex.com", password="pass-word-1"))
    for command in (commands.AcceptImageTasks(actor_id=other.id, image_id=record.id),
                    commands.DeleteImage(actor_id=other.id, image_id=record.id)):
        with pytest.raises(NotFound):
            bus.handle(command)
    assert container.images().get(user.id, record.id) is not None


def test_delete_removes_the_record_and_the_bytes(container, user):
    record = container.bus().handle(commands.UploadImage(actor_id=user.id, data=PNG))
    container.bus().handle(commands.DeleteImage(actor_id=user.id, image_id=record.id))
    assert container.images().get(user.id, record.id) is None and container.blobs().get(record.blob_name) is None


def test_a_permanent_vision_failure_marks_the_image_failed_a_passing_one_is_retried(container, user):
    bus = container.bus()
    record = bus.handle(commands.UploadImage(actor_id=user.id, data=PNG))
    container.vision().failure = VisionUnavailable("quota", permanent=False)
    with pytest.raises(VisionUnavailable):
        bus.handle(commands.ProcessImage(user_id=user.id, image_id=record.id))
    assert container.images().get(user.id, record.id).status == "pending"
    container.vision().failure = VisionUnavailable("bad image", permanent=True)
    bus.handle(commands.ProcessImage(user_id=user.id, image_id=record.id))
    failed = container.images().get(user.id, record.id)
    assert (failed.status, failed.error) == ("failed", "bad image")


def test_an_image_the_consumer_gives_up_on_is_failed_not_left_pending(container, user):
    bus = container.bus()
    record = bus.handle(commands.UploadImage(actor_id=user.id, data=PNG))
    container.vision().failure = VisionUnavailable("the OCR service timed out", permanent=False)
    consumer, stop = container.consumer(name="images"), threading.Event()
    thread = threading.Thread(target=consumer.run, args=(stop,), daemon=True)
    thread.start()
    try:
        assert consumer.ready.wait(5)
        container.relay().run_once()  # the memory consumer gives up at once (RabbitMQ's after its last retry)
    finally:
        stop.set()
        thread.join(5)
    assert consumer.failed == 1
    failed = container.images().get(user.id, record.id)
    assert failed.status == "failed" and "the OCR service timed out" in failed.error
    assert failed.category is not None  # guessed from the image statistics alone, as for any failed read
    container.vision().failure = None
    bus.handle(commands.GiveUpImage(user_id=user.id, image_id=record.id, reason="late"))  # only a pending one
    assert container.images().get(user.id, record.id).error == failed.error


def test_giving_up_leaves_a_read_image_as_it_is(container, user):
    container.vision().teach(None, LIST)
    record = container.bus().handle(commands.UploadImage(actor_id=user.id, data=PNG))
    _deliver(container)
    container.bus().handle(commands.GiveUpImage(user_id=user.id, image_id=record.id, reason="a stale redelivery"))
    assert container.images().get(user.id, record.id).status == "done"


def test_refused_uploads_store_nothing(container, user):
    bus = container.bus()
    with pytest.raises(UnsupportedMedia):
        bus.handle(commands.UploadImage(actor_id=user.id, data=b"GIF89a" + b"\x00" * 100))
    with pytest.raises(TooLarge):
        bus.handle(commands.UploadImage(actor_id=user.id, data=b"\x00" * (MAX_IMAGE_BYTES + 1)))
    assert container.images().list(user.id, 10) == [] and container.blobs().blobs == {}


def test_an_upload_whose_event_cannot_be_written_leaves_nothing(container, user):
    class Down(Exception):
        pass

    def failing_commit(messages):
        raise Down("the database went away")

    uow = container.uow()  # the bus takes a fresh unit of work per command: call the handler with this one
    uow._commit = failing_commit
    with pytest.raises(Down):
        upload_image(commands.UploadImage(actor_id=user.id, data=PNG), uow, container.clock(), container.images(),
                     container.blobs(), container.image_codec())
    assert container.images().list(user.id, 10) == [] and container.blobs().blobs == {}


class DownBlobStore(MemoryBlobStore):
    """Holds blobs like the memory store until ``down``: then every call fails as an unreachable store does."""

    down = False

    def _check(self) -> None:
        if self.down:
            raise BlobStoreUnavailable("the store is down")

    def put(self, name: str, data: bytes) -> None:
        self._check()
        super().put(name, data)

    def get(self, name: str) -> bytes | None:
        self._check()
        return super().get(name)

    def delete(self, name: str) -> bool:
        self._check()
        return super().delete(name)


def test_a_blob_store_that_is_down_fails_uploads_reads_and_deletes_cleanly(container, user):
    blobs = DownBlobStore()
    container.blobs.override(providers.Object(blobs))
    container.bus.reset()
    bus = container.bus()
    kept = bus.handle(commands.UploadImage(actor_id=user.id, data=PNG))
    blobs.down = True
    with pytest.raises(StorageUnavailable):
        bus.handle(commands.UploadImage(actor_id=user.id, data=PNG))
    assert [r.id for r in container.images().list(user.id, 10)] == [kept.id] and list(blobs.blobs) == [kept.blob_name]
    with pytest.raises(StorageUnavailable):
        queries.image_content(container.images(), blobs, user.id, kept.id)
    with pytest.raises(StorageUnavailable):
        bus.handle(commands.DeleteImage(actor_id=user.id, image_id=kept.id))
    assert container.images().get(user.id, kept.id) is not None  # kept, to be deleted again
    with pytest.raises(BlobStoreUnavailable):  # the consumer's delivery is retried: the image stays pending
        bus.handle(commands.ProcessImage(user_id=user.id, image_id=kept.id))
    assert container.images().get(user.id, kept.id).status == "pending"
    blobs.down = False
    bus.handle(commands.DeleteImage(actor_id=user.id, image_id=kept.id))
    assert container.images().list(user.id, 10) == [] and blobs.blobs == {}


def test_an_upload_whose_record_cannot_be_saved_leaves_no_bytes(container, user):
    class Broken(Exception):
        pass

    class RefusingImages(MemoryImageStore):
        def put(self, record):
            raise Broken("the record store went away")

    with pytest.raises(Broken):
        upload_image(commands.UploadImage(actor_id=user.id, data=PNG), container.uow(), container.clock(),
                     RefusingImages(), container.blobs(), container.image_codec())
    assert container.blobs().blobs == {}

"""Images to tasks: upload (checked and re-encoded at once, read later), read, accept drafts, delete.

The upload answers before any OCR runs: it stores the re-encoded bytes and the record, and records
``ImageUploaded``; the ``images`` consumer then runs ``ProcessImage``, which reads the text, finds
the list items in it and reads each through the same interpreter as quick-add (dates, durations,
priorities). Processing is idempotent: a record that is no longer pending is left as it is.
"""
from __future__ import annotations

import contextlib
import re
import secrets
import uuid
from dataclasses import replace
from typing import Any
from uuid import UUID

from domain import commands, events
from domain.categorization.features import CATEGORIES
from domain.categorization.images import ReviewPolicy, content_features, record_features
from domain.categorization.model import CategoriserModel
from domain.errors import Conflict, NotFound, StorageUnavailable, TooLarge, ValidationError
from domain.language.layout import reading_order, upright
from domain.language.lists import list_items
from domain.language.model import InterpretContext, draft_from_json, draft_to_json
from domain.language.vocabulary import OWN_TASKS, own_phrases, own_words
from domain.model import _checks
from domain.model.category import MAX_CATEGORY_NAME
from domain.model.image import (MAX_CAPTION, MAX_DRAFTS, MAX_IMAGE_BYTES, MAX_IMAGES, MAX_PIXELS, ImageRecord,
                                TextLine, TextReading)
from domain.model.task import TaskQuery, check_values
from domain.services.handlers.language import _context, _preferences, create_drafts
from domain.services.limits import Limits
from ports.clock import Clock
from ports.images import BlobStore, BlobStoreUnavailable, ImageCodec, ImageStore, VisionEngine, VisionUnavailable
from ports.model_store import CategoriserStore, ModelStore
from ports.preferences import PreferencesStore
from ports.unit_of_work import UnitOfWork

_CATEGORY = re.compile(r"(?<![\w#])#([A-Za-z][\w-]{0,39})")


def caption_category(caption: str) -> str | None:
    """The image category a caption names (``#receipts``), lower-cased."""
    found = _CATEGORY.search(caption)
    return found.group(1).lower() if found else None


def ordered_lines(reading: TextReading) -> list[TextLine]:
    """The lines in reading order: the page set upright (a tilted photo), columns one after the other."""
    boxes = upright([line.box for line in reading.lines])
    return [reading.lines[i] for i in reading_order(boxes, [line.text for line in reading.lines])]


def extract_drafts(lines: list[TextLine], interpreter,
                   context: InterpretContext) -> tuple[list[dict], list[bool], list[list[int]]]:
    """Task drafts (as JSON) for the list items among ``lines`` (in reading order); per draft whether it was
    ticked or struck through on the image; and per draft the indexes in ``lines`` of the lines its item came
    from (several when it wraps). Lines that read as slash commands are no tasks (and take no index from
    the others: indexes are always positions in ``lines``)."""
    boxes = upright([line.box for line in lines])  # indents measured on the page set straight
    items = list_items([(line.text, left, bottom - top, right - left, line.struck)
                        for line, (left, top, right, bottom) in zip(lines, boxes)])
    drafts: list[dict] = []
    checked: list[bool] = []
    line_indexes: list[list[int]] = []
    for item in items[:MAX_DRAFTS]:
        try:
            _, reading = interpreter.interpret(item.text, context)
        except ValidationError:
            continue
        if reading.command is not None:
            continue
        for draft in reading.tasks[:1]:
            drafts.append(draft_to_json(draft))
            checked.append(item.checked)
            line_indexes.append(list(item.lines))
    return drafts, checked, line_indexes


def scan(data: bytes, image_codec: "ImageCodec", vision: "VisionEngine", interpreter, context: InterpretContext,
         caption: str = "", words: frozenset[str] = frozenset(), phrases: tuple[str, ...] = ()) -> dict[str, Any]:
    """The whole pipeline on one image, nothing stored (``planloom scan``): the same checks, re-encoding,
    reading and extraction as an upload (``words``: names and brands to prefer, and ``phrases``: titles, as
    an owner's tasks give them). ``category`` comes from the caption (confidence 1), else from the
    categoriser's cold-start prior (no person's annotations: nothing is stored)."""
    if len(data) > MAX_IMAGE_BYTES:
        raise TooLarge(f"images are limited to {MAX_IMAGE_BYTES} bytes")
    image = image_codec.normalise(data, MAX_PIXELS)
    lines = ordered_lines(vision.read(image.data, words, own_phrases(phrases)))
    drafts, checked, line_indexes = extract_drafts(lines, interpreter, context)
    text = "\n".join(line.text for line in lines)
    category, confidence = caption_category(caption), 1.0
    if category is None:
        guess = CategoriserModel().predict(content_features(text, lines, [], caption, image.stats))
        category, confidence = guess.category, round(guess.confidence, 4)
    return {"engine": vision.engine, "text": text, "lines": [line.to_dict() for line in lines],
            "tasks": [draft | {"checked": done, "line_indexes": indexes}
                      for draft, done, indexes in zip(drafts, checked, line_indexes)],
            "category": category, "confidence": confidence}


def upload_image(cmd: commands.UploadImage, uow: "UnitOfWork", clock: "Clock", images: "ImageStore",
                 blobs: "BlobStore", image_codec: "ImageCodec") -> ImageRecord:
    if len(cmd.data) > MAX_IMAGE_BYTES:
        raise TooLarge(f"images are limited to {MAX_IMAGE_BYTES} bytes", {"file": [f"at most {MAX_IMAGE_BYTES} bytes"]})
    if len(cmd.caption) > MAX_CAPTION:
        raise ValidationError.for_field("caption", f"must have at most {MAX_CAPTION} characters")
    if images.count(cmd.actor_id) >= MAX_IMAGES:
        raise Conflict(f"at most {MAX_IMAGES} images per account; delete some first")
    image = image_codec.normalise(cmd.data, MAX_PIXELS)
    record = ImageRecord(id=uuid.uuid4(), user_id=cmd.actor_id, created_at=clock.now(),
                         blob_name=f"{secrets.token_hex(16)}.{image.format}", format=image.format,
                         width=image.width, height=image.height, size_bytes=len(image.data),
                         caption=cmd.caption.strip(), stats=dict(image.stats))
    named = caption_category(cmd.caption)
    if named is not None:
        record.category, record.category_confidence, record.category_source = named, 1.0, "caption"
    try:
        blobs.put(record.blob_name, image.data)  # whole or not at all: nothing to take back when it fails
    except BlobStoreUnavailable as exc:
        raise StorageUnavailable("the image could not be stored just now; try again shortly") from exc
    try:  # stored first, so the consumer finds the image whenever the event reaches it
        images.put(record)
        with uow:
            uow.record(events.ImageUploaded(user_id=cmd.actor_id, image_id=record.id))
            uow.commit()
    except BaseException:  # no event, no processing: take the image back rather than leave it pending forever
        with contextlib.suppress(Exception):  # the first failure is the one to report
            images.delete(cmd.actor_id, record.id)
        with contextlib.suppress(Exception):
            blobs.delete(record.blob_name)
        raise
    return record


def categorise(record: ImageRecord, categorisers: "CategoriserStore", review_policy: ReviewPolicy) -> None:
    """The owner's categoriser guesses the image's category (a caption's or the owner's own one stays)."""
    guess = CategoriserModel.from_dict(categorisers.get_categoriser(record.user_id)).predict(record_features(record))
    record.guessed(guess.category, guess.confidence, guess.source, review_policy.threshold)


def process_image(cmd: commands.ProcessImage, uow: "UnitOfWork", clock: "Clock", images: "ImageStore",
                  blobs: "BlobStore", vision: "VisionEngine", interpreter, preferences: "PreferencesStore",
                  models: "ModelStore", categorisers: "CategoriserStore",
                  review_policy: ReviewPolicy) -> ImageRecord | None:
    """A transient vision failure propagates (the consumer's delivery is retried); a permanent one, or
    bytes gone from the blob store, marks the image failed."""
    record = images.get(cmd.user_id, cmd.image_id)
    if record is None or record.status != "pending":
        return record
    data = blobs.get(record.blob_name)
    words, phrases = _own_vocabulary(uow, record.user_id)
    try:
        if data is None:
            raise VisionUnavailable("the image's bytes are gone", permanent=True)
        reading = vision.read(data, words, phrases)
    except VisionUnavailable as exc:
        if not exc.permanent:
            raise
        return _failed(record, str(exc), clock, images, categorisers, review_policy)
    lines = ordered_lines(reading)
    context = _context(uow, preferences, models, cmd.user_id, clock.now())
    drafts, checked, line_indexes = extract_drafts(lines, interpreter, context)
    record.read(TextReading(lines, reading.engine, reading.labels), drafts, checked, line_indexes, clock.now())
    categorise(record, categorisers, review_policy)
    images.put(record)
    return record


def _own_vocabulary(uow: "UnitOfWork", user_id: UUID) -> tuple[frozenset[str], tuple[str, ...]]:
    """The names and brands in the owner's most recently changed tasks, and their titles
    (``vocabulary.own_words``, ``own_phrases``): only theirs."""
    with uow:
        tasks, _ = uow.tasks.list(user_id, TaskQuery(sort="-updated_at", limit=OWN_TASKS))
    titles = [task.title for task in tasks]
    return own_words(titles), own_phrases(titles)


def give_up_image(cmd: commands.GiveUpImage, clock: "Clock", images: "ImageStore", categorisers: "CategoriserStore",
                  review_policy: ReviewPolicy) -> ImageRecord | None:
    """The consumer gave up reading the image (its retries ran out): a pending image becomes failed, with
    the reason, so its owner sees it and may delete it or upload it again; a read one is left as it is."""
    record = images.get(cmd.user_id, cmd.image_id)
    if record is None or record.status != "pending":
        return record
    return _failed(record, f"the image could not be read, whatever was tried: {cmd.reason}", clock, images,
                   categorisers, review_policy)


def _failed(record: ImageRecord, error: str, clock: "Clock", images: "ImageStore", categorisers: "CategoriserStore",
            review_policy: ReviewPolicy) -> ImageRecord:
    """The image's text cannot be read: it is failed with ``error``, categorised on its statistics alone."""
    record.failed(error, clock.now())
    categorise(record, categorisers, review_policy)
    images.put(record)
    return record


def owned_image(images: "ImageStore", user_id: UUID, image_id: UUID) -> ImageRecord:
    record = images.get(user_id, image_id)
    if record is None:
        raise NotFound("no such image")
    return record


def accept_image_tasks(cmd: commands.AcceptImageTasks, uow: "UnitOfWork", clock: "Clock", images: "ImageStore",
                       preferences: "PreferencesStore", limits: Limits) -> dict[str, Any]:
    record = owned_image(images, cmd.actor_id, cmd.image_id)
    if record.status != "done":
        raise Conflict(f"the image is {record.status}: there are no drafts to accept yet")
    if cmd.indexes is None:
        indexes = [i for i, done in enumerate(record.checked) if not done]
    else:
        indexes = list(dict.fromkeys(cmd.indexes))
        wrong = [i for i in indexes if not 0 <= i < len(record.drafts)]
        if wrong:
            raise ValidationError.for_field("indexes", f"no draft {wrong[0]}: the image has {len(record.drafts)}")
    if not indexes:
        raise ValidationError.for_field("indexes", "no draft to accept")
    edits: dict[int, dict] = {}
    for n, edit in enumerate(cmd.edits):
        if edit["index"] not in indexes:
            raise ValidationError.for_field(f"edits[{n}].index", f"draft {edit['index']} is not accepted")
        if edit["index"] in edits:
            raise ValidationError.for_field(f"edits[{n}].index", f"draft {edit['index']} is edited twice")
        edits[edit["index"]] = _draft_edit(n, edit)
    readings = [draft_from_json(record.drafts[i]) for i in indexes]
    drafts = [replace(draft, **edits[i]) if i in edits else draft for i, draft in zip(indexes, readings)]
    prefs = _preferences(uow, preferences, cmd.actor_id)
    tasks = create_drafts(uow, clock, prefs, limits, cmd.actor_id, drafts, record.text, readings=readings)
    record.task_ids = [*record.task_ids, *(task.id for task in tasks)]
    images.put(record)
    return {"image": record, "tasks": tasks}


_EDITABLE = ("title", "due", "duration_minutes", "priority", "tags", "category")


def _draft_edit(n: int, edit: dict) -> dict[str, Any]:
    """The draft fields an edit changes, checked by the task's own rules (the category by its name's); the
    errors name the edit's fields (``edits[0].title``, as the schema's own errors do)."""
    unknown = [name for name in edit if name != "index" and name not in _EDITABLE]
    if unknown:
        raise ValidationError.for_field(f"edits[{n}].{unknown[0]}", "not a field a draft edit may change")
    values = {name: edit[name] for name in _EDITABLE if name in edit and name != "category"}
    try:
        checked = check_values(values)
        if edit.get("category") is not None:
            _checks.text("category", edit["category"], min_len=1, max_len=MAX_CATEGORY_NAME)
    except ValidationError as exc:
        errors = {f"edits[{n}].{k}": v for k, v in exc.field_errors.items()}
        raise ValidationError(f"edit {n + 1}: {exc.detail}", errors) from None
    if "tags" in checked:
        checked["tags"] = list(checked["tags"])
    if "category" in edit:
        checked["category"] = edit["category"]
    return checked


def annotate_image(cmd: commands.AnnotateImage, images: "ImageStore", categorisers: "CategoriserStore") -> ImageRecord:
    """Idempotent: the same category again changes nothing. A changed mind takes the earlier annotation
    back out of the model before learning the new one (the model remembers which it counted). A pending
    image is not learned from (409): its text is not read yet."""
    if cmd.category not in CATEGORIES:
        raise ValidationError.for_field("category", f"must be one of: {', '.join(CATEGORIES)}")
    record = owned_image(images, cmd.actor_id, cmd.image_id)
    if record.status == "pending":
        raise Conflict("the image is not read yet: annotate it once its status is done or failed")
    if record.category_source == "user" and record.category == cmd.category:
        return record
    found = record_features(record)
    earlier = record.category if record.category_source == "user" else None

    def learned(data: dict | None) -> dict:
        model = CategoriserModel.from_dict(data)
        model.annotate(str(record.id), found, cmd.category, earlier)
        return model.to_dict()

    # the model first, in one atomic step that remembers the image: two annotations at once both count, and
    # a retry after a failure between the two writes does not count the image twice
    categorisers.update_categoriser(cmd.actor_id, learned)
    record.annotate(cmd.category)
    images.put(record)
    return record


def delete_image(cmd: commands.DeleteImage, images: "ImageStore", blobs: "BlobStore") -> None:
    """The bytes first: a store that cannot delete them leaves the image as it was (503), to delete again."""
    record = owned_image(images, cmd.actor_id, cmd.image_id)
    try:
        blobs.delete(record.blob_name)
    except BlobStoreUnavailable as exc:
        raise StorageUnavailable("the image could not be deleted just now; try again shortly") from exc
    images.delete(cmd.actor_id, record.id)

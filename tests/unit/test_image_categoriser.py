"""The image categoriser: features, the cold-start prior, learning from annotations, per-user isolation
through the handlers, and the JSON round trip."""
from __future__ import annotations

import json
import uuid

import pytest

from adapters.memory.images import MemoryImageStore
from adapters.memory.stores import MemoryCategoriserStore
from domain import commands
from domain.categorization.features import ImageStats, features
from domain.categorization.images import ReviewPolicy
from domain.categorization.model import CategoriserModel
from domain.errors import Conflict, NotFound, ValidationError
from domain.model.image import ImageRecord, TextLine
from domain.services.handlers.images import annotate_image, categorise
from tests.factories import NOW

RECEIPT = features("CITY MARKET\nmilk 1.20\nbread 2.35\nTOTAL $3.55\nCASH", [], "",
                   ImageStats(aspect=0.45, brightness=0.95, colourfulness=0.02, edge_density=0.05), 0.95)
TODO = features("To do\n[ ] buy milk\n[ ] call dentist\n[x] pay rent", [], "",
                ImageStats(aspect=0.8, brightness=0.97, colourfulness=0.0, edge_density=0.04), 0.96)
# A light, muted, wide image with a few short words: the prior takes it for a whiteboard.
STICKY = features("garden plants\nbudget", [], "",
                  ImageStats(aspect=1.5, brightness=0.85, colourfulness=0.2, edge_density=0.05), 0.7)


def test_features_read_prices_checkboxes_and_binned_statistics():
    assert RECEIPT["k:price"] == 3 and RECEIPT["k:currency"] == 1 and RECEIPT["w:total"] == 1
    assert TODO["k:checkbox"] == 3 and "k:price" not in TODO
    assert RECEIPT["s:aspect:tall"] and RECEIPT["s:bright:white"] and TODO["s:colour:grey"]
    photo = features("", ["Sky", "Tree"], "holiday", ImageStats(colourfulness=0.6, edge_density=0.15))
    assert photo["s:lines:none"] and photo["l:sky"] and photo["c:holiday"] and "s:ocr:low" not in photo
    long = features("a" * 5000 + " ok", [], "", None)
    assert max(len(token) for token in long) <= 26 and long["w:ok"] == 1  # stored models stay small


def test_the_prior_alone_tells_a_receipt_from_a_list():
    model = CategoriserModel()
    assert model.predict(RECEIPT).category == "receipt" and model.predict(RECEIPT).source == "prior"
    assert model.predict(TODO).category == "todo_list"
    assert 0 < model.predict(TODO).confidence < 1


def test_annotations_teach_what_the_prior_gets_wrong():
    model = CategoriserModel()
    assert model.predict(STICKY).category == "whiteboard"
    for _ in range(3):
        model.learn(STICKY, "handwritten_note")
    model.learn(RECEIPT, "receipt")
    guess = model.predict(STICKY)
    assert (guess.category, guess.source) == ("handwritten_note", "model")
    assert model.predict(RECEIPT).category == "receipt"  # what it knew stays


def test_annotating_one_category_only_does_not_pull_everything_into_it():
    model = CategoriserModel()
    for _ in range(5):
        model.learn(RECEIPT, "receipt")
    assert model.predict(TODO).category == "todo_list" and model.predict(STICKY).category == "whiteboard"


def test_unlearning_takes_an_annotation_back():
    model = CategoriserModel()
    model.learn(STICKY, "handwritten_note")
    model.learn(STICKY, "handwritten_note", weight=-1)
    assert model.to_dict() == CategoriserModel().to_dict() and model.predict(STICKY).source == "prior"


def test_json_round_trip_predicts_the_same():
    model = CategoriserModel()
    model.learn(STICKY, "handwritten_note")
    model.learn(TODO, "todo_list")
    again = CategoriserModel.from_dict(json.loads(json.dumps(model.to_dict())))
    assert again.to_dict() == model.to_dict()
    assert again.predict(STICKY) == model.predict(STICKY)
    assert CategoriserModel.from_dict({"version": 999, "counts": {}}).annotations == 0  # unknown shape: start over


def test_unknown_category_is_refused_by_the_model():
    with pytest.raises(ValueError):
        CategoriserModel().learn(TODO, "cat_picture")


STICKY_STATS = {"aspect": 1.5, "brightness": 0.85, "colourfulness": 0.2, "edge_density": 0.05}
RECEIPT_STATS = {"aspect": 0.45, "brightness": 0.95, "colourfulness": 0.02, "edge_density": 0.05}


def _record(user_id, text="garden plants\nbudget", stats=STICKY_STATS) -> ImageRecord:
    lines = [TextLine(t, 0.7, ((0, i * 40), (200, i * 40), (200, i * 40 + 30), (0, i * 40 + 30)))
             for i, t in enumerate(text.splitlines())]
    return ImageRecord(id=uuid.uuid4(), user_id=user_id, created_at=NOW, blob_name="x.png", format="png", width=900,
                       height=600, size_bytes=10, status="done", text=text, lines=lines,
                       stats=stats)


def test_one_users_annotations_never_change_anothers_predictions():
    images, categorisers, policy = MemoryImageStore(), MemoryCategoriserStore(), ReviewPolicy(0.6)
    alice, bob = uuid.uuid4(), uuid.uuid4()
    bobs = _record(bob)
    images.put(bobs)
    categorise(bobs, categorisers, policy)
    before = (bobs.category, bobs.category_confidence, bobs.category_source)
    assert before[0] == "whiteboard" and before[2] == "prior"
    for category, text, stats in ([("handwritten_note", "garden plants\nbudget", STICKY_STATS)] * 3
                                  + [("receipt", "milk 1.20\nTOTAL 3.55", RECEIPT_STATS)] * 3):
        record = _record(alice, text, stats)
        images.put(record)
        annotate_image(commands.AnnotateImage(alice, record.id, category), images, categorisers)
    mine = _record(alice)
    categorise(mine, categorisers, policy)
    assert (mine.category, mine.category_source) == ("handwritten_note", "model")
    categorise(bobs, categorisers, policy)
    assert (bobs.category, bobs.category_confidence, bobs.category_source) == before
    assert categorisers.get_categoriser(bob) is None
    with pytest.raises(NotFound):  # nor may Alice annotate Bob's image
        annotate_image(commands.AnnotateImage(alice, bobs.id, "photo"), images, categorisers)


def test_annotation_is_idempotent_and_a_changed_mind_replaces_it():
    images, categorisers = MemoryImageStore(), MemoryCategoriserStore()
    user = uuid.uuid4()
    record = _record(user)
    images.put(record)
    command = commands.AnnotateImage(user, record.id, "handwritten_note")
    annotate_image(command, images, categorisers)
    once = categorisers.get_categoriser(user)
    assert annotate_image(command, images, categorisers).category_source == "user"
    assert categorisers.get_categoriser(user) == once  # the same category twice counts once
    annotate_image(commands.AnnotateImage(user, record.id, "whiteboard"), images, categorisers)
    assert categorisers.get_categoriser(user)["documents"] == {"whiteboard": 1}
    assert images.get(user, record.id).category == "whiteboard"
    with pytest.raises(ValidationError):
        annotate_image(commands.AnnotateImage(user, record.id, "cats"), images, categorisers)
    pending = _record(user)
    pending.status = "pending"
    images.put(pending)
    with pytest.raises(Conflict):
        annotate_image(commands.AnnotateImage(user, pending.id, "photo"), images, categorisers)


def test_a_retry_after_the_image_failed_to_save_counts_the_annotation_once():
    images, categorisers = MemoryImageStore(), MemoryCategoriserStore()
    user = uuid.uuid4()
    record = _record(user)
    images.put(record)
    command = commands.AnnotateImage(user, record.id, "handwritten_note")
    real_put, failing = images.put, [True]

    def put_once_failing(saved):
        if failing.pop() if failing else False:
            raise ConnectionError("the image store went away")
        real_put(saved)

    images.put = put_once_failing
    with pytest.raises(ConnectionError):
        annotate_image(command, images, categorisers)
    assert images.get(user, record.id).category_source != "user"  # the model learned, the image did not say so
    annotate_image(command, images, categorisers)
    assert categorisers.get_categoriser(user)["documents"] == {"handwritten_note": 1}  # counted once, not twice
    assert images.get(user, record.id).category_source == "user"


def test_the_model_remembers_what_it_counted_and_forgets_the_oldest():
    model, found = CategoriserModel(), features("milk 1.20\nTOTAL 3.55", [], "", ImageStats(**RECEIPT_STATS))
    assert model.annotate("a", found, "receipt") and not model.annotate("a", found, "receipt")
    assert model.annotate("a", found, "document") and model.documents == {"document": 1}
    # annotated before the model remembered images: the image's own word says what to take back
    assert model.annotate("old", found, "photo", earlier="document") and model.documents == {"photo": 1}
    assert not model.annotate("older", found, "photo", earlier="photo") and model.documents == {"photo": 1}
    assert CategoriserModel.from_dict(json.loads(json.dumps(model.to_dict()))).annotated == model.annotated
    from domain.categorization import model as module

    for k in range(module.MAX_REMEMBERED + 5):
        model.annotate(f"n{k}", found, "receipt")
    assert len(model.annotated) == module.MAX_REMEMBERED and "a" not in model.annotated
    assert f"n{module.MAX_REMEMBERED + 4}" in model.annotated


def test_a_low_confidence_guess_needs_review_and_a_caption_stays():
    record, categorisers = _record(uuid.uuid4()), MemoryCategoriserStore()
    categorise(record, categorisers, ReviewPolicy(threshold=1.0))
    assert record.category_needs_review and record.category_source == "prior"
    categorise(record, categorisers, ReviewPolicy(threshold=0.0))
    assert not record.category_needs_review
    record.category, record.category_confidence, record.category_source = "receipts", 1.0, "caption"
    categorise(record, categorisers, ReviewPolicy(threshold=1.0))
    assert (record.category, record.category_source, record.category_needs_review) == ("receipts", "caption", False)

"""The per-user model store on every document adapter, and quick-add readings on every UoW."""
from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from adapters.memory.stores import MemoryCategoriserStore, MemoryModelStore
from adapters.sql.engine import make_engine
from adapters.sql.learning import SqlCategoriserStore, SqlModelStore
from domain.language.model import TaskDraft
from domain.model.learning import UserModel
from domain.services.handlers.learning import record_reading
from tests.factories import NOW, a_task, a_user


@pytest.fixture(params=["memory", "sqlite", "postgres", "mongo"])
def models(request):
    if request.param == "memory":
        yield MemoryModelStore()
    elif request.param == "mongo":
        from adapters.mongo.models import MongoModelStore

        store = MongoModelStore(request.getfixturevalue("mongo_url"))
        yield store
        store.close()
    else:
        engine = make_engine(request.getfixturevalue(f"{request.param}_url"))
        yield SqlModelStore(engine)
        engine.dispose()


def test_model_round_trip_and_update(models):
    user_id = uuid.uuid4()
    assert models.get(user_id) is None
    model = UserModel(user_id=user_id, base_model="gpt-x", job_id="ftjob-1", status="queued", updated_at=NOW)
    models.put(model)
    assert models.get(user_id) == model and models.get(user_id).usable is None
    done = UserModel(user_id=user_id, base_model="gpt-x", job_id="ftjob-1", status="succeeded",
                     updated_at=NOW + timedelta(minutes=5), fine_tuned_model="ft:gpt-x:planloom",
                     month="2026-03", jobs_in_month=2)
    models.put(done)
    assert models.get(user_id).usable == "ft:gpt-x:planloom"
    assert models.get(user_id).jobs_started_in("2026-03") == 2  # the fine-tuning quota survives the store
    assert models.get(user_id).jobs_started_in("2026-04") == 0
    assert models.get(uuid.uuid4()) is None


@pytest.fixture(params=["memory", "sqlite", "postgres", "mongo"])
def categorisers(request):
    if request.param == "memory":
        yield MemoryCategoriserStore()
    elif request.param == "mongo":
        from adapters.mongo.models import MongoCategoriserStore

        store = MongoCategoriserStore(request.getfixturevalue("mongo_url"))
        yield store
        store.close()
    else:
        engine = make_engine(request.getfixturevalue(f"{request.param}_url"))
        yield SqlCategoriserStore(engine)
        engine.dispose()


def test_categoriser_round_trip_per_user(categorisers):
    alice, bob = uuid.uuid4(), uuid.uuid4()
    assert categorisers.get_categoriser(alice) is None
    data = {"version": 1, "documents": {"receipt": 2}, "counts": {"receipt": {"k:price": 7, "w:total": 2}}}
    categorisers.put_categoriser(alice, data)
    assert categorisers.get_categoriser(alice) == data and categorisers.get_categoriser(bob) is None
    data["documents"]["receipt"] = 3
    assert categorisers.get_categoriser(alice)["documents"] == {"receipt": 2}  # the store kept its own copy
    categorisers.put_categoriser(alice, data)
    assert categorisers.get_categoriser(alice)["documents"] == {"receipt": 3}


def test_updates_at_once_all_count(categorisers):
    """Eight annotations at once, each adding one: an update that is not atomic loses some."""
    alice = uuid.uuid4()

    def one_more(data):
        data = data or {"documents": {}}
        data["documents"]["receipt"] = data["documents"].get("receipt", 0) + 1
        return data

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda _: categorisers.update_categoriser(alice, one_more), range(8)))
    assert categorisers.get_categoriser(alice)["documents"] == {"receipt": 8}
    with pytest.raises(ZeroDivisionError):  # a change that fails stores nothing, not even an empty row
        categorisers.update_categoriser(bob := uuid.uuid4(), lambda data: 1 / 0)
    assert categorisers.get_categoriser(bob) is None


def test_quick_add_readings_and_corrections(make_uow):
    user = a_user()
    task = a_task(user, title="buy milk", duration_minutes=30)
    with make_uow() as uow:
        uow.users.add(user)
        uow.tasks.add(task)
        record_reading(uow, task, "buy milk tmrw", TaskDraft(title="buy milk"), NOW)
        uow.commit()
    with make_uow() as uow:
        record = uow.quick_adds.for_task(user.id, task.id)
        assert record.text == "buy milk tmrw" and record.draft["title"] == "buy milk" and "spans" not in record.draft
        assert record.draft["duration_minutes"] is None and record.produced["duration_minutes"] == 30
        assert uow.quick_adds.corrected(user.id, 10) == []
        record.corrected, record.corrected_at = {"title": "buy oat milk"}, NOW
        uow.quick_adds.save(record)
        uow.commit()
    with make_uow() as uow:
        assert [r.corrected for r in uow.quick_adds.corrected(user.id, 10)] == [{"title": "buy oat milk"}]
        assert uow.quick_adds.for_task(a_user().id, task.id) is None


def test_every_reading_of_a_user_pages_oldest_first_and_a_deleted_tasks_goes_with_it(make_uow):
    user, other = a_user(), a_user()
    tasks = [a_task(user) for _ in range(5)]
    with make_uow() as uow:
        for owner in (user, other):
            uow.users.add(owner)
        theirs = a_task(other)
        for n, task in enumerate([*tasks, theirs]):
            uow.tasks.add(task)
            record_reading(uow, task, task.title, TaskDraft(title=task.title), NOW - timedelta(minutes=n))
        uow.commit()
    with make_uow() as uow:
        pages = [uow.quick_adds.page(user.id, offset, 2) for offset in (0, 2, 4, 6)]
        assert [len(p) for p in pages] == [2, 2, 1, 0]
        assert [r.task_id for p in pages for r in p] == [t.id for t in reversed(tasks)]
        uow.tasks.delete(uow.tasks.get(user.id, tasks[0].id))
        uow.commit()
    with make_uow() as uow:
        assert [r.task_id for r in uow.quick_adds.page(user.id, 0, 10)] == [t.id for t in reversed(tasks[1:])]
        assert uow.quick_adds.for_task(user.id, tasks[0].id) is None
        assert [r.task_id for r in uow.quick_adds.page(other.id, 0, 10)] == [theirs.id]
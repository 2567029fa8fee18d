"""The analytics store as MongoDB collections (mongoengine), laid out as per-user time series:

- ``analytics_task_facts``: one document per closed task, unique on (user_id, task_id), found by
  (user_id, day) when a day is recomputed;
- ``analytics_plan_changes``: one per re-plan event, unique on (user_id, event_id), found by (user_id, day);
- ``analytics_quick_adds``: one per quick-added task, unique on (user_id, task_id), found by (user_id, day);
- ``analytics_rollups``: one per (user_id, period, start), the index every report reads a range of.

A rebuild stamps what it writes with a new ``generation`` and only then deletes the user's documents of
other generations: without a transaction, a reader meanwhile sees each document old or new, never missing.

Counters are kept as a JSON string: their keys include tag names, which may hold ``.`` or ``$``."""
from __future__ import annotations

import json
import uuid
from uuid import UUID

from mongoengine import DictField, Document, IntField, ListField, StringField
from pymongo import UpdateOne

from domain.analytics.facts import PlanChange, QuickAddFact, Rollup, TaskFact, fact_data, fact_from
from ports.analytics import AnalyticsStore
from adapters.mongo.connection import LazyCollection

BATCH = 1000


class FactDocument(Document):
    user_id = StringField(required=True)
    task_id = StringField(required=True)
    day = StringField(required=True)
    data = DictField(required=True)
    generation = StringField()  # the rebuild that last wrote it (none: written by an event since)

    meta = {"collection": "analytics_task_facts", "auto_create_index": False,
            "indexes": [{"fields": ["user_id", "task_id"], "unique": True}, {"fields": ["user_id", "day"]}]}


class PlanChangeDocument(Document):
    user_id = StringField(required=True)
    event_id = StringField(required=True)
    day = StringField(required=True)
    moved_blocks = IntField(required=True)
    late_tasks = IntField(required=True)
    missed_blocks = IntField(default=0)

    meta = {"collection": "analytics_plan_changes", "auto_create_index": False,
            "indexes": [{"fields": ["user_id", "event_id"], "unique": True}, {"fields": ["user_id", "day"]}]}


class QuickAddDocument(Document):
    user_id = StringField(required=True)
    task_id = StringField(required=True)
    record_id = StringField(required=True)
    day = StringField(required=True)
    changed = ListField(StringField())  # the reading fields its latest correction changed
    generation = StringField()

    meta = {"collection": "analytics_quick_adds", "auto_create_index": False,
            "indexes": [{"fields": ["user_id", "task_id"], "unique": True}, {"fields": ["user_id", "day"]}]}


class RollupDocument(Document):
    user_id = StringField(required=True)
    period = StringField(required=True)
    start = StringField(required=True)
    counters = StringField(required=True)
    generation = StringField()

    meta = {"collection": "analytics_rollups", "auto_create_index": False,
            "indexes": [{"fields": ["user_id", "period", "start"], "unique": True}]}


def _fact(doc: FactDocument) -> TaskFact:
    return fact_from(UUID(doc.user_id), UUID(doc.task_id), doc.day, doc.data)


def _quick_add(doc: QuickAddDocument) -> QuickAddFact:
    return QuickAddFact(user_id=UUID(doc.user_id), task_id=UUID(doc.task_id), record_id=UUID(doc.record_id),
                        day=doc.day, fields=tuple(doc.changed))


class MongoAnalyticsStore(AnalyticsStore):
    def __init__(self, url: str) -> None:
        self._facts = LazyCollection(url, FactDocument, "analytics-facts")
        self._changes = LazyCollection(url, PlanChangeDocument, "analytics-changes")
        self._quick_adds = LazyCollection(url, QuickAddDocument, "analytics-quick-adds")
        self._rollups = LazyCollection(url, RollupDocument, "analytics-rollups")

    def get_fact(self, user_id: UUID, task_id: UUID) -> TaskFact | None:
        doc = self._facts.objects().filter(user_id=str(user_id), task_id=str(task_id)).first()
        return _fact(doc) if doc is not None else None

    def put_fact(self, fact: TaskFact) -> None:
        self._facts.objects().filter(user_id=str(fact.user_id), task_id=str(fact.task_id)).update_one(
            upsert=True, set__day=fact.day, set__data=fact_data(fact))

    def delete_fact(self, user_id: UUID, task_id: UUID) -> None:
        self._facts.objects().filter(user_id=str(user_id), task_id=str(task_id)).delete()

    def facts_on(self, user_id: UUID, day: str) -> list[TaskFact]:
        docs = self._facts.objects().filter(user_id=str(user_id), day=day)
        return sorted((_fact(d) for d in docs), key=lambda f: str(f.task_id))

    def put_plan_change(self, change: PlanChange) -> bool:
        result = self._changes.objects().filter(user_id=str(change.user_id), event_id=str(change.event_id)).update_one(
            upsert=True, set_on_insert__day=change.day, set_on_insert__moved_blocks=change.moved_blocks,
            set_on_insert__late_tasks=change.late_tasks, set_on_insert__missed_blocks=change.missed_blocks,
            full_result=True)
        return result.upserted_id is not None

    def plan_changes(self, user_id: UUID, first: str, last: str) -> list[PlanChange]:
        docs = self._changes.objects().filter(user_id=str(user_id), day__gte=first, day__lte=last)
        found = [PlanChange(user_id=UUID(d.user_id), event_id=UUID(d.event_id), day=d.day,
                            moved_blocks=d.moved_blocks, late_tasks=d.late_tasks,
                            missed_blocks=d.missed_blocks or 0) for d in docs]
        return sorted(found, key=lambda c: (c.day, str(c.event_id)))

    def get_quick_add(self, user_id: UUID, task_id: UUID) -> QuickAddFact | None:
        doc = self._quick_adds.objects().filter(user_id=str(user_id), task_id=str(task_id)).first()
        return _quick_add(doc) if doc is not None else None

    def put_quick_add(self, fact: QuickAddFact) -> None:
        self._quick_adds.objects().filter(user_id=str(fact.user_id), task_id=str(fact.task_id)).update_one(
            upsert=True, set__record_id=str(fact.record_id), set__day=fact.day, set__changed=list(fact.fields))

    def delete_quick_add(self, user_id: UUID, task_id: UUID) -> None:
        self._quick_adds.objects().filter(user_id=str(user_id), task_id=str(task_id)).delete()

    def quick_adds_on(self, user_id: UUID, day: str) -> list[QuickAddFact]:
        docs = self._quick_adds.objects().filter(user_id=str(user_id), day=day)
        return sorted((_quick_add(d) for d in docs), key=lambda f: str(f.task_id))

    def put_rollup(self, rollup: Rollup) -> None:
        matching = self._rollups.objects().filter(user_id=str(rollup.user_id), period=rollup.period,
                                                  start=rollup.start)
        if not rollup.counters:
            matching.delete()
            return
        matching.update_one(upsert=True, set__counters=json.dumps(rollup.counters, sort_keys=True))

    def rollups(self, user_id: UUID, period: str, first: str, last: str) -> list[Rollup]:
        docs = self._rollups.objects().filter(user_id=str(user_id), period=period, start__gte=first,
                                              start__lte=last).order_by("start")
        return [Rollup(user_id=user_id, period=d.period, start=d.start, counters=json.loads(d.counters))
                for d in docs]

    def replace_user(self, user_id: UUID, facts: list[TaskFact], rollups: list[Rollup],
                     quick_adds: list[QuickAddFact]) -> None:
        """Upsert every new document under a new generation in batches, then delete the user's documents of
        other generations (the stale ones). A rebuild that dies half way leaves old and new, and is run again."""
        owner, generation = str(user_id), uuid.uuid4().hex
        fact_ops = [UpdateOne({"user_id": owner, "task_id": str(f.task_id)},
                              {"$set": {"day": f.day, "data": fact_data(f), "generation": generation}}, upsert=True)
                    for f in facts]
        quick_ops = [UpdateOne({"user_id": owner, "task_id": str(f.task_id)},
                               {"$set": {"record_id": str(f.record_id), "day": f.day, "changed": list(f.fields),
                                         "generation": generation}}, upsert=True)
                     for f in quick_adds]
        rollup_ops = [UpdateOne({"user_id": owner, "period": r.period, "start": r.start},
                                {"$set": {"counters": json.dumps(r.counters, sort_keys=True),
                                          "generation": generation}}, upsert=True)
                      for r in rollups if r.counters]
        for store, ops in ((self._facts, fact_ops), (self._quick_adds, quick_ops), (self._rollups, rollup_ops)):
            collection = store.raw()
            for index in range(0, len(ops), BATCH):
                collection.bulk_write(ops[index:index + BATCH], ordered=False)
        for store in (self._facts, self._quick_adds, self._rollups):
            collection = store.raw()  # found, then deleted by id: nx-27017's delete skips a $ne on a missing field
            stale = [doc["_id"] for doc in collection.find({"user_id": owner, "generation": {"$ne": generation}},
                                                           {"_id": 1})]
            for index in range(0, len(stale), BATCH):
                collection.delete_many({"_id": {"$in": stale[index:index + BATCH]}})

    def clear_user(self, user_id: UUID) -> None:
        for store in (self._facts, self._changes, self._quick_adds, self._rollups):
            store.objects().filter(user_id=str(user_id)).delete()

    def close(self) -> None:
        for store in (self._facts, self._changes, self._quick_adds, self._rollups):
            store.close()

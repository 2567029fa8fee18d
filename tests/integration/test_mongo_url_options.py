"""The Mongo adapters take the whole connection URL from configuration: a replica set's name and hosts,
the read preference and the write concern in it are what the driver uses (production runs MongoDB as a
replica set with ``w=majority``; deploy/). Over the wire against the session's server (nx-27017, or a
real MongoDB with PLANLOOM_TEST_MONGO_URL)."""
from __future__ import annotations

import uuid
from urllib.parse import urlsplit, urlunsplit

import mongoengine
from pymongo import ReadPreference
from pymongo.write_concern import WriteConcern

from adapters.mongo.connection import database_name
from adapters.mongo.preferences import MongoPreferencesStore
from domain.model import Preferences

OPTIONS = "w=majority&journal=true&wtimeoutMS=5000&readPreference=primaryPreferred&retryWrites=true"


def _with_options(url: str, options: str) -> str:
    parts = urlsplit(url)
    query = "&".join(q for q in (parts.query, options) if q)
    return urlunsplit(parts._replace(query=query))


def test_write_concern_and_read_preference_come_from_the_url(mongo_url):
    store = MongoPreferencesStore(_with_options(mongo_url, OPTIONS))
    user_id = uuid.uuid4()
    try:
        store.put(user_id, Preferences(timezone="Europe/Berlin"))  # a write with w=majority, journaled
        assert store.get(user_id).timezone == "Europe/Berlin"
        collection = store._store.objects()._collection
        assert collection.write_concern == WriteConcern(w="majority", j=True, wtimeout=5000)
        assert collection.read_preference == ReadPreference.PRIMARY_PREFERRED
    finally:
        store.close()


def test_a_replica_set_url_names_the_set_and_every_member():
    url = ("mongodb://planloom:secret@mongo-0.mongo:27017,mongo-1.mongo:27017,mongo-2.mongo:27017/planloom"
           "?replicaSet=rs0&authSource=admin&" + OPTIONS)
    assert database_name(url) == "planloom"
    alias = f"url-check-{uuid.uuid4().hex}"
    client = mongoengine.connect(db="planloom", alias=alias, host=url, connect=False, uuidRepresentation="standard")  # no I/O: options only
    try:
        options = client.options
        assert options.replica_set_name == "rs0"
        assert set(client.topology_description.server_descriptions()) == {
            ("mongo-0.mongo", 27017), ("mongo-1.mongo", 27017), ("mongo-2.mongo", 27017)}
        assert options.write_concern == WriteConcern(w="majority", j=True, wtimeout=5000)
        assert options.read_preference == ReadPreference.PRIMARY_PREFERRED
        assert options.retry_writes is True
    finally:
        mongoengine.disconnect(alias)


"""The migrations on a Citus coordinator, as far as this machine can show it without Citus.

No Citus server can be installed here. A fresh PostgreSQL database is given stand-ins for Citus's
``create_distributed_table`` (same name and arguments) that refuse what Citus refuses at that call, with
Citus's messages: a primary or unique key without the distribution column; a foreign key to a table that is
not distributed, not co-located, or that holds the distribution column at another place than its target;
``ON DELETE SET NULL``/``SET DEFAULT`` on a key that holds it. They record each distribution instead of
moving rows. Then every migration runs (0025 sees the function and distributes), and the API's walk of
test_shard_key.py runs on the database that results (Citus-shaped keys, the lookups enforcing e-mail
uniqueness). Not shown: Citus's query planner (which statements it can route or push down; the partition
test shows every API statement names one user), the shards themselves, and the real extension's checks
beyond these."""
from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from adapters.sql.migrate import upgrade
from adapters.sql.tables import metadata
from tests.databases import fresh_database
from tests.e2e.conftest import sign_up
from tests.e2e.test_shard_key import _walk

CITUS_STAND_IN = r"""
CREATE TABLE citus_stand_in (relation text PRIMARY KEY, column_name text NOT NULL, colocation text NOT NULL);

CREATE FUNCTION create_distributed_table(table_name regclass, distribution_column text,
                                         distribution_type text DEFAULT 'hash', colocate_with text DEFAULT 'default')
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    dist smallint;
    dist_type oid;
    grp text;
    key record;
    target record;
    at int;
BEGIN
    SELECT attnum, atttypid INTO dist, dist_type FROM pg_attribute
     WHERE attrelid = table_name AND attname = distribution_column AND NOT attisdropped;
    IF dist IS NULL THEN
        RAISE EXCEPTION 'column "%" of relation "%" does not exist', distribution_column, table_name;
    END IF;
    FOR key IN SELECT indexrelid::regclass AS name, indkey::smallint[] AS columns FROM pg_index
                WHERE indrelid = table_name AND indisunique LOOP
        IF NOT dist = ANY(key.columns) THEN
            RAISE EXCEPTION 'cannot create constraint on "%"', table_name USING DETAIL =
                'Distributed relations cannot have UNIQUE, EXCLUDE, or PRIMARY KEY constraints that do not '
                || 'include the partition column (' || key.name || ')';
        END IF;
    END LOOP;
    IF colocate_with = 'none' THEN
        grp := table_name::text;
    ELSIF colocate_with = 'default' THEN  -- Citus: with the first table distributed on the same type
        SELECT s.colocation INTO grp FROM citus_stand_in s
          JOIN pg_attribute a ON a.attrelid = s.relation::regclass AND a.attname = s.column_name
         WHERE a.atttypid = dist_type LIMIT 1;
        grp := coalesce(grp, table_name::text);
    ELSE
        SELECT colocation INTO grp FROM citus_stand_in WHERE relation = colocate_with;
        IF grp IS NULL THEN
            RAISE EXCEPTION 'relation % should be a hash distributed table', colocate_with;
        END IF;
    END IF;
    FOR key IN SELECT conname, confrelid::regclass::text AS referred, conkey, confkey, confdeltype, confupdtype
                 FROM pg_constraint WHERE conrelid = table_name AND contype = 'f' LOOP
        SELECT * INTO target FROM citus_stand_in WHERE relation = key.referred;
        IF target IS NULL AND key.referred <> table_name::text THEN
            RAISE EXCEPTION 'referenced table "%" must be a distributed table or a reference table', key.referred;
        END IF;
        IF key.referred <> table_name::text AND target.colocation <> grp THEN
            RAISE EXCEPTION 'cannot create foreign key constraint since relations are not colocated or not '
                            'referencing a reference table (%)', key.conname;
        END IF;
        at := array_position(key.conkey, dist);
        IF at IS NULL OR key.confkey[at] <> (SELECT attnum FROM pg_attribute WHERE attrelid = key.referred::regclass
                                             AND attname = coalesce(target.column_name, distribution_column)) THEN
            RAISE EXCEPTION 'cannot create foreign key constraint (%)', key.conname USING DETAIL =
                'Foreign keys are supported in two cases, either in between two colocated tables including '
                || 'partition column in the same ordinal in the both tables or from distributed to reference tables';
        END IF;
        IF key.confdeltype IN ('n', 'd') THEN
            RAISE EXCEPTION 'cannot create foreign key constraint (%)', key.conname USING DETAIL =
                'SET NULL or SET DEFAULT is not supported in ON DELETE operation when distribution key is '
                || 'included in the foreign key constraint';
        END IF;
        IF key.confupdtype IN ('n', 'd', 'c') THEN
            RAISE EXCEPTION 'cannot create foreign key constraint (%)', key.conname USING DETAIL =
                'SET NULL, SET DEFAULT or CASCADE is not supported in ON UPDATE operation when distribution '
                || 'key included in the foreign constraint.';
        END IF;
    END LOOP;
    INSERT INTO citus_stand_in VALUES (table_name::text, distribution_column, grp);
END $$;
"""

LOCAL = {"outbox", "inbox", "job_runs", "refresh_tokens", "token_families"}


@pytest.fixture(scope="module")
def citus_url():
    with fresh_database("planloom_citus", migrate=False) as url:
        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text(CITUS_STAND_IN))
        engine.dispose()
        upgrade(url)
        yield url


def _distributed(url: str) -> dict[str, tuple[str, str]]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {r: (c, g) for r, c, g in conn.execute(text("SELECT * FROM citus_stand_in"))}
    finally:
        engine.dispose()


def test_every_table_is_distributed_by_user_or_stays_local_by_design(citus_url):
    distributed = _distributed(citus_url)
    assert distributed.pop("users") == ("id", "users")
    assert distributed.pop("user_emails") == ("email", "user_emails")
    assert distributed.pop("calendar_feed_digests") == ("digest", "calendar_feed_digests")
    assert set(distributed.values()) == {("user_id", "users")}, "all by user_id, co-located with users"
    tables = {t.name for t in metadata.sorted_tables}
    assert set(distributed) | {"users", "user_emails", "calendar_feed_digests"} | LOCAL == tables
    assert not set(distributed) & LOCAL


def test_the_stand_in_refuses_what_citus_refuses(citus_url):
    """Its checks can fail: a key without the distribution column, a key to a local table, and SET NULL."""
    engine = create_engine(citus_url)
    refused = {
        "CREATE TABLE scratch_a (id uuid PRIMARY KEY, user_id uuid NOT NULL)": "PRIMARY KEY constraints",
        "CREATE TABLE scratch_b (user_id uuid, job text REFERENCES job_runs (name), PRIMARY KEY (user_id))":
            "must be a distributed table",
        "CREATE TABLE scratch_c (user_id uuid, category_id uuid, PRIMARY KEY (user_id), FOREIGN KEY (user_id, "
        "category_id) REFERENCES categories (user_id, id) ON DELETE SET NULL (category_id))": "SET NULL",
        "CREATE TABLE scratch_d (user_id uuid, task_id uuid, PRIMARY KEY (user_id), FOREIGN KEY (task_id, "
        "user_id) REFERENCES tasks (user_id, id))": "same ordinal",
    }
    try:
        for ddl, message in refused.items():
            with engine.connect() as conn:
                conn.execute(text(ddl))
                with pytest.raises(Exception) as caught:
                    conn.execute(text("SELECT create_distributed_table("
                                      f"'{ddl.split()[2]}', 'user_id', colocate_with => 'users')"))
                conn.rollback()
            assert message in str(caught.value) + str(getattr(caught.value.orig, "diag", None)
                                                      and caught.value.orig.diag.message_detail), ddl
    finally:
        engine.dispose()


def test_the_api_works_on_the_distributed_shape(make_app, citus_url):
    """The walk on keys as Citus has them: (user_id, id) primary keys, composite foreign keys, and the
    e-mail unique only through the lookup table; a second sign-up with the same e-mail is still refused,
    and deleting a category its task uses clears the task's category."""
    client = make_app("postgres", database_url=citus_url).test_client()
    _walk(client)
    bob = sign_up(client, email="bob@example.com")
    again = client.post("/api/v1/auth/register", json={"email": "Bob@example.com", "password": "another pass 12345"})
    assert again.status_code == 409, again.get_json()
    category = bob.post("/api/v1/categories", json={"name": "Home"}).get_json()
    task = bob.post("/api/v1/tasks", json={"title": "Sweep", "duration_minutes": 20,
                                           "category_id": category["id"]}).get_json()
    assert task["category_id"] == category["id"]
    assert bob.delete(f"/api/v1/categories/{category['id']}").status_code == 204
    assert bob.get(f"/api/v1/tasks/{task['id']}").get_json()["category_id"] is None

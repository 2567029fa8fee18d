"""Sharding by user, proven on plain PostgreSQL: every statement the API sends about a tenant's rows
reaches exactly one hash partition of each tenant table it names.

Citus cannot be installed here; PostgreSQL's own hash partitioning routes the same way (a statement
whose plan keeps one partition would go to one Citus shard). A fresh database is created and migrated,
then each tenant table is re-created as ``PARTITION BY HASH (user_id)`` with 8 partitions: the primary
key and each unique index gain ``user_id`` where they lack it (a partitioned table's unique keys must
contain the partition key), and every foreign key is made again between the partitioned tables: a key
to a partitioned table must name its partition key, as Citus needs a key between co-located tables to name
the distribution column (migration 0024; see deploy/README.md, "Sharding"). The API walk of
test_shard_key.py runs against the session's ordinary database, its statements and parameters are
recorded, and each one is replayed here under ``EXPLAIN (FORMAT JSON)`` (nothing executes).

``users`` is partitioned by ``id`` and the lookup tables by their keys (``user_emails`` by e-mail address,
``calendar_feed_digests`` by digest: each its own distribution on Citus), and checked the same way.

Checked: SELECT, UPDATE and DELETE keep exactly one partition of each partitioned table they name; an
INSERT names the partition column among its columns (a row is routed by its own value)."""
from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from sqlalchemy import create_engine, event

from tests.databases import fresh_database
from tests.e2e.test_shard_key import BY_LOOKUP, TENANT_TABLES, _walk

PARTITIONS = 8
MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations" / "versions"
STATEMENT = re.compile(r"^\s*(select|update|delete|insert)\b", re.I)
# INSERT .. ON CONFLICT (id) would have no arbiter once partitioned (its primary key becomes (id, user_id));
# the upserts name (user_id, id), whose unique index a partitioned table keeps (migration 0021).
ON_CONFLICT_ID = re.compile(r"\bON CONFLICT \(id\)", re.I)
# Each partitioned table and its partition column: the tenant tables by user, users by id, lookups by their key.
PARTITIONED = {table: "user_id" for table in TENANT_TABLES} | {"users": "id"} | BY_LOOKUP


def _names(table: str, statement: str) -> bool:
    return re.search(rf"\b(from|join|update|into)\s+{table}\b", statement, re.I) is not None


def _partition(cur, table: str, column: str) -> dict:
    """Re-create ``table`` hash-partitioned by ``column``; what had to change in its keys."""
    cur.execute("""SELECT a.attname FROM pg_index i JOIN pg_attribute a
                   ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
                   WHERE i.indrelid = %s::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)""",
                (table,))
    primary = [row[0] for row in cur.fetchall()]
    cur.execute("""SELECT indexdef FROM pg_indexes i JOIN pg_index x ON x.indexrelid = (quote_ident(i.indexname))::regclass
                   WHERE i.tablename = %s AND x.indisunique AND NOT x.indisprimary""", (table,))
    uniques = [row[0] for row in cur.fetchall()]
    cur.execute(f'ALTER TABLE "{table}" RENAME TO "{table}_plain"')
    cur.execute(f'CREATE TABLE "{table}" (LIKE "{table}_plain" INCLUDING DEFAULTS INCLUDING GENERATED '
                f'INCLUDING CONSTRAINTS) PARTITION BY HASH ({column})')
    cur.execute(f'DROP TABLE "{table}_plain" CASCADE')
    key = primary if column in primary else [*primary, column]
    cur.execute(f'ALTER TABLE "{table}" ADD PRIMARY KEY ({", ".join(key)})')
    changed_uniques = []
    for definition in uniques:
        head, columns, tail = re.fullmatch(r"(CREATE UNIQUE INDEX \S+ ON \S+ USING \w+ )\((.*?)\)( WHERE .*)?",
                                           definition).groups()
        if not re.search(rf"\b{column}\b", columns):
            changed_uniques.append(definition)
            columns = f"{column}, {columns}"
        cur.execute(f"{head}({columns}){tail or ''}")
    for remainder in range(PARTITIONS):
        cur.execute(f'CREATE TABLE "{table}_p{remainder}" PARTITION OF "{table}" '
                    f"FOR VALUES WITH (MODULUS {PARTITIONS}, REMAINDER {remainder})")
    return {"primary": primary if key != primary else None, "uniques": changed_uniques}


def _relations(plan: dict) -> list[str]:
    found = [plan["Relation Name"]] if "Relation Name" in plan else []
    for child in plan.get("Plans", ()):
        found += _relations(child)
    return found


@pytest.fixture(scope="module")
def partitioned_url():
    with fresh_database("planloom_partitioned") as url:
        engine = create_engine(url)
        raw = engine.raw_connection()
        try:
            cur = raw.cursor()
            cur.execute("SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
                        "WHERE contype = 'f'")
            keys = cur.fetchall()
            for table, name, _ in keys:
                cur.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            changes = {table: _partition(cur, table, column) for table, column in PARTITIONED.items()}
            for table, name, definition in keys:  # each key back, now between partitioned tables
                cur.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
            raw.commit()
        finally:
            raw.close()
            engine.dispose()
        yield url, changes


def test_keys_that_change_when_tenant_tables_are_partitioned(partitioned_url):
    """The keys without their table's partition column today (they gain it for partitioning, and for Citus):
    the list in deploy/README.md ("Sharding") is this one. The unique keys are the two the lookup tables
    carry (user_emails, calendar_feed_digests), whose own keys need no change."""
    _, changes = partitioned_url
    primary = sorted(t for t, c in changes.items() if c["primary"])
    uniques = sorted(t for t, c in changes.items() if c["uniques"])
    assert primary == sorted(["busy_times", "calendar_connections", "categories", "images", "notifications",
                              "quick_adds", "tags", "task_dependencies", "task_tags", "tasks", "time_blocks"]), primary
    assert uniques == ["calendar_feed_tokens", "users"], {t: changes[t]["uniques"] for t in uniques}
    assert not any(changes[t]["primary"] or changes[t]["uniques"] for t in BY_LOOKUP), changes
    readme = (Path(__file__).resolve().parents[2] / "deploy" / "README.md").read_text()
    keys = readme.split("**Keys.**", 1)[1].split("**Proven here**", 1)[0]
    assert all(re.search(rf"`{t}[ .]", keys) for t in primary + uniques), "deploy/README.md names them all"
    # and migration 0025 widens exactly these on Citus
    spec = importlib.util.spec_from_file_location("m0025", MIGRATIONS / "0025_distribute_on_citus.py")
    citus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(citus)
    assert sorted([*citus.KEY_FROM_INDEX, *citus.KEY_REBUILT]) == primary
    assert sorted(table for table, _ in citus.UNIQUE_WITHOUT_USER) == uniques


def test_every_tenant_statement_of_the_api_reaches_one_partition(make_app, partitioned_url):
    url, _ = partitioned_url
    app = make_app("postgres")
    sent: list[tuple[str, object]] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        sent.append((statement, parameters[0] if executemany and parameters else parameters))

    event.listen(app.container.engine(), "before_cursor_execute", record)
    _walk(app.test_client())

    tenant = [(s, p) for s, p in sent if STATEMENT.match(s) and any(_names(t, s) for t in PARTITIONED)]
    engine = create_engine(url)
    raw = engine.raw_connection()
    spread, unrouted, explained, upserts = [], [], 0, set()
    try:
        cur = raw.cursor()
        for statement, parameters in tenant:
            short = " ".join(statement.split())[:220]
            if ON_CONFLICT_ID.search(statement):
                unrouted.append(short)
                continue
            if re.search(r"\bON CONFLICT \(user_id, id\)", statement, re.I):
                upserts.add(re.search(r"INSERT INTO (\w+)", statement, re.I).group(1))
            inserted = re.match(r"\s*insert into (\w+)(?: \(([^)]*)\))?", statement, re.I)
            if inserted and not re.search(rf"\b{PARTITIONED.get(inserted.group(1), 'user_id')}\b",
                                          inserted.group(2) or ""):
                unrouted.append(short)
                continue
            cur.execute("EXPLAIN (FORMAT JSON) " + statement, parameters)
            plan = cur.fetchone()[0][0]["Plan"]
            raw.rollback()
            explained += 1
            relations = _relations(plan)
            for table in PARTITIONED:
                if not _names(table, statement):
                    continue
                touched = {r for r in relations if re.fullmatch(rf"{table}_p\d+", r)}
                if statement.lstrip()[:6].lower() != "insert" and len(touched) != 1:
                    spread.append((table, len(touched), short))
    finally:
        raw.close()
        engine.dispose()

    assert explained >= 60, f"the walk's statements were replayed ({explained})"
    reached = {t for t in PARTITIONED if any(_names(t, s) for s, _ in tenant)}
    assert {"users", "calendar_feed_tokens", *BY_LOOKUP} <= reached, reached  # sign-in and the feed were walked
    assert not unrouted, unrouted
    assert not spread, spread
    # The upserts by (user_id, id) were planned on the partitioned tables (an arbiter index was found).
    assert {"calendar_connections", "images"} <= upserts, upserts

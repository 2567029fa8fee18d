"""Alembic environment: the SQL adapter's metadata, the URL from Planloom's settings (via the config)."""
from __future__ import annotations

from alembic import context

from adapters.sql.engine import make_engine, normalise_url
from adapters.sql.tables import UTCDateTime, metadata

config = context.config


def _url() -> str:
    """From the config ``planloom migrate`` builds out of Settings (adapters/sql/migrate.py), or from
    ``alembic -x url=...``; this file reads no environment and imports no entrypoint."""
    url = config.get_main_option("sqlalchemy.url") or context.get_x_argument(as_dictionary=True).get("url")
    if not url:
        raise SystemExit("no database URL: run `planloom migrate`, or `alembic -x url=DATABASE_URL ...`")
    return normalise_url(url)


def render_item(type_: str, obj, autogen_context):
    """Render the adapter's UTCDateTime as the plain column type it stores, so migrations stand alone."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run_migrations_offline() -> None:
    context.configure(url=_url(), target_metadata=metadata, literal_binds=True, render_as_batch=True,
                      render_item=render_item)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = make_engine(_url())
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # Batch mode rebuilds a table (copy, DROP, rename): with foreign keys enforced the DROP would
            # cascade and empty the tables that refer to it. SQLite's own procedure for altering a table:
            # keys off (outside a transaction, where the pragma takes effect), rebuild, then check them.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        context.configure(connection=connection, target_metadata=metadata, render_as_batch=sqlite,
                          render_item=render_item)
        with context.begin_transaction():
            context.run_migrations()
            if sqlite and (broken := connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()):
                raise RuntimeError(f"the migrated rows break {len(broken)} foreign keys, e.g. {broken[:3]}")
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()

"""Preferences as a JSON document in a SQL table (the embedded default document store)."""
from __future__ import annotations

from uuid import UUID

from sqlalchemy import Connection, Engine, delete, select
from sqlalchemy.dialects import postgresql, sqlite

from domain.model import Preferences
from ports.preferences import PreferencesStore
from adapters.sql.tables import preferences


def write_preferences(conn: Connection, user_id: UUID, prefs: Preferences) -> None:
    """One atomic upsert on ``conn``'s transaction: concurrent puts never collide."""
    data = prefs.to_dict()
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    upsert = dialect.insert(preferences).values(user_id=user_id, data=data)
    conn.execute(upsert.on_conflict_do_update(index_elements=[preferences.c.user_id], set_={"data": data}))


class SqlPreferencesStore(PreferencesStore):
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def get(self, user_id: UUID) -> Preferences | None:
        with self.engine.connect() as conn:
            data = conn.execute(select(preferences.c.data).where(preferences.c.user_id == user_id)).scalar()
        return Preferences.from_dict(data) if data is not None else None

    def put(self, user_id: UUID, prefs: Preferences) -> None:
        with self.engine.begin() as conn:
            write_preferences(conn, user_id, prefs)

    def shares(self, engine: Engine) -> bool:
        """Whether this store lives in ``engine``'s database (a unit of work there can write it)."""
        return engine is self.engine or str(engine.url) == str(self.engine.url)

    def delete(self, user_id: UUID) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(preferences).where(preferences.c.user_id == user_id))

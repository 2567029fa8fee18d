"""Preferences as a JSON document in a SQL table (the embedded default document store)."""
from __future__ import annotations

from uuid import UUID

from sqlalchemy import Engine, delete, select
from sqlalchemy.dialects import postgresql, sqlite

from domain.model import Preferences
from ports.preferences import PreferencesStore
from adapters.sql.tables import preferences


class SqlPreferencesStore(PreferencesStore):
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def get(self, user_id: UUID) -> Preferences | None:
        with self.engine.connect() as conn:
            data = conn.execute(select(preferences.c.data).where(preferences.c.user_id == user_id)).scalar()
        return Preferences.from_dict(data) if data is not None else None

    def put(self, user_id: UUID, prefs: Preferences) -> None:
        data = prefs.to_dict()
        dialect = postgresql if self.engine.dialect.name == "postgresql" else sqlite
        upsert = dialect.insert(preferences).values(user_id=user_id, data=data)
        with self.engine.begin() as conn:  # one atomic statement: concurrent puts never collide
            conn.execute(upsert.on_conflict_do_update(index_elements=[preferences.c.user_id], set_={"data": data}))

    def delete(self, user_id: UUID) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(preferences).where(preferences.c.user_id == user_id))

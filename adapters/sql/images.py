"""Image records in a SQL table: the shown fields as JSON beside the owner and the upload time."""
from __future__ import annotations

from uuid import UUID

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.dialects import postgresql, sqlite

from domain.model.image import ImageRecord
from ports.images import ImageStore
from adapters.sql.tables import images as table


def _record(row) -> ImageRecord:
    return ImageRecord.from_dict(row.data, id=row.id, user_id=row.user_id, created_at=row.created_at)


class SqlImageStore(ImageStore):
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def get(self, user_id: UUID, image_id: UUID) -> ImageRecord | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(table).where(table.c.id == image_id, table.c.user_id == user_id)).first()
        return _record(row) if row is not None else None

    def list(self, user_id: UUID, limit: int) -> list[ImageRecord]:
        stmt = (select(table).where(table.c.user_id == user_id)
                .order_by(table.c.created_at.desc(), table.c.id.desc()).limit(limit))
        with self.engine.connect() as conn:
            return [_record(row) for row in conn.execute(stmt)]

    def count(self, user_id: UUID) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(table).where(table.c.user_id == user_id)).scalar_one()

    def put(self, record: ImageRecord) -> None:
        with self.engine.begin() as conn:
            dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
            upsert = dialect.insert(table).values(id=record.id, user_id=record.user_id, created_at=record.created_at,
                                                  data=record.to_dict())
            # keyed by (user_id, id), as a table sharded by user keeps it: the owner never changes
            conn.execute(upsert.on_conflict_do_update(index_elements=[table.c.user_id, table.c.id],
                                                      set_={"data": record.to_dict()}))

    def delete(self, user_id: UUID, image_id: UUID) -> bool:
        with self.engine.begin() as conn:
            return conn.execute(delete(table).where(table.c.id == image_id, table.c.user_id == user_id)).rowcount > 0

    def blob_names(self, after: UUID | None, limit: int) -> list[tuple[UUID, str]]:
        stmt = select(table.c.id, table.c.data["blob_name"].as_string()).order_by(table.c.id).limit(limit)
        if after is not None:
            stmt = stmt.where(table.c.id > after)
        with self.engine.connect() as conn:
            return [(row[0], row[1]) for row in conn.execute(stmt)]

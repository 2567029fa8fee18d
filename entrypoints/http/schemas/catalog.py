from __future__ import annotations

from marshmallow import fields

from entrypoints.http.schemas.common import StrictSchema, not_blank, patterned, tag_name


class CategorySchema(StrictSchema):
    id = fields.UUID(dump_only=True)
    name = not_blank(64, required=True)
    color = patterned(r"^#[0-9a-fA-F]{6}$", "must be #RRGGBB", 7, allow_none=True)
    created_at = fields.AwareDateTime(dump_only=True)


class TagSchema(StrictSchema):
    id = fields.UUID(dump_only=True)
    name = tag_name(required=True)
    created_at = fields.AwareDateTime(dump_only=True)

from __future__ import annotations

from marshmallow import fields, validate

from entrypoints.http.schemas.common import StrictSchema, text


class CategorySchema(StrictSchema):
    id = fields.UUID(dump_only=True)
    name = text(64, 1, required=True)
    color = fields.String(allow_none=True, validate=validate.Regexp(r"^#[0-9a-fA-F]{6}$"))
    created_at = fields.AwareDateTime(dump_only=True)


class TagSchema(StrictSchema):
    id = fields.UUID(dump_only=True)
    name = text(50, 1, required=True)
    created_at = fields.AwareDateTime(dump_only=True)

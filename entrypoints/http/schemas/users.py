from __future__ import annotations

from marshmallow import fields, validate

from domain.model.preferences import TIME_OF_DAY
from entrypoints.http.schemas.common import StrictSchema, StrictInt, text


class UserSchema(StrictSchema):
    id = fields.UUID(dump_only=True)
    email = fields.String(dump_only=True)
    display_name = fields.String(dump_only=True)
    timezone = fields.String(dump_only=True)
    role = fields.Function(lambda user: user.role.value, dump_only=True)
    created_at = fields.AwareDateTime(dump_only=True)


def _delivery():
    return fields.String(load_default="body", validate=validate.OneOf(["body", "cookie"]), load_only=True, metadata={
        "description": "`body` (default): the refresh token comes in the response body, for API clients. "
                       "`cookie`: for a browser: it comes in the HttpOnly, SameSite=Strict `planloom_refresh` "
                       "cookie (path /api/v1/auth), with the readable `planloom_csrf` cookie whose value the "
                       "refresh and logout requests send back as `X-CSRF-Token`; the body has no refresh token."})


class RegisterSchema(StrictSchema):
    email = text(254, 3, required=True)
    password = text(256, 1, required=True, load_only=True)
    display_name = text(100)
    timezone = text(64)
    refresh_token_delivery = _delivery()


class LoginSchema(StrictSchema):
    email = text(254, required=True)
    password = text(256, required=True, load_only=True)
    refresh_token_delivery = _delivery()


class TokensSchema(StrictSchema):
    access_token = fields.String(required=True)
    refresh_token = fields.String(metadata={"description": "Absent when it was delivered in the cookie."})
    token_type = fields.String(required=True)


class AuthResultSchema(TokensSchema):
    user = fields.Nested(UserSchema)


class ProfilePatchSchema(StrictSchema):
    display_name = text(100)
    timezone = text(64)


class RolePatchSchema(StrictSchema):
    role = fields.String(required=True, validate=validate.OneOf(["user", "admin"]))


def _time_ranges():
    pair = fields.List(fields.String(validate=validate.Length(equal=5)), validate=validate.Length(equal=2))
    return fields.List(pair, validate=validate.Length(max=12))


class WorkingHoursSchema(StrictSchema):
    mon = _time_ranges()
    tue = _time_ranges()
    wed = _time_ranges()
    thu = _time_ranges()
    fri = _time_ranges()
    sat = _time_ranges()
    sun = _time_ranges()


class NotificationSettingsSchema(StrictSchema):
    channels = fields.Dict(keys=fields.String(), values=fields.List(fields.String(), validate=validate.Length(max=3)))
    quiet_hours = fields.List(fields.String(validate=validate.Length(equal=5)), validate=validate.Length(equal=2),
                              allow_none=True)
    digest_time = fields.String(validate=validate.Length(equal=5), allow_none=True)
    webhook_url = fields.String(validate=validate.Length(max=2000), allow_none=True)


class PreferencesSchema(StrictSchema):
    timezone = text(64)
    working_hours = fields.Nested(WorkingHoursSchema)
    default_duration_minutes = StrictInt()
    buffer_minutes = StrictInt()
    daily_cap_minutes = StrictInt(allow_none=True)
    date_order = fields.String(validate=validate.OneOf(["MDY", "DMY"]))
    default_time = fields.String(validate=validate.Regexp(TIME_OF_DAY, error="must be HH:MM, 00:00 to 23:59"),
                                 metadata={"description": "Quick-add: the time of day a date without a time gets"})
    reminder_lead_minutes = StrictInt()
    notifications = fields.Nested(NotificationSettingsSchema)

from __future__ import annotations

from marshmallow import fields, validate

from domain.model.notification import CHANNELS, KINDS
from entrypoints.http.schemas.common import (WHITESPACE, FlatDict, FlatList, StrictBool, StrictInt, StrictSchema, clock_time,
                                             patterned, text, timezone_name)

EMAIL = rf"^[^@{WHITESPACE}]{{1,64}}@[^@{WHITESPACE}]+\.[^@{WHITESPACE}]{{2,}}$"


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
    email = patterned(EMAIL, "is not a valid email address", 254, 3, required=True)
    password = text(256, 8, required=True, load_only=True)
    display_name = text(100)
    timezone = timezone_name()
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
    timezone = timezone_name()


class RolePatchSchema(StrictSchema):
    role = fields.String(required=True, validate=validate.OneOf(["user", "admin"]))


def _time_ranges():
    pair = FlatList(clock_time(end_of_day=True), validate=validate.Length(equal=2))
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
    channels = FlatDict(keys=fields.String(validate=validate.OneOf(KINDS)),
                           values=fields.List(fields.String(validate=validate.OneOf(CHANNELS)),
                                              validate=validate.Length(max=len(CHANNELS))))
    quiet_hours = FlatList(clock_time(), validate=validate.Length(equal=2), allow_none=True)
    digest_time = clock_time(allow_none=True)
    webhook_url = patterned(rf"^https?://[^{WHITESPACE}/]", "must be an http(s) URL", 2000, allow_none=True)


class PreferencesSchema(StrictSchema):
    timezone = timezone_name()
    working_hours = fields.Nested(WorkingHoursSchema)
    default_duration_minutes = StrictInt(validate=validate.Range(5, 1440))
    buffer_minutes = StrictInt(validate=validate.Range(0, 240))
    daily_cap_minutes = StrictInt(allow_none=True, validate=validate.Range(15, 1440))
    date_order = fields.String(validate=validate.OneOf(["MDY", "DMY"]))
    default_time = clock_time(metadata={"description": "Quick-add: the time of day a date without a time gets"})
    reminder_lead_minutes = StrictInt(validate=validate.Range(0, 1440))
    ask_actual_minutes = StrictBool(metadata={
        "description": "After a task is marked done, the app asks how long it took (estimate accuracy on Insights)"})
    notifications = fields.Nested(NotificationSettingsSchema)

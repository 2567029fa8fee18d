"""Domain errors. The HTTP layer maps each class to one status in one place."""
from __future__ import annotations


class DomainError(Exception):
    """Base of every error the core raises on purpose."""

    title = "Domain error"
    permanent = False  # True: the same message fails the same way every time, so retrying it is useless

    def __init__(self, detail: str = "", field_errors: dict[str, list[str]] | None = None):
        super().__init__(detail or self.title)
        self.detail = detail or self.title
        self.field_errors: dict[str, list[str]] = dict(field_errors or {})


class ValidationError(DomainError):
    """Input breaks an invariant. ``field_errors`` maps a field path to messages."""

    title = "Invalid input"
    permanent = True

    @classmethod
    def for_field(cls, field: str, message: str) -> "ValidationError":
        return cls(f"{field}: {message}", {field: [message]})


class BadRequest(DomainError):
    """The request cannot be understood as it is (a tampered, expired or replayed OAuth state...)."""

    title = "Bad request"
    permanent = True


class UnsupportedMedia(ValidationError):
    """The content is not of a kind the server reads (an image that is not PNG, JPEG, WebP, HEIC/HEIF or AVIF)."""

    title = "Unsupported media type"


class TooLarge(ValidationError):
    """The content is over a documented cap (bytes, pixels)."""

    title = "Payload too large"


class NotFound(DomainError):
    title = "Not found"
    permanent = True


class Conflict(DomainError):
    """The request clashes with the current state (duplicate name, dependency cycle...)."""

    title = "Conflict"


class StaleVersion(DomainError):
    """An optimistic-concurrency check failed: the caller's version is not the current one."""

    title = "Precondition failed"


class PermissionDenied(DomainError):
    title = "Forbidden"
    permanent = True


class AuthenticationFailed(DomainError):
    title = "Unauthorized"
    permanent = True


class RateLimited(DomainError):
    title = "Too many requests"

    def __init__(self, detail: str = "", retry_after_seconds: int = 60):
        super().__init__(detail)
        self.retry_after_seconds = retry_after_seconds


class ProviderUnavailable(DomainError):
    """A provider the request depends on (a calendar's OAuth token endpoint) is down or answered a server
    error: not the caller's fault, and worth trying again later."""

    title = "Calendar provider unavailable"


class StorageUnavailable(DomainError):
    """Where the request's bytes are kept (the images' blob store) cannot answer: nothing was changed,
    and the same request may succeed shortly."""

    title = "Storage unavailable"


class InterpreterUnavailable(DomainError):
    """A language service is down, slow, rate-limited or answered nonsense: use the local fallback."""

    title = "Language service unavailable"

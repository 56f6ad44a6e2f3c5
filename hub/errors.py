"""Known failures the hub answers with: each carries its HTTP status and stable error code."""

from __future__ import annotations

from typing import Any, ClassVar

from sync.protocol import COMMAND_ID_REUSED, CURSOR_INVALID, TOKEN_EXPIRED, TOKENS_REVOKED


class HubError(Exception):
    """A refusal the hub reports to the caller as an ErrorBody, never a bug."""

    status_code: ClassVar[int] = 400
    error: ClassVar[str] = "bad_request"

    def __init__(self, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details: dict[str, Any] = details or {}


class Unauthorized(HubError):
    """No device token, or one the hub does not know."""

    status_code = 401
    error = "unauthorized"


class TokenExpired(Unauthorized):
    """The access token was good but has expired: the device refreshes it and asks again."""

    error = TOKEN_EXPIRED


class TokensRevoked(Unauthorized):
    """The device's token family was revoked (a spent refresh token came back): enrol again."""

    error = TOKENS_REVOKED


class EnrolmentRefused(HubError):
    """An enrolment code the store does not know (unknown, or another store's)."""

    status_code = 403
    error = "enrolment_refused"


class EnrolmentStoreUnknown(EnrolmentRefused):
    """No store has this store code (the enrolment code was not looked at)."""

    error = "enrolment_store_unknown"


class EnrolmentCodeExpired(EnrolmentRefused):
    """The enrolment code is older than its lifetime."""

    error = "enrolment_code_expired"


class EnrolmentCodeUsed(HubError):
    """The one-time enrolment code was already spent."""

    status_code = 409
    error = "enrolment_code_used"


class NotFound(HubError):
    """No such entity (or path) for this caller."""

    status_code = 404
    error = "not_found"


class CursorInvalid(HubError):
    """The feed cursor is unparsable or from another feed epoch: re-sync from zero."""

    status_code = 410
    error = CURSOR_INVALID


class CommandIdReused(HubError):
    """A command id came back with a different body."""

    status_code = 422
    error = COMMAND_ID_REUSED

    def __init__(self, command_id: str) -> None:
        super().__init__(
            f"Command {command_id} was already used for a different command.",
            {"command_id": command_id},
        )
        self.command_id = command_id


class TooManyRequests(HubError):
    """Too many attempts from one address or for one store: wait `retry_after_s` seconds."""

    status_code = 429
    error = "too_many_requests"

    def __init__(self, message: str, retry_after_s: int) -> None:
        super().__init__(message, {"retry_after_s": retry_after_s})
        self.retry_after_s = retry_after_s


class Refusal(Exception):
    """A command the hub will not apply: a stable `reason` code and a `message` for people."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(f"{reason}: {message}")
        self.reason = reason
        self.message = message

"""Enrolment and auth: joining a store, token refresh and its error codes, ErrorBody, Health."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints

from app.domain import wire_limits as limits
from sync.protocol.wire_types import (
    _TEXT,
    Code,
    Count,
    Identifier,
    Message,
    ShortText,
    Time,
    WireModel,
)


class EnrolmentRequest(WireModel):
    """A device asks to join a store with a one-time enrolment code."""

    store_code: Identifier
    enrolment_code: Annotated[str, StringConstraints(min_length=4, max_length=64, pattern=_TEXT)]
    device_name: Annotated[
        str, StringConstraints(min_length=1, max_length=limits.NAME_MAX, pattern=_TEXT)
    ]


class EnrolmentGrant(WireModel):
    """The hub's answer to a successful enrolment: the device's first pair of tokens.

    `device_token` is the short-lived access token sent as the bearer of every request;
    `refresh_token` buys the next pair at POST /v1/token. A hub without rotation may leave
    the refresh token out: its access token then never expires.
    """

    device_id: Identifier
    device_token: Annotated[str, StringConstraints(min_length=16, max_length=200, pattern=_TEXT)]
    store_id: Identifier
    store_name: ShortText
    refresh_token: (
        Annotated[str, StringConstraints(min_length=16, max_length=200, pattern=_TEXT)] | None
    ) = None
    access_expires_in_s: Count | None = None
    """Seconds the access token lives from now (None: until revoked)."""


class TokenRefresh(WireModel):
    """A device spends its refresh token on a new pair.

    `request_id` is random per refresh and kept with the token on the device, so a retry
    after a lost answer or a crash (same token, same id) gets the same pair back, while
    any other reuse of a spent token revokes the device's tokens (docs/decisions/017).
    """

    refresh_token: Annotated[str, StringConstraints(min_length=16, max_length=200, pattern=_TEXT)]
    request_id: Annotated[str, StringConstraints(min_length=16, max_length=64, pattern=_TEXT)]


class TokenPair(WireModel):
    """The hub's answer to a refresh: a new access token and the refresh token replacing the
    one spent."""

    access_token: Annotated[str, StringConstraints(min_length=16, max_length=200, pattern=_TEXT)]
    access_expires_in_s: Count
    refresh_token: Annotated[str, StringConstraints(min_length=16, max_length=200, pattern=_TEXT)]


TOKEN_EXPIRED = "token_expired"  # noqa: S105 (an error code, not a secret)
"""`error` code of a 401 whose access token only expired: refresh it and ask again."""
TOKENS_REVOKED = "tokens_revoked"
"""`error` code of a 401 after the hub revoked the device's tokens: the device must enrol again."""


class ErrorBody(WireModel):
    """Every non-2xx answer of the hub: a stable code and a sentence for people."""

    error: Code
    message: Message
    details: dict[str, Any] = Field(default_factory=dict)


class Health(WireModel):
    """Liveness of the hub."""

    status: Literal["ok"]
    hub_time: Time
    feed_epoch: Code

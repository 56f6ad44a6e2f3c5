"""The device's access token, refreshed when it expires, once for all of the device's threads.

The pull, push and check threads each have a hub client but share one keeper: when the
token runs out, the first thread refreshes it and the others wait for that refresh and use
its result, so the refresh token is spent once. Each step of a refresh is saved in the
keyring before the next one, so a refresh cut short by a crash is finished at the next try
with the same request id, which the hub answers with the same pair
(docs/decisions/017-rotating-device-tokens.md).
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from typing import Final

from app.domain.clock import Clock
from local_db import failpoints
from sync.credentials import Credentials, DeviceTokens
from sync.errors import AuthExpired
from sync.protocol import TokenPair, TokenRefresh

Exchange = Callable[[TokenRefresh], TokenPair]
"""Sends a refresh to the hub (HubClient.refresh_tokens); raises sync.errors."""

RENEW_BEFORE: Final = timedelta(seconds=60)
"""A token this close to expiry is renewed before a request rather than after a refusal."""

NOT_ENROLLED: Final = "This device has no token: enrol it with a code from the manager."


class TokenKeeper:
    """Hands out the access token, renewing it through the hub when it is due or refused."""

    def __init__(
        self, credentials: Credentials, clock: Clock, *, renew_before: timedelta = RENEW_BEFORE
    ) -> None:
        self._credentials = credentials
        self._clock = clock
        self._renew_before = renew_before
        self._lock = threading.Lock()
        self._renewals = 0
        # The keyring is read once: on some systems each read is a round trip to a service.
        self._known: DeviceTokens | None = None

    @property
    def renewals(self) -> int:
        """How many refreshes this keeper completed (the single-flight test counts them)."""
        return self._renewals

    def access_token(self, exchange: Exchange) -> str | None:
        """The token to send now, renewed first when it is due or a refresh was interrupted.

        None before enrolment. Raises AuthExpired when the hub refused the refresh (the
        tokens are forgotten: the device must enrol again) and HubUnreachable when the
        hub could not be asked (the next call tries again with the same request id).
        """
        tokens = self._tokens()
        if tokens is None:
            return None
        if self._is_due(tokens):
            return self.renewed(tokens.access_token, exchange)
        return tokens.access_token

    def renewed(self, rejected: str, exchange: Exchange) -> str:
        """A token to use instead of `rejected`, which the hub said has expired.

        When another thread already renewed it, that thread's token is returned and no
        refresh is sent. Raises like `access_token`.
        """
        with self._lock:
            tokens = self._tokens()
            if tokens is None:
                raise AuthExpired(NOT_ENROLLED)
            if tokens.access_token != rejected and tokens.refresh_request_id is None:
                return tokens.access_token
            return self._refresh(tokens, exchange).access_token

    def revoked(self, rejected: str) -> None:
        """The hub revoked the tokens `rejected` belongs to: forget them, so the device asks
        to be enrolled again (at once in the status bar, with the dialog at the next start)."""
        with self._lock:
            tokens = self._tokens()
            if tokens is not None and tokens.access_token == rejected:
                self._credentials.forget_device_token()
                self._known = None

    def _tokens(self) -> DeviceTokens | None:
        known = self._known
        if known is None:
            known = self._known = self._credentials.device_tokens()
        return known

    def _save(self, tokens: DeviceTokens) -> None:
        self._credentials.save_device_tokens(tokens)
        self._known = tokens

    def _is_due(self, tokens: DeviceTokens) -> bool:
        if tokens.refresh_token is None:
            return False
        if tokens.refresh_request_id is not None:
            return True
        expires = tokens.access_expires_at
        return expires is not None and expires - self._renew_before <= self._clock()

    def _refresh(self, tokens: DeviceTokens, exchange: Exchange) -> DeviceTokens:
        """Spend the refresh token; the saved pair. Called under the lock."""
        refresh_token = tokens.refresh_token
        if refresh_token is None:
            raise AuthExpired("The hub refused this device's token. Enrol the device again.")
        failpoints.hit(failpoints.REFRESH_BEFORE_ID_SAVED)
        request_id = tokens.refresh_request_id
        if request_id is None:
            request_id = uuid.uuid4().hex
            self._save(replace(tokens, refresh_request_id=request_id))
        failpoints.hit(failpoints.REFRESH_AFTER_ID_SAVED)
        request = TokenRefresh(refresh_token=refresh_token, request_id=request_id)
        try:
            pair = exchange(request)
        except AuthExpired:
            # The hub refused the refresh token itself: revoked, unknown or too old (its own
            # error body said so; a proxy's bare 401 arrives as HubUnreachable, and the
            # tokens stay). Keeping it would only be refused again; forgetting it makes the
            # next start ask for enrolment.
            self._credentials.forget_device_token()
            self._known = None
            raise
        failpoints.hit(failpoints.REFRESH_AFTER_REPLY_BEFORE_SAVE)
        renewed = DeviceTokens(
            access_token=pair.access_token,
            access_expires_at=self._clock() + timedelta(seconds=pair.access_expires_in_s),
            refresh_token=pair.refresh_token,
        )
        self._save(renewed)
        self._renewals += 1
        failpoints.hit(failpoints.REFRESH_AFTER_SAVE)
        return renewed

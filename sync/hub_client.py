"""HTTP client of the hub's v1 API; translates every failure into sync.errors once."""

from __future__ import annotations

import functools
import json
import ssl
from collections.abc import Callable
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from local_db import failpoints
from sync.errors import (
    AuthExpired,
    CursorInvalid,
    HubUnreachable,
    ProtocolViolation,
    RequestRefused,
)
from sync.protocol import (
    API_PREFIX,
    CURSOR_INVALID,
    CommandResults,
    EnrolmentGrant,
    EnrolmentRequest,
    Health,
    OrderDigest,
    RawFeedPage,
    RawRecords,
    RecordsRequest,
    StaffData,
)

TokenSource = Callable[[], str | None]
_Model = TypeVar("_Model", bound=BaseModel)
_CONNECT_TIMEOUT_S = 5.0
_READ_MARGIN_S = 10.0


@functools.cache
def _ssl_context(verify: bool | str) -> ssl.SSLContext:
    """One TLS context per trust setting, shared by every client of the process.

    httpx would build one per client, loading the CA bundle each time (about 20 ms; a device
    opens three clients at start, bench/startup.py); a context is safe to share.
    """
    return httpx.create_ssl_context(verify=verify)


class HubClient:
    """One HTTP connection pool to the hub; use one instance per sync thread."""

    def __init__(
        self,
        base_url: str,
        token: TokenSource,
        *,
        verify: bool | str = True,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        """`verify` is True (system trust store) or a CA bundle path; never False here."""
        self._token = token
        self._http = httpx.Client(
            base_url=base_url.rstrip("/") + API_PREFIX,
            timeout=httpx.Timeout(_READ_MARGIN_S, connect=_CONNECT_TIMEOUT_S),
            verify=_ssl_context(verify),
            transport=transport,
            headers={"User-Agent": "storeside/0.1"},
            event_hooks={"response": [_response_arrived]},
        )

    def close(self) -> None:
        """Close the connections; a request in flight on another thread ends as unreachable."""
        self._http.close()

    def health(self) -> Health:
        """The hub's liveness."""
        return _parse(Health, self._call("GET", "/health", auth=False))

    def enrol(self, request: EnrolmentRequest) -> EnrolmentGrant:
        """Exchange a one-time enrolment code for a device token."""
        body = request.model_dump(mode="json")
        return _parse(EnrolmentGrant, self._call("POST", "/enrol", json_body=body, auth=False))

    def staff(self) -> list[StaffData]:
        """The store's staff."""
        answer = self._call("GET", "/staff")
        if not isinstance(answer, list):
            raise ProtocolViolation("staff list is not a list")
        return [_parse(StaffData, item) for item in answer]

    def feed(self, after: str | None, *, limit: int, wait_s: float) -> RawFeedPage:
        """One feed page after `after`; waits up to `wait_s` when nothing is newer."""
        params: dict[str, Any] = {"limit": limit, "wait": wait_s}
        if after is not None:
            params["after"] = after
        answer = self._call("GET", "/feed", params=params, read_timeout=wait_s + _READ_MARGIN_S)
        return _parse(RawFeedPage, answer)

    def send_commands(self, commands: list[dict[str, Any]]) -> CommandResults:
        """Send commands in order; the hub answers each one."""
        response = self._send("POST", "/commands", json_body={"commands": commands})
        try:
            return CommandResults.model_validate_json(response.content)
        except ValidationError as error:
            raise ProtocolViolation(f"hub answer does not match CommandResults: {error}") from error

    def order_digest(self) -> OrderDigest:
        """The store's open orders and their versions."""
        return _parse(OrderDigest, self._call("GET", "/digest"))

    def order_records(self, order_ids: list[str]) -> RawRecords:
        """The current records of these orders, raw."""
        body = RecordsRequest(order_ids=order_ids).model_dump(mode="json")
        return _parse(RawRecords, self._call("POST", "/records", json_body=body))

    def _call(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        json_body: Any = None,
        auth: bool = True,
        read_timeout: float = _READ_MARGIN_S,
    ) -> Any:
        response = self._send(
            method,
            path,
            params=params,
            json_body=json_body,
            auth=auth,
            read_timeout=read_timeout,
        )
        try:
            return response.json()
        except json.JSONDecodeError as decode_error:
            raise ProtocolViolation(
                f"hub answered {response.status_code} with no JSON"
            ) from decode_error

    def _send(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        json_body: Any = None,
        auth: bool = True,
        read_timeout: float = _READ_MARGIN_S,
    ) -> httpx.Response:
        """The hub's 2xx answer; any other is raised as the matching sync error."""
        headers = {}
        if auth:
            token = self._token()
            if token is None:
                raise AuthExpired("this device has no token: enrol it first")
            headers["Authorization"] = f"Bearer {token}"
        try:
            response = self._http.request(
                method,
                path,
                params=params,
                json=json_body,
                headers=headers,
                timeout=httpx.Timeout(read_timeout, connect=_CONNECT_TIMEOUT_S),
            )
        except (httpx.TransportError, RuntimeError) as error:
            # RuntimeError: the client was closed under a request (shutting down).
            raise HubUnreachable(f"{type(error).__name__}: {error}") from error
        return _successful(response)


def _response_arrived(response: httpx.Response) -> None:
    # Called once the status line and headers are in, before the body is read.
    if response.request.method == "POST" and response.request.url.path.endswith("/commands"):
        failpoints.hit(failpoints.AFTER_REQUEST_BEFORE_REPLY)


def _successful(response: httpx.Response) -> httpx.Response:
    status = response.status_code
    if 200 <= status < 300:
        return response
    if status == 429 or status >= 500:
        raise HubUnreachable(f"hub answered {status}")
    body = _error_body(response)
    error = str(body.get("error", ""))
    message = str(body.get("message", "") or body.get("detail", ""))
    if status == 401:
        raise AuthExpired(message or "the hub refused this device's token")
    if status == 410 and error == CURSOR_INVALID:
        raise CursorInvalid(message)
    details = body.get("details")
    raise RequestRefused(status, error, message, details if isinstance(details, dict) else {})


def _error_body(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except json.JSONDecodeError:
        return {}
    return body if isinstance(body, dict) else {}


def _parse(model: type[_Model], data: Any) -> _Model:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise ProtocolViolation(f"hub answer does not match {model.__name__}: {error}") from error

"""HTTP client of the hub's v1 API; translates every failure into sync.errors once."""

from __future__ import annotations

import functools
import json
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx
import pydantic_core
from pydantic import BaseModel, ValidationError

from app.domain.wire_limits import CALL_MARGIN_S, RESPONSE_BODY_MAX_BYTES
from app.settings import hub_url_problem
from local_db import failpoints
from sync.call_deadline import CallDeadline, deadline_transport
from sync.certificate_problems import certificate_problem
from sync.errors import (
    AuthExpired,
    CertificateRefused,
    CursorInvalid,
    DeadlinePassed,
    HubBusy,
    HubUnreachable,
    ProtocolViolation,
    RequestRefused,
    SyncError,
)
from sync.protocol import (
    API_PREFIX,
    CURSOR_INVALID,
    TOKEN_EXPIRED,
    TOKENS_REVOKED,
    AuditHead,
    CommandResults,
    DeviceHealthReport,
    EnrolmentGrant,
    EnrolmentRequest,
    Health,
    OrderDigest,
    RawFeedPage,
    RawRecords,
    RecordsRequest,
    StaffData,
    TokenPair,
    TokenRefresh,
)
from sync.token_keeper import TokenKeeper

TokenSource = Callable[[], str | None]
_Model = TypeVar("_Model", bound=BaseModel)
_CONNECT_TIMEOUT_S = 5.0
_HUB_REFUSALS = frozenset({"unauthorized", TOKEN_EXPIRED, TOKENS_REVOKED})
"""The `error` codes of the hub's own 401s; only these make the device drop its tokens."""
_READ_MARGIN_S = CALL_MARGIN_S


@functools.cache
def _ssl_context(verify: bool | str) -> ssl.SSLContext:
    """One TLS context per trust setting, shared by every client of the process.

    httpx would build one per client, loading the CA bundle each time (about 20 ms; a device
    opens three clients at start, bench/startup.py); a context is safe to share. Verification
    is never off: False is refused, so no caller can turn it off by mistake. A CA file is
    trusted besides certifi's store, never instead of it (a hub may move to a public CA).
    """
    if verify is False:
        raise ValueError("the hub's certificate is always verified")
    context = httpx.create_ssl_context(verify=True)
    if isinstance(verify, str):
        context.load_verify_locations(cafile=verify)
    return context


class InsecureHubAddress(SyncError):
    """The hub's address is plain http to another computer: nothing is sent to it."""


class HubClient:
    """One HTTP connection pool to the hub; use one instance per sync thread."""

    def __init__(
        self,
        base_url: str,
        token: TokenSource | TokenKeeper,
        *,
        verify: bool | str = True,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        """`token` is the device's TokenKeeper (renews expired tokens) or a plain source.

        `verify` is True (system trust store) or a CA bundle path; never False here.
        Raises InsecureHubAddress for a plain http:// address that is not this computer.
        """
        problem = hub_url_problem(base_url)
        if problem is not None:
            raise InsecureHubAddress(problem)
        self._token = token
        self._deadline = CallDeadline()
        context = _ssl_context(verify)
        self._http = httpx.Client(
            base_url=base_url.rstrip("/") + API_PREFIX,
            timeout=httpx.Timeout(_READ_MARGIN_S, connect=_CONNECT_TIMEOUT_S),
            verify=context,
            transport=transport or deadline_transport(context, self._deadline),
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

    def refresh_tokens(self, request: TokenRefresh) -> TokenPair:
        """Spend the refresh token on a new pair; AuthExpired when the hub refuses it."""
        body = request.model_dump(mode="json")
        return _parse(TokenPair, self._call("POST", "/token", json_body=body, auth=False))

    def staff(self) -> list[StaffData]:
        """The store's staff."""
        answer = self._call("GET", "/staff")
        if not isinstance(answer, list):
            raise ProtocolViolation("staff list is not a list")
        return [_parse(StaffData, item) for item in answer]

    def feed(
        self, after: str | None, *, limit: int, wait_s: float, first: str | None = None
    ) -> RawFeedPage:
        """One feed page after `after`; waits up to `wait_s` when nothing is newer.

        `first` (without `after`): the order of a first sync (FIRST_SYNC_RECENT, decision
        041); a hub that predates it serves the plain feed.
        """
        params: dict[str, Any] = {"limit": limit, "wait": wait_s}
        if after is not None:
            params["after"] = after
        elif first is not None:
            params["first"] = first
        reply = self._send("GET", "/feed", params=params, hold_s=wait_s)
        return _parse(RawFeedPage, _page_json(reply))

    def send_commands(
        self, commands: list[dict[str, Any]], audit_head: AuditHead | None = None
    ) -> CommandResults:
        """Send commands in order (with the audit trail's head); the hub answers each one."""
        body: dict[str, Any] = {"commands": commands}
        if audit_head is not None:
            body["audit_head"] = audit_head.model_dump(mode="json")
        reply = self._send("POST", "/commands", json_body=body)
        try:
            return CommandResults.model_validate_json(reply.content)
        except ValidationError as error:
            raise ProtocolViolation(f"hub answer does not match CommandResults: {error}") from error

    def send_audit_head(self, head: AuditHead) -> AuditHead:
        """Report the audit trail's head alone; the hub answers the head it acknowledges."""
        body = head.model_dump(mode="json")
        return _parse(AuditHead, self._call("POST", "/audit/head", json_body=body))

    def send_device_health(self, report: DeviceHealthReport) -> None:
        """Report this device's sync health; the hub publishes it to the store's feed."""
        self._call("POST", "/devices/health", json_body=report.model_dump(mode="json"))

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
        hold_s: float = 0.0,
    ) -> Any:
        reply = self._send(
            method, path, params=params, json_body=json_body, auth=auth, hold_s=hold_s
        )
        return _json_of(reply)

    def _send(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        json_body: Any = None,
        auth: bool = True,
        hold_s: float = 0.0,
    ) -> _Reply:
        """The hub's 2xx answer; any other is raised as the matching sync error.

        An access token the hub calls expired is renewed (through the keeper) and the
        request sent once more: the hub checks the token before it looks at the request,
        so nothing was applied the first time.
        """
        send = functools.partial(
            self._request, method, path, params=params, json_body=json_body, hold_s=hold_s
        )
        if not auth:
            return _successful(send(headers={}))
        token = self._access_token()
        response = send(headers=_bearer(token))
        if isinstance(self._token, TokenKeeper):
            if _refusal_code(response) == TOKEN_EXPIRED:
                token = self._token.renewed(token, self.refresh_tokens)
                response = send(headers=_bearer(token))
            if _refusal_code(response) == TOKENS_REVOKED:
                self._token.revoked(token)
        return _successful(response)

    def _access_token(self) -> str:
        if isinstance(self._token, TokenKeeper):
            token = self._token.access_token(self.refresh_tokens)
        else:
            token = self._token()
        if token is None:
            raise AuthExpired("this device has no token: enrol it first")
        return token

    def _request(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None,
        json_body: Any,
        headers: dict[str, str],
        hold_s: float,
    ) -> _Reply:
        """The hub's whole answer, whatever its status, within `hold_s` + CALL_MARGIN_S.

        HubUnreachable when there was none (DeadlinePassed when it came too slowly,
        CertificateRefused when the hub's certificate failed verification);
        ProtocolViolation when its body is over RESPONSE_BODY_MAX_BYTES or cannot be decoded.
        """
        limit_s = hold_s + CALL_MARGIN_S
        with self._deadline.running(limit_s):
            try:
                request = self._http.build_request(
                    method,
                    path,
                    params=params,
                    json=json_body,
                    headers=headers,
                    timeout=httpx.Timeout(limit_s, connect=_CONNECT_TIMEOUT_S),
                )
                response = self._http.send(request, stream=True)
                try:
                    return _Reply(response.status_code, self._body(response, limit_s))
                finally:
                    response.close()
            except httpx.DecodingError as error:
                raise ProtocolViolation(f"the reply's body cannot be decoded: {error}") from error
            except (httpx.TransportError, RuntimeError) as error:
                # RuntimeError: the client was closed under a request (shutting down).
                if self._deadline.passed():
                    raise DeadlinePassed(f"no whole answer within {limit_s:g} s") from error
                refused = certificate_problem(error, self._http.base_url.host)
                if refused is not None:
                    raise CertificateRefused(refused) from error
                raise HubUnreachable(f"{type(error).__name__}: {error}") from error

    def _body(self, response: httpx.Response, limit_s: float) -> bytes:
        """The body of `response`, read as it comes, refused past the cap or the deadline."""
        status = response.status_code
        declared = response.headers.get("content-length", "").strip()
        if declared.isdigit() and int(declared) > RESPONSE_BODY_MAX_BYTES:
            raise ProtocolViolation(f"hub answered {status} with {declared} bytes, over the cap")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > RESPONSE_BODY_MAX_BYTES:
                raise ProtocolViolation(f"hub answered {status} with more than the cap's bytes")
            chunks.append(chunk)
            if self._deadline.passed():
                raise DeadlinePassed(f"no whole answer within {limit_s:g} s")
        return b"".join(chunks)


@dataclass(frozen=True, slots=True)
class _Reply:
    """A whole answer of the hub."""

    status_code: int
    content: bytes


def _json_of(reply: _Reply) -> Any:
    """The reply's body as JSON; ProtocolViolation when it is not UTF-8 JSON."""
    try:
        text = reply.content.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ProtocolViolation(f"hub answered {reply.status_code} with no UTF-8 text") from error
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as error:
        raise ProtocolViolation(f"hub answered {reply.status_code} with no JSON") from error


def _page_json(reply: _Reply) -> Any:
    """A feed page's body as JSON: pydantic-core's parser, a third faster than json.loads on
    a page of orders (which holds the GIL, so the GUI thread waits); a body it refuses (a
    lone surrogate escape in a record, which must cost only that record) goes the usual way.
    Not `validate_json`: slower still on a page whose records stay raw."""
    try:
        return pydantic_core.from_json(reply.content)
    except ValueError:
        return _json_of(reply)


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _refusal_code(response: _Reply) -> str:
    """The error code of a 401 answer ("" for any other)."""
    return str(_error_body(response).get("error", "")) if response.status_code == 401 else ""


def _response_arrived(response: httpx.Response) -> None:
    # Called once the status line and headers are in, before the body is read.
    if response.request.method == "POST" and response.request.url.path.endswith("/commands"):
        failpoints.hit(failpoints.AFTER_REQUEST_BEFORE_REPLY)
    if response.request.method == "POST" and response.request.url.path.endswith("/token"):
        failpoints.hit(failpoints.REFRESH_AFTER_REQUEST_BEFORE_REPLY)


def _successful(response: _Reply) -> _Reply:
    status = response.status_code
    if 200 <= status < 300:
        return response
    if status == 429 or status >= 500:
        raise HubBusy(status)
    body = _error_body(response)
    error = str(body.get("error", ""))
    message = str(body.get("message", "") or body.get("detail", ""))
    if status == 401:
        if error not in _HUB_REFUSALS:
            # Not the hub's own refusal (a captive portal or proxy answering 401, often in
            # HTML): the hub was not asked, so the tokens stay and the request is retried.
            raise HubUnreachable(
                "got 401 without the hub's error body: a proxy or captive portal is in the way"
            )
        raise AuthExpired(message or "the hub refused this device's token")
    if status == 410 and error == CURSOR_INVALID:
        raise CursorInvalid(message)
    details = body.get("details")
    raise RequestRefused(status, error, message, details if isinstance(details, dict) else {})


def _error_body(response: _Reply) -> dict[str, Any]:
    try:
        body = _json_of(response)
    except ProtocolViolation:
        return {}
    return body if isinstance(body, dict) else {}


def _parse(model: type[_Model], data: Any) -> _Model:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise ProtocolViolation(f"hub answer does not match {model.__name__}: {error}") from error

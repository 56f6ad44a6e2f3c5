"""The hub's HTTP face: the /v1 FastAPI application, its auth and its ErrorBody answers."""

from __future__ import annotations

import logging
import threading
from typing import Annotated, Any, Final, Literal, cast

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from hub.api.request_guards import BodyCap, RequestGuards, Throttle
from hub.devices.enrolment import Device
from hub.doors.device_api import DeviceApi
from hub.errors import HubError, TooManyRequests, Unauthorized
from sync.protocol import (
    API_PREFIX,
    AuditAlarm,
    AuditHead,
    CommandBatch,
    CommandResults,
    DeviceHealthData,
    DeviceHealthReport,
    EnrolmentGrant,
    EnrolmentRequest,
    ErrorBody,
    FeedPage,
    Health,
    OrderDigest,
    RawRecords,
    RecordsRequest,
    StaffData,
    TokenPair,
    TokenRefresh,
)

logger = logging.getLogger(__name__)

TITLE: Final = "Storeside order hub"
VERSION: Final = "1"
_BEARER: Final = HTTPBearer(
    auto_error=False,
    description="The device's access token, from POST /v1/enrol, renewed at POST /v1/token.",
)


_FIRST_SYNC_WORDS: Final = (
    "Without `after`: `recent` serves every record but orders and tasks first (settings,"
    " staff, catalogue), then orders and tasks newest change first (today's before the"
    " history), then carries on as the feed (decision 041)"
)
_ALWAYS: Final = (413, 422, 500)
"""Every operation may answer these: body too large, request unreadable, the hub failed."""
_WITH_BODY: Final = (400,)
"""Operations taking a body may also answer 400 when the body cannot be read at all."""
_RETRY_AFTER: Final = {
    "Retry-After": {"description": "Whole seconds to wait", "schema": {"type": "integer"}}
}


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    answers: dict[int | str, dict[str, Any]] = {
        code: {"model": ErrorBody} for code in sorted({*codes, *_ALWAYS})
    }
    if 401 in answers:
        answers[401]["headers"] = {"WWW-Authenticate": {"schema": {"type": "string"}}}
    if 429 in answers:
        answers[429]["headers"] = _RETRY_AFTER
    return answers


def _body_errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    return _errors(*codes, *_WITH_BODY)


def _devices(request: Request) -> DeviceApi:
    return cast(DeviceApi, request.app.state.devices)


DevicesDep = Annotated[DeviceApi, Depends(_devices)]


def _device(
    devices: DevicesDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_BEARER)],
) -> Device:
    if credentials is None:
        raise Unauthorized("A device token is required. Enrol this device first.")
    return devices.authenticate(credentials.credentials)


DeviceDep = Annotated[Device, Depends(_device)]


_INTEGER_MAX: Final = 2**63 - 1
"""The largest integer the hub's database stores; the wire types set no ceiling of their own."""


class _NumberTooLarge(HubError):
    status_code = 422
    error = "invalid_request"


def _within_store(value: object) -> None:
    """Refuse a body holding an integer the database cannot store (else a 500 on write)."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, int) and not isinstance(item, bool):
            if abs(item) > _INTEGER_MAX:
                raise _NumberTooLarge(
                    f"A number in the request is too large (at most {_INTEGER_MAX})."
                )
        elif isinstance(item, dict):
            pending.extend(item.values())
        elif isinstance(item, list | tuple):
            pending.extend(item)
        elif isinstance(item, BaseModel):
            pending.extend(getattr(item, name) for name in type(item).model_fields)


def _guards(request: Request) -> RequestGuards:
    return cast(RequestGuards, request.app.state.guards)


def _throttle(request: Request) -> Throttle:
    return cast(Throttle, request.app.state.throttle)


def _address(request: Request) -> str:
    return "unknown" if request.client is None else request.client.host


router = APIRouter(prefix=API_PREFIX)


@router.get("/health", responses=_errors())
def get_health(devices: DevicesDep) -> Health:
    """Liveness, the hub's clock and the current feed epoch. No token needed."""
    return devices.health()


@router.post("/enrol", responses=_body_errors(403, 409, 429))
def post_enrol(body: EnrolmentRequest, request: Request, devices: DevicesDep) -> EnrolmentGrant:
    """Spend a one-time enrolment code; the token in the answer is never shown again."""
    guards = _guards(request)
    _throttle(request).attempt(
        "enrolment",
        [
            ("enrol-address", _address(request), guards.enrol_per_address),
            ("enrol-store", body.store_code.casefold(), guards.enrol_per_store),
        ],
    )
    return devices.enrol(body)


@router.post("/token", responses=_body_errors(401, 429))
def post_token(body: TokenRefresh, request: Request, devices: DevicesDep) -> TokenPair:
    """Spend the refresh token on a new pair; a retry with the same request id gets the same
    pair, any other reuse of a spent token revokes the device's tokens (401 tokens_revoked)."""
    limit = _guards(request).token_per_address
    _throttle(request).attempt("token", [("token-address", _address(request), limit)])
    return devices.refresh_tokens(body)


@router.get("/staff", responses=_errors(401))
def get_staff(devices: DevicesDep, device: DeviceDep) -> list[StaffData]:
    """Every staff member of the device's store, with PIN verifiers for offline sign-in."""
    return devices.staff(device.store_id)


@router.get("/feed", response_model=FeedPage, responses=_errors(401, 410))
def get_feed(
    *,
    request: Request,
    devices: DevicesDep,
    device: DeviceDep,
    after: Annotated[str | None, Query(description="Cursor of the previous page")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
    wait: Annotated[float, Query(ge=0, le=30, description="Long-poll seconds")] = 0,
    first: Annotated[Literal["recent"] | None, Query(description=_FIRST_SYNC_WORDS)] = None,
) -> Response:
    """The store's change feed after `after`, each entity once at its latest version.

    Records are served as stored, their JSON text neither parsed nor re-validated, so a
    device meets exactly what the hub holds (the device validates each record on its own).
    """
    stopping = cast(threading.Event, request.app.state.stopping)
    page = devices.read_feed_text(
        device.store_id, after, limit=limit, wait_s=wait, give_up=stopping.is_set, first=first
    )
    return Response(page.body(), media_type="application/json")


@router.post("/commands", response_model=CommandResults, responses=_body_errors(401))
def post_commands(batch: CommandBatch, devices: DevicesDep, device: DeviceDep) -> Response:
    """Apply the device's commands in order; each answered applied, duplicate or rejected.

    A command id reused with a different body answers 422 command_id_reused for the whole
    request; commands before it in the batch stay applied, none after it is applied.
    """
    # The audit head is noted after the commands: a shrunken trail raises an alarm at the
    # hub, but never costs the store the actions it sent.
    _within_store(batch)
    results = devices.receive_commands(device, batch.commands, batch.audit_head)
    # The answers are wire models already: serialised as they are, not dumped, validated
    # again and dumped once more on the way out.
    return Response(results.model_dump_json(), media_type="application/json")


@router.get("/digest", responses=_errors(401))
def get_digest(devices: DevicesDep, device: DeviceDep) -> OrderDigest:
    """The store's open orders with their versions, for the device's anti-entropy check."""
    return devices.order_digest(device.store_id)


@router.post("/records", response_model=RawRecords, responses=_body_errors(401))
def post_records(body: RecordsRequest, devices: DevicesDep, device: DeviceDep) -> JSONResponse:
    """The current feed records of the orders asked for (those of the device's store)."""
    records = devices.order_records(device.store_id, body.order_ids)
    return JSONResponse(records.model_dump(mode="json"))


@router.post("/audit/head", responses=_body_errors(401))
def post_audit_head(body: AuditHead, devices: DevicesDep, device: DeviceDep) -> AuditHead:
    """Take the device's audit trail head when it has no commands to send; answer the anchor."""
    _within_store(body)
    return devices.note_audit_head(device, body)


@router.post("/devices/health", responses=_body_errors(401))
def post_device_health(
    body: DeviceHealthReport, devices: DevicesDep, device: DeviceDep
) -> DeviceHealthData:
    """Take the device's own sync health; every device of the store gets it through the feed."""
    _within_store(body)
    return devices.note_device_health(device, body)


@router.get("/audit/alarms", responses=_errors(401))
def get_audit_alarms(devices: DevicesDep, device: DeviceDep) -> list[AuditAlarm]:
    """The store's devices whose audit trail came back shorter or rewritten, oldest first."""
    return devices.audit_alarms(device.store_id)


def create_app(
    devices: DeviceApi,
    *,
    shutdown: threading.Event | None = None,
    guards: RequestGuards | None = None,
) -> FastAPI:
    """The FastAPI application serving the device API under /v1, bodies capped, enrolment throttled.

    Setting `shutdown` makes waiting long-polls answer at once (the server is stopping);
    `guards` sets the throttle figures (the defaults of RequestGuards otherwise).
    """
    guards = guards or RequestGuards()
    app = _bare_app()
    app.state.devices = devices
    app.state.stopping = shutdown or threading.Event()
    app.state.guards = guards
    app.state.throttle = Throttle(devices.clock, guards.window_s)
    app.include_router(router)
    app.add_middleware(BodyCap)
    _install_error_handlers(app)
    return app


def _bare_app() -> FastAPI:
    return FastAPI(
        title=TITLE,
        version=VERSION,
        description="Store-facing API of the unified order platform (wire contract v1).",
    )


def openapi_document() -> dict[str, Any]:
    """The hub's OpenAPI document, as GET /openapi.json serves it, without a hub behind it."""
    app = _bare_app()
    app.include_router(router)
    return app.openapi()


def _error_response(
    status: int, body: ErrorBody, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(body.model_dump(mode="json"), status_code=status, headers=headers)


_HTTP_SENTENCES: Final = {
    400: "The request body cannot be read.",
    404: "There is nothing at this address.",
    405: "This address does not take that method; see the Allow header.",
}


def _printable(text: str) -> str:
    """`text` without control characters or lone surrogates, safe in any JSON answer."""
    return "".join(
        "?" if (ord(ch) < 32 or 0xD800 <= ord(ch) <= 0xDFFF or ord(ch) == 0x7F) else ch
        for ch in text
    )


def _install_error_handlers(app: FastAPI) -> None:
    async def on_hub_error(_request: Request, exc: Exception) -> JSONResponse:
        error = cast(HubError, exc)
        headers = {"WWW-Authenticate": "Bearer"} if isinstance(error, Unauthorized) else None
        if isinstance(error, TooManyRequests):
            headers = {"Retry-After": str(error.retry_after_s)}
        body = ErrorBody(error=error.error, message=error.message, details=error.details)
        return _error_response(error.status_code, body, headers)

    async def on_invalid_request(_request: Request, exc: Exception) -> JSONResponse:
        # Only type, place and wording go back: never the input (a 2 MB note, a lone
        # surrogate) nor pydantic's context objects.
        errors = [
            {
                "type": str(error.get("type", "")),
                "loc": [str(part) for part in error.get("loc", ())],
                "msg": _printable(str(error.get("msg", ""))),
            }
            for error in cast(RequestValidationError, exc).errors()
        ]
        first = errors[0] if errors else {"loc": [], "msg": ""}
        where = ".".join(first["loc"]) or "request"
        body = ErrorBody(
            error="invalid_request",
            message=_printable(
                f"The request does not match the hub's schema: {where}: {first['msg']}."
            )[:500],
            details={"errors": errors[:20]},
        )
        return _error_response(422, body)

    async def on_http_error(_request: Request, exc: Exception) -> JSONResponse:
        http = cast(StarletteHTTPException, exc)
        code = "not_found" if http.status_code == 404 else f"http_{http.status_code}"
        message = _HTTP_SENTENCES.get(http.status_code, "The hub cannot answer this request.")
        return _error_response(
            http.status_code, ErrorBody(error=code, message=message), dict(http.headers or {})
        )

    async def on_bug(_request: Request, exc: Exception) -> JSONResponse:
        logger.error("Unhandled error in the hub API", exc_info=exc)
        body = ErrorBody(error="internal_error", message="The hub failed; try again shortly.")
        return _error_response(500, body)

    app.add_exception_handler(HubError, on_hub_error)
    app.add_exception_handler(RequestValidationError, on_invalid_request)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(Exception, on_bug)

"""The hub's HTTP face: the /v1 FastAPI application, its auth and its ErrorBody answers."""

from __future__ import annotations

import logging
import threading
from typing import Annotated, Any, Final, cast

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException as StarletteHTTPException

from hub.enrolment import Device
from hub.errors import HubError, Unauthorized
from hub.order_book import Hub
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


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {code: {"model": ErrorBody} for code in (*codes, 422)}


def _hub(request: Request) -> Hub:
    return cast(Hub, request.app.state.hub)


HubDep = Annotated[Hub, Depends(_hub)]


def _device(
    hub: HubDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_BEARER)],
) -> Device:
    if credentials is None:
        raise Unauthorized("A device token is required. Enrol this device first.")
    return hub.authenticate(credentials.credentials)


DeviceDep = Annotated[Device, Depends(_device)]

router = APIRouter(prefix=API_PREFIX)


@router.get("/health", responses=_errors())
def get_health(hub: HubDep) -> Health:
    """Liveness, the hub's clock and the current feed epoch. No token needed."""
    return hub.health()


@router.post("/enrol", responses=_errors(403, 409))
def post_enrol(body: EnrolmentRequest, hub: HubDep) -> EnrolmentGrant:
    """Spend a one-time enrolment code; the token in the answer is never shown again."""
    return hub.enrol(body)


@router.post("/token", responses=_errors(401))
def post_token(body: TokenRefresh, hub: HubDep) -> TokenPair:
    """Spend the refresh token on a new pair; a retry with the same request id gets the same
    pair, any other reuse of a spent token revokes the device's tokens (401 tokens_revoked)."""
    return hub.refresh_tokens(body)


@router.get("/staff", responses=_errors(401))
def get_staff(hub: HubDep, device: DeviceDep) -> list[StaffData]:
    """Every staff member of the device's store, with PIN verifiers for offline sign-in."""
    return hub.staff(device.store_id)


@router.get("/feed", response_model=FeedPage, responses=_errors(401, 410))
def get_feed(
    *,
    request: Request,
    hub: HubDep,
    device: DeviceDep,
    after: Annotated[str | None, Query(description="Cursor of the previous page")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
    wait: Annotated[float, Query(ge=0, le=30, description="Long-poll seconds")] = 0,
) -> JSONResponse:
    """The store's change feed after `after`, each entity once at its latest version.

    Records are served as stored, without re-validation, so a device meets exactly what the
    hub holds (the device validates each record on its own).
    """
    stopping = cast(threading.Event, request.app.state.stopping)
    page = hub.read_feed(device.store_id, after, limit=limit, wait_s=wait, give_up=stopping.is_set)
    return JSONResponse(page.model_dump(mode="json"))


@router.post("/commands", response_model=CommandResults, responses=_errors(401))
def post_commands(batch: CommandBatch, hub: HubDep, device: DeviceDep) -> Response:
    """Apply the device's commands in order; each answered applied, duplicate or rejected.

    A command id reused with a different body answers 422 command_id_reused for the whole
    request; commands before it in the batch stay applied, none after it is applied.
    """
    # The audit head is noted after the commands: a shrunken trail raises an alarm at the
    # hub, but never costs the store the actions it sent.
    results = hub.receive_commands(device, batch.commands, batch.audit_head)
    # The answers are wire models already: serialised as they are, not dumped, validated
    # again and dumped once more on the way out.
    return Response(results.model_dump_json(), media_type="application/json")


@router.get("/digest", responses=_errors(401))
def get_digest(hub: HubDep, device: DeviceDep) -> OrderDigest:
    """The store's open orders with their versions, for the device's anti-entropy check."""
    return hub.order_digest(device.store_id)


@router.post("/records", response_model=RawRecords, responses=_errors(401))
def post_records(body: RecordsRequest, hub: HubDep, device: DeviceDep) -> JSONResponse:
    """The current feed records of the orders asked for (those of the device's store)."""
    records = hub.order_records(device.store_id, body.order_ids)
    return JSONResponse(records.model_dump(mode="json"))


@router.post("/audit/head", responses=_errors(401))
def post_audit_head(body: AuditHead, hub: HubDep, device: DeviceDep) -> AuditHead:
    """Take the device's audit trail head when it has no commands to send; answer the anchor."""
    return hub.note_audit_head(device, body)


@router.post("/devices/health", responses=_errors(401))
def post_device_health(
    body: DeviceHealthReport, hub: HubDep, device: DeviceDep
) -> DeviceHealthData:
    """Take the device's own sync health; every device of the store gets it through the feed."""
    return hub.note_device_health(device, body)


@router.get("/audit/alarms", responses=_errors(401))
def get_audit_alarms(hub: HubDep, device: DeviceDep) -> list[AuditAlarm]:
    """The store's devices whose audit trail came back shorter or rewritten, oldest first."""
    return hub.audit_alarms(device.store_id)


def create_app(hub: Hub, *, shutdown: threading.Event | None = None) -> FastAPI:
    """The FastAPI application serving `hub` under /v1.

    Setting `shutdown` makes waiting long-polls answer at once (the server is stopping).
    """
    app = FastAPI(
        title=TITLE,
        version=VERSION,
        description="Store-facing API of the unified order platform (wire contract v1).",
    )
    app.state.hub = hub
    app.state.stopping = shutdown or threading.Event()
    app.include_router(router)
    _install_error_handlers(app)
    return app


def _error_response(
    status: int, body: ErrorBody, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(body.model_dump(mode="json"), status_code=status, headers=headers)


def _install_error_handlers(app: FastAPI) -> None:
    async def on_hub_error(_request: Request, exc: Exception) -> JSONResponse:
        error = cast(HubError, exc)
        headers = {"WWW-Authenticate": "Bearer"} if isinstance(error, Unauthorized) else None
        body = ErrorBody(error=error.error, message=error.message, details=error.details)
        return _error_response(error.status_code, body, headers)

    async def on_invalid_request(_request: Request, exc: Exception) -> JSONResponse:
        errors = jsonable_encoder(cast(RequestValidationError, exc).errors())
        body = ErrorBody(
            error="invalid_request",
            message="The request does not match the hub's schema.",
            details={"errors": errors},
        )
        return _error_response(422, body)

    async def on_http_error(_request: Request, exc: Exception) -> JSONResponse:
        http = cast(StarletteHTTPException, exc)
        code = "not_found" if http.status_code == 404 else f"http_{http.status_code}"
        return _error_response(http.status_code, ErrorBody(error=code, message=str(http.detail)))

    async def on_bug(_request: Request, exc: Exception) -> JSONResponse:
        logger.error("Unhandled error in the hub API", exc_info=exc)
        body = ErrorBody(error="internal_error", message="The hub failed; try again shortly.")
        return _error_response(500, body)

    app.add_exception_handler(HubError, on_hub_error)
    app.add_exception_handler(RequestValidationError, on_invalid_request)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(Exception, on_bug)

"""Fixtures of the hub's unit tests: a hub on a temp SQLite file with a frozen clock, a device."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from hub.composition import Hub, compose_hub
from hub.devices.enrolment import Device
from sync.protocol import COMMAND, Command, CommandResult, EnrolmentRequest
from tests.fakes import FrozenClock

ENROLMENT_CODE = "TEST-CODE"
CASHIER = "staff-wangfang"
PICKER = "staff-liqiang"
MANAGER = "staff-chenjing"

CommandFactory = Callable[..., Command]


@pytest.fixture
def hub(tmp_path: Path, clock: FrozenClock) -> Iterator[Hub]:
    """A hub with the demo store, a known enrolment code and time that moves only on request."""
    service = compose_hub(
        tmp_path / "hub.db", clock=clock, seed=7, enrolment_codes=(ENROLMENT_CODE,)
    )
    yield service
    service.close()


@pytest.fixture
def device(hub: Hub) -> Device:
    """The counter PC, enrolled with the demo store."""
    grant = hub.devices.enrol(
        EnrolmentRequest(store_code="DEMO01", enrolment_code=ENROLMENT_CODE, device_name="counter")
    )
    return hub.devices.authenticate(grant.device_token)


@pytest.fixture
def make_command(clock: FrozenClock) -> CommandFactory:
    """Builds a wire command: make_command("accept_order", order_id, staff_id=..., **fields)."""

    def build(
        command_type: str,
        order_id: str,
        *,
        staff_id: str = CASHIER,
        command_id: uuid.UUID | None = None,
        **fields: Any,
    ) -> Command:
        return COMMAND.validate_python(
            {
                "type": command_type,
                "command_id": command_id or uuid.uuid4(),
                "staff_id": staff_id,
                "issued_at": clock(),
                "order_id": order_id,
                **fields,
            }
        )

    return build


def send_command(
    hub: Hub, device: Device, clock: FrozenClock, kind: str, staff_id: str, **fields: Any
) -> CommandResult:
    """Send one command of `kind` from `staff_id` on `device`, issued now; the hub's answer."""
    command = COMMAND.validate_python(
        {
            "type": kind,
            "command_id": uuid.uuid4(),
            "staff_id": staff_id,
            "issued_at": clock(),
            **fields,
        }
    )
    [result] = hub.devices.apply_commands(device, [command])
    return result

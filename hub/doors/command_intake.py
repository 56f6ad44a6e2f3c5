"""A device's batch of commands taken in: each to its family's handler, all stored in one commit."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Final

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from hub.devices import audit_heads
from hub.devices.enrolment import Device
from hub.doors.hub_state import HubState
from hub.fulfilment import tasks
from hub.fulfilment.picking_commands import apply_picking_command
from hub.orders.command_batch import CommandBatch
from sync.protocol import (
    AuditHead,
    Command,
    CommandResult,
    CommandResults,
    PauseChannel,
    StaffCommand,
    TaskCommand,
)

logger = logging.getLogger(__name__)

_MOVES_TASKS: Final = frozenset(
    {
        "accept_order",
        "accept_exception_order",
        "reject_order",
        "hand_over",
        "answer_cancel_request",
        "answer_refund_request",
    }
)
"""Order commands after which the order's tasks may change: an accepted order gets its pick
task, a closed or handed-over one has its open tasks cancelled (`tasks.follow_order`)."""


def receive_commands(
    state: HubState,
    device: Device,
    commands: Sequence[Command],
    audit_head: AuditHead | None = None,
) -> CommandResults:
    """Apply `commands` in order, each on its own, and answer each; note the device's audit
    head in the same transaction (one commit per request, not two) and answer the head the
    hub holds for it.

    Raises CommandIdReused at the first command whose id came before with another body: the
    commands before it stay applied; it and every later one are not applied. Any other error
    while applying a command stops the batch there in the same way, then propagates. The
    applied commands are stored in one transaction: should storing fail, none of them is
    applied (the device sends them again). The head is noted after the commands, in a
    savepoint: a trouble with it never costs the store its actions.
    """
    results: list[CommandResult] = []
    acknowledged: AuditHead | None = None
    failure: Exception | None = None
    with state.writing() as session:
        # Order and busy-mode commands are batched; a picking command is applied on its own
        # after the batch before it is stored, so each sees what came before it.
        batch: CommandBatch | None = None
        touched: list[str] = []
        order_side = [c for c in commands if not isinstance(c, StaffCommand | TaskCommand)]
        for command in commands:
            try:
                if isinstance(command, StaffCommand | TaskCommand):
                    _close_batch(state, session, batch, touched)
                    batch = None
                    results.append(
                        apply_picking_command(
                            session, device, command, state.clock(), dedupe=state.dedupe_enabled
                        )
                    )
                    continue
                if batch is None:
                    batch = CommandBatch(session, device, order_side, dedupe=state.dedupe_enabled)
                results.append(batch.apply(command, state.clock()))
                if not isinstance(command, PauseChannel) and command.type in _MOVES_TASKS:
                    touched.append(command.order_id)
            except Exception as error:  # raised below, once the ones before it are stored
                failure = error
                break
        _close_batch(state, session, batch, touched)
        if audit_head is not None and failure is None:
            acknowledged = _note_head_in(state, session, device, audit_head)
    if failure is not None:
        raise failure
    return CommandResults(results=results, audit_head=acknowledged)


def _note_head_in(
    state: HubState, session: Session, device: Device, head: AuditHead
) -> AuditHead | None:
    try:
        with session.begin_nested():
            return audit_heads.note_head(session, device, head, state.clock())
    except SQLAlchemyError:
        logger.exception("audit head of device %s not noted", device.device_id)
        return None


def _close_batch(
    state: HubState, session: Session, batch: CommandBatch | None, touched: list[str]
) -> None:
    """Store an order batch, then bring the touched orders' tasks in line with them."""
    if batch is None:
        return
    batch.write()
    session.expire_all()
    orders = batch.orders_now(dict.fromkeys(touched))
    tasks.follow_orders(session, orders, state.clock(), state.catalogue)
    touched.clear()

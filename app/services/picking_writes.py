"""The picker's writes to the cache: count units, make the pack task, queue a command.

Each runs in the caller's transaction (one user action = one transaction with its outbox row).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from app.domain.action_permissions import TASK_COMMAND_PERMISSIONS, is_audited
from app.domain.vocabulary import TaskKind, TaskLineStatus, TaskStatus
from app.read_models import SignedInStaff
from app.services import outbox_commands, permission_gate
from local_db import task_repository
from local_db.task_repository import TaskLineSnapshot, TaskSnapshot

if TYPE_CHECKING:  # the barcode parser loads with the handheld, not with the manager's screen
    from app.services.weighed_pick import WeighedPick


def count_units(  # noqa: PLR0917 (one pick: who, where, how many, when, what was scanned)
    session: Session,
    actor: SignedInStaff,
    task: TaskSnapshot,
    line: TaskLineSnapshot,
    quantity: int,
    now: datetime,
    scanned_code: str,
    weighed: WeighedPick | None,
) -> None:
    """Count units of a line locally and queue the pick command, in the caller's transaction."""
    picked = line.picked_quantity + quantity
    values: dict[str, Any] = {
        "picked_quantity": picked,
        "status": (TaskLineStatus.PICKED if picked == line.quantity else TaskLineStatus.OPEN).value,
    }
    arguments: dict[str, Any] = {"line_id": line.line_id, "quantity": quantity}
    if scanned_code.strip():
        arguments["scanned_code"] = scanned_code.strip()[:64]
    if weighed is not None:
        values["actual_weight_g"] = (line.actual_weight_g or 0) + weighed.actual_g
        values["price_difference_cents"] = line.price_difference_cents + (
            weighed.price_difference_cents
        )
        arguments["actual_weight_g"] = weighed.actual_g
        arguments["price_difference_cents"] = weighed.price_difference_cents
    task_repository.update_line(session, task.task_id, line.line_id, **values)
    queue_task_command(session, actor, task, "pick_line", arguments, now)


def make_pack_task(session: Session, task: TaskSnapshot) -> None:
    """Add the pack task that follows `task` (made here so packing works offline)."""
    pack_id = f"{task.order_id}-{TaskKind.PACK.value}"
    if task_repository.get_task(session, pack_id) is not None:
        return
    row = {
        "task_id": pack_id,
        "order_id": task.order_id,
        "kind": TaskKind.PACK.value,
        "status": TaskStatus.IN_PROGRESS.value,
        "assignee_staff_id": task.assignee_staff_id,
        "due_at": task.due_at,
        "bag_count": None,
        "channel": task.channel,
        "daily_serial": task.daily_serial,
        "out_of_stock_preference": task.out_of_stock_preference,
        "version": 0,
    }
    lines = [
        {
            "line_id": line.line_id,
            "sku": line.sku,
            "name": line.name,
            "barcode": line.barcode,
            "quantity": line.picked_quantity,
            "picked_quantity": line.picked_quantity,
            "status": TaskLineStatus.PICKED.value,
            "location_zone": line.location_zone,
            "location_aisle": line.location_aisle,
            "location_shelf": line.location_shelf,
            "location_position": line.location_position,
            "weighed": line.weighed,
            "ordered_weight_g": line.ordered_weight_g,
            "actual_weight_g": line.actual_weight_g,
            "price_difference_cents": line.price_difference_cents,
        }
        for line in task.lines
        if line.picked_quantity > 0
    ]
    task_repository.insert_task(session, row, lines)


def queue_task_command(  # noqa: PLR0917 (the parts of one command on a task)
    session: Session,
    actor: SignedInStaff,
    task: TaskSnapshot,
    command_type: str,
    arguments: dict[str, Any],
    now: datetime,
) -> None:
    """Queue a command on `task` for the hub, in the caller's transaction."""
    arguments = {"task_id": task.task_id, **arguments}
    queue_command(session, actor, command_type, "task", task.task_id, arguments, now, task.version)


def queue_command(  # noqa: PLR0917 (the parts of one outbox row)
    session: Session,
    actor: SignedInStaff,
    command_type: str,
    entity_kind: str,
    entity_id: str,
    arguments: dict[str, Any],
    now: datetime,
    base_version: int | None,
) -> None:
    """Queue one command for the hub and, for the steps the trail keeps (decision 019), its
    audit entry, in the caller's transaction."""
    outbox_commands.add_command(
        session,
        actor,
        command_type=command_type,
        entity_kind=entity_kind,
        entity_id=entity_id,
        base_version=base_version,
        arguments=arguments,
        now=now,
    )
    permission = TASK_COMMAND_PERMISSIONS.get(command_type)
    if permission is not None and is_audited(command_type, permission):
        permission_gate.record_done(
            session,
            lambda: now,
            actor,
            permission,
            subject=entity_id,
            detail={"command": command_type},
        )

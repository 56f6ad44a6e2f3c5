"""One person's command for the hub, as every service puts it in the outbox.

The envelope is the same for every command (its id, type, sender, time, the version it was
based on, and the approving manager of an override); only the arguments differ. Keeping it in
one place keeps the wire contract in one place on the device side.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app.read_models import SignedInStaff
from app.services import input_checks, permission_gate
from local_db import failpoints, outbox_repository


def add_command(
    session: Session,
    actor: SignedInStaff,
    *,
    command_type: str,
    entity_kind: str,
    entity_id: str,
    base_version: int | None,
    arguments: dict[str, Any],
    now: datetime,
) -> str:
    """Put the command in the outbox in the caller's transaction; returns its id.

    Enum arguments are sent as their values. The arguments are checked against the wire's
    limits first (behind each service's own checks): raises input_checks.InputRefused, and
    nothing is queued, when the hub would refuse them. The failpoint lets the reliability
    suite kill the process between a person's change and its outbox row (they commit
    together or not).
    """
    values = {key: getattr(value, "value", value) for key, value in arguments.items()}
    input_checks.check_arguments(values)
    failpoints.hit(failpoints.BETWEEN_CHANGE_AND_OUTBOX)
    command_id = str(uuid.uuid4())
    outbox_repository.add_command(
        session,
        command_id=command_id,
        command_type=command_type,
        entity_kind=entity_kind,
        entity_id=entity_id,
        staff_id=actor.staff_id,
        payload={
            "command_id": command_id,
            "type": command_type,
            "staff_id": actor.staff_id,
            "issued_at": now.isoformat(),
            "base_version": base_version,
            **values,
            **permission_gate.override_fields(actor),
        },
        created_at=now,
    )
    return command_id

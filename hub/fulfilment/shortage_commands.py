"""The `decide_shortage` command at the hub: who may decide, then the decision itself.

Called from hub/fulfilment/picking_commands.py inside the command's savepoint, so a refused
decision leaves nothing behind and is answered like any picking command.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Final

from sqlalchemy.orm import Session

from app.domain.permissions import Permission, may
from app.domain.vocabulary import RecordKind
from hub.catalogue import CATALOGUE, Catalogue
from hub.errors import Refusal
from hub.fulfilment import shortages
from hub.storage.tables import ShortageRow, StaffRow
from sync.protocol import DecideShortage, ShortageDecision

_NEEDS: Final[dict[ShortageDecision, tuple[Permission, ...]]] = {
    "found": (Permission.DECIDE_SHORTAGE,),
    "substitute": (Permission.DECIDE_SHORTAGE,),
    "partial_refund": (Permission.DECIDE_SHORTAGE, Permission.REFUND),
    "cancel_order": (Permission.DECIDE_SHORTAGE, Permission.CANCEL),
}
"""What each decision asks of the sender's roles (a manager's approval lends theirs for the
sensitive ones: refund, cancel)."""
_WORDS: Final[dict[ShortageDecision, str]] = {
    "found": "found it: the line is picked again",
    "substitute": "substitute",
    "partial_refund": "partial refund",
    "cancel_order": "the order is cancelled",
}


def shortage_entity(command: DecideShortage) -> tuple[RecordKind, str]:
    """The entity a decision is answered with: the shortage it decides."""
    return RecordKind.SHORTAGE, command.shortage_id


def decide_shortage(
    session: Session,
    sender: StaffRow,
    command: DecideShortage,
    now: datetime,
    catalogue: Catalogue = CATALOGUE,
) -> str:
    """Check the sender may make this decision, apply it; return what it did, in words.

    Raises Refusal when the sender may not, the shortage is unknown to this task or decided.
    """
    approver = _approver_roles(session, command, sender.store_id)
    for permission in _NEEDS[command.decision]:
        if not may(sender.roles, permission, approver):
            raise Refusal(
                "not_permitted",
                f"{sender.name} may not decide this shortage that way ({permission.value}):"
                " a manager must.",
            )
    row = session.get(ShortageRow, command.shortage_id)
    if row is None or row.store_id != sender.store_id or row.task_id != command.task_id:
        raise Refusal("unknown_shortage", "This shortage is not known to the hub.")
    decided = shortages.resolve(
        session,
        command.shortage_id,
        command.decision,
        now,
        catalogue,
        substitute_sku=command.substitute_sku,
        note=command.note,
        command_id=str(command.command_id),
    )
    words = _WORDS[command.decision]
    if decided.substitute_name:
        words = f"{words} with {decided.substitute_name}"
    if decided.refund_cents:
        words = f"{words}, {decided.refund_cents / 100:.2f} refunded"
    return f"Shortage decided: {words}."


def _approver_roles(session: Session, command: DecideShortage, store_id: str) -> Iterable[str]:
    """The roles of the manager who approved the command on someone else's session, if any
    (an approver of another store, or no longer active, approves nothing)."""
    if command.approved_by is None:
        return ()
    approver = session.get(StaffRow, command.approved_by)
    if approver is None or approver.store_id != store_id or not approver.active:
        return ()
    return tuple(approver.roles)

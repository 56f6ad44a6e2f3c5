"""The services' gate to the permission matrix: check before any change, audit the outcome.

A service asks `allows` before it reads or writes anything for an action; a refusal is written
to the audit trail in its own short transaction (nothing else changes) by `refuse`, and a
change that went through is recorded by `record_done` inside the change's own transaction,
so the change, its outbox row and its entry commit together or not at all.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.domain.action_permissions import acting_roles
from app.domain.audit_chain import AuditResult
from app.domain.clock import Clock
from app.domain.permissions import Permission, may
from app.domain.vocabulary import Role
from app.read_models import SignedInStaff
from app.services import audit
from local_db.database import Database

_log = logging.getLogger(__name__)


def allows(actor: SignedInStaff, permission: Permission) -> bool:
    """Whether `actor` may do `permission`, themselves or by a manager's override."""
    approver = actor.approved_by
    return may(actor.roles, permission, () if approver is None else approver.roles)


def roles_for(actor: SignedInStaff, permission: Permission) -> frozenset[Role]:
    """The roles the life cycle sees for the action: an approving manager's count too when
    the action is sensitive and the matrix let it through on their override."""
    approver = actor.approved_by
    return acting_roles(
        frozenset(actor.roles), permission, frozenset() if approver is None else approver.roles
    )


def override_fields(actor: SignedInStaff) -> dict[str, str]:
    """What a command carries of an override: the approving manager's staff id (or nothing),
    for the hub to check that person again."""
    return {} if actor.approved_by is None else {"approved_by": actor.approved_by.staff_id}


def record_done(
    session: Session,
    clock: Clock,
    actor: SignedInStaff,
    permission: Permission,
    *,
    subject: str,
    detail: Mapping[str, Any] | None = None,
    action: str | None = None,
) -> None:
    """Record a change that went through, in the caller's (the change's) transaction.

    The entry is named after the permission unless `action` names it (setting_change).
    """
    audit.record(
        session,
        clock,
        action=action or permission.value,
        subject=subject,
        actor=actor,
        detail=_with_approver(actor, detail),
    )


def refuse(
    db: Database,
    clock: Clock,
    actor: SignedInStaff,
    permission: Permission,
    *,
    subject: str,
    detail: Mapping[str, Any] | None = None,
    action: str | None = None,
) -> None:
    """Record that the matrix refused `actor` the action, in its own short transaction.

    A full disk must not turn a refusal into a crash: the refusal still stands, only its
    entry is lost, and that is logged.
    """
    try:
        with db.write() as session:
            audit.record(
                session,
                clock,
                action=action or permission.value,
                subject=subject,
                actor=actor,
                detail=_with_approver(actor, detail),
                result=AuditResult.REFUSED,
            )
    except OperationalError:
        _log.exception("could not record the refusal of %s to %s", permission, actor.staff_id)


def _with_approver(actor: SignedInStaff, detail: Mapping[str, Any] | None) -> dict[str, Any]:
    """The entry's detail, naming the approving manager (the row keeps only their id)."""
    values = dict(detail or {})
    if actor.approved_by is not None:
        values["approved_by_name"] = actor.approved_by.name
    return values

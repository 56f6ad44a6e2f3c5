"""What people set on this device: read with a default, written with who changed it."""

from __future__ import annotations

import logging
from typing import Any

from app.domain.audit_chain import AuditAction
from app.domain.clock import Clock
from app.domain.permissions import Permission
from app.read_models import SignedInStaff
from app.services import permission_gate
from local_db import preferences_repository
from local_db.database import Database

_log = logging.getLogger(__name__)


class SettingRefused(Exception):
    """A person may not change this setting; `code` is stable: not_permitted (nothing was
    changed, and the refusal is in the audit trail)."""

    def __init__(self, code: str, key: str) -> None:
        super().__init__(f"setting {key} refused: {code}")
        self.code = code
        self.key = key


class DevicePreferences:
    """JSON-ready values under stable keys ("alarm.volume", "auto_accept.meituan"...).

    Typed accessors belong to the feature that owns the key; this class only keeps values.
    """

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def get(self, key: str, default: Any) -> Any:
        """The value set under `key`, or `default` when nobody set it."""
        with self._db.read() as session:
            value = preferences_repository.read(session, key)
        return default if value is None else value

    def get_prefix(self, prefix: str) -> dict[str, Any]:
        """Every value set under a key starting with `prefix`."""
        with self._db.read() as session:
            return preferences_repository.read_prefix(session, prefix)

    def set(self, key: str, value: Any, *, staff_id: str = "") -> None:
        """Keep `value` under `key`; the change is logged with who made it.

        For what the program sets by itself (a demo's printers, the layout it detected); a
        person's change goes through `set_by`, which checks the matrix and audits it.
        """
        with self._db.write() as session:
            preferences_repository.write(session, key, value, now=self._clock(), staff_id=staff_id)
        _log.info("preference %s set to %r by %s", key, value, staff_id or "the program")

    def set_by(
        self,
        actor: SignedInStaff,
        key: str,
        value: Any,
        *,
        permission: Permission = Permission.SETTINGS,
    ) -> None:
        """A person's change: refused (audited, nothing kept) unless the matrix gives `actor`
        the `permission`; else kept with its audit entry in one transaction.

        Raises SettingRefused("not_permitted").
        """
        action = _action_name(permission)
        detail = {"key": key, "value": value}
        if not permission_gate.allows(actor, permission):
            permission_gate.refuse(
                self._db, self._clock, actor, permission, subject=key, detail=detail, action=action
            )
            raise SettingRefused("not_permitted", key)
        with self._db.write() as session:
            now = self._clock()
            preferences_repository.write(session, key, value, now=now, staff_id=actor.staff_id)
            permission_gate.record_done(
                session, self._clock, actor, permission, subject=key, detail=detail, action=action
            )
        _log.info("preference %s set to %r by %s", key, value, actor.staff_id)


def _action_name(permission: Permission) -> str:
    """Settings changes are "setting_change" entries; other actions carry their own name."""
    return (
        AuditAction.SETTING_CHANGE.value if permission is Permission.SETTINGS else permission.value
    )

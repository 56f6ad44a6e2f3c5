"""The last sync error in words for the status bar's tooltip, never a raw exception text.

The sync layer keeps the technical text (logged, and on the sync health screen); a cashier
hovering over the status reads what happened. Sentences the sync layer already writes for
people (a refused certificate, a proxy in the way) are shown as they are.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from app.domain.sync_events import UNREADABLE_REPLY

_STATUS = re.compile(r"^hub answered (\d{3})$")
_PEOPLE_SENTENCES = ("The hub's certificate", "got 401 without the hub's error body")


def sync_error_text(error: str) -> str:
    """What `error` (a SyncStatus.last_error) means, for the person at the device."""
    if error.startswith(_PEOPLE_SENTENCES):
        return error
    if error.startswith(UNREADABLE_REPLY):
        return QCoreApplication.translate(
            "SyncErrorWords", "The hub sent a reply Storeside cannot read"
        )
    if error.startswith("no whole answer within"):
        return QCoreApplication.translate("SyncErrorWords", "The hub did not answer in time")
    status = _STATUS.match(error)
    if status is not None and status.group(1) == "429":
        return QCoreApplication.translate(
            "SyncErrorWords", "The hub is busy and asked the device to wait"
        )
    if status is not None:
        return QCoreApplication.translate(
            "SyncErrorWords", "The hub is failing (HTTP {status})"
        ).format(status=status.group(1))
    return QCoreApplication.translate(
        "SyncErrorWords", "The hub cannot be reached: check the network or the hub"
    )

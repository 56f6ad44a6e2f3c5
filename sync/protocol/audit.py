"""Audit trail heads a device reports with its commands, and the alarm when one goes backwards."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from sync.protocol.wire_types import Code, Count, Int, Name, Time, WireModel


class AnchorCheck(WireModel):
    """What a device's trail holds now at the number of the head the hub acknowledged last.

    A higher head alone proves nothing: entries cut off and written again reach a higher
    number too. This lets the hub see whether the trail still holds the head it acknowledged.
    """

    seq: Count
    hash: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] | None = None
    """The trail's hash at `seq` now; None when the trail has no entry there any more."""


class AuditHead(WireModel):
    """The newest entry of a device's audit trail: its number and its chain hash.

    The hub keeps the head each device reported last that still continues the one it held
    before; a head with a lower number, the same number with another hash, or an `anchor`
    unlike the head held means the trail was cut or rewritten.
    """

    seq: Count
    hash: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    anchor: AnchorCheck | None = Field(
        default=None,
        description="Sent by the device: its trail at the head the hub acknowledged last "
        "(None before the first acknowledgement; never in the hub's answers)",
    )

    def same_entry(self, other: AuditHead | None) -> bool:
        """Whether `other` names the same entry (number and hash), whatever it says besides."""
        return other is not None and (self.seq, self.hash) == (other.seq, other.hash)


class AuditAlarm(WireModel):
    """A device reported an audit head behind (or different from) one it reported before."""

    alarm_id: Int
    device_id: Code
    device_name: Name
    kind: Literal["truncated", "rewritten"]
    reported: AuditHead
    known: AuditHead
    """The head the hub had acknowledged before."""
    at: Time

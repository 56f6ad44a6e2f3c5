"""What every command carries: its idempotency key, sender, time, base version and approver."""

from __future__ import annotations

from uuid import UUID

from pydantic import Field

from sync.protocol.wire_types import Count, Identifier, Time, WireModel


class _CommandBase(WireModel):
    command_id: UUID = Field(description="Idempotency key, chosen by the device")
    staff_id: Identifier
    issued_at: Time
    base_version: Count | None = Field(
        default=None, description="Version of the entity the person saw when acting"
    )
    approved_by: Identifier | None = Field(
        default=None,
        description="Staff id of the manager whose PIN approved this sensitive action for"
        " someone not allowed it (an override); the hub checks that manager again",
    )

"""What the demo build lets a presenter do from the menu: cut the hub off, list demo PINs."""

from __future__ import annotations

from typing import Protocol


class DemoControls(Protocol):
    """Demo-only switches, provided by the composition root; calls must return at once."""

    def go_offline(self) -> None:
        """Make the hub unreachable for this device, as a dropped network would."""

    def go_online(self) -> None:
        """Reconnect the hub."""

    def is_online(self) -> bool:
        """Whether the hub is reachable now (as the demo switch has it)."""

    def staff_pins(self) -> list[tuple[str, str, str]]:
        """Demo staff as (name, roles in words, PIN)."""

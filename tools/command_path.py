"""The path one device command takes through the hub's modules, from its door to the feed.

`python -m tools.command_path` sends an `accept_order` and a `decide_shortage` through a
fresh hub's device door and prints, for each, the hub modules it entered in order and how
often it came back into one it had already left: the figure "one path per command" keeps low.
"""

from __future__ import annotations

import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any, Final

from app.domain.vocabulary import Channel, ShortageReason
from hub.composition import Hub, compose_hub
from hub.devices.enrolment import Device
from sync.protocol import COMMAND, Command, EnrolmentRequest

_HUB_ROOT: Final = str(Path(__file__).resolve().parent.parent / "hub")
_CODE: Final = "PATH-CODE"
_CASHIER: Final = "staff-wangfang"
_PICKER: Final = "staff-liqiang"
_MANAGER: Final = "staff-chenjing"


@dataclass
class CommandPath:
    """The hub modules one command entered, in order, and its comings back."""

    entered: list[str] = field(default_factory=list)
    reentries: list[str] = field(default_factory=list)
    """Calls into a module the command had entered before and left (not on the stack)."""
    climbs: list[str] = field(default_factory=list)
    """Calls into a module still on the stack below: a lower module calling back up."""
    callers: dict[str, set[str]] = field(default_factory=dict)
    """For each module entered, the modules that called into it."""


def _module_of(frame: FrameType) -> str | None:
    filename = frame.f_code.co_filename
    if not filename.startswith(_HUB_ROOT):
        return None
    if frame.f_globals.get("__name__", "").startswith("hub."):
        return str(frame.f_globals["__name__"])
    return None


@contextmanager
def traced() -> Iterator[CommandPath]:
    """Record the hub modules entered by calls made from hub code while the block runs."""
    path = CommandPath()
    stack: list[str] = []

    def profile(frame: FrameType, event: str, _arg: Any) -> None:
        if event not in ("call", "return"):
            return
        module = _module_of(frame)
        if module is None:
            return
        caller = frame.f_back
        if event == "return":
            if stack:
                stack.pop()
            return
        if caller is not None and _module_of(caller) is None and stack:
            stack.append(stack[-1])  # called back by a library (the ORM): not a step
            return
        current = stack[-1] if stack else None
        if module != current:
            if current is not None:
                path.callers.setdefault(module, set()).add(current)
            if module not in path.entered:
                path.entered.append(module)
            elif module in stack:
                path.climbs.append(module)
            else:
                path.reentries.append(module)
        stack.append(module)

    sys.setprofile(profile)
    try:
        yield path
    finally:
        sys.setprofile(None)


def _command(clock: Callable[[], object], kind: str, staff_id: str, **fields: Any) -> Command:
    return COMMAND.validate_python(
        {
            "type": kind,
            "command_id": uuid.uuid4(),
            "staff_id": staff_id,
            "issued_at": clock(),
            **fields,
        }
    )


def _send(hub: Hub, device: Device, command: Command) -> None:
    [result] = hub.devices.apply_commands(device, [command])
    if result.outcome != "applied":
        raise RuntimeError(f"{command.type} was not applied: {result.message}")


def paths(root: Path) -> dict[str, CommandPath]:
    """The paths of one accept_order and one decide_shortage through a hub kept in `root`."""
    hub = compose_hub(root / "hub.db", seed=3, enrolment_codes=(_CODE,))
    try:
        store = hub.world.demo_store_id
        grant = hub.devices.enrol(
            EnrolmentRequest(store_code="DEMO01", enrolment_code=_CODE, device_name="counter")
        )
        device = hub.devices.authenticate(grant.device_token)
        order = hub.world.place_order(Channel.MEITUAN, store_id=store)
        _send(hub, device, _command(hub.clock, "clock_in", _PICKER))
        accept = _command(hub.clock, "accept_order", _CASHIER, order_id=order.order_id)
        with traced() as accepted:
            _send(hub, device, accept)
        task_id = f"{order.order_id}-pick"
        _send(hub, device, _command(hub.clock, "start_task", _PICKER, task_id=task_id))
        line = hub.admin.task(task_id).lines[0]
        short = _command(
            hub.clock,
            "report_shortage",
            _PICKER,
            task_id=task_id,
            line_id=line.line_id,
            quantity_found=0,
            reason=ShortageReason.OUT_OF_STOCK.value,
        )
        _send(hub, device, short)
        shortage = hub.admin.shortages(order.order_id)[-1]
        decide = _command(
            hub.clock,
            "decide_shortage",
            _MANAGER,
            task_id=task_id,
            shortage_id=shortage.shortage_id,
            decision="partial_refund",
        )
        with traced() as decided:
            _send(hub, device, decide)
        return {"accept_order": accepted, "decide_shortage": decided}
    finally:
        hub.close()


def main() -> int:
    """Print each command's path."""
    with tempfile.TemporaryDirectory(prefix="storeside-path-") as root:
        found = paths(Path(root))
    for name, path in found.items():
        print(
            f"{name}: {len(path.entered)} modules entered, {len(path.reentries)} re-entries, "
            f"{len(path.climbs)} climbs back up"
        )
        for step, module in enumerate(path.entered, 1):
            callers = sorted(path.callers.get(module, ()))
            print(f"  {step:2}. {module}  <- {', '.join(callers) or 'the caller'}")
        if path.reentries:
            counts = {m: path.reentries.count(m) for m in dict.fromkeys(path.reentries)}
            print("  re-entered: " + ", ".join(f"{m} ×{n}" for m, n in counts.items()))
        if path.climbs:
            counts = {m: path.climbs.count(m) for m in dict.fromkeys(path.climbs)}
            print("  climbed back to: " + ", ".join(f"{m} ×{n}" for m, n in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

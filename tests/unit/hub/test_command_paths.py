"""A command's path through the hub: down from its door to its family's handler, never back up."""

from __future__ import annotations

from pathlib import Path

from tools.command_path import paths


def test_an_accept_and_a_shortage_decision_each_go_down_one_path(tmp_path: Path) -> None:
    found = paths(tmp_path)

    accept, decide = found["accept_order"], found["decide_shortage"]
    assert accept.climbs == []
    assert decide.climbs == []
    assert accept.entered[:3] == [
        "hub.doors.device_api",
        "hub.doors.command_intake",
        "hub.orders.command_batch",
    ]
    assert "hub.fulfilment.picking_commands" not in accept.entered
    assert decide.entered[:2] == ["hub.doors.device_api", "hub.doors.command_intake"]
    assert "hub.fulfilment.shortage_commands" in decide.entered
    assert "hub.orders.command_batch" not in decide.entered
    # The shortage's handler is entered from the picking commands' door only.
    assert decide.callers["hub.fulfilment.shortage_commands"] == {"hub.fulfilment.picking_commands"}

"""Dispatch, not grab: which picker on duty gets a task (least loaded, zones respected)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PickerOnDuty:
    """A clocked-in picker as dispatch sees them."""

    staff_id: str
    zones: frozenset[str]
    """Zones they work in; empty: any zone."""
    open_tasks: int
    """Tasks assigned to them and not done yet."""


def choose_picker(task_zones: Iterable[str], pickers: Sequence[PickerOnDuty]) -> str | None:
    """The picker who should get a task whose lines lie in `task_zones`, or None (it waits).

    A picker with zones only gets tasks touching one of them; a picker without zones gets any.
    The least loaded eligible picker wins; between equally loaded ones, a picker of the task's
    zone comes before a generalist, then the lowest staff id (a stable, repeatable choice).
    """
    zones = frozenset(task_zones)
    eligible = [p for p in pickers if not p.zones or p.zones & zones]
    if not eligible:
        return None
    best = min(eligible, key=lambda p: (p.open_tasks, 0 if p.zones else 1, p.staff_id))
    return best.staff_id

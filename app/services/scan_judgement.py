"""What one scanned code means for a pick task, decided before anything is counted."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.domain.barcodes import BarcodeError, ScannedCode, matches, parse_scan
from app.domain.vocabulary import TaskLineStatus
from app.read_models import ScanKind
from app.services.weighed_pick import WeighedPick, weigh
from local_db.task_repository import TaskLineSnapshot, TaskSnapshot

_OPEN = TaskLineStatus.OPEN.value


@dataclass(frozen=True, slots=True)
class ScanJudgement:
    """The scan's kind, the line it is about, the words' arguments, and a weighed label's
    reading when one unit of a weighed line is to be counted."""

    kind: ScanKind
    line: TaskLineSnapshot | None
    args: dict[str, str | int] = field(default_factory=dict)
    weighed: WeighedPick | None = None


def judge_scan(
    task: TaskSnapshot, raw_code: str, *, tolerance_pct: float, prompt_multiples: bool
) -> ScanJudgement:
    """Judge `raw_code` against the task's lines (the first open matching line on the route)."""
    try:
        scanned = parse_scan(raw_code)
    except BarcodeError as error:
        return ScanJudgement("bad_code", None, {"code": raw_code.strip(), "error": error.code})
    if not any(line.status == _OPEN for line in task.lines):
        return ScanJudgement("nothing_open", None)
    return _judge_match(task, scanned, tolerance_pct, prompt_multiples=prompt_multiples)


def _judge_match(
    task: TaskSnapshot, scanned: ScannedCode, tolerance_pct: float, *, prompt_multiples: bool
) -> ScanJudgement:
    matching = [line for line in task.lines if matches(line.barcode, scanned)]
    line = next((m for m in matching if m.status == _OPEN), None)
    if line is None:
        if matching:
            return ScanJudgement("line_done", matching[0], {"name": matching[0].name})
        return ScanJudgement("wrong_item", None, {"code": scanned.raw})
    if line.weighed and scanned.item_reference is not None:
        return _judge_weighed(line, scanned, tolerance_pct)
    remaining = line.quantity - line.picked_quantity
    if prompt_multiples and remaining > 1:
        return ScanJudgement("quantity_needed", line, {"name": line.name, "remaining": remaining})
    return ScanJudgement("counted", line, {"name": line.name})


def _judge_weighed(
    line: TaskLineSnapshot, scanned: ScannedCode, tolerance_pct: float
) -> ScanJudgement:
    pick = weigh(line, scanned, tolerance_pct)
    args: dict[str, str | int] = {
        "name": line.name,
        "ordered_g": pick.ordered_g,
        "actual_g": pick.actual_g,
    }
    if not pick.within_tolerance:
        return ScanJudgement("weight_out_of_tolerance", line, args)
    args["price_difference_cents"] = pick.price_difference_cents
    return ScanJudgement("counted", line, args, pick)

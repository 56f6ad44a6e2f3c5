"""The manager's own reassign and clock-out show at once with the code and detail the hub gives."""

from __future__ import annotations

from app.domain.vocabulary import Role
from app.read_models import SignedInStaff, StatusReason
from app.services.task_control import TaskControl
from local_db.database import Database
from sync.feed_apply import apply_raw_records
from tests.fakes import FrozenClock
from tests.unit.services.test_input_boundaries import MANAGER, PICKER, T, _staff, seed_store

SECOND = SignedInStaff("s-second", "钱七", frozenset({Role.PICKER}))


def _reason_of(floor: TaskControl, task_id: str) -> StatusReason:
    view = floor.floor()
    tasks = [*view.queued, *(task for picker in view.pickers for task in picker.tasks)]
    [task] = [task for task in tasks if task.task_id == task_id]
    return task.why


def _floor(db: Database, clock: FrozenClock) -> TaskControl:
    seed_store(db)
    with db.write() as session:
        assert apply_raw_records(session, [_staff(20, SECOND)], clock()).quarantined == 0
    return TaskControl(db, clock)


def test_a_reassign_shows_the_code_and_both_names_until_the_hub_answers(
    db: Database, clock: FrozenClock
) -> None:
    floor = _floor(db, clock)

    floor.reassign(MANAGER, T, SECOND.staff_id)

    assert _reason_of(floor, T) == StatusReason(
        code="reassigned",
        words=f"Reassigned to {SECOND.name} by {MANAGER.name}.",
        name=SECOND.name,
        by_name=MANAGER.name,
    )


def test_ending_a_pickers_shift_queues_their_task_with_who_ended_it(
    db: Database, clock: FrozenClock
) -> None:
    floor = _floor(db, clock)

    floor.clock_out(MANAGER, PICKER.staff_id)

    assert _reason_of(floor, T) == StatusReason(
        code="picker_clocked_out",
        words=f"{PICKER.name} clocked out by {MANAGER.name}.",
        name=PICKER.name,
        by_name=MANAGER.name,
    )

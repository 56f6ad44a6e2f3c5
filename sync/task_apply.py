"""Applies task records to the cache: newer ones written, those with picks pending held."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from local_db import fulfilment_repository, outbox_repository, task_repository
from sync.protocol import TaskData, TaskRecord
from sync.record_mapping import task_rows


def release_tasks(session: Session, records: Sequence[TaskRecord]) -> None:
    """Show the hub's answered state of tasks whose commands were all answered, even at the
    version already shown: a refused pick must not keep showing as counted."""
    latest: dict[str, TaskRecord] = {}
    for record in records:
        if record.id not in latest or latest[record.id].version < record.version:
            latest[record.id] = record
    apply_tasks(session, list(latest.values()), answered=True)


def apply_tasks(session: Session, records: list[TaskRecord], *, answered: bool = False) -> int:
    """Write each newer task; a task with this device's picks pending keeps showing them and
    the hub's state waits beside it (as for orders, docs/decisions/002). A task taken from
    its picker (cancelled, or given to someone else) leaves that picker a notice. `answered`:
    the records answer this device's commands (also written at the stored version)."""
    ids = [record.id for record in records]
    stored = fulfilment_repository.task_versions(session, ids)
    held = task_repository.held_of(session, ids)
    heads = task_repository.task_heads(session, ids)
    pending = outbox_repository.pending_entity_ids(session, "task", ids)
    rows: list[dict[str, Any]] = []
    lines: list[dict[str, Any]] = []
    for record in records:
        held_data = held.get(record.id)
        held_version = 0 if held_data is None else int(held_data.get("version", 0))
        newest_seen = max(stored.get(record.id, 0), held_version)
        if record.version > newest_seen and record.id in heads:
            _notice_if_taken(session, heads[record.id], record.data)
        if record.id in pending and record.id in stored:
            if record.version > newest_seen:
                task_repository.hold(session, record.id, record.data.model_dump(mode="json"))
            continue
        data = record.data
        if held_version > record.version and held_data is not None:
            data = TaskData.model_validate(held_data)
        newer = data.version > stored.get(record.id, 0)
        if newer or held_data is not None or (answered and data.version == stored.get(record.id)):
            row, task_lines = task_rows(data)
            rows.append(row)
            lines.extend(task_lines)
    fulfilment_repository.replace_tasks(session, rows, lines)
    return len(rows)


_OPEN_TASK = frozenset({"queued", "assigned", "in_progress"})


def _notice_if_taken(session: Session, head: tuple[str, str | None], task: TaskData) -> None:
    status, assignee = head
    if assignee is None or status not in _OPEN_TASK:
        return
    if task.status.value == "cancelled":
        kind = "cancelled"
    elif task.assignee_staff_id not in {assignee, None} and task.status.value in _OPEN_TASK:
        # Back in the queue (None) only when its picker went off duty: nobody to tell.
        kind = "reassigned"
    else:
        return
    # The feed carries no time of its own; the notice is stamped when this device learns it.
    task_repository.add_notice(
        session,
        staff_id=assignee,
        task_id=task.task_id,
        kind=kind,
        message=task.status_reason,
        at=datetime.now(UTC),
        status_code=task.status_code,
        status_detail=task.status_detail.model_dump(mode="json", exclude_defaults=True),
    )

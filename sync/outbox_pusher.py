"""Sends the outbox to the hub in local commit order and records each answer.

A row is done only when the hub has answered its id. Unreachable or busy: the batch waits
(back-off with jitter). Rejected: the row is set aside with the reason, the person is told,
and later rows go on. A request the hub refuses as such (a reused id with another body)
sets the named row aside as failed, so it can never block the queue.

Each batch carries the head of the device's audit trail and what the trail holds at the
anchor; the head the hub acknowledges becomes the anchor the trail is checked against, unless
the trail lost the anchor it had (docs/decisions/020-audit-chain-anchor.md).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from pydantic import ValidationError
from sqlalchemy.orm import Session

from app.domain.clock import Clock
from app.domain.sync_events import RejectionNotice, SyncListener
from app.domain.vocabulary import RecordKind
from local_db import audit_repository, failpoints, outbox_repository, sync_state_repository
from local_db.database import Database
from local_db.outbox_repository import Completion, OutboxItem
from sync.backoff import Backoff
from sync.connectivity import Connectivity
from sync.errors import AuthExpired, HubUnreachable, ProtocolViolation, RequestRefused, SyncError
from sync.feed_apply import apply_records, release_order, release_orders
from sync.hub_client import HubClient
from sync.protocol import (
    COMMAND,
    COMMAND_ID_REUSED,
    AnchorCheck,
    AuditHead,
    CommandResult,
    FeedRecord,
    OrderRecord,
    TaskRecord,
)
from sync.savepoints import PASSED_ON
from sync.storable_record import unstorable_value
from sync.task_apply import release_tasks

log = logging.getLogger(__name__)


RefusalRecorder = Callable[[Session, OutboxItem, str, str], None]
"""Records (session, the refused row, the hub's reason code, its message)."""


class OutboxPusher:
    """One push step at a time; the scheduler calls `push()` and wakes it after actions."""

    def __init__(
        self,
        db: Database,
        client: HubClient,
        clock: Clock,
        connectivity: Connectivity,
        listener: SyncListener,
        *,
        batch_size: int = 100,
        backoff: Backoff | None = None,
        audit_head_interval: timedelta = timedelta(minutes=1),
        on_refused: RefusalRecorder | None = None,
    ) -> None:
        """`on_refused` records, in the transaction that stores the answer, an action the hub
        refused (the composition root passes the audit trail's recorder)."""
        self._db = db
        self._client = client
        self._clock = clock
        self._connectivity = connectivity
        self._listener = listener
        self._batch_size = batch_size
        self._backoff = backoff or Backoff()
        self._audit_head_interval = audit_head_interval
        self._on_refused = on_refused
        self._head_tried_at: datetime | None = None
        self._failures = 0
        self._next_try: datetime | None = None

    def push(self, *, ignore_backoff: bool = False) -> int:
        """Send the oldest pending batch if it is due; returns how many rows were answered.

        Raises nothing but the database refusing writes (OperationalError: the jobs pause
        sync for it); any other failure is logged with its traceback, counted in sync health
        and backed off from (the rows stay pending: the hub answers a resent id once).
        """
        now = self._clock()
        waiting = self._next_try is not None and now < self._next_try <= now + self._backoff.longest
        if waiting and not ignore_backoff:
            return 0
        try:
            answered = self._push(ignore_backoff=ignore_backoff)
        except PASSED_ON:
            raise
        except Exception:
            log.exception("outbox push failed unexpectedly")
            self._failures += 1
            self._next_try = self._clock() + self._backoff.delay(self._failures)
            with self._db.write() as session:
                sync_state_repository.increment(session, sync_state_repository.UNEXPECTED_ERRORS)
                sync_state_repository.set_value(
                    session,
                    sync_state_repository.LAST_UNEXPECTED_ERROR_AT,
                    self._clock().isoformat(),
                )
            return 0
        self._failures, self._next_try = 0, None
        return answered

    def _push(self, *, ignore_backoff: bool) -> int:
        with self._db.read() as session:
            batch = outbox_repository.pending_batch(session, self._batch_size)
        if not batch:
            self._report_audit_head()
            return 0
        sendable = self._due_batch(batch, ignore_backoff=ignore_backoff)
        if not sendable:
            return 0  # waiting out a back-off: nothing at all goes to the hub meanwhile
        failpoints.hit(failpoints.AFTER_COMMIT_BEFORE_SEND)
        head = self._audit_heads()[0]
        try:
            answers = self._client.send_commands([item.payload for item in sendable], head)
        except HubUnreachable as error:
            self._retry_later(sendable, str(error), unreadable=isinstance(error, ProtocolViolation))
            return 0
        except AuthExpired as error:
            self._retry_later(sendable, str(error), report=False)
            self._connectivity.enrolment_needed(str(error))
            return 0
        except RequestRefused as error:
            self._set_aside_refused(sendable, error)
            return 0
        failpoints.hit(failpoints.AFTER_REPLY_BEFORE_DONE)
        answered = self._record_answers(sendable, answers.results, answers.audit_head)
        self._connectivity.reached_hub(pushed=True)
        return answered

    def _audit_heads(self) -> tuple[AuditHead, AuditHead | None]:
        """This device's audit head now (with what the trail holds at the anchor), and the
        anchor: the head the hub last acknowledged."""
        with self._db.read() as session:
            seq, hash_ = audit_repository.head(session)
            acknowledged = audit_repository.acknowledged_head(session)
            check = (
                None
                if acknowledged is None
                else AnchorCheck(
                    seq=acknowledged[0], hash=audit_repository.hash_at(session, acknowledged[0])
                )
            )
        anchor = (
            None if acknowledged is None else AuditHead(seq=acknowledged[0], hash=acknowledged[1])
        )
        return AuditHead(seq=seq, hash=hash_, anchor=check), anchor

    def _report_audit_head(self) -> None:
        """With nothing to send, report a head the hub has not acknowledged yet, at most once
        every `audit_head_interval_s` (a sign-in writes an entry but no command)."""
        now = self._clock()
        if self._head_tried_at is not None and (
            self._head_tried_at <= now < self._head_tried_at + self._audit_head_interval
        ):
            return
        head, anchor = self._audit_heads()
        if head.same_entry(anchor):
            return
        self._head_tried_at = now
        try:
            acknowledged = self._client.send_audit_head(head)
        except SyncError as error:
            # The head goes again with the next batch or the next try; nothing waits on it.
            log.info("audit head not reported: %s", error)
            return
        with self._db.write() as session:
            _take_anchor(session, acknowledged)

    def _due_batch(self, batch: list[OutboxItem], *, ignore_backoff: bool) -> list[OutboxItem]:
        due = batch[0].next_attempt_at
        now = self._clock()
        # A retry time beyond the cap means the clock was set back: try now, never stay stuck.
        if due is not None and now < due <= now + self._backoff.longest and not ignore_backoff:
            return []
        return self._drop_unsendable(batch)

    def _drop_unsendable(self, batch: list[OutboxItem]) -> list[OutboxItem]:
        sendable = []
        for item in batch:
            try:
                COMMAND.validate_python(item.payload)
            except ValidationError as error:
                log.error("outbox row %d is not a valid command: %s", item.seq, error)
                self._set_aside(item, "invalid_command", str(error))
                continue
            sendable.append(item)
        return sendable

    def _retry_later(
        self, batch: list[OutboxItem], error: str, *, report: bool = True, unreadable: bool = False
    ) -> None:
        """Back off the batch; `unreadable`: the hub's reply could not be read (counted)."""
        now = self._clock()
        next_at = now + self._backoff.delay(batch[0].attempts + 1)
        with self._db.write() as session:
            outbox_repository.record_attempt_failed(
                session, [item.seq for item in batch], error, next_at
            )
            if unreadable:
                sync_state_repository.increment(session, sync_state_repository.PROTOCOL_ERRORS)
                for key, value in (
                    (sync_state_repository.LAST_PROTOCOL_ERROR_AT, now.isoformat()),
                    (sync_state_repository.LAST_PROTOCOL_ERROR, error[:500]),
                ):
                    sync_state_repository.set_value(session, key, value)
        if report:
            self._connectivity.push_failed(error)

    def _set_aside_refused(self, batch: list[OutboxItem], error: RequestRefused) -> None:
        culprit_id = str(error.details.get("command_id", ""))
        culprits = [item for item in batch if item.command_id == culprit_id]
        if error.error == COMMAND_ID_REUSED and culprits:
            self._set_aside(culprits[0], error.error, error.message)
            return
        # The hub refused the request without naming a command: set the first aside so the
        # queue moves, and keep the rest for the next try.
        log.error("hub refused a command batch: %s", error)
        self._set_aside(batch[0], error.error or str(error.status_code), error.message)

    def _set_aside(self, item: OutboxItem, reason: str, message: str) -> None:
        now = self._clock()
        with self._db.write() as session:
            outbox_repository.complete(
                session,
                item.seq,
                state=outbox_repository.FAILED,
                at=now,
                reason=reason,
                message=message,
            )
            if item.entity_kind == RecordKind.ORDER:
                release_order(session, item.entity_id, None)
        self._listener.command_rejected(_notice(item, reason, message, now))
        self._connectivity.refresh()

    def _record_answers(
        self,
        batch: list[OutboxItem],
        results: list[CommandResult],
        acknowledged: AuditHead | None = None,
    ) -> int:
        by_id = {str(result.command_id): result for result in results}
        answered = [(item, by_id[item.command_id]) for item in batch if item.command_id in by_id]
        now = self._clock()
        notices = [
            _notice(item, result.reason, result.message, now)
            for item, result in answered
            if result.outcome == "rejected"
        ]
        with self._db.write() as session:
            if answered:
                outbox_repository.complete_many(
                    session, [_completion(item, result) for item, result in answered], at=now
                )
                _apply_currents(session, answered)
                if self._on_refused is not None:
                    for item, result in answered:
                        if result.outcome == "rejected":
                            self._on_refused(session, item, result.reason, result.message)
                sync_state_repository.set_value(
                    session, sync_state_repository.LAST_PUSH_AT, now.isoformat()
                )
            if acknowledged is not None:
                _take_anchor(session, acknowledged)
        for notice in notices:
            self._listener.command_rejected(notice)
        if answered:
            kinds = {RecordKind(item.entity_kind) for item, _result in answered}
            self._listener.records_changed(frozenset(kinds | {RecordKind.ORDER}))
        return len(answered)


def _take_anchor(session: Session, acknowledged: AuditHead) -> None:
    """Keep the hub's answer as the anchor, unless the trail lost the anchor it has."""
    if not audit_repository.take_acknowledged_head(session, acknowledged.seq, acknowledged.hash):
        log.warning(
            "audit anchor kept at the entry the trail lost; hub answered head %d",
            acknowledged.seq,
        )


def _completion(item: OutboxItem, result: CommandResult) -> Completion:
    rejected = result.outcome == "rejected"
    return Completion(
        item.seq,
        outbox_repository.REJECTED if rejected else outbox_repository.DONE,
        result.reason,
        result.message,
    )


def _apply_currents(session: Session, answered: list[tuple[OutboxItem, CommandResult]]) -> None:
    """Bring the hub's state each answer carries into the cache, each order released once."""
    orders: dict[str, list[OrderRecord | None]] = {}
    others: list[FeedRecord] = []
    for item, result in answered:
        current = result.current
        if current is not None and (problem := unstorable_value(current, current.kind)):
            # Left to the feed, which brings the same record and sets it aside with this reason.
            log.warning("the hub's answer to %s holds %s", item.command_type, problem)
            current = None
        if item.entity_kind == RecordKind.ORDER:
            states = orders.setdefault(item.entity_id, [])
            states.append(current if isinstance(current, OrderRecord) else None)
        elif current is not None:
            others.append(current)
    release_orders(session, orders)
    tasks = [record for record in others if isinstance(record, TaskRecord)]
    release_tasks(session, tasks)
    others = [record for record in others if not isinstance(record, TaskRecord)]
    if others:
        apply_records(session, others)


def _notice(item: OutboxItem, reason: str, message: str, at: datetime) -> RejectionNotice:
    return RejectionNotice(
        seq=item.seq,
        command_type=item.command_type,
        entity_kind=item.entity_kind,
        entity_id=item.entity_id,
        staff_id=item.staff_id,
        reason=reason,
        message=message,
        at=at,
    )

"""Model-based convergence: random work, hub changes, outages, restarts and replays settle."""

from __future__ import annotations

import itertools
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, Final

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import select

from app.device import Device, build_device, enrol_with_embedded_hub
from app.domain.channel_rules import CHANNEL_RULES
from app.domain.clock import utc_now
from app.domain.order_lifecycle import (
    REQUEST_DEFAULT_RESUME,
    RESUME,
    TERMINAL,
    TRANSITIONS,
    OrderAction,
    TransitionRefused,
    allowed_actions,
    opens_side_flow,
)
from app.domain.vocabulary import Channel, FulfilmentMode, HandoverParty, OrderStatus
from app.read_models import OrderDetail, SignedInStaff
from app.services.order_actions import ActionRefused
from app.settings import Settings
from hub.embedded import EmbeddedHub
from local_db import order_repository, outbox_repository, sync_state_repository
from local_db.models import OutboxEntry
from local_db.order_repository import OrderSnapshot
from sync.backoff import Backoff
from sync.credentials import Credentials, MemoryKeyring
from tests.devices import drain_feed, sign_in_as
from tests.fakes import FrozenClock, RecordingListener
from tests.hub_controls import reset_feed_epoch
from tests.reliability.conftest import LONG_RUN, scaled

_S = OrderStatus
_MAIN_LINE: Final = (_S.NEW, _S.ACCEPTED, _S.PREPARING, _S.READY, _S.HANDED_OVER, _S.COMPLETED)
_CLOSED_RANK: Final = len(_MAIN_LINE)
_REQUESTS: Final = frozenset({_S.CANCEL_REQUESTED, _S.REFUND_REQUESTED})

OPEN_ORDERS: Final = 5
"""Few open orders, so that both devices, the customer and the hub meet on the same ones."""
MAX_ORDERS: Final = 20
STATIONS: Final = ("counter", "handheld")
CASHIER_ACTIONS: Final = frozenset(
    {OrderAction.ACCEPT, OrderAction.REJECT, OrderAction.MARK_READY, OrderAction.HAND_OVER}
)
KEPT_CURSORS: Final = 8
_TAPS: Final = st.lists(
    st.tuples(st.integers(0, MAX_ORDERS - 1), st.integers(0, len(CASHIER_ACTIONS) - 1)),
    min_size=1,
    max_size=4,
)
"""A few taps of a cashier: (which order, which of its buttons)."""
SETTLE_EVERY: Final = 8
"""Steps between two settlements at least (each run also settles at its end)."""


def status_rank(status: OrderStatus, resume_status: OrderStatus | None) -> int:
    """How far along the life cycle an order stands, as a person reads it on screen.

    The main line counts up; rejected and cancelled are final (highest); a pending customer
    request stands where its order will resume, a shortage where preparing stands, an
    exception order where a new one stands.
    """
    if status in TERMINAL:
        return _CLOSED_RANK
    if status is _S.EXCEPTION:
        return _MAIN_LINE.index(_S.NEW)
    if status is _S.SHORTAGE_PENDING:
        return _MAIN_LINE.index(_S.PREPARING)
    if status in _REQUESTS:
        return status_rank(resume_status or REQUEST_DEFAULT_RESUME, None)
    return _MAIN_LINE.index(status)


def test_status_rank_never_falls_along_an_allowed_transition() -> None:
    """The rank follows TRANSITIONS: no allowed move (resuming included) lowers it."""
    for source, moves in TRANSITIONS.items():
        # A request remembers where to resume; any main-line status is possible.
        resumes = list(_MAIN_LINE) if source in _REQUESTS else [None]
        for resume, transition in itertools.product(resumes, moves.values()):
            if transition.target == RESUME:
                target = resume or REQUEST_DEFAULT_RESUME
            else:
                target = OrderStatus(transition.target)
            target_resume = source if opens_side_flow(target) else None
            assert status_rank(target, target_resume) >= status_rank(source, resume), (
                source,
                resume,
                target,
            )


@dataclass(frozen=True, slots=True)
class Seen:
    """One order as a device last showed it."""

    status: OrderStatus
    resume_status: OrderStatus | None
    has_pending: bool
    refusals: int
    """How many of this device's actions on the order the hub had refused by then."""


@dataclass
class Station:
    """One store device under test, with what its people did and what it has shown."""

    name: str
    directory: Path
    credentials: Credentials
    device: Device
    cashier: SignedInStaff
    person_status: dict[str, OrderStatus] = field(default_factory=dict)
    """The status each order took from this device's last local action on it."""
    seen: dict[str, Seen] = field(default_factory=dict)
    cursors: list[str] = field(default_factory=list)
    """Feed positions this device has stood at, oldest first, for replays."""

    def on_screen(self) -> dict[str, OrderSnapshot]:
        """Every cached order as the inbox reads it (status, resume status, waiting mark)."""
        with self.device.db.read() as session:
            snapshots = order_repository.list_orders(
                session, [status.value for status in OrderStatus], limit=MAX_ORDERS * 10
            )
        return {snapshot.order_id: snapshot for snapshot in snapshots}

    def outbox(self) -> list[tuple[str, str, str]]:
        """(command id, order id, state) of every outbox row, in local commit order."""
        with self.device.db.read() as session:
            rows = session.execute(
                select(OutboxEntry.command_id, OutboxEntry.entity_id, OutboxEntry.state).order_by(
                    OutboxEntry.seq
                )
            ).all()
        return [(command_id, order_id, state) for command_id, order_id, state in rows]

    def pull_once(self) -> bool:
        """One feed page; the position reached is kept for later replays."""
        has_more = self.device.puller.pull(wait=False)
        with self.device.db.read() as session:
            cursor = sync_state_repository.get_value(session, sync_state_repository.CURSOR)
        if cursor is not None and cursor not in self.cursors:
            self.cursors = [*self.cursors, cursor][-KEPT_CURSORS:]
        return has_more

    def drain(self) -> None:
        for _ in range(100):
            if not self.pull_once():
                return
        raise AssertionError(f"{self.name}: the feed did not drain in 100 pages")


def _no_wait() -> Backoff:
    """No back-off: each step of the model is exactly one exchange with the hub."""
    return Backoff(base_s=0.0, cap_s=0.0)


def _open_device(hub: EmbeddedHub, directory: Path, credentials: Credentials) -> Device:
    settings_ = Settings(data_dir=directory, hub_url=hub.url, long_poll_s=1.0, push_batch_size=3)
    credentials, db = enrol_with_embedded_hub(hub, settings_, credentials)
    return build_device(
        settings_, credentials, utc_now, RecordingListener(), db=db, backoff_factory=_no_wait
    )


def _went_backwards(before: Seen, now: Seen) -> bool:
    if before.status in TERMINAL:
        return now.status != before.status
    return status_rank(now.status, now.resume_status) < status_rank(
        before.status, before.resume_status
    )


class ConvergenceMachine(RuleBasedStateMachine):
    """A real hub on 127.0.0.1 and two enrolled devices, driven step by step."""

    tally: ClassVar[Counter[str]] = Counter()
    """What all runs of this machine did, for the printed figures."""

    def __init__(self) -> None:
        super().__init__()
        self.directory = Path(tempfile.mkdtemp(prefix="storeside-convergence-"))
        self.clock = FrozenClock()
        self.hub = EmbeddedHub(self.directory / "hub.db", simulate=False, seed=11, clock=self.clock)
        self.hub.start()
        self.stations: list[Station] = []
        self.placed: list[str] = []
        self.checked = True  # the last step and the invariants after it completed
        self.steps_since_settled = 0
        self.outage_steps_left = 0
        try:
            for channel in Channel:
                self.placed.append(self.hub.demo.place_order(channel).order_id)
            for name in STATIONS:
                self.stations.append(self._enrol(name))
        except BaseException:
            self._close()
            raise
        self.tally["runs"] += 1

    # --- the store's people ------------------------------------------------------------

    @rule(pulled=st.booleans(), work=_TAPS, then_push=st.booleans())
    def counter_cashier_works(
        self, pulled: bool, work: list[tuple[int, int]], then_push: bool
    ) -> None:
        self._step()
        self._cashier_works(self._station("counter"), work, pulled=pulled, then_push=then_push)

    @rule(pulled=st.booleans(), work=_TAPS, then_push=st.booleans())
    def handheld_cashier_works(
        self, pulled: bool, work: list[tuple[int, int]], then_push: bool
    ) -> None:
        self._step()
        self._cashier_works(self._station("handheld"), work, pulled=pulled, then_push=then_push)

    # --- the world outside the store ---------------------------------------------------

    @precondition(lambda self: self._open_at_hub() < OPEN_ORDERS and len(self.placed) < MAX_ORDERS)
    @rule(channel=st.sampled_from(Channel))
    def customer_orders(self, channel: Channel) -> None:
        self._step()
        self.placed.append(self.hub.demo.place_order(channel).order_id)

    @precondition(lambda self: bool(self.placed))
    @rule(pick=st.integers(0, MAX_ORDERS - 1))
    def customer_cancels(self, pick: int) -> None:
        self._step()
        try:
            self.hub.hub.intake.customer_cancels(self.placed[pick % len(self.placed)])
        except TransitionRefused:
            return
        self.tally["customer_cancels"] += 1

    @rule(seconds=st.integers(0, 12 * 60))
    def time_passes_at_the_hub(self, seconds: int) -> None:
        """Riders move, collected orders complete, orders not accepted in time expire."""
        self._step()
        self.clock.advance(seconds=seconds)
        self.tally["hub_changes"] += len(self.hub.hub.world.tick())

    @precondition(lambda self: self.hub.is_online)
    @rule(steps=st.integers(1, 6))
    def hub_goes_away(self, steps: int) -> None:
        """The store loses the hub for the next `steps` steps (connections refused)."""
        self._step()
        self.hub.go_offline()
        self.outage_steps_left = steps
        self.tally["outages"] += 1

    @rule()
    def hub_resets_its_feed(self) -> None:
        self._step()
        reset_feed_epoch(self.hub.hub)
        self.tally["hub_resets"] += 1

    # --- the devices' sync and lives ---------------------------------------------------

    @rule(which=st.sampled_from(STATIONS), pages=st.integers(0, 3))
    def device_syncs(self, which: str, pages: int) -> None:
        """One push of the waiting actions, then up to `pages` feed pages."""
        self._step()
        station = self._station(which)
        self._push_once(station)
        for _ in range(pages):
            if not station.pull_once():
                break

    @rule(which=st.sampled_from(STATIONS))
    def device_restarts(self, which: str) -> None:
        self._step()
        station = self._station(which)
        station.device.stop()
        station.device = _open_device(self.hub, station.directory, station.credentials)
        self.tally["restarts"] += 1

    @rule(which=st.sampled_from(STATIONS), pick=st.integers(0, KEPT_CURSORS - 1))
    def feed_replays_from_an_older_position(self, which: str, pick: int) -> None:
        """A restored backup, or a hub that delivers again: the device reads from `pick` back."""
        self._step()
        station = self._station(which)
        if not station.cursors:
            return
        cursor = station.cursors[pick % len(station.cursors)]
        with station.device.db.write() as session:
            sync_state_repository.set_value(session, sync_state_repository.CURSOR, cursor)
        self.tally["replays"] += 1

    @precondition(lambda self: self.steps_since_settled >= SETTLE_EVERY)
    @rule()
    def everything_settles(self) -> None:
        self._step()
        self._settle_and_compare()

    # --- what must always hold ---------------------------------------------------------

    @invariant()
    def screens_keep_promises(self) -> None:
        """Waiting actions stay visible; no order's status goes backwards on screen."""
        self.checked = False
        for station in self.stations:
            self._check_waiting_actions_shown(station)
            self._check_nothing_goes_backwards(station)
        self.tally["checks"] += 1
        self.checked = True

    def teardown(self) -> None:
        try:
            if self.checked:  # a step that already failed is reported as it is
                self._settle_and_compare()
                outcomes = Counter(entry.outcome for entry in self.hub.demo.command_log())
                self.tally["commands"] += outcomes.total()
                self.tally["refused_by_hub"] += outcomes["rejected"]
        finally:
            self._close()

    # --- helpers -------------------------------------------------------------------------

    def _enrol(self, name: str) -> Station:
        credentials = Credentials(MemoryKeyring(), account=name)
        device = _open_device(self.hub, self.directory / name, credentials)
        drain_feed(device)
        cashier = sign_in_as(device.sign_in, "cashier", "1111")
        return Station(name, self.directory / name, credentials, device, cashier)

    def _close(self) -> None:
        for station in self.stations:
            station.device.stop()
        self.hub.stop()
        shutil.rmtree(self.directory, ignore_errors=True)

    def _step(self) -> None:
        self.checked = False
        self.steps_since_settled += 1
        if self.outage_steps_left:
            self.outage_steps_left -= 1
        elif not self.hub.is_online:
            self.hub.go_online()  # the outage is over
        self.tally["steps"] += 1

    def _cashier_works(
        self, station: Station, work: list[tuple[int, int]], *, pulled: bool, then_push: bool
    ) -> None:
        """A few taps on orders, maybe after a feed page came in and maybe sent at once.

        The cashier taps one of the buttons an open order shows; with no order open, any
        action on any order (which the device refuses).
        """
        if pulled:
            station.pull_once()
        for pick_order, pick_action in work:
            order_id, choices = self._buttons(station, pick_order)
            action = choices[pick_action % len(choices)]
            try:
                shown = self._act(station, action, order_id)
            except ActionRefused:
                self.tally["refused_on_device"] += 1
                continue
            station.person_status[order_id] = shown.status
            self.tally["actions"] += 1
        if then_push:
            self._push_once(station)

    def _buttons(self, station: Station, pick: int) -> tuple[str, list[OrderAction]]:
        """The `pick`-th order (open ones first) and the actions to choose from on it."""
        offered = {
            order_id: sorted(
                allowed_actions(OrderStatus(snapshot.status), station.cashier.roles)
                & CASHIER_ACTIONS
            )
            for order_id, snapshot in station.on_screen().items()
        }
        every = sorted(offered, key=self.placed.index)  # ids are opaque: placement order
        open_ids = [order_id for order_id in every if offered[order_id]]
        if open_ids:
            order_id = open_ids[pick % len(open_ids)]
            return order_id, offered[order_id]
        return every[pick % len(every)], sorted(CASHIER_ACTIONS)

    def _open_at_hub(self) -> int:
        closed = TERMINAL | {_S.HANDED_OVER, _S.COMPLETED}
        return sum(order.status not in closed for order in self.hub.demo.orders())

    def _push_once(self, station: Station) -> None:
        self.tally["answered"] += station.device.pusher.push(ignore_backoff=True)

    def _station(self, name: str) -> Station:
        return next(station for station in self.stations if station.name == name)

    def _act(self, station: Station, action: OrderAction, order_id: str) -> OrderDetail:
        actions, cashier = station.device.order_actions, station.cashier
        order = station.device.order_queries.detail(order_id)
        assert order is not None
        if action is OrderAction.ACCEPT:
            return actions.accept(cashier, order_id)
        if action is OrderAction.MARK_READY:
            return actions.mark_ready(cashier, order_id)
        if action is OrderAction.HAND_OVER:
            party = (
                HandoverParty.CUSTOMER
                if order.fulfilment is FulfilmentMode.PICKUP
                else HandoverParty.RIDER
            )
            return actions.hand_over(cashier, order_id, party)
        reasons = CHANNEL_RULES[order.channel].reject_reasons
        if not reasons:
            raise ActionRefused("cannot_reject", OrderAction.REJECT, order.status)
        return actions.reject(cashier, order_id, reasons[0])

    def _check_waiting_actions_shown(self, station: Station) -> None:
        waiting = {order_id for _, order_id, state in station.outbox() if state == "pending"}
        for order_id in sorted(waiting):
            shown = station.device.order_queries.detail(order_id)
            assert shown is not None, f"{station.name}: {order_id} with a waiting action vanished"
            assert shown.has_pending, f"{station.name}: {order_id} not marked as waiting"
            assert shown.status is station.person_status[order_id], (
                f"{station.name}: {order_id} shows {shown.status.value}, "
                f"but the person's waiting action set {station.person_status[order_id].value}"
            )

    def _check_nothing_goes_backwards(self, station: Station) -> None:
        refusals = Counter(
            order_id
            for _, order_id, state in station.outbox()
            if state in {outbox_repository.REJECTED, outbox_repository.FAILED}
        )
        on_screen = {
            order_id: Seen(
                OrderStatus(snapshot.status),
                None if snapshot.resume_status is None else OrderStatus(snapshot.resume_status),
                snapshot.has_pending,
                refusals[order_id],
            )
            for order_id, snapshot in station.on_screen().items()
        }
        missing = set(station.seen) - set(on_screen)
        assert not missing, f"{station.name}: orders shown before are gone: {sorted(missing)}"
        for order_id, now in on_screen.items():
            before = station.seen.get(order_id)
            # A refused action is put right on screen (and the person told): the one way back.
            put_right = before is not None and before.has_pending and now.refusals > before.refusals
            if before is not None and not put_right:
                assert not _went_backwards(before, now), (
                    f"{station.name}: {order_id} went from {before} back to {now}"
                )
        station.seen = on_screen

    def _settle_and_compare(self) -> None:
        """Quiescence: hub online, every outbox drained, every feed read; then all agree."""
        self.hub.go_online()
        self.outage_steps_left = 0
        for station in self.stations:
            for _ in range(30):
                if not any(state == "pending" for _, _, state in station.outbox()):
                    break
                self._push_once(station)
            else:
                raise AssertionError(f"{station.name}: the outbox did not drain")
        for station in self.stations:
            station.drain()
        hub_orders = {order.order_id: order for order in self.hub.demo.orders()}
        for station in self.stations:
            assert set(station.on_screen()) == set(hub_orders), station.name
            for order_id, order in hub_orders.items():
                shown = station.device.order_queries.detail(order_id)
                assert shown is not None
                assert (shown.status, shown.version, shown.has_pending) == (
                    order.status,
                    order.version,
                    False,
                ), f"{station.name}: {order_id} differs from the hub after quiescence"
        self._check_each_command_ran_once()
        self.steps_since_settled = 0
        self.tally["settled"] += 1

    def _check_each_command_ran_once(self) -> None:
        log = {entry.command_id: entry for entry in self.hub.demo.command_log()}
        calls = Counter(c.command_id for c in self.hub.hub.admin.channel_calls() if c.command_id)
        sent = [row for station in self.stations for row in station.outbox()]
        assert set(log) == {command_id for command_id, _, _ in sent}
        for command_id, _, state in sent:
            entry = log[command_id]
            assert entry.executions == 1, command_id
            applied = entry.outcome == "applied"
            assert state == (outbox_repository.DONE if applied else outbox_repository.REJECTED)
            assert calls[command_id] == (1 if applied else 0), command_id


# A failure takes longer: Hypothesis then shrinks it for up to five minutes.
@pytest.mark.timeout(scaled(480, 3600))
def test_devices_converge_with_the_hub_whatever_happens(
    seed: int, figures: Callable[..., None]
) -> None:
    class Run(ConvergenceMachine):
        tally: ClassVar[Counter[str]] = Counter()

    run_state_machine_as_test(
        hypothesis_seed(seed)(Run),
        settings=settings(
            max_examples=scaled(25, 150),
            stateful_step_count=scaled(40, 80),
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
            print_blob=True,
        ),
    )
    figures(long=LONG_RUN, **Run.tally)

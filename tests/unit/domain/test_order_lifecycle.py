"""The order life cycle table: who may move an order where, resuming, terminals, inbox tabs."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.order_lifecycle import (
    RESUME,
    SIDE_FLOWS,
    TERMINAL,
    TRANSITIONS,
    InboxTab,
    Mover,
    OrderAction,
    TransitionRefused,
    allowed_actions,
    inbox_tab,
    next_status,
    opens_side_flow,
    tab_filter,
)
from app.domain.vocabulary import Actor, OrderStatus, Role

S = OrderStatus
A = OrderAction

MOVERS: tuple[Mover, ...] = (*Role, *Actor)
EVERY_MOVER: frozenset[Mover] = frozenset(MOVERS)
STAFF: frozenset[Mover] = frozenset(Role)
REQUESTS = (S.CANCEL_REQUESTED, S.REFUND_REQUESTED)
"""Side flows answered by going back to where the order was."""

# DESIGN.md §5 and the cashier inbox: where a person looks for an order in each status.
EXPECTED_TAB = {
    S.NEW: InboxTab.NEW,
    S.EXCEPTION: InboxTab.NEW,
    S.ACCEPTED: InboxTab.IN_PROGRESS,
    S.PREPARING: InboxTab.IN_PROGRESS,
    S.SHORTAGE_PENDING: InboxTab.IN_PROGRESS,
    S.READY: InboxTab.READY,
    S.HANDED_OVER: InboxTab.DONE,
    S.COMPLETED: InboxTab.DONE,
    S.REJECTED: InboxTab.CANCELLED,
    S.CANCELLED: InboxTab.CANCELLED,
}


def _sources_of(side_flow: OrderStatus) -> list[OrderStatus]:
    """Statuses from which the table lets an order enter `side_flow`."""
    return [
        status
        for status, moves in TRANSITIONS.items()
        if status != side_flow and any(t.target == side_flow for t in moves.values())
    ]


def _succeeds(
    status: OrderStatus, action: OrderAction, movers: frozenset[Mover], resume: OrderStatus
) -> bool:
    try:
        next_status(status, action, movers, resume)
    except TransitionRefused:
        return False
    return True


# --- the table, walked whole ----------------------------------------------------------------


def test_every_status_has_a_row_in_the_table():
    assert set(TRANSITIONS) == set(OrderStatus)


@pytest.mark.parametrize(("status", "action"), list(itertools.product(OrderStatus, OrderAction)))
def test_next_status_allows_exactly_the_movers_the_table_names(
    status: OrderStatus, action: OrderAction
):
    transition = TRANSITIONS[status].get(action)
    resume = S.PREPARING
    for mover in MOVERS:
        if transition is not None and mover in transition.by:
            expected = resume if transition.target == RESUME else OrderStatus(transition.target)
            assert next_status(status, action, mover, resume) is expected, mover
        else:
            with pytest.raises(TransitionRefused) as refused:
                next_status(status, action, mover, resume)
            assert refused.value.status is status
            assert refused.value.action is action
            # A known action by the wrong person is a role refusal; an impossible one is not.
            assert refused.value.is_role_refusal is (transition is not None), mover


@pytest.mark.parametrize("status", list(OrderStatus))
@pytest.mark.parametrize(
    "movers",
    [frozenset({m}) for m in MOVERS] + [STAFF, EVERY_MOVER, frozenset()],
    ids=[m.value for m in MOVERS] + ["all_staff", "everyone", "nobody"],
)
def test_allowed_actions_are_exactly_the_actions_next_status_accepts(
    status: OrderStatus, movers: frozenset[Mover]
):
    accepted = {a for a in OrderAction if _succeeds(status, a, movers, S.ACCEPTED)}
    assert allowed_actions(status, movers) == accepted


def test_every_transition_names_a_real_target_and_someone_who_may_make_it():
    for status, moves in TRANSITIONS.items():
        for action, transition in moves.items():
            assert transition.by, (status, action)
            assert transition.target == RESUME or transition.target in set(OrderStatus)
            if transition.target == RESUME:
                assert status in REQUESTS, (status, action)


# --- what the design asks for, checked against the table --------------------------------------


def test_happy_path_from_new_to_completed():
    status = S.NEW
    for action, mover in [
        (A.ACCEPT, Role.CASHIER),
        (A.START_PREPARING, Role.PICKER),
        (A.MARK_READY, Role.CASHIER),
        (A.HAND_OVER, Role.PICKER),
        (A.COMPLETE, Actor.HUB),
    ]:
        status = next_status(status, action, mover)
    assert status is S.COMPLETED


@pytest.mark.parametrize("action", [A.ACCEPT, A.REJECT])
def test_picker_may_not_accept_or_reject_but_a_picker_who_is_also_cashier_may(
    action: OrderAction,
):
    with pytest.raises(TransitionRefused) as refused:
        next_status(S.NEW, action, Role.PICKER)
    assert refused.value.is_role_refusal
    assert next_status(S.NEW, action, frozenset({Role.PICKER, Role.CASHIER})) in set(OrderStatus)


def test_nobody_signed_in_is_refused_for_role():
    with pytest.raises(TransitionRefused) as refused:
        next_status(S.NEW, A.ACCEPT, frozenset())
    assert refused.value.is_role_refusal


def test_staff_cannot_complete_an_order_only_the_channel_side_can():
    with pytest.raises(TransitionRefused) as refused:
        next_status(S.HANDED_OVER, A.COMPLETE, STAFF)
    assert refused.value.is_role_refusal


def test_accepting_twice_is_a_status_refusal_not_a_role_refusal():
    accepted = next_status(S.NEW, A.ACCEPT, Role.CASHIER)
    with pytest.raises(TransitionRefused) as refused:
        next_status(accepted, A.ACCEPT, Role.CASHIER)
    assert not refused.value.is_role_refusal
    assert "accept" in str(refused.value)


@pytest.mark.parametrize("source", [S.ACCEPTED, S.PREPARING, S.SHORTAGE_PENDING, S.READY])
def test_refused_cancel_request_resumes_where_the_order_was(source: OrderStatus):
    requested = next_status(source, A.REQUEST_CANCEL, Actor.CHANNEL)
    assert requested is S.CANCEL_REQUESTED
    assert opens_side_flow(requested)
    assert next_status(requested, A.DISAGREE_CANCEL, Role.CASHIER, source) is source
    assert next_status(requested, A.AGREE_CANCEL, Role.CASHIER, source) is S.CANCELLED


@pytest.mark.parametrize("source", [S.HANDED_OVER, S.COMPLETED])
@pytest.mark.parametrize("answer", [A.AGREE_REFUND, A.DISAGREE_REFUND])
def test_answered_refund_request_resumes_where_the_order_was(
    source: OrderStatus, answer: OrderAction
):
    requested = next_status(source, A.REQUEST_REFUND, Actor.CHANNEL)
    assert requested is S.REFUND_REQUESTED
    assert opens_side_flow(requested)
    assert next_status(requested, answer, Role.MANAGER, source) is source


@pytest.mark.parametrize("side_flow", REQUESTS)
def test_resuming_without_knowing_where_to_is_refused_as_a_status_problem(
    side_flow: OrderStatus,
):
    for action, transition in TRANSITIONS[side_flow].items():
        if transition.target != RESUME:
            continue
        with pytest.raises(TransitionRefused) as refused:
            next_status(side_flow, action, EVERY_MOVER, None)
        assert not refused.value.is_role_refusal


def test_shortage_waits_for_the_manager_then_picking_goes_on():
    short = next_status(S.PREPARING, A.REPORT_SHORTAGE, Role.PICKER)
    assert short is S.SHORTAGE_PENDING
    assert opens_side_flow(short)
    with pytest.raises(TransitionRefused) as refused:
        next_status(short, A.RESOLVE_SHORTAGE, frozenset({Role.PICKER, Role.CASHIER}))
    assert refused.value.is_role_refusal
    assert next_status(short, A.RESOLVE_SHORTAGE, Role.MANAGER) is S.PREPARING


def test_only_the_manager_among_staff_may_cancel_an_order_being_worked_on():
    for status in (S.ACCEPTED, S.PREPARING, S.READY):
        assert A.CANCEL in allowed_actions(status, frozenset({Role.MANAGER}))
        assert A.CANCEL not in allowed_actions(status, frozenset({Role.CASHIER, Role.PICKER}))


def test_side_flow_statuses_are_the_ones_that_remember_where_to_resume():
    for status in OrderStatus:
        assert opens_side_flow(status) is (status in SIDE_FLOWS)
    assert set(REQUESTS) <= SIDE_FLOWS


# --- terminal statuses ------------------------------------------------------------------------


def test_rejected_and_cancelled_are_terminal():
    assert {S.REJECTED, S.CANCELLED} <= TERMINAL


@pytest.mark.parametrize("status", sorted(TERMINAL))
def test_terminal_status_allows_nothing_to_anyone(status: OrderStatus):
    assert allowed_actions(status, EVERY_MOVER) == frozenset()
    for action in OrderAction:
        with pytest.raises(TransitionRefused) as refused:
            next_status(status, action, EVERY_MOVER, S.ACCEPTED)
        assert not refused.value.is_role_refusal


# --- inbox tabs -------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [s for s in OrderStatus if s not in REQUESTS])
def test_inbox_tab_of_every_plain_status(status: OrderStatus):
    assert inbox_tab(status, None) is EXPECTED_TAB[status]


def test_expected_tabs_cover_every_status_but_the_requests():
    assert set(EXPECTED_TAB) | set(REQUESTS) == set(OrderStatus)


@pytest.mark.parametrize(
    ("side_flow", "source"),
    [(side, source) for side in REQUESTS for source in _sources_of(side)],
)
def test_pending_request_stays_on_the_tab_of_the_status_it_resumes_to(
    side_flow: OrderStatus, source: OrderStatus
):
    assert inbox_tab(side_flow, source) is EXPECTED_TAB[source]


def test_cancel_requested_while_ready_stays_on_the_ready_tab():
    assert inbox_tab(S.CANCEL_REQUESTED, S.READY) is InboxTab.READY
    assert inbox_tab(S.REFUND_REQUESTED, S.COMPLETED) is InboxTab.DONE


@pytest.mark.parametrize("status", [s for s in OrderStatus if s not in REQUESTS])
def test_plain_status_is_listed_by_exactly_its_own_tab(status: OrderStatus):
    # Booked orders still waiting for their preparation time are the Scheduled tab's alone.
    listing = [
        tab
        for tab in InboxTab
        if status in tab_filter(tab).statuses and tab_filter(tab).booked is not True
    ]
    assert listing == [inbox_tab(status, None)]


def test_a_new_booked_order_waits_on_the_scheduled_tab_until_its_time():
    assert inbox_tab(S.NEW, None, waiting_booked=True) is InboxTab.SCHEDULED
    assert inbox_tab(S.ACCEPTED, None, waiting_booked=True) is InboxTab.IN_PROGRESS
    scheduled, new = tab_filter(InboxTab.SCHEDULED), tab_filter(InboxTab.NEW)
    assert (scheduled.statuses, scheduled.booked) == (frozenset({S.NEW}), True)
    assert (S.NEW in new.statuses, new.booked) == (True, False)


@pytest.mark.parametrize(
    ("side_flow", "source"),
    [(side, source) for side in REQUESTS for source in _sources_of(side)],
)
def test_tab_query_includes_side_flow_orders_of_that_tab(
    side_flow: OrderStatus, source: OrderStatus
):
    selected = tab_filter(inbox_tab(side_flow, source))
    assert side_flow in selected.requests
    assert source in selected.resumes
    others = [tab for tab in InboxTab if source in tab_filter(tab).resumes]
    assert others == [inbox_tab(side_flow, source)]


# --- any walk ---------------------------------------------------------------------------------


@given(st.data())
def test_any_walk_of_allowed_actions_stays_in_the_life_cycle(data: st.DataObject):
    status, resume = S.NEW, None
    for _ in range(40):
        allowed = allowed_actions(status, EVERY_MOVER)
        if not allowed:
            break
        action = data.draw(st.sampled_from(sorted(allowed)))
        mover = data.draw(st.sampled_from(sorted(TRANSITIONS[status][action].by)))
        after = next_status(status, action, mover, resume)
        assert isinstance(after, OrderStatus)
        if TRANSITIONS[status][action].target == RESUME:
            assert after is resume
            resume = None
        elif opens_side_flow(after) and after is not status:
            resume = status
        if after in REQUESTS:
            assert inbox_tab(after, resume) is inbox_tab(resume, None)
        status = after
    if not allowed_actions(status, EVERY_MOVER):
        assert status in TERMINAL, f"{status} is a dead end but not terminal"
    if status in TERMINAL:
        for action, mover in itertools.product(OrderAction, MOVERS):
            with pytest.raises(TransitionRefused):
                next_status(status, action, mover, S.ACCEPTED)

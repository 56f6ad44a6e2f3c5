"""Several promotions apportioned to the lines they cover, and the refunds drawn from them:
exact to the cent, never negative, never more back than was paid."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.shortage_refunds import partial_refund_cents, substitute_refund_cents
from app.domain.vocabulary import Channel
from hub.composition import Hub
from hub.money import Promotion, apportion_promotions

_LINES = st.lists(st.tuples(st.integers(1, 20), st.integers(0, 5_000)), min_size=1, max_size=8).map(
    lambda lines: [(quantity, quantity * price) for quantity, price in lines]
)
"""(quantity, amount before discounts) per line; amount = quantity × unit price."""


@st.composite
def orders(draw: st.DrawFn) -> tuple[list[tuple[int, int]], list[Promotion]]:
    """An order's lines and promotions that each fit what their lines still cost."""
    lines = draw(_LINES)
    left = [amount for _quantity, amount in lines]
    promotions: list[Promotion] = []
    for number in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["order", "sku", "category", "delivery"]))
        if kind == "order":
            covers = frozenset(range(len(lines)))
        elif kind == "sku":
            covers = frozenset({draw(st.integers(0, len(lines) - 1))})
        elif kind == "category":
            covers = frozenset(
                draw(st.sets(st.integers(0, len(lines) - 1), min_size=1, max_size=len(lines)))
            )
        else:
            covers = frozenset()
        room = sum(left[i] for i in covers) if covers else 1_000
        cents = draw(st.integers(0, room))
        promotions.append(Promotion(f"promotion {number}", cents, covers))
        if covers:
            # Keep `left` in step the way the hub does, so the next promotion fits too.
            left = apportion_promotions(left, [promotions[-1]])
    return lines, promotions


@given(orders())
def test_lines_add_up_exactly_and_none_is_negative_or_above_its_amount(
    order: tuple[list[tuple[int, int]], list[Promotion]],
) -> None:
    lines, promotions = order
    amounts = [amount for _quantity, amount in lines]
    paid = apportion_promotions(amounts, promotions)
    on_lines = sum(p.cents for p in promotions if p.covers)
    assert sum(paid) == sum(amounts) - on_lines
    assert all(0 <= share <= amount for share, amount in zip(paid, amounts, strict=True))


@given(orders(), st.data())
def test_a_refund_for_any_quantity_short_never_exceeds_what_was_paid(
    order: tuple[list[tuple[int, int]], list[Promotion]], data: st.DataObject
) -> None:
    lines, promotions = order
    paid = apportion_promotions([amount for _q, amount in lines], promotions)
    index = data.draw(st.integers(0, len(lines) - 1))
    quantity = lines[index][0]
    before = data.draw(st.integers(0, quantity))
    short = data.draw(st.integers(0, quantity))
    refund = partial_refund_cents(paid[index], quantity, short, before)
    earlier = partial_refund_cents(paid[index], quantity, before)
    assert 0 <= refund <= paid[index] - earlier
    price = data.draw(st.integers(0, 10_000))
    difference = substitute_refund_cents(paid[index], quantity, short, price, before)
    assert 0 <= difference <= refund


@given(orders(), st.data())
def test_refunding_every_unit_of_every_line_returns_exactly_the_paid_total(
    order: tuple[list[tuple[int, int]], list[Promotion]], data: st.DataObject
) -> None:
    lines, promotions = order
    paid = apportion_promotions([amount for _q, amount in lines], promotions)
    refunds = 0
    for (quantity, _amount), line_paid in zip(lines, paid, strict=True):
        # In whatever steps the shortages come, each counting the units refunded before it.
        done = 0
        while done < quantity:
            step = data.draw(st.integers(1, quantity - done))
            refunds += partial_refund_cents(line_paid, quantity, step, done)
            done += step
    assert refunds == sum(paid)


def test_a_promotion_on_one_sku_stays_on_that_line() -> None:
    second_half_price = Promotion("第二件半价", 150, frozenset({1}))
    whole_order = Promotion("满30减5", 500, frozenset({0, 1, 2}))
    delivery = Promotion("减配送费3元", 300, frozenset())
    paid = apportion_promotions([1000, 600, 2400], [second_half_price, whole_order, delivery])
    assert paid == [870, 392, 2088]
    assert sum(paid) == 4000 - 150 - 500


def test_a_promotion_worth_more_than_its_lines_is_refused() -> None:
    with pytest.raises(ValueError, match="outside"):
        apportion_promotions([100, 200], [Promotion("too much", 150, frozenset({0}))])
    with pytest.raises(ValueError, match="does not have"):
        apportion_promotions([100], [Promotion("elsewhere", 10, frozenset({3}))])


def test_simulated_orders_spread_their_promotions_over_the_lines_they_cover(hub: Hub) -> None:
    orders = [
        hub.world.place_order(channel, store_id=hub.world.demo_store_id)
        for _ in range(40)
        for channel in Channel
    ]

    for order in orders:
        assert sum(line.paid_cents for line in order.lines) == (
            order.subtotal_cents - order.discount_cents
        )
        assert all(
            0 <= line.paid_cents <= line.unit_price_cents * line.quantity for line in order.lines
        )
    # Some promotion covered only part of an order: one line discounted, another not.
    assert any(
        any(ln.paid_cents < ln.unit_price_cents * ln.quantity for ln in order.lines)
        and any(ln.paid_cents == ln.unit_price_cents * ln.quantity for ln in order.lines)
        for order in orders
    )

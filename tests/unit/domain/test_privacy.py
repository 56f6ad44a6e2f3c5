"""Phone masking and the rule of who may see a customer's full number."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.privacy import (
    OrderContactFacts,
    mask_phone,
    mask_phones_in,
    may_see_phone,
    phone_forms,
)
from app.domain.vocabulary import FulfilmentMode, OrderStatus, Role

_MOBILES = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)


@given(_MOBILES)
def test_a_mobile_keeps_its_first_three_and_last_four_digits(number: str) -> None:
    masked = mask_phone(number)
    assert masked == f"{number[:3]}****{number[-4:]}"
    assert mask_phone(masked) == masked  # masking twice changes nothing


@given(_MOBILES, st.sampled_from(["+86", "+86 ", "86", "86-"]))
def test_no_full_number_survives_in_a_text(number: str, prefix: str) -> None:
    text = f"call {prefix}{number} about order 202612010001234, barcode 6901234567892"
    masked = mask_phones_in(text)
    assert number not in masked
    assert number[-4:] in masked
    assert "202612010001234" in masked  # an order number is no phone number
    assert "6901234567892" in masked


def test_what_the_channel_sent_gives_the_full_number_only_when_it_is_full() -> None:
    assert phone_forms("13812345678") == ("13812345678", "138****5678")
    assert phone_forms("138****5678") == ("", "138****5678")
    assert phone_forms("") == ("", "")


def _order(
    status: OrderStatus,
    fulfilment: FulfilmentMode = FulfilmentMode.PICKUP,
    assignees: frozenset[str] = frozenset(),
) -> OrderContactFacts:
    return OrderContactFacts(status=status, fulfilment=fulfilment, task_assignees=assignees)


@pytest.mark.parametrize("status", list(OrderStatus))
def test_a_manager_may_always_see_the_number(status: OrderStatus) -> None:
    assert may_see_phone({Role.MANAGER}, "m1", _order(status))


def test_a_picker_sees_it_only_on_their_own_unfinished_task() -> None:
    theirs = _order(OrderStatus.SHORTAGE_PENDING, assignees=frozenset({"p1"}))
    assert may_see_phone({Role.PICKER}, "p1", theirs)
    assert not may_see_phone({Role.PICKER}, "p2", theirs)
    assert not may_see_phone({Role.PICKER}, "p2", _order(OrderStatus.PREPARING))
    ended = _order(OrderStatus.COMPLETED, assignees=frozenset({"p1"}))
    assert not may_see_phone({Role.PICKER}, "p1", ended)


@pytest.mark.parametrize(
    ("status", "fulfilment", "allowed"),
    [
        (OrderStatus.READY, FulfilmentMode.PICKUP, True),  # the customer is at the counter
        (OrderStatus.READY, FulfilmentMode.DELIVERY, False),  # the rider comes, not them
        (OrderStatus.CANCEL_REQUESTED, FulfilmentMode.DELIVERY, True),
        (OrderStatus.REFUND_REQUESTED, FulfilmentMode.PICKUP, True),
        (OrderStatus.NEW, FulfilmentMode.PICKUP, False),
        (OrderStatus.PREPARING, FulfilmentMode.PICKUP, False),
        (OrderStatus.HANDED_OVER, FulfilmentMode.PICKUP, False),
        (OrderStatus.CANCELLED, FulfilmentMode.PICKUP, False),
    ],
)
def test_a_cashier_sees_it_at_the_counter_or_for_an_open_request(
    status: OrderStatus, fulfilment: FulfilmentMode, allowed: bool
) -> None:
    assert may_see_phone({Role.CASHIER}, "c1", _order(status, fulfilment)) is allowed


@pytest.mark.parametrize(
    ("typed", "masked"),
    [
        ("138 1234 5678", "138 **** 5678"),
        ("138-1234-5678", "138-****-5678"),
        ("+86 138-1234-5678", "+86 138-****-5678"),
        ("0086 13812345678", "0086 138****5678"),
        ("１３８１２３４５６７８", "１３８****５６７８"),
    ],
)
def test_a_number_typed_with_gaps_prefixes_or_full_width_digits_is_masked(
    typed: str, masked: str
) -> None:
    assert mask_phones_in(f"请联系 {typed} 谢谢") == f"请联系 {masked} 谢谢"
    assert mask_phone(typed) == masked


@pytest.mark.parametrize(
    "text",
    [
        "美团订单 27261201000015305",
        "order 202612010001234 total 13812345.67",
        "refund ¥1381.23 of 5678.00",
        "ref 2726 1201 0000 15305",
    ],
)
def test_order_numbers_and_money_are_not_phone_numbers(text: str) -> None:
    assert mask_phones_in(text) == text

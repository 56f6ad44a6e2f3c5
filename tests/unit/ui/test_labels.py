"""Words for the domain vocabulary: every value has some, and unknown codes fall back sensibly."""

from __future__ import annotations

import pytest

from app.domain.channel_rules import RejectReason
from app.domain.order_lifecycle import InboxTab
from app.domain.vocabulary import (
    Channel,
    FulfilmentMode,
    HandoverParty,
    OrderStatus,
    OutOfStockPreference,
    RiderStatus,
    Role,
)
from ui import labels


@pytest.mark.parametrize(
    ("function", "values"),
    [
        (labels.channel_name, Channel),
        (labels.order_status_name, OrderStatus),
        (labels.inbox_tab_name, InboxTab),
        (labels.reject_reason_name, RejectReason),
        (labels.handover_party_name, HandoverParty),
        (labels.rider_status_name, RiderStatus),
        (labels.fulfilment_name, FulfilmentMode),
        (labels.out_of_stock_preference_name, OutOfStockPreference),
        (labels.role_name, Role),
    ],
)
def test_every_value_has_words(qapp, function, values) -> None:
    words = [function(value) for value in values]
    assert all(words)
    assert len(set(words)) == len(words)


def test_channel_names(qapp) -> None:
    assert labels.channel_name(Channel.MEITUAN) == "Meituan"
    assert labels.channel_name(Channel.MINIPROGRAM) == "Mini-program"


def test_roles_read_manager_first(qapp) -> None:
    assert labels.roles_text({Role.CASHIER, Role.MANAGER}) == "Manager · Cashier"


def test_known_hub_reason_is_ours_unknown_is_a_sentence_of_ours_never_the_hubs(qapp) -> None:
    assert labels.hub_rejection_text("order_cancelled", "x") == "The customer cancelled this order."
    dump = "1 validation error for PickLine\nquantity\n  Input should be a valid integer"
    assert labels.hub_rejection_text("new_code", dump) == "The hub refused this action."
    assert labels.hub_rejection_text("invalid_request", dump) == (
        "The hub could not read this action. It was not applied; do it again."
    )
    assert labels.hub_rejection_text("new_code", "") == "The hub refused this action."


@pytest.mark.parametrize(
    "code",
    ["unknown_order", "not_permitted", "wrong_status", "cannot_reject", "reason_not_allowed"],
)
def test_every_refusal_code_has_words(qapp, code: str) -> None:
    text = labels.action_refusal_text(code, None)
    assert text
    assert code not in text


def test_wrong_status_names_the_status(qapp) -> None:
    assert "Cancelled" in labels.action_refusal_text("wrong_status", OrderStatus.CANCELLED)


def test_command_names(qapp) -> None:
    assert labels.command_name("accept_order") == "Accept"
    assert labels.command_name("something_new") == "Action"
    assert labels.order_title(23, Channel.MEITUAN) == "#23 (Meituan)"

"""The search box on the cashier screen: typing finds orders, Enter opens the chosen one."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from app.domain.order_lifecycle import InboxTab
from app.domain.vocabulary import Channel, RecordKind
from app.services.day_summary import DaySummaries
from app.services.order_search import OrderSearch
from ui.cashier.cashier_screen import CashierScreen
from ui.cashier.order_search_box import ORDER_ID_ROLE


@pytest.fixture
def screen(qtbot, services, bridge, db, clock) -> CashierScreen:
    searching = dataclasses.replace(
        services, order_search=OrderSearch(db, clock), day_summaries=DaySummaries(db, clock)
    )
    screen = CashierScreen(searching, bridge)
    qtbot.addWidget(screen)
    screen.resize(1280, 760)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def _seed(seed) -> None:
    seed.staff(seed.cashier)
    seed.orders(
        seed.order_row("today-23", serial=23, status="completed"),
        seed.order_row(
            "old-23",
            channel=Channel.ELEME,
            serial=23,
            status="completed",
            placed_ago=timedelta(days=2),
        ),
        seed.order_row("new-7", serial=7, phone_last4="0023", customer_phone_masked="139****0023"),
        seed.order_row(
            "ready-9", serial=9, status="ready", fulfilment="pickup", pickup_code="A881"
        ),
    )


def _results(screen: CashierScreen) -> list[str]:
    box = screen.search_box
    assert box is not None
    return [str(box.results.item(row).data(ORDER_ID_ROLE)) for row in range(box.results.count())]


def test_typing_a_serial_lists_todays_order_first_and_enter_opens_it(qtbot, screen, seed) -> None:
    _seed(seed)
    screen.set_actor(seed.cashier.signed_in())
    box = screen.search_box
    assert box is not None

    qtbot.keyClicks(box.line, "#23")

    qtbot.waitUntil(lambda: _results(screen) == ["today-23", "old-23"])
    assert box.results.isVisible()
    assert "#23" in box.results.item(0).text()
    assert "today" in box.results.item(0).text()
    assert "daily serial" in box.results.item(0).text()
    qtbot.keyClick(box.line, Qt.Key.Key_Return)
    assert screen.detail_pane.order is not None
    assert screen.detail_pane.order.order_id == "today-23"
    assert screen.current_tab() is InboxTab.DONE
    assert screen.model.row_of("today-23") is not None


def test_arrow_down_then_enter_opens_the_second_result(qtbot, screen, seed) -> None:
    _seed(seed)
    screen.set_actor(seed.cashier.signed_in())
    box = screen.search_box
    assert box is not None
    qtbot.keyClicks(box.line, "0023")
    qtbot.waitUntil(lambda: len(_results(screen)) == 3)

    qtbot.keyClick(box.line, Qt.Key.Key_Down)
    qtbot.keyClick(box.results, Qt.Key.Key_Down)
    with qtbot.waitSignal(box.order_chosen) as chosen:
        qtbot.keyClick(box.results, Qt.Key.Key_Return)

    assert chosen.args == [_results(screen)[1]]
    assert screen.detail_pane.order is not None
    assert screen.detail_pane.order.order_id == _results(screen)[1]


def test_plain_digits_say_each_way_they_matched(qtbot, screen, seed) -> None:
    _seed(seed)
    screen.set_actor(seed.cashier.signed_in())
    box = screen.search_box
    assert box is not None

    qtbot.keyClicks(box.line, "0023")

    qtbot.waitUntil(lambda: len(_results(screen)) == 3)
    texts = {_results(screen)[row]: box.results.item(row).text() for row in range(3)}
    assert "matched by phone" in texts["new-7"]
    assert "matched by daily serial" in texts["today-23"]


def test_a_pickup_code_opens_the_order_on_the_ready_tab(qtbot, screen, seed) -> None:
    _seed(seed)
    screen.set_actor(seed.cashier.signed_in())
    box = screen.search_box
    assert box is not None

    qtbot.keyClicks(box.line, "a881")
    qtbot.waitUntil(lambda: _results(screen) == ["ready-9"])
    qtbot.keyClick(box.line, Qt.Key.Key_Enter)

    assert screen.current_tab() is InboxTab.READY
    assert screen.detail_pane.order is not None
    assert screen.detail_pane.order.pickup_code == "A881"


def test_no_match_says_so_and_escape_clears(qtbot, screen, seed) -> None:
    _seed(seed)
    screen.set_actor(seed.cashier.signed_in())
    box = screen.search_box
    assert box is not None

    qtbot.keyClicks(box.line, "#99")

    qtbot.waitUntil(lambda: box.status.text() == "No order matches")
    assert not box.results.isVisible()
    qtbot.keyClick(box.line, Qt.Key.Key_Return)
    assert screen.detail_pane.order is None
    qtbot.keyClick(box.line, Qt.Key.Key_Escape)
    assert box.line.text() == ""
    assert box.status.text() == ""


def test_results_follow_the_cache_and_sign_out_clears_them(qtbot, screen, seed, bridge) -> None:
    _seed(seed)
    screen.set_actor(seed.cashier.signed_in())
    box = screen.search_box
    assert box is not None
    qtbot.keyClicks(box.line, "#23")
    qtbot.waitUntil(lambda: _results(screen) == ["today-23", "old-23"])
    box.results.setCurrentRow(1)

    seed.orders(
        seed.order_row(
            "new-23", channel=Channel.MINIPROGRAM, serial=23, placed_ago=timedelta(minutes=1)
        )
    )
    bridge.records_changed([RecordKind.ORDER])

    qtbot.waitUntil(lambda: _results(screen) == ["new-23", "today-23", "old-23"])
    assert box.results.currentItem().data(ORDER_ID_ROLE) == "old-23"
    screen.set_actor(None)
    assert box.line.text() == ""
    assert not box.results.isVisible()

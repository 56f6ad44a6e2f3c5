"""The counter's side flows driven through the real widgets: requests, reminders, handover,
busy mode and the Scheduled tab."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from app.domain.order_lifecycle import InboxTab, OrderAction
from app.domain.reminder_replies import ReminderReply
from app.domain.vocabulary import Channel, HandoverParty, OrderStatus
from app.services.channel_pauses import ChannelPauses
from local_db import staff_repository
from local_db.models import OutboxEntry
from ui.cashier.cashier_screen import CashierScreen
from ui.cashier.order_inbox_model import InboxColumn


def _screen(qtbot, services, bridge) -> CashierScreen:
    screen = CashierScreen(services, bridge)
    qtbot.addWidget(screen)
    screen.resize(1280, 760)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


@pytest.fixture
def screen(qtbot, services, bridge) -> CashierScreen:
    return _screen(qtbot, services, bridge)


def _payloads(db) -> list[dict[str, Any]]:
    with db.read() as session:
        return [
            dict(p) for p in session.scalars(select(OutboxEntry.payload).order_by(OutboxEntry.seq))
        ]


def _texts(screen: CashierScreen) -> set[str]:
    return {label.text() for label in screen.detail_pane.widget().findChildren(QLabel)}


def _cancel_requested(seed, clock, *, channel: Channel = Channel.ELEME) -> None:
    now = clock()
    request = {
        "kind": "cancel",
        "reason": "地址填错了 wrong address",
        "requested_at": now.isoformat(),
        "respond_by": (now + timedelta(minutes=15)).isoformat(),
    }
    seed.staff(seed.cashier)
    seed.orders(
        seed.order_row(
            "c1",
            channel=channel,
            serial=31,
            status="cancel_requested",
            resume_status="accepted",
            request=request,
            now=now,
        )
    )


def test_cancel_request_counts_down_and_turns_red_near_its_deadline(
    qtbot, screen, seed, clock
) -> None:
    _cancel_requested(seed, clock)
    screen.set_actor(seed.cashier.signed_in())
    screen.show_order("c1")

    panel = screen.detail_pane.request_panel
    assert panel is not None
    assert panel.is_counting_down
    assert "15:00" in panel.countdown.text()
    assert panel.countdown.property("tone") == "warning"
    assert "地址填错了 wrong address" in panel.facts.text()
    clock.advance(minutes=13)
    qtbot.waitUntil(lambda: "2:00" in panel.countdown.text())
    assert panel.countdown.property("tone") == "error"
    assert screen.action_bar.buttons[OrderAction.AGREE_CANCEL].isVisible()
    assert screen.action_bar.buttons[OrderAction.DISAGREE_CANCEL].isVisible()


def test_agreeing_to_cancel_queues_the_answer_and_the_order_is_cancelled(
    qtbot, screen, seed, clock, db
) -> None:
    _cancel_requested(seed, clock)
    screen.set_actor(seed.manager.signed_in())  # cancelling is a manager's (or approved)
    screen.show_order("c1")

    qtbot.mouseClick(screen.action_bar.buttons[OrderAction.AGREE_CANCEL], Qt.MouseButton.LeftButton)

    [payload] = _payloads(db)
    assert (payload["type"], payload["agree"]) == ("answer_cancel_request", True)
    assert screen.detail_pane.order is not None
    assert screen.detail_pane.order.status is OrderStatus.CANCELLED
    assert "cancel request agreed" in screen.message_strip.text()


def test_disagreeing_needs_a_reason_before_it_can_be_sent(qtbot, screen, seed, clock, db) -> None:
    _cancel_requested(seed, clock, channel=Channel.MEITUAN)
    screen.set_actor(seed.cashier.signed_in())
    screen.show_order("c1")

    qtbot.mouseClick(
        screen.action_bar.buttons[OrderAction.DISAGREE_CANCEL], Qt.MouseButton.LeftButton
    )
    dialog = screen.side_flows.disagree_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert not dialog.refuse_button.isEnabled()
    qtbot.mouseClick(dialog.reason_buttons[0], Qt.MouseButton.LeftButton)
    assert dialog.refuse_button.isEnabled()
    qtbot.mouseClick(dialog.refuse_button, Qt.MouseButton.LeftButton)

    [payload] = _payloads(db)
    assert payload["type"] == "answer_cancel_request"
    assert payload["agree"] is False
    assert payload["reason"] == dialog.reason_buttons[0].text()
    shown = screen.detail_pane.order
    assert shown is not None
    assert shown.status is OrderStatus.ACCEPTED
    panel = screen.detail_pane.request_panel
    assert panel is not None
    assert not panel.is_counting_down
    assert "Refused" in panel.countdown.text()


def test_reminder_quick_reply_is_sent_and_shown(qtbot, screen, seed, clock, db) -> None:
    reminders = [{"reminder_id": "R1", "asked_at": clock().isoformat()}]
    seed.staff(seed.cashier)
    seed.orders(seed.order_row("a1", status="accepted", reminders=reminders))
    screen.set_actor(seed.cashier.signed_in())
    screen.show_order("a1")
    reminder_list = screen.detail_pane.reminder_list
    assert reminder_list is not None
    first = reminder_list.reply_buttons["R1"][0]
    assert first.full_text() == "正在制作，马上就好\nBeing prepared, almost done"

    qtbot.mouseClick(first, Qt.MouseButton.LeftButton)

    [payload] = _payloads(db)
    assert (payload["type"], payload["reminder_id"], payload["reply"]) == (
        "reply_reminder",
        "R1",
        "正在制作，马上就好",  # the customer reads Chinese: the gloss is for staff only
    )
    assert ReminderReply.PREPARING.value not in str(payload)
    qtbot.waitUntil(
        lambda: any(
            text.startswith("Replied by 李娜")
            and text.endswith(": 正在制作，马上就好 (Being prepared, almost done)")
            for text in _texts(screen)
        )
    )


def test_handover_asks_to_whom_and_shows_who_handed_it(qtbot, screen, seed, clock, db) -> None:
    rider = {"name": "张师傅", "phone_masked": "139****1111", "status": "at_store", "eta": None}
    seed.staff(seed.cashier)
    seed.orders(seed.order_row("r1", status="ready", rider=rider))
    screen.set_actor(seed.cashier.signed_in())
    screen.show_order("r1")

    qtbot.mouseClick(screen.action_bar.buttons[OrderAction.HAND_OVER], Qt.MouseButton.LeftButton)
    dialog = screen.side_flows.handover_dialog
    assert dialog is not None
    assert dialog.party() is HandoverParty.RIDER
    assert dialog.to_name() == "张师傅"
    qtbot.mouseClick(dialog.hand_over_button, Qt.MouseButton.LeftButton)

    [payload] = _payloads(db)
    assert (payload["type"], payload["handed_to"], payload["handed_to_name"]) == (
        "hand_over",
        "rider",
        "张师傅",
    )
    assert "by 李娜 to Rider 张师傅" in _texts(screen)


def test_mini_program_order_shows_its_pickup_code_large(qtbot, screen, seed) -> None:
    seed.staff(seed.cashier)
    seed.orders(seed.order_row("m1", channel=Channel.MINIPROGRAM, status="new"))
    screen.set_actor(seed.cashier.signed_in())
    screen.show_order("m1")

    qtbot.mouseClick(screen.action_bar.buttons[OrderAction.ACCEPT], Qt.MouseButton.LeftButton)

    codes = [
        label
        for label in screen.detail_pane.widget().findChildren(QLabel)
        if label.objectName() == "PickupCode"
    ]
    assert [label.text() for label in codes] == ["1"]


def _store_settings(db) -> None:
    data = {
        "store_id": "store-1",
        "name": "店",
        "channels": [{"channel": c.value, "accept_window_s": 300} for c in Channel],
        "version": 1,
    }
    with db.write() as session:
        staff_repository.replace_store_settings(
            session, [{"store_id": "store-1", "data": data, "version": 1}]
        )


def test_busy_mode_pauses_a_channel_and_it_reopens_by_itself(
    qtbot, services, bridge, seed, clock, db
) -> None:
    _store_settings(db)
    seed.staff(seed.cashier)
    pausing = dataclasses.replace(services, channel_pauses=ChannelPauses(db, clock))
    screen = _screen(qtbot, pausing, bridge)
    screen.set_actor(seed.cashier.signed_in())
    bar = screen.busy_mode_bar
    assert bar is not None
    assert bar.channel_buttons[Channel.MEITUAN].text() == "Meituan open"

    bar.pause_actions[Channel.MEITUAN][30].trigger()

    assert bar.channel_buttons[Channel.MEITUAN].text().startswith("Meituan paused until")
    assert bar.reopen_actions[Channel.MEITUAN].isVisible()
    assert not bar.pause_actions[Channel.MEITUAN][15].isVisible()
    assert bar.channel_buttons[Channel.ELEME].text() == "Eleme open"
    [payload] = _payloads(db)
    assert (payload["type"], payload["channel"]) == ("pause_channel", "meituan")
    clock.advance(minutes=30)
    qtbot.waitUntil(
        lambda: bar.channel_buttons[Channel.MEITUAN].text() == "Meituan open", timeout=3000
    )


def test_reopening_early_queues_the_reopening(qtbot, services, bridge, seed, clock, db) -> None:
    _store_settings(db)
    seed.staff(seed.cashier)
    pausing = dataclasses.replace(services, channel_pauses=ChannelPauses(db, clock))
    screen = _screen(qtbot, pausing, bridge)
    screen.set_actor(seed.cashier.signed_in())
    bar = screen.busy_mode_bar
    assert bar is not None
    bar.pause_actions[Channel.ELEME][15].trigger()

    bar.reopen_actions[Channel.ELEME].trigger()

    assert bar.channel_buttons[Channel.ELEME].text() == "Eleme open"
    assert [p["paused_until"] is None for p in _payloads(db)] == [False, True]


def test_booked_order_waits_on_scheduled_then_moves_to_new(qtbot, screen, seed, clock) -> None:
    now = clock()
    seed.staff(seed.cashier)
    seed.orders(
        seed.order_row("asap", serial=1, now=now),
        seed.order_row(
            "booked",
            serial=2,
            now=now,
            scheduled_for=now + timedelta(minutes=45),
            prepare_at=now + timedelta(minutes=10),
            accept_by=now + timedelta(minutes=15),
        ),
    )
    screen.set_actor(seed.cashier.signed_in())
    assert screen.tab_bar.tabText(0) == "New (1)"
    assert screen.tab_bar.tabText(1) == "Booked (1)"
    screen.show_tab(InboxTab.SCHEDULED)
    row = screen.model.row_of("booked")
    assert row is not None
    assert screen.model.row_of("asap") is None
    # The counter sees the customer's time and when the order comes up, not its age.
    booked = screen.model.index(row, InboxColumn.BOOKED).data()
    expected = (now + timedelta(minutes=45)).astimezone().strftime("%H:%M")
    prepare = (now + timedelta(minutes=10)).astimezone().strftime("%H:%M")
    assert expected in booked
    assert prepare in booked
    assert not screen.table.isColumnHidden(InboxColumn.BOOKED)
    assert screen.table.isColumnHidden(InboxColumn.AGE)

    clock.advance(minutes=10)

    qtbot.waitUntil(lambda: screen.tab_bar.tabText(0) == "New (2)", timeout=3000)
    assert screen.tab_bar.tabText(1) == "Booked (0)"
    assert screen.model.row_of("booked") is None
    screen.show_tab(InboxTab.NEW)
    assert screen.model.row_of("booked") is not None

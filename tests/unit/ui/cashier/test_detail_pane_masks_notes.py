"""Numbers customers type into notes, reasons and replies are shown masked on the order pane."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from PySide6.QtWidgets import QLabel

from app.read_models import CustomerRequestView, ReminderView
from tests.unit.ui.conftest import NOW, Seeder
from ui.cashier.order_detail_pane import OrderDetailPane


def test_free_typed_texts_never_show_a_full_number(qtbot, services, seed: Seeder) -> None:
    seed.orders(
        seed.order_row(
            "noted",
            status="accepted",
            note="到了打 138 1234 5678",
            status_reason="顾客说打 +86 139-8765-4321",
        ),
        lines=[seed.line_row("noted", 1, "米饭", 1, 400, note="缺货请打１３７１１１１２２２２")],
    )
    order = replace(
        services.order_queries.detail("noted"),
        request=CustomerRequestView(
            kind="refund",
            reason="不想要了，回电 13600001111",
            requested_at=NOW - timedelta(minutes=1),
            respond_by=None,
            refund_cents=400,
            answer="disagreed",
            answer_reason="已致电 13600001111",
            answered_at=NOW,
            answered_by="王店长",
        ),
        reminders=(
            ReminderView(
                reminder_id="r1",
                asked_at=NOW - timedelta(minutes=3),
                reply="请拨 15000002222",
                replied_at=NOW - timedelta(minutes=2),
                replied_by="王店长",
            ),
        ),
    )
    pane = OrderDetailPane(services.clock)
    qtbot.addWidget(pane)
    pane.show_order(order)

    shown = "\n".join(label.text() for label in pane.findChildren(QLabel))
    for full in ("1234 5678", "8765-4321", "１１１１２２２２", "13600001111", "15000002222"):
        assert full not in shown
    for masked in ("138 **** 5678", "139-****-4321", "１３７****２２２２", "136****1111"):
        assert masked in shown
    assert "150****2222" in shown

"""The banner of hub rejections: shown from the bridge and at start, dismissed for good."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.domain.vocabulary import Channel
from tests.unit.ui.conftest import NOW
from ui.notice_banner import NoticeBanner
from ui.value_formats import format_clock_time


@pytest.fixture
def window(qtbot) -> QWidget:
    window = QWidget()
    qtbot.addWidget(window)
    QVBoxLayout(window)
    return window


def _banner(qtbot, window: QWidget, services, bridge) -> NoticeBanner:
    banner = NoticeBanner(services, bridge, window)
    window.layout().addWidget(banner)
    window.show()
    qtbot.waitExposed(window)
    return banner


def _seed_refused_accept(seed):
    seed.staff(seed.cashier)
    seed.orders(
        seed.order_row(
            "o23",
            channel=Channel.MEITUAN,
            serial=23,
            status="cancelled",
            status_reason="cancelled by the customer",
            status_code="customer_cancelled",
            closed_at=NOW - timedelta(minutes=1),
        )
    )
    return seed.rejected_command(
        "o23", staff_id=seed.cashier.staff_id, reason="order_cancelled", message="cancelled"
    )


def test_notice_from_the_bridge_shows_in_words_and_dismiss_acknowledges(
    qtbot, window, seed, services, bridge
) -> None:
    notice = _seed_refused_accept(seed)
    banner = _banner(qtbot, window, services, bridge)
    assert not banner.isVisible()
    worker = threading.Thread(target=lambda: bridge.command_rejected(notice))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: notice.seq in banner.rows)
    row = banner.rows[notice.seq]
    assert banner.isVisible()
    assert row.label.text() == (
        f"#23 (Meituan) was cancelled by the customer at {clock_of(NOW - timedelta(minutes=1))}, "
        f"before 李娜's “Accept” ({clock_of(notice.at)}) reached the hub; it was not applied."
    )
    qtbot.mouseClick(row.dismiss_button, Qt.MouseButton.LeftButton)
    assert services.notices.unseen() == []
    assert banner.rows == {}
    assert not banner.isVisible()


def test_unseen_notices_show_at_start_once(qtbot, window, seed, services, bridge) -> None:
    notice = _seed_refused_accept(seed)
    banner = _banner(qtbot, window, services, bridge)
    banner.load_unseen()
    banner.add_notice(notice)
    assert list(banner.rows) == [notice.seq]


def test_an_unknown_code_reads_as_a_sentence_of_ours_never_the_hubs_text(
    qtbot, window, seed, services, bridge
) -> None:
    dump = "1 validation error for AcceptOrder\norder_id\n  String should have at most 64"
    notice = seed.rejected_command("gone", staff_id="nobody", reason="store_paused", message=dump)
    banner = _banner(qtbot, window, services, bridge)
    banner.add_notice(notice)
    assert banner.rows[notice.seq].label.text() == (
        f"“Accept” ({clock_of(notice.at)}) was not applied: The hub refused this action."
    )


def test_a_refusal_on_an_order_still_open_names_the_order_and_the_hubs_reason(
    qtbot, window, seed, services, bridge
) -> None:
    seed.staff(seed.cashier)
    seed.orders(seed.order_row("o7", channel=Channel.ELEME, serial=7, status="ready"))
    notice = seed.rejected_command(
        "o7", staff_id=seed.cashier.staff_id, reason="transition_refused", message="moved on"
    )
    banner = _banner(qtbot, window, services, bridge)
    banner.add_notice(notice)
    assert banner.rows[notice.seq].label.text() == (
        f"#7 (Eleme): 李娜's “Accept” ({clock_of(notice.at)}) was not applied. "
        "The order had already moved on at the hub."
    )


def clock_of(moment: datetime) -> str:
    return format_clock_time(moment, NOW)
